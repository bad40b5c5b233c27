import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { RuleError } from '../../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../../lib/pagination.ts';
import { errorPage } from '../../../plugins/errors.ts';
import { requireSignIn } from '../../../plugins/session.ts';
import { can } from '../../access/policy.ts';
import { FRESHNESS_LABELS } from '../domain/freshness.ts';
import { ReadOnlyListingError } from './service.ts';
import { listingFields } from './domain/compare.ts';
import {
  emptyForm,
  FORM_ROWS,
  formValuesFromListing,
  listingFilter,
  listingFormSchema,
  NEW_LISTING_VALUES,
  newTermForm,
  rejectForm,
  rowCountsFor,
  rowCountsFrom,
  termForm,
  type ListingFormData,
  type RowCounts,
} from './schemas.ts';
import {
  BASE_PATH,
  comparisonModel,
  dashboardModel,
  historyRows,
  listingFilterModel,
  listingFormModel,
  listingsTableRows,
  managementNav,
  queueRows,
  revisionTag,
  summaryRows,
} from './view-models.ts';

const PAGE_SIZE = 25;
const VIEWS = 'local-offer/management/views';

function badRequestPage(requestId: string) {
  const error = errorPage(400);
  return { pageTitle: error.title, error, requestId };
}

/** The staff side of the Local Offer: listings, moderation, review reminders' dashboard and taxonomies. */
export async function registerLocalOfferManagementRoutes(
  app: FastifyInstance,
  container: Container,
): Promise<void> {
  const { services, config } = container;
  const management = services.localOfferManagement;
  const settings = config.localOffer;
  const signedIn = { preHandler: requireSignIn };
  const param = (request: FastifyRequest, name: string) =>
    (request.params as Record<string, string>)[name] ?? '';

  async function flash(request: FastifyRequest, heading: string, text?: string) {
    if (request.session)
      await services.sessions.flash(request.session.idHash, { heading, ...(text ? { text } : {}) });
  }

  /** A listing copied from a partner's feed cannot be changed here: say so, and where it is changed. */
  async function readOnly(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ReadOnlyListingError)) throw error;
      return reply.code(403).page(`${VIEWS}/read-only`, {
        pageTitle: `You cannot change ${error.listing.name} here`,
        nav: managementNav(can(request.ctx.actor, 'local-offer.edit'), 'listings'),
        listing: error.listing,
      });
    }
  }

  // ---------------------------------------------------------------- overview and list

  app.get(BASE_PATH, signedIn, async (request, reply) => {
    const d = await management.dashboard(request.ctx);
    return reply.page(`${VIEWS}/dashboard`, {
      pageTitle: 'Local Offer listings',
      nav: managementNav(d.isEditor, 'overview'),
      model: dashboardModel(d),
      isEditor: d.isEditor,
      canAddListing: d.canAddListing,
      yours: d.yours
        ? { rows: listingsTableRows(d.yours.rows, d.today, settings), total: d.yours.total }
        : null,
    });
  });

  app.get(`${BASE_PATH}/services`, signedIn, async (request, reply) => {
    const parsed = listingFilter.safeParse(request.query ?? {});
    const filter = parsed.success ? parsed.data : listingFilter.parse({});
    const page = pageFrom(filter.page, PAGE_SIZE);
    const result = await management.listListings(request.ctx, filter, page);
    return reply.page(`${VIEWS}/listings`, {
      pageTitle: 'Listings',
      nav: managementNav(result.isEditor, 'listings'),
      filter: { q: filter.q ?? '' },
      filters: listingFilterModel({
        isEditor: result.isEditor,
        organisations: result.organisations,
        organisationId: result.organisationId,
        status: filter.status,
        freshness: filter.freshness,
      }),
      heading: filter.freshness ? FRESHNESS_LABELS[filter.freshness] : null,
      rows: listingsTableRows(result.rows, result.today, settings),
      total: result.total,
      pagination: paginationParams(page, result.total, `${BASE_PATH}/services`, {
        q: filter.q,
        organisation: result.organisationId,
        status: filter.status,
        freshness: filter.freshness,
      }),
    });
  });

  // ---------------------------------------------------------------- adding and editing

  async function renderNew(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues,
    errors?: FormErrors,
    rows: RowCounts = { ...FORM_ROWS },
  ) {
    const form = await management.newListingForm(request.ctx);
    if (status === 200 && form.organisations.length === 1 && !values.organisationId) {
      values = { ...values, organisationId: form.organisations[0]?.id ?? '' };
    }
    return reply.code(status).page(`${VIEWS}/listing-form`, {
      pageTitle: 'Add a listing',
      nav: managementNav(form.isEditor, 'listings'),
      action: `${BASE_PATH}/services/new`,
      backHref: `${BASE_PATH}/services`,
      isNew: true,
      isEditor: form.isEditor,
      noOrganisations: form.organisations.length === 0,
      errors,
      form: listingFormModel({
        values,
        errors,
        rows,
        categories: form.terms.categories,
        needs: form.terms.needs,
        canSetVisibility: form.isEditor,
        organisations: form.organisations.map((o) => ({ id: o.id, name: o.name })),
      }),
    });
  }

  app.get(`${BASE_PATH}/services/new`, signedIn, async (request, reply) =>
    renderNew(request, reply, 200, { ...NEW_LISTING_VALUES }),
  );

  app.post(`${BASE_PATH}/services/new`, signedIn, async (request, reply) => {
    const form = await management.newListingForm(request.ctx);
    const rows = rowCountsFrom(request.body);
    const parsed = parseForm(listingFormSchema(form.formOptions(rows)), request.body);
    if (!parsed.ok) return renderNew(request, reply, 400, parsed.values, parsed.errors, rows);
    try {
      const saved = await management.saveListing(request.ctx, { data: parsed.data as ListingFormData, rows });
      await flashSaved(request, saved.outcome);
      return reply.redirect(`${BASE_PATH}/services/${saved.serviceId}`, 303);
    } catch (error) {
      if (error instanceof RuleError) {
        return renderNew(request, reply, 400, parsed.values, fieldError(error.field, error.message), rows);
      }
      throw error;
    }
  });

  async function flashSaved(request: FastifyRequest, outcome: 'published' | 'submitted') {
    if (outcome === 'submitted') {
      await flash(
        request,
        'Your changes have been sent for approval',
        'A Local Offer editor will check them. Until then, the public sees the listing as it was.',
      );
    } else {
      await flash(
        request,
        'The listing has been saved and is live',
        'Its review date starts again from today.',
      );
    }
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues | null,
    errors?: FormErrors,
    postedRows?: RowCounts,
  ) {
    const form = await management.editListingForm(request.ctx, param(request, 'id'));
    const rows = postedRows ?? rowCountsFor(form.base);
    const answers =
      values ?? (form.base ? formValuesFromListing(form.base, form.terms) : { ...NEW_LISTING_VALUES });
    return reply.code(status).page(`${VIEWS}/listing-form`, {
      pageTitle: `Change ${form.header.name}`,
      nav: managementNav(form.isEditor, 'listings'),
      action: `${BASE_PATH}/services/${form.header.id}/edit`,
      backHref: `${BASE_PATH}/services/${form.header.id}`,
      isNew: false,
      isEditor: form.isEditor,
      header: { name: form.header.name, organisation: form.header.organisation_name },
      pendingNote: form.pending
        ? form.isEditor
          ? 'A change from the provider is waiting for approval. Saving here does not approve or reject it: review it in Changes to approve.'
          : 'You are changing the version you sent for approval. Saving again replaces it.'
        : null,
      errors,
      form: listingFormModel({
        values: answers,
        errors,
        rows,
        categories: form.terms.categories,
        needs: form.terms.needs,
        canSetVisibility: form.isEditor,
      }),
    });
  }

  app.get(`${BASE_PATH}/services/:id/edit`, signedIn, async (request, reply) =>
    readOnly(request, reply, () => renderEdit(request, reply, 200, null)),
  );

  app.post(`${BASE_PATH}/services/:id/edit`, signedIn, async (request, reply) =>
    readOnly(request, reply, () => saveEdit(request, reply)),
  );

  async function saveEdit(request: FastifyRequest, reply: FastifyReply) {
    const form = await management.editListingForm(request.ctx, param(request, 'id'));
    const rows = rowCountsFrom(request.body);
    const parsed = parseForm(listingFormSchema(form.formOptions(rows)), request.body);
    if (!parsed.ok) return renderEdit(request, reply, 400, parsed.values, parsed.errors, rows);
    try {
      const saved = await management.saveListing(request.ctx, {
        serviceId: form.header.id,
        data: parsed.data as ListingFormData,
        rows,
      });
      await flashSaved(request, saved.outcome);
      return reply.redirect(`${BASE_PATH}/services/${saved.serviceId}`, 303);
    } catch (error) {
      if (error instanceof RuleError) {
        return renderEdit(request, reply, 400, parsed.values, fieldError(error.field, error.message), rows);
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------- a listing and its versions

  app.get(`${BASE_PATH}/services/:id`, signedIn, async (request, reply) => {
    const p = await management.listingPage(request.ctx, param(request, 'id'));
    const h = p.header;
    return reply.page(`${VIEWS}/listing`, {
      pageTitle: h.name,
      nav: managementNav(p.isEditor, 'listings'),
      listing: {
        id: h.id,
        name: h.name,
        organisation: h.organisation_name,
        withdrawn: h.withdrawn_at !== null,
        approved: h.live_revision_number > 0,
        imported: h.source !== null,
        source: h.source === null ? null : (h.feed_name ?? h.source),
        lastImported: h.feed_last_imported_at ? formatDateTime(h.feed_last_imported_at) : null,
        goneFromFeed: h.external_removed_at !== null,
        publicHref: p.publiclyVisible ? `/local-offer/services/${h.id}` : null,
        reviewedOn: formatDate(h.assured_date),
        reviewDue: formatDate(p.reviewDue),
        freshness: p.freshness,
        freshnessLabel: p.freshness ? FRESHNESS_LABELS[p.freshness] : null,
        internal: h.visibility === 'internal',
      },
      isEditor: p.isEditor,
      pending: p.pending
        ? {
            ...p.pending,
            submitted: formatDateTime(p.pending.submittedAt),
            href: p.isEditor
              ? `${BASE_PATH}/moderation/${p.pending.id}`
              : `${BASE_PATH}/services/${h.id}/versions/${p.pending.number}`,
          }
        : null,
      lastRejection: p.lastRejection
        ? { reason: p.lastRejection.rejection_reason ?? '', number: p.lastRejection.number }
        : null,
      liveRows: p.live ? summaryRows(listingFields(p.live, p.termNames)) : null,
      historyRows: historyRows(h.id, h.live_revision_number, p.history),
    });
  });

  app.get(`${BASE_PATH}/services/:id/versions/:number`, signedIn, async (request, reply) => {
    const v = await management.version(request.ctx, param(request, 'id'), param(request, 'number'));
    const showUnchanged = (request.query as Record<string, unknown>).all === '1';
    const r = v.revision;
    return reply.page(`${VIEWS}/version`, {
      pageTitle: `Version ${r.number} of ${v.header.name}`,
      nav: managementNav(v.isEditor, 'listings'),
      listing: { id: v.header.id, name: v.header.name, organisation: v.header.organisation_name },
      version: {
        number: r.number,
        tag: revisionTag(r.status, r.status === 'approved' && r.number === v.header.live_revision_number),
        submitted: `${r.submitted_by_name ?? 'Not recorded'}, ${formatDateTime(r.submitted_at)}`,
        reviewed: r.reviewed_at
          ? `${r.reviewed_by_name ?? 'Not recorded'}, ${formatDateTime(r.reviewed_at)}`
          : null,
        reason: r.rejection_reason,
        changeSummary: r.change_summary,
      },
      previousNumber: v.previousNumber,
      comparison: comparisonModel(v.rows, showUnchanged),
      toggleHref: `${BASE_PATH}/services/${v.header.id}/versions/${r.number}${showUnchanged ? '' : '?all=1'}`,
    });
  });

  app.post(`${BASE_PATH}/services/:id/confirm`, signedIn, async (request, reply) =>
    readOnly(request, reply, async () => {
      const form = parseForm(emptyForm, request.body);
      if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
      const { header, reviewDue } = await management.confirmReviewed(request.ctx, param(request, 'id'));
      await flash(
        request,
        'Thank you for confirming the listing is still correct',
        `Its next review is due on ${formatDate(reviewDue)}.`,
      );
      return reply.redirect(`${BASE_PATH}/services/${header.id}`, 303);
    }),
  );

  for (const action of ['withdraw', 'restore'] as const) {
    app.get(`${BASE_PATH}/services/:id/${action}`, signedIn, async (request, reply) => {
      const { header } = await management.withdrawalPage(request.ctx, param(request, 'id'));
      return reply.page(`${VIEWS}/withdraw`, {
        pageTitle: action === 'withdraw' ? `Withdraw ${header.name}` : `Restore ${header.name}`,
        nav: managementNav(true, 'listings'),
        action,
        listing: { id: header.id, name: header.name, organisation: header.organisation_name },
      });
    });

    app.post(`${BASE_PATH}/services/:id/${action}`, signedIn, async (request, reply) => {
      const form = parseForm(emptyForm, request.body);
      if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
      const { header, changed } = await management.setWithdrawn(
        request.ctx,
        param(request, 'id'),
        action === 'withdraw',
      );
      if (changed) {
        await flash(
          request,
          action === 'withdraw' ? `${header.name} has been withdrawn` : `${header.name} has been restored`,
          action === 'withdraw'
            ? 'It is no longer on the public Local Offer. Its history is kept.'
            : 'It is back on the public Local Offer if it is approved and up to date.',
        );
      }
      return reply.redirect(`${BASE_PATH}/services/${header.id}`, 303);
    });
  }

  // ---------------------------------------------------------------- moderation

  app.get(`${BASE_PATH}/moderation`, signedIn, async (request, reply) => {
    const queue = await management.moderationQueue(request.ctx);
    return reply.page(`${VIEWS}/moderation`, {
      pageTitle: 'Changes to approve',
      nav: managementNav(true, 'moderation'),
      rows: queueRows(queue),
      total: queue.length,
    });
  });

  async function renderReview(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues = {},
    errors?: FormErrors,
  ) {
    const review = await management.review(request.ctx, param(request, 'revisionId'));
    const showUnchanged = (request.query as Record<string, unknown>).all === '1';
    const r = review.revision;
    return reply.code(status).page(`${VIEWS}/review`, {
      pageTitle: `Check the change to ${review.header.name}`,
      nav: managementNav(true, 'moderation'),
      listing: {
        id: review.header.id,
        name: review.after.name,
        liveName: review.header.name,
        organisation: review.header.organisation_name,
        isNew: review.live === null,
      },
      revision: {
        id: r.id,
        number: r.number,
        pending: r.status === 'pending',
        tag: revisionTag(
          r.status,
          r.status === 'approved' && r.number === review.header.live_revision_number,
        ),
        submitted: `${r.submitted_by_name ?? 'Not recorded'}, ${formatDateTime(r.submitted_at)}`,
        changeSummary: r.change_summary,
      },
      comparison: comparisonModel(review.rows, showUnchanged),
      toggleHref: `${BASE_PATH}/moderation/${r.id}${showUnchanged ? '' : '?all=1'}`,
      values,
      errors,
    });
  }

  app.get(`${BASE_PATH}/moderation/:revisionId`, signedIn, async (request, reply) =>
    renderReview(request, reply, 200),
  );

  app.post(`${BASE_PATH}/moderation/:revisionId/approve`, signedIn, async (request, reply) => {
    const form = parseForm(emptyForm, request.body);
    if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
    const { decided, serviceId } = await management.approve(request.ctx, param(request, 'revisionId'));
    if (!decided) {
      await flash(request, 'This change had already been approved or rejected');
      return reply.redirect(`${BASE_PATH}/services/${serviceId}`, 303);
    }
    await flash(request, 'Change approved', 'It is now live on the Local Offer.');
    return reply.redirect(`${BASE_PATH}/moderation`, 303);
  });

  app.post(`${BASE_PATH}/moderation/:revisionId/reject`, signedIn, async (request, reply) => {
    const form = parseForm(rejectForm, request.body);
    if (!form.ok) return renderReview(request, reply, 400, form.values, form.errors);
    const { decided, serviceId } = await management.reject(
      request.ctx,
      param(request, 'revisionId'),
      form.data.reason,
    );
    if (!decided) {
      await flash(request, 'This change had already been approved or rejected');
      return reply.redirect(`${BASE_PATH}/services/${serviceId}`, 303);
    }
    await flash(request, 'Change not approved', 'The provider will see your reason on their listing.');
    return reply.redirect(`${BASE_PATH}/moderation`, 303);
  });

  // ---------------------------------------------------------------- taxonomies

  app.get(`${BASE_PATH}/taxonomies`, signedIn, async (request, reply) => {
    const taxonomies = await management.taxonomies(request.ctx);
    return reply.page(`${VIEWS}/taxonomies`, {
      pageTitle: 'Categories and types of need',
      nav: managementNav(true, 'taxonomies'),
      taxonomies: taxonomies.map((x) => ({
        id: x.id,
        name: x.name,
        description: x.description,
        editable: x.editable,
        terms: x.terms.map((t) => ({
          id: t.id,
          name: t.name,
          child: t.parentId !== null,
          description: t.description,
          retired: t.retiredAt !== null,
          serviceCount: t.serviceCount,
          code: t.code,
        })),
      })),
    });
  });

  async function renderTerm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues | null,
    errors?: FormErrors,
  ) {
    const term = await management.term(request.ctx, param(request, 'id'));
    return reply.code(status).page(`${VIEWS}/term`, {
      pageTitle: `Change ${term.name}`,
      nav: managementNav(true, 'taxonomies'),
      term: {
        id: term.id,
        name: term.name,
        code: term.code,
        taxonomy: term.taxonomy_name,
        retired: term.retired_at !== null,
        editable: term.editable,
      },
      values: values ?? { name: term.name, description: term.description },
      errors,
    });
  }

  app.get(`${BASE_PATH}/taxonomies/terms/:id`, signedIn, async (request, reply) =>
    renderTerm(request, reply, 200, null),
  );

  app.post(`${BASE_PATH}/taxonomies/terms/:id`, signedIn, async (request, reply) => {
    await management.term(request.ctx, param(request, 'id'));
    const form = parseForm(termForm, request.body);
    if (!form.ok) return renderTerm(request, reply, 400, form.values, form.errors);
    await management.updateTerm(request.ctx, param(request, 'id'), form.data);
    await flash(request, `${form.data.name} has been saved`);
    return reply.redirect(`${BASE_PATH}/taxonomies`, 303);
  });

  for (const action of ['retire', 'restore'] as const) {
    app.post(`${BASE_PATH}/taxonomies/terms/:id/${action}`, signedIn, async (request, reply) => {
      const form = parseForm(emptyForm, request.body);
      if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
      const term = await management.setTermRetired(request.ctx, param(request, 'id'), action === 'retire');
      await flash(
        request,
        action === 'retire' ? `${term.name} has been retired` : `${term.name} has been restored`,
        action === 'retire'
          ? 'It no longer appears in the search filters or on the listing form.'
          : 'It appears in the search filters and on the listing form again.',
      );
      return reply.redirect(`${BASE_PATH}/taxonomies`, 303);
    });
  }

  async function renderNewTerm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues,
    errors?: FormErrors,
  ) {
    const { taxonomy, parents } = await management.newTermForm(request.ctx, param(request, 'taxonomyId'));
    return reply.code(status).page(`${VIEWS}/new-term`, {
      pageTitle: `Add to ${taxonomy.name}`,
      nav: managementNav(true, 'taxonomies'),
      taxonomy: { id: taxonomy.id, name: taxonomy.name },
      parents: [
        { value: '', text: 'At the top level', selected: !values.parentId },
        ...parents.map((p) => ({ value: p.id, text: `Under ${p.name}`, selected: values.parentId === p.id })),
      ],
      values,
      errors,
    });
  }

  app.get(`${BASE_PATH}/taxonomies/:taxonomyId/terms/new`, signedIn, async (request, reply) =>
    renderNewTerm(request, reply, 200, {}),
  );

  app.post(`${BASE_PATH}/taxonomies/:taxonomyId/terms/new`, signedIn, async (request, reply) => {
    await management.newTermForm(request.ctx, param(request, 'taxonomyId'));
    const form = parseForm(newTermForm, request.body);
    if (!form.ok) return renderNewTerm(request, reply, 400, form.values, form.errors);
    try {
      const added = await management.addTerm(request.ctx, param(request, 'taxonomyId'), form.data);
      await flash(request, `${added.name} has been added to ${added.taxonomy.name}`);
      return reply.redirect(`${BASE_PATH}/taxonomies`, 303);
    } catch (error) {
      if (error instanceof RuleError) {
        return renderNewTerm(request, reply, 400, form.values, fieldError(error.field, error.message));
      }
      throw error;
    }
  });
}
