import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { formatDate } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../lib/forms.ts';
import { requireActor, requireSignIn } from '../../plugins/session.ts';
import { informationPageForm } from './schemas.ts';
import { isAgeGroupKey } from './service.ts';
import {
  ageGroupFilterItems,
  ageGroupLabel,
  formItems,
  formValuesFrom,
  guideCountText,
  INFORMATION_PATH,
  pageFacts,
  pagesByTopic,
  publicPagePath,
  STAFF_INFORMATION_PATH,
  staffTableRows,
  withEveryMarkdownProblem,
} from './view-models.ts';

type EditedPage = { id: string; title: string; slug: string; lastReviewedOn: string; published: boolean };

export async function registerInformationRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const information = container.services.information;

  // ---------------------------------------------------------------- public pages

  app.get(INFORMATION_PATH, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).ageGroup;
    const requested = typeof raw === 'string' ? raw.trim() : raw === undefined ? '' : null;
    const ageGroup = requested && isAgeGroupKey(requested) ? requested : undefined;
    // An age group we do not know (an old bookmark, a typed address) shows every page and says why.
    const unknown = requested === null || (requested !== '' && !ageGroup);
    const errors: FormErrors | undefined = unknown
      ? fieldError('ageGroup', 'Choose an age group from the list. We are showing pages for all ages')
      : undefined;
    const pages = await information.listPublished(ageGroup);
    return reply.page('information/views/index', {
      pageTitle: ageGroup ? `Information and guides: ${ageGroupLabel(ageGroup)}` : 'Information and guides',
      errors,
      ageGroupItems: ageGroupFilterItems(ageGroup),
      ageGroup: ageGroup ? ageGroupLabel(ageGroup) : null,
      groups: pagesByTopic(pages),
      countText: guideCountText(pages.length, ageGroup),
    });
  });

  app.get<{ Params: { slug: string } }>(`${INFORMATION_PATH}/:slug`, async (request, reply) => {
    const page = await information.publishedPage(request.params.slug);
    if (!page) return reply.callNotFound();
    return reply.page('information/views/page', {
      pageTitle: page.title,
      page: { title: page.title, summary: page.summary, html: page.html, ...pageFacts(page) },
      reportPath: publicPagePath(page.slug),
    });
  });

  app.get('/local-offer/accessibility', async (_request, reply) =>
    reply.page('information/views/accessibility', {
      pageTitle: 'Accessibility statement for the SEND Local Offer',
      html: information.accessibilityStatementHtml(),
    }),
  );

  // ---------------------------------------------------------------- editors

  app.get(STAFF_INFORMATION_PATH, { preHandler: requireSignIn }, async (request, reply) => {
    const pages = await information.listForStaff(request.ctx);
    return reply.page('information/views/staff-list', {
      pageTitle: 'Information pages',
      rows: staffTableRows(pages),
      total: pages.length,
    });
  });

  function renderForm(
    reply: FastifyReply,
    status: number,
    input: {
      page?: EditedPage;
      values: FormValues;
      errors?: FormErrors;
      preview?: string;
    },
  ) {
    const { page, values } = input;
    return reply.code(status).page('information/views/staff-form', {
      pageTitle: page ? `Edit ‘${page.title}’` : 'Create an information page',
      formAction: page ? `${STAFF_INFORMATION_PATH}/${page.id}/edit` : `${STAFF_INFORMATION_PATH}/new`,
      page: page
        ? {
            ...page,
            lastReviewed: formatDate(page.lastReviewedOn),
            href: publicPagePath(page.slug),
            previewHref: `${STAFF_INFORMATION_PATH}/${page.id}/preview`,
          }
        : null,
      values,
      errors: input.errors ? withEveryMarkdownProblem(input.errors, values.body) : undefined,
      items: formItems(values),
      preview: input.preview ?? null,
      previewFacts: input.preview
        ? pageFacts({
            topic: values.topic ?? '',
            age_groups: (values.ageGroups ?? '').split(',').map((v) => v.trim()),
            last_reviewed_on: page?.lastReviewedOn ?? information.today(),
          })
        : null,
    });
  }

  const edited = (page: {
    id: string;
    title: string;
    slug: string;
    last_reviewed_on: string;
    published: boolean;
  }): EditedPage => ({
    id: page.id,
    title: page.title,
    slug: page.slug,
    lastReviewedOn: page.last_reviewed_on,
    published: page.published,
  });

  async function flash(request: FastifyRequest, heading: string) {
    if (request.session) await container.services.sessions.flash(request.session.idHash, { heading });
  }

  app.get(`${STAFF_INFORMATION_PATH}/new`, { preHandler: requireSignIn }, async (request, reply) => {
    information.assertCanEdit(request.ctx);
    return renderForm(reply, 200, { values: { published: 'no' } });
  });

  app.post(`${STAFF_INFORMATION_PATH}/new`, { preHandler: requireSignIn }, async (request, reply) => {
    requireActor(request);
    information.assertCanEdit(request.ctx);
    const form = parseForm(informationPageForm, request.body);
    if (!form.ok) return renderForm(reply, 400, { values: form.values, errors: form.errors });
    if (form.data.action === 'preview') {
      return renderForm(reply, 200, { values: form.values, preview: information.render(form.data.body) });
    }
    try {
      const page = await information.createPage(request.ctx, form.data);
      await flash(request, `‘${page.title}’ has been created`);
    } catch (error) {
      if (error instanceof RuleError)
        return renderForm(reply, 400, {
          values: form.values,
          errors: fieldError(error.field, error.message),
        });
      throw error;
    }
    return reply.redirect(STAFF_INFORMATION_PATH, 303);
  });

  const idParam = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(`${STAFF_INFORMATION_PATH}/:id/edit`, { preHandler: requireSignIn }, async (request, reply) => {
    const page = await information.pageForEditing(request.ctx, idParam(request));
    return renderForm(reply, 200, { page: edited(page), values: formValuesFrom(page) });
  });

  app.post(`${STAFF_INFORMATION_PATH}/:id/edit`, { preHandler: requireSignIn }, async (request, reply) => {
    requireActor(request);
    const before = edited(await information.pageForEditing(request.ctx, idParam(request)));
    const form = parseForm(informationPageForm, request.body);
    if (!form.ok) return renderForm(reply, 400, { page: before, values: form.values, errors: form.errors });
    if (form.data.action === 'preview') {
      return renderForm(reply, 200, {
        page: before,
        values: form.values,
        preview: information.render(form.data.body),
      });
    }
    try {
      const page = await information.updatePage(request.ctx, before.id, form.data);
      await flash(request, `‘${page.title}’ has been saved`);
    } catch (error) {
      if (error instanceof RuleError)
        return renderForm(reply, 400, {
          page: before,
          values: form.values,
          errors: fieldError(error.field, error.message),
        });
      throw error;
    }
    return reply.redirect(STAFF_INFORMATION_PATH, 303);
  });

  // How the saved page looks to the public, published or not.
  app.get(`${STAFF_INFORMATION_PATH}/:id/preview`, { preHandler: requireSignIn }, async (request, reply) => {
    const page = await information.pageForEditing(request.ctx, idParam(request));
    return reply.page('information/views/page', {
      pageTitle: `Preview: ${page.title}`,
      page: {
        title: page.title,
        summary: page.summary,
        html: information.render(page.body),
        ...pageFacts(page),
      },
      preview: {
        published: page.published,
        editHref: `${STAFF_INFORMATION_PATH}/${page.id}/edit`,
        publicHref: publicPagePath(page.slug),
      },
    });
  });
}
