import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../lib/pagination.ts';
import { requireActor, requireSignIn } from '../../plugins/session.ts';
import { parseYear, triageProblems } from './domain/triage.ts';
import { REPORT_A_PROBLEM_PATH, safePagePath } from './report-link.ts';
import type { FeedbackReportWithService } from './repository.ts';
import {
  feedbackFilter,
  generalFeedbackForm,
  isHoneypotFilled,
  reportProblemForm,
  triageForm,
} from './schemas.ts';
import {
  reportSummaryRows,
  reportTableRows,
  STAFF_FEEDBACK_PATH,
  statusFilterItems,
  triageItems,
  triageValuesFrom,
  whatWasWrongItems,
  yearLinks,
} from './view-models.ts';

/** Each person (address) may send this many reports and comments a minute; more get a "too many attempts" page. */
export const FEEDBACK_RATE_LIMIT_PER_MINUTE = 5;
const PAGE_SIZE = 25;
const GENERAL_FEEDBACK_PATH = '/local-offer/feedback';

/** Where "back to the page" goes: the page itself, or the Local Offer's home page if there was none. */
function backLink(page: string) {
  return page === '/'
    ? { href: '/local-offer', text: 'Go to the Local Offer' }
    : { href: page, text: 'Go back to the page' };
}

export async function registerFeedbackRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const feedback = container.services.feedback;
  // One allowance shared by both forms.
  const feedbackLimit = app.rateLimit({ max: FEEDBACK_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 });

  // ---------------------------------------------------------------- report a problem with a page

  function renderReportForm(reply: FastifyReply, status: number, values: FormValues, errors?: FormErrors) {
    const page = safePagePath(values.page);
    return reply.code(status).page('feedback/views/report-a-problem', {
      pageTitle: 'Report a problem with a page',
      csrfToken: reply.generateCsrf(),
      page: page === '/' ? null : page,
      values: { ...values, page, website: '' },
      errors,
      whatWasWrongItems: whatWasWrongItems(values.whatWasWrong),
    });
  }

  app.get(REPORT_A_PROBLEM_PATH, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return renderReportForm(reply, 200, { page: safePagePath(query.page) });
  });

  app.post(REPORT_A_PROBLEM_PATH, { preHandler: feedbackLimit }, async (request, reply) => {
    const sentFrom = safePagePath((request.body as Record<string, unknown> | undefined)?.page);
    const thanks = `${REPORT_A_PROBLEM_PATH}/thank-you?page=${encodeURIComponent(sentFrom)}`;
    // An automated form filler is thanked like anyone else, and what it sent is not kept.
    if (isHoneypotFilled(request.body)) return reply.redirect(thanks, 303);
    const form = parseForm(reportProblemForm, request.body);
    if (!form.ok) return renderReportForm(reply, 400, form.values, form.errors);
    await feedback.submit(request.ctx, {
      kind: 'page_problem',
      pagePath: sentFrom,
      whatWasWrong: form.data.whatWasWrong,
      message: form.data.details,
      replyEmail: form.data.email,
    });
    return reply.redirect(thanks, 303);
  });

  app.get(`${REPORT_A_PROBLEM_PATH}/thank-you`, async (request, reply) => {
    const page = safePagePath((request.query as Record<string, unknown>).page);
    return reply.page('feedback/views/thank-you', {
      pageTitle: 'Thank you for your feedback',
      back: backLink(page),
    });
  });

  // ---------------------------------------------------------------- general feedback

  function renderFeedbackForm(reply: FastifyReply, status: number, values: FormValues, errors?: FormErrors) {
    return reply.code(status).page('feedback/views/feedback', {
      pageTitle: 'Give feedback on the Local Offer',
      csrfToken: reply.generateCsrf(),
      values: { ...values, website: '' },
      errors,
    });
  }

  app.get(GENERAL_FEEDBACK_PATH, async (_request, reply) => renderFeedbackForm(reply, 200, {}));

  app.post(GENERAL_FEEDBACK_PATH, { preHandler: feedbackLimit }, async (request, reply) => {
    const thanks = `${GENERAL_FEEDBACK_PATH}/thank-you`;
    if (isHoneypotFilled(request.body)) return reply.redirect(thanks, 303);
    const form = parseForm(generalFeedbackForm, request.body);
    if (!form.ok) return renderFeedbackForm(reply, 400, form.values, form.errors);
    await feedback.submit(request.ctx, {
      kind: 'general',
      message: form.data.message,
      replyEmail: form.data.email,
    });
    return reply.redirect(thanks, 303);
  });

  app.get(`${GENERAL_FEEDBACK_PATH}/thank-you`, async (_request, reply) =>
    reply.page('feedback/views/thank-you', {
      pageTitle: 'Thank you for your feedback',
      back: backLink('/'),
    }),
  );

  // ---------------------------------------------------------------- You said, we did

  app.get('/local-offer/you-said-we-did', async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).year;
    const asked = raw !== undefined && raw !== '';
    const year = parseYear(raw);
    const { years, groups } = await feedback.youSaidWeDid(year);
    return reply.page('feedback/views/you-said-we-did', {
      pageTitle: year ? `You said, we did: ${year}` : 'You said, we did',
      year,
      yearProblem: asked && year === null ? 'Choose a year from the list' : null,
      years: yearLinks(years, year),
      groups: groups.map((group) => ({
        year: group.year,
        rows: group.items.map((item) => [{ text: item.you_said }, { text: item.we_did }]),
      })),
    });
  });

  // ---------------------------------------------------------------- editors' triage

  app.get(STAFF_FEEDBACK_PATH, { preHandler: requireSignIn }, async (request, reply) => {
    const filter = feedbackFilter.parse(request.query ?? {});
    const page = pageFrom(filter.page, PAGE_SIZE);
    const { rows, total, counts } = await feedback.list(request.ctx, { status: filter.status }, page);
    return reply.page('feedback/views/staff-list', {
      pageTitle: 'Feedback and problem reports',
      statusItems: statusFilterItems(filter.status, counts),
      rows: reportTableRows(rows),
      total,
      pagination: paginationParams(page, total, STAFF_FEEDBACK_PATH, { status: filter.status }),
    });
  });

  function renderReport(
    reply: FastifyReply,
    status: number,
    report: FeedbackReportWithService,
    values: FormValues,
    errors?: FormErrors,
  ) {
    return reply.code(status).page('feedback/views/staff-report', {
      pageTitle: 'Feedback report',
      report: { id: report.id, published: report.publish && report.status === 'resolved' },
      rows: reportSummaryRows(report),
      values,
      errors,
      items: triageItems(values),
    });
  }

  const idParam = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(`${STAFF_FEEDBACK_PATH}/:id`, { preHandler: requireSignIn }, async (request, reply) => {
    const report = await feedback.report(request.ctx, idParam(request));
    return renderReport(reply, 200, report, triageValuesFrom(report));
  });

  app.post(`${STAFF_FEEDBACK_PATH}/:id`, { preHandler: requireSignIn }, async (request, reply) => {
    requireActor(request);
    const report = await feedback.report(request.ctx, idParam(request));
    const form = parseForm(triageForm, request.body);
    if (!form.ok) return renderReport(reply, 400, report, form.values, form.errors);
    const problems = triageProblems(form.data);
    if (problems.length > 0) {
      const errors: FormErrors = {
        summary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
        fields: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
      };
      return renderReport(reply, 400, report, form.values, errors);
    }
    try {
      await feedback.triage(request.ctx, report.id, form.data);
    } catch (error) {
      if (error instanceof RuleError)
        return renderReport(reply, 400, report, form.values, fieldError(error.field, error.message));
      throw error;
    }
    if (request.session)
      await container.services.sessions.flash(request.session.idHash, {
        heading: 'The report has been saved',
      });
    return reply.redirect(`${STAFF_FEEDBACK_PATH}/${report.id}`, 303);
  });
}
