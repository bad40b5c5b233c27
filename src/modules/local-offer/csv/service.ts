import type { Repositories, Transactor } from '../../../db/repositories.ts';
import { placeVenuesByPostcode } from '../venues.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { RequestContext } from '../../../lib/context.ts';
import { csvLine } from '../../../lib/csv.ts';
import { londonToday } from '../../../lib/dates.ts';
import { assertCan } from '../../access/policy.ts';
import { auditEntry } from '../../audit/service.ts';
import { listingSchema, type Listing } from '../domain/listing.ts';
import { listingFromLiveTables } from '../management/service.ts';
import {
  COLUMNS,
  csvLookups,
  csvRecord,
  listingToRow,
  type CsvLookups,
  type TermRef,
} from './domain/columns.ts';
import {
  planImport,
  readImportFile,
  serviceIdsIn,
  type ExistingForImport,
  type ImportProblem,
  type PlannedRow,
  type Upload,
} from './domain/import-plan.ts';
import type { CsvPageKey, CsvServiceRow } from './repository.ts';

/** Services are read and written this many at a time. */
export const EXPORT_PAGE_SIZE = 500;
const LOOKUP_CHUNK = 500;

export const IMPORT_CHANGE_SUMMARY = 'Imported from CSV';

export type ImportOutcome =
  /** The file as a whole is wrong: not a CSV, too big, wrong columns. */
  | { outcome: 'file-problems'; errors: string[] }
  /** Some rows are wrong: nothing was applied. */
  | { outcome: 'row-problems'; problems: ImportProblem[]; rowCount: number }
  /** Every row is right and the file was only checked. */
  | { outcome: 'checked'; rows: PlannedRow[]; counts: ImportCounts }
  | { outcome: 'imported'; rows: PlannedRow[]; counts: ImportCounts }
  /** Applying failed part way: everything was rolled back. */
  | { outcome: 'failed'; error: unknown };

export type ImportCounts = { created: number; changed: number; unchanged: number };

/**
 * Local Offer editors download every service as a CSV file, change it in a spreadsheet and upload
 * it again. An upload is checked row by row first; it is applied in one transaction only when every
 * row is right, as approved versions, with one audit record.
 */
