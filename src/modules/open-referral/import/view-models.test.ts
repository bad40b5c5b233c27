import { describe, expect, it } from 'vitest';
import { NO_COUNTS, type ImportReport } from './domain/report.ts';
import { feedRows, importFlash, noteRows, reportModel, statusTag } from './view-models.ts';
import type { FeedRow } from './repository.ts';

const feed: FeedRow & { live_services: number } = {
  id: '0b8a5f57-5f7e-4c3f-9d0c-6f1f8c1e0a01',
  name: 'ICB <directory>',
  base_url: 'https://icb.example.org/oruk',
  created_at: new Date('2026-11-01T10:00:00Z'),
  last_started_at: null,
  last_status: null,
  last_report: null,
  last_imported_at: null,
  last_import_started_at: null,
  last_counts: {},
  live_services: 1200,
};

const report: ImportReport = {
  status: 'failed',
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: '2026-11-23T10:00:05.000Z',
  modifiedAfter: null,
  failures: [{ id: 'x', name: 'Swim <b>', notes: [{ path: '/id', message: 'must be a UUID' }] }],
  warnings: [],
  counts: { ...NO_COUNTS },
};

describe('feed view models', () => {
  it('lists feeds with escaped names, a status tag and their live services', () => {
    const [row] = feedRows([feed]);
    expect(row?.[0]).toEqual({
      html: `<a class="govuk-link" href="/staff/local-offer/feeds/${feed.id}">ICB &lt;directory&gt;</a>`,
    });
    expect(row?.[2]).toEqual({ text: 'Never' });
    expect(row?.[4]).toEqual({ text: '1,200', format: 'numeric' });
    expect(statusTag('failed').text).toBe('Not imported');
  });

  it('shows each failing service with its problems and their paths, escaped', () => {
    expect(noteRows(report.failures)).toEqual([
      [
        { html: 'Swim &lt;b&gt;<br><span class="govuk-body-s govuk-!-text-break-word">x</span>' },
        {
          html: '<ul class="govuk-list govuk-!-margin-bottom-0"><li><code class="govuk-!-text-break-word">/id</code> must be a UUID</li></ul>',
        },
      ],
    ]);
    expect(reportModel(report)).toMatchObject({
      failed: true,
      failureCount: 1,
      countsText: null,
      banner: { heading: 'The feed was not imported' },
    });
    expect(importFlash(report).heading).toBe('The feed was not imported');
    expect(importFlash({ ...report, error: 'down' }).heading).toBe('The feed could not be imported');
    expect(importFlash({ ...report, status: 'ok', failures: [] }).heading).toBe('The feed has been imported');
  });
});
