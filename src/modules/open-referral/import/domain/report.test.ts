import { describe, expect, it } from 'vitest';
import { describeCounts, NO_COUNTS, noteFromRuleBreak, reportLines, type ImportReport } from './report.ts';

describe('noteFromRuleBreak', () => {
  it('splits "<pointer>: <message>", the root being the record itself', () => {
    expect(noteFromRuleBreak('/contacts/0/id: must be a UUID, not "x"')).toEqual({
      path: '/contacts/0/id',
      message: 'must be a UUID, not "x"',
    });
    expect(noteFromRuleBreak('(root): must be left out rather than null')).toEqual({
      path: '',
      message: 'must be left out rather than null',
    });
  });
});

describe('describeCounts', () => {
  it('says what changed, leaving out what did not', () => {
    expect(describeCounts({ ...NO_COUNTS, published: 3, created: 3 })).toBe(
      '3 services added (the feed publishes 3 services)',
    );
    expect(describeCounts({ ...NO_COUNTS, published: 1, updated: 1, withdrawn: 2, unchanged: 0 })).toBe(
      '1 changed, 2 withdrawn (the feed publishes 1 service)',
    );
    expect(describeCounts({ ...NO_COUNTS })).toBe('no changes (the feed publishes 0 services)');
  });
});

describe('reportLines', () => {
  const base: ImportReport = {
    status: 'failed',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:00:05.000Z',
    modifiedAfter: null,
    failures: [],
    warnings: [],
    counts: { ...NO_COUNTS },
  };

  it('lists every failing record with each problem and its path', () => {
    const lines = reportLines({
      ...base,
      failures: [
        {
          id: 'abc',
          name: '(no name)',
          notes: [
            { path: '/name', message: 'must be there' },
            { path: '/contacts/0/id', message: 'must be a UUID' },
          ],
        },
      ],
    });
    expect(lines).toEqual([
      'Nothing was imported: 1 service in the feed fails validation.',
      '- (no name) (abc)',
      '    /name: must be there',
      '    /contacts/0/id: must be a UUID',
    ]);
  });

  it('says why a feed could not be read', () => {
    expect(reportLines({ ...base, error: 'https://x/services answered 500' })).toEqual([
      'The feed could not be imported: https://x/services answered 500',
    ]);
  });

  it('gives the counts and the adjustments of a good import', () => {
    const lines = reportLines({
      ...base,
      status: 'ok',
      counts: { ...NO_COUNTS, published: 2, created: 2 },
      warnings: [{ id: 'abc', name: 'Swim', notes: [{ path: '/maximum_age', message: 'is 100' }] }],
    });
    expect(lines).toEqual([
      'Imported: 2 services added (the feed publishes 2 services).',
      'Adjusted to fit the Local Offer (1 service):',
      '- Swim (abc)',
      '    /maximum_age: is 100',
    ]);
  });
});
