import { describe, expect, it } from 'vitest';
import { listingSchema } from '../domain/listing.ts';
import type { PlannedRow } from './domain/import-plan.ts';
import { changeRows, columnGuideRows, fileErrors, MAX_ROWS_SHOWN, problemRows } from './view-models.ts';

const listing = listingSchema.parse({
  name: 'Swim <club>',
  description: 'Swimming.',
  minimumAge: 5,
  maximumAge: 11,
  accessRoutes: ['self_referral'],
  isFree: true,
});
const planned = (
  kind: PlannedRow['kind'],
  rowNumber: number,
  changed: PlannedRow['changed'] = [],
): PlannedRow => ({
  rowNumber,
  kind,
  serviceId: kind === 'new' ? null : `00000000-0000-4000-8000-${String(rowNumber).padStart(12, '0')}`,
  organisationId: 'org',
  listing,
  assuredDate: '2026-06-01',
  changed,
  isDemo: false,
});

describe('the import pages', () => {
  it('list problems as row, column and message; a whole-row problem says so', () => {
    expect(
      problemRows([
        { rowNumber: 3, column: 'name', message: 'Enter the name of the service' },
        { rowNumber: 4, column: null, message: 'This row has 2 values' },
      ]),
    ).toEqual([
      [{ text: '3' }, { html: '<code>name</code>' }, { text: 'Enter the name of the service' }],
      [{ text: '4' }, { text: 'Whole row' }, { text: 'This row has 2 values' }],
    ]);
    const many = Array.from({ length: MAX_ROWS_SHOWN + 5 }, (_, i) => ({
      rowNumber: i + 2,
      column: null,
      message: 'x',
    }));
    expect(problemRows(many)).toHaveLength(MAX_ROWS_SHOWN);
  });

  it('show the rows that change, new services first, with names escaped', () => {
    const rows = changeRows([
      planned('changed', 2, ['name', 'assured_date']),
      planned('unchanged', 3),
      planned('new', 4),
      planned('confirmed', 5, ['assured_date']),
    ]);
    expect(rows.map((r) => r[0])).toEqual([{ text: '4' }, { text: '2' }, { text: '5' }]);
    expect(rows[0]?.[1]).toEqual({ text: 'Swim <club>' });
    expect(rows[1]?.[1]).toEqual({
      html: '<a class="govuk-link" href="/staff/local-offer/services/00000000-0000-4000-8000-000000000002">Swim &lt;club&gt;</a>',
    });
    expect(rows[1]?.[3]).toEqual({ html: '<code>name</code>, <code>assured_date</code>' });
    expect(rows[2]?.[2]).toEqual({ text: 'Checked date only' });
  });

  it('put file problems in the error summary and against the file field', () => {
    expect(fileErrors(['Select a CSV file', 'Another'])).toEqual({
      summary: [
        { text: 'Select a CSV file', href: '#file' },
        { text: 'Another', href: '#file' },
      ],
      fields: { file: { text: 'Select a CSV file' } },
    });
  });

  it('guide every column', () => {
    expect(columnGuideRows()[0]?.[0]).toEqual({ html: '<code>service_id</code>' });
  });
});
