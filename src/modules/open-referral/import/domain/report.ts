/**
 * What an import of a partner's feed found and did, record by record: kept on the feed (its last
 * report), shown to the editor who ran it, and printed by the command line.
 */

/** One thing about one field: `path` is a JSON pointer into the feed's record, like /contacts/0/id. */
export type Note = { path: string; message: string };

/** The notes about one of the feed's services. */
export type RecordNotes = { id: string; name: string; notes: Note[] };

export type ImportCounts = {
  /** Services the feed publishes. */
  published: number;
  /** Services read in full because they were new or changed there. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** No longer in the feed, so withdrawn here (kept, not deleted). */
  withdrawn: number;
  /** Back in the feed after being withdrawn by an import. */
  restored: number;
};

export const NO_COUNTS: ImportCounts = {
  published: 0,
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  withdrawn: 0,
  restored: 0,
};

export type ImportReport = {
  status: 'ok' | 'failed';
  startedAt: string;
  finishedAt: string;
  /** The services asked for were those modified after this (the last good import's start). */
  modifiedAfter: string | null;
  /** Why the whole feed could not be read (unreachable, not JSON, …), when that is the failure. */
  error?: string | undefined;
  /** Every record that failed validation: when there is one, nothing was imported. */
  failures: RecordNotes[];
  /** What was adjusted to fit the Local Offer (ages clamped, unknown languages left out, …). */
  warnings: RecordNotes[];
  counts: ImportCounts;
};

/** `ruleBreaks` reports "<JSON pointer>: <message>"; the root is "(root)". */
export function noteFromRuleBreak(line: string): Note {
  const at = line.indexOf(': ');
  if (at < 0) return { path: '', message: line };
  const path = line.slice(0, at);
  return { path: path === '(root)' ? '' : path, message: line.slice(at + 2) };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "2 added, 1 changed, 40 unchanged, 1 withdrawn" — the parts that are not zero, or "no changes". */
export function describeCounts(c: ImportCounts): string {
  const parts = [
    c.created > 0 ? `${plural(c.created, 'service')} added` : '',
    c.updated > 0 ? `${c.updated.toLocaleString('en-GB')} changed` : '',
    c.withdrawn > 0 ? `${c.withdrawn.toLocaleString('en-GB')} withdrawn` : '',
    c.restored > 0 ? `${c.restored.toLocaleString('en-GB')} restored` : '',
    c.unchanged > 0 ? `${c.unchanged.toLocaleString('en-GB')} unchanged` : '',
  ].filter(Boolean);
  const summary = parts.length > 0 ? parts.join(', ') : 'no changes';
  return `${summary} (the feed publishes ${plural(c.published, 'service')})`;
}

/** The report as lines of plain text, for the command line. */
export function reportLines(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.error) lines.push(`The feed could not be imported: ${report.error}`);
  if (report.failures.length > 0) {
    lines.push(
      `Nothing was imported: ${plural(report.failures.length, 'service')} in the feed ${report.failures.length === 1 ? 'fails' : 'fail'} validation.`,
    );
    for (const record of report.failures) {
      lines.push(`- ${record.name} (${record.id})`);
      for (const note of record.notes) lines.push(`    ${note.path || '(the record)'}: ${note.message}`);
    }
  }
  if (report.status === 'ok') {
    lines.push(`Imported: ${describeCounts(report.counts)}.`);
    if (report.warnings.length > 0) {
      lines.push(`Adjusted to fit the Local Offer (${plural(report.warnings.length, 'service')}):`);
      for (const record of report.warnings) {
        lines.push(`- ${record.name} (${record.id})`);
        for (const note of record.notes) lines.push(`    ${note.path || '(the record)'}: ${note.message}`);
      }
    }
  }
  return lines;
}
