import type { Repositories, Transactor } from '../../../db/repositories.ts';
import { placeVenuesByPostcode } from '../venues.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { RequestContext } from '../../../lib/context.ts';
import { addDays, formatDate, londonToday } from '../../../lib/dates.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../../lib/errors.ts';
import type { Page } from '../../../lib/pagination.ts';
import { assertCan, can, type Actor } from '../../access/policy.ts';
import { auditEntry } from '../../audit/service.ts';
import { freshnessOf, hiddenBefore, reviewDueOn, type FreshnessSettings } from '../domain/freshness.ts';
import { listingSchema, WEEKDAYS, type Listing, type Weekday } from '../domain/listing.ts';
import type { ServiceRow } from '../repository.ts';
import { compareListings } from './domain/compare.ts';
import { assuredRanges, REMINDER_TEMPLATES, termCodeFrom } from './domain/review.ts';
import type { ListingQuery, ListingScope } from './repository.ts';
import {
  listingFromForm,
  type ListingFilter,
  type ListingFormData,
  type ListingFormOptions,
  type RowCounts,
} from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Terms chosen on the form; age groups and cost are derived from the ages and the price. */
const CHOSEN_TAXONOMIES = ['category', 'need'];
/** Taxonomies editors may add terms to and retire terms from; the others drive derived filters. */
export const EDITABLE_TAXONOMIES = ['category', 'need'];

type Header = NonNullable<Awaited<ReturnType<Repositories['localOfferManagement']['listingHeader']>>>;

/** A listing copied from a partner's open data feed: it is corrected at its source, not here. */
export class ReadOnlyListingError extends ForbiddenError {
  override name = 'ReadOnlyListingError';
  readonly listing: { id: string; name: string; source: string };
  constructor(listing: { id: string; name: string; source: string }) {
    super('a listing from a partner feed is changed at its source');
    this.listing = listing;
  }
}

export function documentOf(revision: { document: unknown }): Listing {
  const raw = typeof revision.document === 'string' ? JSON.parse(revision.document) : revision.document;
  return listingSchema.parse(raw);
}

/** A listing read back from the live tables, for one that has no approved version stored (imported). */
export function listingFromLiveTables(found: NonNullable<ServiceRow>): Listing {
  const s = found.service;
  const time = (t: string | null) => (t ? t.slice(0, 5) : undefined);
  return listingSchema.parse({
    name: s.name,
    description: s.description,
    url: s.url ?? undefined,
    email: s.email ?? undefined,
    status: s.status,
    visibility: s.visibility,
    minimumAge: s.minimum_age,
    maximumAge: s.maximum_age,
    eligibilityDescription: s.eligibility_description ?? undefined,
    accessRoutes: s.access_routes.length > 0 ? s.access_routes : ['self_referral'],
    accessDetails: s.access_details ?? undefined,
    isFree: s.is_free,
    feesDescription: s.fees_description ?? undefined,
    costOptions: found.costOptions.map((c) => ({
      option: c.option,
      amount: c.amount === null ? undefined : Number(c.amount),
      amountDescription: c.amount_description ?? undefined,
    })),
    languages: found.languages.map((l) => l.code),
    termIds: found.terms.filter((t) => CHOSEN_TAXONOMIES.includes(t.taxonomy_key)).map((t) => t.id),
    serviceAreas: found.areas.map((a) => a.name),
    contacts: found.contacts.map((c) => ({
      name: c.name ?? undefined,
      title: c.title ?? undefined,
      email: c.email ?? undefined,
      phone: c.phone ?? undefined,
      phoneDescription: c.phone_description ?? undefined,
    })),
    locations: found.locations.map((l) => ({
      id: l.id,
      name: l.name,
      address1: l.address_1,
      city: l.city,
      postcode: l.postcode,
      latitude: l.latitude ?? undefined,
      longitude: l.longitude ?? undefined,
      accessibility: l.accessibility,
      accessibilityDetails: l.accessibility_details ?? undefined,
    })),
    schedules: found.schedules.map((sc) => ({
      freq: sc.freq,
      byDay:
        sc.freq === 'ONCE'
          ? []
          : sc.byday.filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
      weekOfMonth: sc.week_of_month ?? undefined,
      dtstart: sc.dtstart ?? undefined,
      validFrom: sc.valid_from ?? undefined,
      validTo: sc.valid_to ?? undefined,
      opensAt: time(sc.opens_at),
      closesAt: time(sc.closes_at),
      termTimeOnly: sc.term_time_only,
      description: sc.description ?? undefined,
    })),
  });
}

