/**
 * The whole published directory as files: ORUK JSON (a service_list holding every service, fully
 * nested) and CSV (one row a service). Both are written a batch at a time as they are read, so no
 * instance holds the whole directory in memory.
 */
import { csvLine } from '../../lib/csv.ts';

type Service = Record<string, unknown>;

export const CSV_COLUMNS = [
  'id',
  'name',
  'organization_id',
  'organization_name',
  'description',
  'status',
  'minimum_age',
  'maximum_age',
  'eligibility_description',
  'fees',
  'url',
  'email',
  'phones',
  'languages',
  'categories_and_needs',
  'venues',
  'schedules',
  'assured_date',
  'last_modified',
] as const;

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** One CSV row of a fully nested ORUK service. */
export function csvRowOf(s: Service): string {
  const organisation = (s.organization ?? {}) as Record<string, unknown>;
  const phones = list(s.contacts).flatMap((c) => list(c.phones).map((p) => text(p.number)));
  const venues = list(s.service_at_locations).map((sl) => {
    const location = (sl.location ?? {}) as Record<string, unknown>;
    const address = list(location.addresses)[0] ?? {};
    return [text(location.name), text(address.address_1), text(address.city), text(address.postal_code)]
      .filter(Boolean)
      .join(', ');
  });
  const schedules = list(s.schedules).map((sc) =>
    [
      text(sc.freq),
      text(sc.byday),
      text(sc.dtstart),
      text(sc.opens_at) && `${text(sc.opens_at)}-${text(sc.closes_at)}`,
      text(sc.notes),
    ]
      .filter(Boolean)
      .join(' '),
  );
  return csvLine([
    text(s.id),
    text(s.name),
    text(s.organization_id),
    text(organisation.name),
    text(s.description),
    text(s.status),
    text(s.minimum_age),
    text(s.maximum_age),
    text(s.eligibility_description),
    text(s.fees),
    text(s.url),
    text(s.email),
    phones.join('; '),
    list(s.languages)
      .map((l) => text(l.name))
      .join('; '),
    list(s.attributes)
      .map((a) => text((a.taxonomy_term as Record<string, unknown> | undefined)?.name))
      .join('; '),
    venues.join('; '),
    schedules.join('; '),
    text(s.assured_date),
    text(s.last_modified),
  ]);
}

export async function* csvDownload(batches: AsyncIterable<Service[]>): AsyncGenerator<string> {
  // The byte order mark tells Excel the file is UTF-8.
  yield `\uFEFF${csvLine([...CSV_COLUMNS])}`;
  for await (const batch of batches) yield batch.map(csvRowOf).join('');
}

/**
 * A service_list with every published service on one page. The paging fields come after the
 * contents (JSON does not order keys), so the count is of what was written.
 */
export async function* jsonDownload(batches: AsyncIterable<Service[]>): AsyncGenerator<string> {
  yield '{"contents":[';
  let count = 0;
  for await (const batch of batches) {
    const parts = batch.map((s) => JSON.stringify(s));
    yield (count > 0 ? ',' : '') + parts.join(',');
    count += batch.length;
  }
  yield `],"total_items":${count},"total_pages":${count > 0 ? 1 : 0},"page_number":1,"size":${count},"first_page":true,"last_page":true,"empty":${count === 0}}`;
}