export function createLocalOfferCsvService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  /** Services read per query by the export (tests make it small to exercise the paging). */
  exportPageSize?: number;
}) {
  const { repos, transaction, clock } = deps;
  const pageSize = deps.exportPageSize ?? EXPORT_PAGE_SIZE;
  const today = () => londonToday(clock.now());

  async function termRefs(): Promise<TermRef[]> {
    const [all, current] = await Promise.all([
      repos.localOffer.listTerms({ includeRetired: true }),
      repos.localOffer.listTerms(),
    ]);
    const inUse = new Set(current.map((t) => t.id));
    return all.map((t) => ({
      id: t.id,
      code: t.code,
      taxonomyKey: t.taxonomyKey,
      retired: !inUse.has(t.id),
    }));
  }

  /** The version a service's row shows: its stored document, or its live tables when none is stored. */
  async function listingOf(row: CsvServiceRow): Promise<Listing> {
    if (row.document !== null && row.document !== undefined) {
      const raw = typeof row.document === 'string' ? (JSON.parse(row.document) as unknown) : row.document;
      const parsed = listingSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
    }
    const found = await repos.localOffer.findService(row.id);
    if (!found) throw new Error('a service disappeared while it was being read');
    return listingFromLiveTables(found);
  }

  const placeVenues = (listing: Listing) => placeVenuesByPostcode(repos, listing);

  async function lookupsFor(): Promise<CsvLookups> {
    const [organisations, terms] = await Promise.all([repos.localOffer.listOrganisations(), termRefs()]);
    return csvLookups({ organisations, terms, today: today() });
  }

  async function existingServices(ids: string[]): Promise<Map<string, ExistingForImport>> {
    const found = new Map<string, ExistingForImport>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const rows = await repos.localOfferCsv.servicesByIds(ids.slice(i, i + LOOKUP_CHUNK));
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          organisationId: row.organisationId,
          organisationName: row.organisationName,
          assuredDate: row.assuredDate,
          withdrawn: row.withdrawn,
          listing: await listingOf(row),
          fromFeed: row.source !== null,
          isDemo: row.isDemo,
        });
      }
    }
    return found;
  }

  async function apply(ctx: RequestContext, userId: string, rows: PlannedRow[], counts: ImportCounts) {
    const toWrite: PlannedRow[] = [];
    for (const row of rows) {
      if (row.kind === 'new' || row.kind === 'changed')
        toWrite.push({ ...row, listing: await placeVenues(row.listing) });
      else if (row.kind === 'confirmed') toWrite.push(row);
    }
    await transaction(async (r) => {
      for (const row of toWrite) {
        if (row.kind === 'confirmed' && row.serviceId) {
          await r.localOffer.confirmReviewed(row.serviceId, row.assuredDate);
          continue;
        }
        const revision = {
          status: 'approved' as const,
          document: row.listing,
          changeSummary: IMPORT_CHANGE_SUMMARY,
          submittedBy: userId,
          reviewedBy: userId,
        };
        if (row.serviceId) {
          const { number } = await r.localOffer.insertRevision({ ...revision, serviceId: row.serviceId });
          await r.localOffer.applyListing({
            serviceId: row.serviceId,
            organisationId: row.organisationId,
            listing: row.listing,
            assuredDate: row.assuredDate,
            revisionNumber: number,
            isDemo: row.isDemo,
          });
          await r.localOffer.supersedeApproved(row.serviceId, number);
        } else {
          const { id } = await r.localOffer.applyListing({
            organisationId: row.organisationId,
            listing: row.listing,
            assuredDate: row.assuredDate,
            revisionNumber: 1,
            isDemo: false,
          });
          await r.localOffer.insertRevision({ ...revision, serviceId: id });
        }
      }
      await r.audit.insert(
        auditEntry(
          ctx,
          clock,
          'local-offer.csv.imported',
          { type: 'local_offer' },
          { ...counts, rows: rows.length },
        ),
      );
    });
  }

  return {
    today,

    /** Only Local Offer editors work with whole-directory files. */
    requireEditor: assertEditor,

    /**
     * Every service as CSV lines, a page at a time (the file is never held whole in memory). The
     * download is audited when it starts.
     */
    async exportServices(ctx: RequestContext): Promise<{ filename: string; lines: AsyncIterable<string> }> {
      assertEditor(ctx);
      const services = await repos.localOffer.countServices();
      await repos.audit.insert(
        auditEntry(ctx, clock, 'local-offer.csv.exported', { type: 'local_offer' }, { services }),
      );
      const date = today();
      const { termsById } = await lookupsFor();

      async function* lines(): AsyncGenerator<string> {
        // The byte order mark tells Excel the file is UTF-8.
        yield `\uFEFF${csvLine([...COLUMNS])}`;
        let after: CsvPageKey | null = null;
        for (;;) {
          const page = await repos.localOfferCsv.servicesAfter(after, pageSize);
          let chunk = '';
          for (const row of page) {
            const listing = await listingOf(row);
            chunk += csvRecord(
              listingToRow(listing, {
                serviceId: row.id,
                organisationName: row.organisationName,
                assuredDate: row.assuredDate,
                withdrawn: row.withdrawn,
                termsById,
              }),
            );
          }
          if (chunk) yield chunk;
          const last = page.at(-1);
          if (!last || page.length < pageSize) return;
          after = { organisationName: last.organisationName, name: last.name, id: last.id };
        }
      }
      return { filename: `local-offer-services-${date}.csv`, lines: lines() };
    },

    /**
     * Checks an uploaded file and, unless told only to check, applies it: all of it, or (if any
     * row has a problem, or writing fails part way) none of it.
     */
    async importServices(
      ctx: RequestContext,
      upload: Upload | undefined,
      options: { apply: boolean },
    ): Promise<ImportOutcome> {
      const actor = assertEditor(ctx);
      const read = readImportFile(upload);
      if ('errors' in read) return { outcome: 'file-problems', errors: read.errors };
      const [lookups, existing] = await Promise.all([
        lookupsFor(),
        existingServices(serviceIdsIn(read.file)),
      ]);
      const plan = planImport(read.file, lookups, existing);
      if (!plan.ok) return { outcome: 'row-problems', problems: plan.problems, rowCount: plan.rowCount };
      if (!options.apply) return { outcome: 'checked', rows: plan.rows, counts: plan.counts };
      try {
        await apply(ctx, actor.userId, plan.rows, plan.counts);
      } catch (error) {
        return { outcome: 'failed', error };
      }
      return { outcome: 'imported', rows: plan.rows, counts: plan.counts };
    },
  };
}

function assertEditor(ctx: RequestContext) {
  assertCan(ctx.actor, 'local-offer.edit');
  return ctx.actor;
}

export type LocalOfferCsvService = ReturnType<typeof createLocalOfferCsvService>;
