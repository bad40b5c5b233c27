import { formatDateTime } from '../../../lib/dates.ts';
import { escapeHtml } from '../../../lib/html.ts';
import { describeCounts, type ImportCounts, type ImportReport, type RecordNotes } from './domain/report.ts';
import type { FeedRow } from './repository.ts';

export const FEEDS_PATH = '/staff/local-offer/feeds';

/** Records shown on a page; the rest are counted (the command line prints them all). */
export const MAX_RECORDS_SHOWN = 200;

type Tag = { text: string; classes: string };

export function statusTag(status: string | null): Tag {
  if (status === 'ok') return { text: 'Imported', classes: 'govuk-tag--green' };
  if (status === 'failed') return { text: 'Not imported', classes: 'govuk-tag--red' };
  return { text: 'Never imported', classes: 'govuk-tag--grey' };
}

const tagHtml = (t: Tag) => `<strong class="govuk-tag ${t.classes}">${escapeHtml(t.text)}</strong>`;

/** The table of feeds: name (a link), address, last good import, how the latest went, services live. */
export function feedRows(feeds: (FeedRow & { live_services: number })[]) {
  return feeds.map((f) => [
    { html: `<a class="govuk-link" href="${FEEDS_PATH}/${f.id}">${escapeHtml(f.name)}</a>` },
    { html: `<span class="govuk-!-text-break-word">${escapeHtml(f.base_url)}</span>` },
    { text: f.last_imported_at ? formatDateTime(f.last_imported_at) : 'Never' },
    { html: tagHtml(statusTag(f.last_status)) },
    { text: f.live_services.toLocaleString('en-GB'), format: 'numeric' },
  ]);
}

function countsOf(counts: Partial<ImportCounts>): ImportCounts {
  return {
    published: counts.published ?? 0,
    fetched: counts.fetched ?? 0,
    created: counts.created ?? 0,
    updated: counts.updated ?? 0,
    unchanged: counts.unchanged ?? 0,
    withdrawn: counts.withdrawn ?? 0,
    restored: counts.restored ?? 0,
  };
}

/** The feed's summary list. */
export function feedSummaryRows(feed: FeedRow & { live_services?: number }) {
  const rows = [
    { key: { text: 'Web address' }, value: { text: feed.base_url } },
    {
      key: { text: 'Last imported' },
      value: { text: feed.last_imported_at ? formatDateTime(feed.last_imported_at) : 'Never' },
    },
  ];
  if (feed.last_imported_at) {
    rows.push({
      key: { text: 'What the last import did' },
      value: { text: describeCounts(countsOf(feed.last_counts)) },
    });
  }
  if (feed.last_started_at && feed.last_status === 'failed') {
    rows.push({ key: { text: 'Last tried' }, value: { text: formatDateTime(feed.last_started_at) } });
  }
  if (feed.live_services !== undefined) {
    rows.push({
      key: { text: 'Its services on the Local Offer' },
      value: { text: feed.live_services.toLocaleString('en-GB') },
    });
  }
  return rows;
}

/** One table row per service: its name and id, then each problem or adjustment with its field. */
export function noteRows(records: RecordNotes[]) {
  return records.slice(0, MAX_RECORDS_SHOWN).map((record) => [
    {
      html: `${escapeHtml(record.name)}<br><span class="govuk-body-s govuk-!-text-break-word">${escapeHtml(record.id)}</span>`,
    },
    {
      html: `<ul class="govuk-list govuk-!-margin-bottom-0">${record.notes
        .map(
          (note) =>
            `<li><code class="govuk-!-text-break-word">${escapeHtml(note.path || '(the record)')}</code> ${escapeHtml(note.message)}</li>`,
        )
        .join('')}</ul>`,
    },
  ]);
}

/** What the page says about the latest import. */
export function reportModel(report: ImportReport | null) {
  if (!report) return null;
  const failed = report.status === 'failed';
  return {
    failed,
    error: report.error ?? null,
    when: formatDateTime(new Date(report.finishedAt)),
    countsText: failed ? null : describeCounts(countsOf(report.counts)),
    failureCount: report.failures.length,
    failureRows: noteRows(report.failures),
    warningCount: report.warnings.length,
    warningRows: noteRows(report.warnings),
    moreFailures: Math.max(0, report.failures.length - MAX_RECORDS_SHOWN),
    moreWarnings: Math.max(0, report.warnings.length - MAX_RECORDS_SHOWN),
    incremental: report.modifiedAfter ? formatDateTime(new Date(report.modifiedAfter)) : null,
    banner: failed ? importFlash(report) : null,
  };
}

/** What an import's outcome says: the flash after a good import, the banner of a failed one. */
export function importFlash(report: ImportReport): { heading: string; text: string } {
  if (report.status === 'ok')
    return { heading: 'The feed has been imported', text: `${describeCounts(report.counts)}.` };
  if (report.error)
    return { heading: 'The feed could not be imported', text: 'Nothing was changed. See why.' };
  const n = report.failures.length;
  return {
    heading: 'The feed was not imported',
    text: `${n === 1 ? '1 service fails' : `${n.toLocaleString('en-GB')} services fail`} validation, so nothing was changed. See each problem.`,
  };
}