/**
 * The staff side of the Local Offer: providers keep their own listings up to date, and every change
 * they make waits for a Local Offer editor, while the last approved version stays live; editors
 * change any listing directly, moderate, withdraw, and look after the taxonomies.
 */
export function createLocalOfferManagementService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  freshness: FreshnessSettings;
  publicBaseUrl: string;
  serviceName: string;
}) {
  const { repos, transaction, clock, freshness } = deps;
  const m = repos.localOfferManagement;
  const today = () => londonToday(clock.now());

  function staff(ctx: RequestContext): Actor {
    assertCan(ctx.actor, 'local-offer.staff-area');
    return ctx.actor;
  }

  const isEditor = (actor: Actor) => can(actor, 'local-offer.edit');

  async function scopeFor(actor: Actor): Promise<ListingScope> {
    if (isEditor(actor)) return { organisationIds: null };
    return { organisationIds: await repos.localOffer.organisationsManagedBy(actor.organisationId) };
  }

  /** A listing this person may work on: unknown ids are 404, someone else's listing 403. */
  async function requireListing(ctx: RequestContext, id: string): Promise<{ actor: Actor; header: Header }> {
    const actor = staff(ctx);
    const header = UUID.test(id) ? await m.listingHeader(id.toLowerCase()) : undefined;
    if (!header) throw new NotFoundError('listing not found');
    assertCan(actor, 'local-offer.edit-listing', {
      type: 'listing',
      organisationId: header.account_organisation_id,
    });
    return { actor, header };
  }

  async function termNames(): Promise<Map<string, string>> {
    const terms = await repos.localOffer.listTerms({ includeRetired: true });
    return new Map(terms.map((t) => [t.id, t.name]));
  }

  /** Terms offered on the form: categories and types of need still in use. */
  async function formTerms() {
    const terms = await repos.localOffer.listTerms();
    const categories = terms.filter((t) => t.taxonomyKey === 'category');
    const needs = terms.filter((t) => t.taxonomyKey === 'need');
    return { categories, needs, categoryIds: categories.map((t) => t.id), needIds: needs.map((t) => t.id) };
  }

  /** The version the public sees, or null for a listing never approved. */
  async function liveListing(header: Header): Promise<Listing | null> {
    if (header.live_revision_number === 0) return null;
    const revision = await repos.localOffer.revisionByNumber(header.id, header.live_revision_number);
    if (revision) return documentOf(revision);
    const found = await repos.localOffer.findService(header.id);
    return found ? listingFromLiveTables(found) : null;
  }

  /**
   * What the edit form starts from: a provider continues their change waiting for approval; an
   * editor starts from what is live. A listing never approved starts from its latest version.
   */
  async function startingPoint(actor: Actor, header: Header) {
    const [live, pending, latest] = await Promise.all([
      liveListing(header),
      repos.localOffer.pendingRevision(header.id),
      m.latestRevision(header.id),
    ]);
    const pendingListing = pending ? documentOf(pending) : null;
    const latestListing = latest ? documentOf(latest) : null;
    const base = isEditor(actor)
      ? (live ?? pendingListing ?? latestListing)
      : (pendingListing ?? live ?? latestListing);
    return { base, live, pending: pending ?? null };
  }

  const placeVenues = (listing: Listing) => placeVenuesByPostcode(repos, listing);

  function publiclyVisible(header: Header): boolean {
    return (
      header.live_revision_number > 0 &&
      header.withdrawn_at === null &&
      header.visibility === 'public' &&
      header.status !== 'defunct' &&
      header.assured_date >= hiddenBefore(today(), freshness)
    );
  }

  function refuseImported(header: Header) {
    // Listings from partners' open data feeds are corrected at their source, not here (ADR 15).
    if (header.source) {
      throw new ReadOnlyListingError({
        id: header.id,
        name: header.name,
        source: header.feed_name ?? header.source,
      });
    }
  }

  async function requireRevision(ctx: RequestContext, revisionId: string) {
    assertCan(ctx.actor, 'local-offer.edit');
    const revision = UUID.test(revisionId) ? await m.revisionWithPeople(revisionId.toLowerCase()) : undefined;
    if (!revision) throw new NotFoundError('revision not found');
    const header = await m.listingHeader(revision.service_id);
    if (!header) throw new NotFoundError('listing not found');
    return { actor: ctx.actor, revision, header };
  }

  async function requireTerm(ctx: RequestContext, id: string) {
    assertCan(ctx.actor, 'local-offer.edit');
    const term = UUID.test(id) ? await m.findTerm(id.toLowerCase()) : undefined;
    if (!term) throw new NotFoundError('term not found');
    return term;
  }

  return {
    today,

    async dashboard(ctx: RequestContext) {
      const actor = staff(ctx);
      const scope = await scopeFor(actor);
      const t = today();
      const ranges = assuredRanges(t, freshness);
      const base: ListingQuery = { scope, hiddenBefore: hiddenBefore(t, freshness) };
      const dueSoon = await m.countListings({ ...base, assured: ranges.due_soon });
      const overdue = await m.countListings({ ...base, assured: ranges.overdue });
      const hidden = await m.countListings({ ...base, assured: ranges.hidden });
      const waiting = await m.pendingCount(scope);
      const live = await m.countListings({ ...base, state: 'live' });
      const total = await m.countListings(base);
      const yours = isEditor(actor) ? null : await m.listListings(base, { limit: 10, offset: 0 });
      return {
        isEditor: isEditor(actor),
        canAddListing: isEditor(actor) || (scope.organisationIds?.length ?? 0) > 0,
        counts: { dueSoon, overdue, hidden, waiting, live, total },
        yours,
        today: t,
      };
    },

    async listListings(ctx: RequestContext, filter: ListingFilter, page: Page) {
      const actor = staff(ctx);
      const scope = await scopeFor(actor);
      const all = await repos.localOffer.listOrganisations();
      const organisations =
        scope.organisationIds === null ? all : all.filter((o) => scope.organisationIds?.includes(o.id));
      const organisationId = organisations.some((o) => o.id === filter.organisation)
        ? filter.organisation
        : undefined;
      const t = today();
      const result = await m.listListings(
        {
          scope,
          organisationId,
          state: filter.status,
          assured: filter.freshness ? assuredRanges(t, freshness)[filter.freshness] : undefined,
          search: filter.q,
          hiddenBefore: hiddenBefore(t, freshness),
        },
        page,
      );
      return { ...result, organisations, organisationId, isEditor: isEditor(actor), today: t };
    },

    /** What the new-listing form needs: the organisations this person may add a listing for, and the terms. */
    async newListingForm(ctx: RequestContext) {
      const actor = staff(ctx);
      const all = await repos.localOffer.listOrganisations();
      const organisations = isEditor(actor)
        ? all
        : all.filter(
            (o) => o.accountOrganisationId !== null && o.accountOrganisationId === actor.organisationId,
          );
      const terms = await formTerms();
      return {
        organisations,
        terms,
        isEditor: isEditor(actor),
        formOptions: (rows: RowCounts): ListingFormOptions => ({
          rows,
          categoryIds: terms.categoryIds,
          needIds: terms.needIds,
          canSetVisibility: isEditor(actor),
          organisationIds: organisations.map((o) => o.id),
        }),
      };
    },

    async editListingForm(ctx: RequestContext, id: string) {
      const { actor, header } = await requireListing(ctx, id);
      refuseImported(header);
      const start = await startingPoint(actor, header);
      const terms = await formTerms();
      return {
        header,
        ...start,
        terms,
        isEditor: isEditor(actor),
        formOptions: (rows: RowCounts): ListingFormOptions => ({
          rows,
          categoryIds: terms.categoryIds,
          needIds: terms.needIds,
          canSetVisibility: isEditor(actor),
        }),
      };
    },

    /**
     * Saves the form. An editor's change is approved and live at once (editing confirms the listing,
     * so its review date restarts). A provider's change waits for approval and the live listing is
     * untouched; a newer change replaces one still waiting (the earlier one is kept in the history
     * as superseded, so nothing a provider sent is lost).
     */
    async saveListing(
      ctx: RequestContext,
      input: { serviceId?: string; data: ListingFormData; rows: RowCounts },
    ): Promise<{ outcome: 'published' | 'submitted'; serviceId: string; revisionNumber: number }> {
      let actor: Actor;
      let header: Header | undefined;
      let base: Listing | null = null;
      let organisationId: string;
      if (input.serviceId) {
        ({ actor, header } = await requireListing(ctx, input.serviceId));
        refuseImported(header);
        base = (await startingPoint(actor, header)).base;
        organisationId = header.organisation_id;
      } else {
        actor = staff(ctx);
        const chosen = typeof input.data.organisationId === 'string' ? input.data.organisationId : '';
        const organisation = UUID.test(chosen) ? await repos.localOffer.findOrganisation(chosen) : undefined;
        if (!organisation)
          throw new RuleError('organisationId', 'Select the organisation that runs the service');
        assertCan(actor, 'local-offer.edit-listing', {
          type: 'listing',
          organisationId: organisation.account_organisation_id,
        });
        organisationId = organisation.id;
      }
      const editor = isEditor(actor);
      // Only editors choose who can see a listing; a provider's change keeps what an editor set.
      const drafted = listingFromForm(input.data, {
        rows: input.rows,
        base,
        visibility: base?.visibility ?? 'public',
      });
      // A retired term is not offered on the form, but a listing that had it keeps it.
      const { categoryIds, needIds } = await formTerms();
      const offered = new Set([...categoryIds, ...needIds]);
      drafted.termIds = [
        ...new Set([...drafted.termIds, ...(base?.termIds ?? []).filter((id) => !offered.has(id))]),
      ];
      const checked = listingSchema.safeParse(await placeVenues(drafted));
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new RuleError(String(issue?.path[0] ?? 'name'), 'Check this answer and try again');
      }
      const listing = checked.data;
      const changeSummary =
        typeof input.data.changeSummary === 'string' && input.data.changeSummary
          ? input.data.changeSummary
          : undefined;
      const t = today();
      const userId = actor.userId;

      if (editor) {
        return transaction(async (r) => {
          let serviceId: string;
          let number: number;
          if (header) {
            serviceId = header.id;
            const revision = await r.localOffer.insertRevision({
              serviceId,
              status: 'approved',
              document: listing,
              changeSummary,
              submittedBy: userId,
              reviewedBy: userId,
            });
            number = revision.number;
            await r.localOffer.applyListing({
              serviceId,
              organisationId,
              listing,
              assuredDate: t,
              revisionNumber: number,
              isDemo: header.is_demo,
            });
            await r.localOffer.supersedeApproved(serviceId, number);
          } else {
            ({ id: serviceId } = await r.localOffer.applyListing({
              organisationId,
              listing,
              assuredDate: t,
              revisionNumber: 1,
              isDemo: false,
            }));
            const revision = await r.localOffer.insertRevision({
              serviceId,
              status: 'approved',
              document: listing,
              changeSummary,
              submittedBy: userId,
              reviewedBy: userId,
            });
            number = revision.number;
          }
          await r.audit.insert(
            auditEntry(
              ctx,
              clock,
              'local-offer.listing.published',
              { type: 'service', id: serviceId },
              {
                revision: number,
                created: !header,
              },
            ),
          );
          return { outcome: 'published' as const, serviceId, revisionNumber: number };
        });
      }

      return transaction(async (r) => {
        let serviceId: string;
        let replaced: number | null = null;
        if (header) {
          serviceId = header.id;
          replaced = await r.localOfferManagement.supersedePending(serviceId);
        } else {
          ({ id: serviceId } = await r.localOffer.createPendingService({
            organisationId,
            listing,
            isDemo: false,
          }));
        }
        const revision = await r.localOffer.insertRevision({
          serviceId,
          status: 'pending',
          document: listing,
          changeSummary,
          submittedBy: userId,
        });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.listing.submitted',
            { type: 'service', id: serviceId },
            {
              revision: revision.number,
              created: !header,
              ...(replaced === null ? {} : { replaces: replaced }),
            },
          ),
        );
        return { outcome: 'submitted' as const, serviceId, revisionNumber: revision.number };
      });
    },

    async listingPage(ctx: RequestContext, id: string) {
      const { actor, header } = await requireListing(ctx, id);
      const [live, pending, history, names] = await Promise.all([
        liveListing(header),
        repos.localOffer.pendingRevision(header.id),
        repos.localOffer.revisionHistory(header.id),
        termNames(),
      ]);
      const latest = history[0];
      const t = today();
      const isLive = header.live_revision_number > 0 && header.withdrawn_at === null;
      return {
        header,
        live,
        pending: pending
          ? { number: pending.number, id: pending.id, submittedAt: pending.submitted_at }
          : null,
        history,
        lastRejection: latest?.status === 'rejected' ? latest : null,
        freshness: isLive ? freshnessOf(header.assured_date, t, freshness) : null,
        reviewDue: reviewDueOn(header.assured_date, freshness),
        publiclyVisible: publiclyVisible(header),
        isEditor: isEditor(actor),
        termNames: names,
        today: t,
      };
    },

    /** One version of a listing, compared with the version before it. */
    async version(ctx: RequestContext, id: string, numberText: string) {
      const { actor, header } = await requireListing(ctx, id);
      const number = /^\d{1,6}$/.test(numberText) ? Number(numberText) : 0;
      const revision = number > 0 ? await repos.localOffer.revisionByNumber(header.id, number) : undefined;
      if (!revision) throw new NotFoundError('version not found');
      const [withPeople, previous, names] = await Promise.all([
        m.revisionWithPeople(revision.id),
        number > 1 ? repos.localOffer.revisionByNumber(header.id, number - 1) : Promise.resolve(undefined),
        termNames(),
      ]);
      return {
        header,
        revision: withPeople ?? { ...revision, submitted_by_name: null, reviewed_by_name: null },
        previousNumber: previous ? previous.number : null,
        rows: compareListings(previous ? documentOf(previous) : null, documentOf(revision), names),
        isEditor: isEditor(actor),
      };
    },

    async moderationQueue(ctx: RequestContext) {
      assertCan(ctx.actor, 'local-offer.edit');
      return m.moderationQueue();
    },

    /** A change compared with the live version, field by field. */
    async review(ctx: RequestContext, revisionId: string) {
      const { revision, header } = await requireRevision(ctx, revisionId);
      const [live, names] = await Promise.all([liveListing(header), termNames()]);
      const after = documentOf(revision);
      return { revision, header, live, after, rows: compareListings(live, after, names) };
    },

    /** Approves a change: it goes live at once, and the version it replaces is kept as superseded. */
    async approve(ctx: RequestContext, revisionId: string): Promise<{ decided: boolean; serviceId: string }> {
      const { actor, revision, header } = await requireRevision(ctx, revisionId);
      const listing = documentOf(revision);
      const t = today();
      const decided = await transaction(async (r) => {
        const updated = await r.localOffer.decideRevision(revision.id, {
          status: 'approved',
          reviewedBy: actor.userId,
        });
        // Someone else decided it first: nothing more to do.
        if (!updated) return false;
        await r.localOffer.applyListing({
          serviceId: header.id,
          organisationId: header.organisation_id,
          listing,
          assuredDate: t,
          revisionNumber: revision.number,
          isDemo: header.is_demo,
        });
        await r.localOffer.supersedeApproved(header.id, revision.number);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.listing.approved',
            { type: 'service', id: header.id },
            {
              revision: revision.number,
            },
          ),
        );
        return true;
      });
      return { decided, serviceId: header.id };
    },

    async reject(
      ctx: RequestContext,
      revisionId: string,
      reason: string,
    ): Promise<{ decided: boolean; serviceId: string }> {
      const { actor, revision, header } = await requireRevision(ctx, revisionId);
      const decided = await transaction(async (r) => {
        const updated = await r.localOffer.decideRevision(revision.id, {
          status: 'rejected',
          reviewedBy: actor.userId,
          reason,
        });
        if (!updated) return false;
        // The reason is for the provider; the audit trail records only that one was given.
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.listing.rejected',
            { type: 'service', id: header.id },
            {
              revision: revision.number,
            },
          ),
        );
        return true;
      });
      return { decided, serviceId: header.id };
    },

    /** "This listing is still correct": its review starts again from today. No content changes, so no moderation. */
    async confirmReviewed(ctx: RequestContext, id: string) {
      const { header } = await requireListing(ctx, id);
      // A copied listing is confirmed by each import that finds it still in the partner's feed.
      refuseImported(header);
      const t = today();
      await transaction(async (r) => {
        await r.localOffer.confirmReviewed(header.id, t);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.listing.confirmed',
            { type: 'service', id: header.id },
            {
              assured_date: t,
              previous_assured_date: header.assured_date,
            },
          ),
        );
      });
      return { header, reviewDue: reviewDueOn(t, freshness) };
    },

    async withdrawalPage(ctx: RequestContext, id: string) {
      const { actor, header } = await requireListing(ctx, id);
      assertCan(actor, 'local-offer.edit');
      return { header };
    },

    /** Takes a listing off the public site (or puts it back); it stays in the database with its history. */
    async setWithdrawn(ctx: RequestContext, id: string, withdrawn: boolean) {
      const { actor, header } = await requireListing(ctx, id);
      assertCan(actor, 'local-offer.edit');
      if ((header.withdrawn_at !== null) === withdrawn) return { header, changed: false };
      await transaction(async (r) => {
        await r.localOffer.setWithdrawn(header.id, withdrawn);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            withdrawn ? 'local-offer.listing.withdrawn' : 'local-offer.listing.restored',
            { type: 'service', id: header.id },
          ),
        );
      });
      return { header, changed: true };
    },

    /**
     * Reminds the people who manage each listing that is due for review soon, overdue, or newly
     * hidden: once per listing, assured date and kind, however often this runs. A listing whose
     * organisation has no provider account is the Local Offer editors' to look after.
     */
    async sendReviewReminders(day: string = today()): Promise<{ reminders: number; notifications: number }> {
      const ctx: RequestContext = { actor: null, requestId: `local-offer-reminders-${day}` };
      const ranges = assuredRanges(day, freshness);
      const candidates = await m.listingsAssuredBy(ranges.due_soon.to as string);
      let reminders = 0;
      let notifications = 0;
      for (const listing of candidates) {
        const kind = freshnessOf(listing.assured_date, day, freshness);
        if (kind === 'current') continue;
        const due = reviewDueOn(listing.assured_date, freshness);
        const sent = await transaction(async (r) => {
          if (!(await r.localOfferManagement.recordReminder(listing.id, listing.assured_date, kind)))
            return null;
          let recipients = listing.account_organisation_id
            ? await r.localOfferManagement.activeUsers({
                organisationId: listing.account_organisation_id,
                role: 'provider',
              })
            : [];
          if (recipients.length === 0)
            recipients = await r.localOfferManagement.activeUsers({ role: 'local_offer_editor' });
          for (const person of recipients) {
            await r.accounts.queueNotification({
              template: REMINDER_TEMPLATES[kind],
              recipient: person.email,
              personalisation: {
                full_name: person.full_name,
                service_name: deps.serviceName,
                listing_name: listing.name,
                review_due_date: formatDate(due),
                hidden_from_date: formatDate(addDays(due, freshness.graceDays + 1)),
                listing_url: `${deps.publicBaseUrl}/staff/local-offer/services/${listing.id}`,
              },
            });
          }
          await r.audit.insert(
            auditEntry(
              ctx,
              clock,
              'local-offer.review-reminder.sent',
              { type: 'service', id: listing.id },
              {
                kind,
                assured_date: listing.assured_date,
                recipients: recipients.length,
              },
            ),
          );
          return recipients.length;
        });
        if (sent === null) continue;
        reminders += 1;
        notifications += sent;
      }
      return { reminders, notifications };
    },

    // ---------------------------------------------------------------- taxonomies

    async taxonomies(ctx: RequestContext) {
      assertCan(ctx.actor, 'local-offer.edit');
      const [taxonomies, terms] = await Promise.all([
        repos.localOffer.listTaxonomies(),
        m.listTermsForEditing(),
      ]);
      return taxonomies.map((x) => {
        const own = terms.filter((t) => t.taxonomyId === x.id);
        const parents = own.filter((t) => t.parentId === null);
        const ordered = [
          ...parents.flatMap((p) => [p, ...own.filter((c) => c.parentId === p.id)]),
          // Terms whose parent is in another list (none expected) are still shown.
          ...own.filter((t) => t.parentId !== null && !parents.some((p) => p.id === t.parentId)),
        ];
        return { ...x, editable: EDITABLE_TAXONOMIES.includes(x.key), terms: ordered, parents };
      });
    },

    async term(ctx: RequestContext, id: string) {
      const term = await requireTerm(ctx, id);
      return { ...term, editable: EDITABLE_TAXONOMIES.includes(term.taxonomy_key) };
    },

    async newTermForm(ctx: RequestContext, taxonomyId: string) {
      assertCan(ctx.actor, 'local-offer.edit');
      const taxonomy = UUID.test(taxonomyId) ? await m.findTaxonomy(taxonomyId.toLowerCase()) : undefined;
      if (!taxonomy || !EDITABLE_TAXONOMIES.includes(taxonomy.key))
        throw new NotFoundError('taxonomy not found');
      const terms = await repos.localOffer.listTerms();
      return { taxonomy, parents: terms.filter((t) => t.taxonomyId === taxonomy.id && t.parentId === null) };
    },

    async updateTerm(ctx: RequestContext, id: string, input: { name: string; description: string }) {
      const term = await requireTerm(ctx, id);
      if (term.name === input.name && term.description === input.description) return term;
      await transaction(async (r) => {
        await r.localOffer.updateTerm(term.id, { ...input, retired: term.retired_at !== null });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.term.updated',
            { type: 'taxonomy_term', id: term.id },
            {
              taxonomy: term.taxonomy_key,
              code: term.code,
              ...(term.name === input.name ? {} : { name: { from: term.name, to: input.name } }),
              ...(term.description === input.description ? {} : { description: 'changed' }),
            },
          ),
        );
      });
      return term;
    },

    /** Retired terms leave the public filters and the form; listings keep the link, and it comes back on restoring. */
    async setTermRetired(ctx: RequestContext, id: string, retired: boolean) {
      const term = await requireTerm(ctx, id);
      if (!EDITABLE_TAXONOMIES.includes(term.taxonomy_key)) throw new NotFoundError('this taxonomy is fixed');
      if ((term.retired_at !== null) === retired) return term;
      await transaction(async (r) => {
        await r.localOffer.updateTerm(term.id, { name: term.name, description: term.description, retired });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            retired ? 'local-offer.term.retired' : 'local-offer.term.restored',
            { type: 'taxonomy_term', id: term.id },
            { taxonomy: term.taxonomy_key, code: term.code },
          ),
        );
      });
      return term;
    },

    async addTerm(
      ctx: RequestContext,
      taxonomyId: string,
      input: { name: string; description: string; parentId: string },
    ) {
      const { taxonomy, parents } = await this.newTermForm(ctx, taxonomyId);
      const parentId = input.parentId ? input.parentId.toLowerCase() : null;
      if (parentId && !parents.some((p) => p.id === parentId)) {
        throw new RuleError('parentId', 'Select where the term belongs from the list');
      }
      return transaction(async (r) => {
        const code = termCodeFrom(input.name, await r.localOfferManagement.termCodes(taxonomy.id));
        const added = await r.localOffer.addTerm({
          taxonomyId: taxonomy.id,
          parentId,
          code,
          name: input.name,
          description: input.description,
        });
        if (!added)
          throw new RuleError('name', 'A term with this name was added at the same moment. Try again');
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.term.added',
            { type: 'taxonomy_term', id: added.id },
            {
              taxonomy: taxonomy.key,
              code,
            },
          ),
        );
        return { ...added, taxonomy };
      });
    },
  };
}

export type LocalOfferManagementService = ReturnType<typeof createLocalOfferManagementService>;
