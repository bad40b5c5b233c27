/**
 * The family's view of their request (/my-ehc): a parent or young person signs in by a one-time link sent to
 * their email, then sees where the request is, what happens next and by when, what has been asked of whom,
 * the plans and letters, and comments on the draft plan (ADR 16).
 *
 * The family session has its own cookie, sent only to /my-ehc, and is tied to a related person, never to a
 * staff account: a staff session gives nothing here, and a family cookie gives nothing on staff pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import type { RequestContext } from '../../lib/context.ts';
import { formatDate } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import {
  emailAddress,
  fieldError,
  optionalText,
  parseForm,
  requiredText,
  type FormErrors,
} from '../../lib/forms.ts';
import { CSRF_COOKIE } from '../../plugins/security.ts';
import { letterToDocx } from './documents/letters.ts';
import { planToDocx } from './documents/plan-document.ts';
import { planPage, sendDocx } from './routes.ts';
import type { FamilyDocument, FamilyMember } from './service.ts';
import {
  childName,
  FAMILY_PATHS,
  familyAdviceRows,
  familyConsultationRows,
  familyDocumentLinks,
  familyKeyDateRows,
  familyNextSteps,
  familyStatusTag,
  representationsEndOn,
  timelineItems,
} from './view-models.ts';

export const FAMILY_COOKIE = 'family_sid';

/** How long the cookie lives: as long as the family session the service creates (2 hours). */
const FAMILY_SESSION_SECONDS = 2 * 3600;

/** A sign-in link's secret as the service makes them (32 random bytes, base64url); anything else names nothing. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{40,64}$/;

const LETTERS: Record<string, Extract<FamilyDocument, `${string}-letter`>> = {
  'decision.docx': 'decision-letter',
  'no-plan.docx': 'no-plan-letter',
  'final-plan.docx': 'final-plan-letter',
};

const emailForm = z.object({ email: emailAddress('your email address') });

const representationForm = z.object({
  comments: requiredText('Your comments', 'your comments on the draft plan', 10_000),
  preferredSetting: optionalText('The school, college or other setting', 200),
});

export async function registerEhcFamilyRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { config } = container;
  const ehc = container.services.ehc;
  const cookieOptions = {
    path: FAMILY_PATHS.home,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.session.secureCookies,
  };
  // As many tries a minute from one address as staff sign-in allows; the service also caps links per person.
  const linkLimit = app.rateLimit({ max: config.signIn.rateLimitPerMinute, timeWindow: 60_000 });

  /** The family is never a staff actor: their reads are audited against the related person, not a user. */
  const familyCtx = (request: FastifyRequest): RequestContext => ({ actor: null, requestId: request.id });

  async function familyOf(request: FastifyRequest, reply: FastifyReply): Promise<FamilyMember | null> {
    const token = request.cookies[FAMILY_COOKIE];
    if (!token) return null;
    const member = await ehc.familyMember(token);
    if (!member) reply.clearCookie(FAMILY_COOKIE, cookieOptions);
    return member;
  }

  /** A page only a signed-in family sees; without a family session, the start page. */
  function familyPage(
    handler: (request: FastifyRequest, reply: FastifyReply, member: FamilyMember) => Promise<unknown>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const member = await familyOf(request, reply);
      if (!member) return reply.redirect(FAMILY_PATHS.home, 303);
      reply.header('cache-control', 'no-store');
      return handler(request, reply, member);
    };
  }

  const render = (reply: FastifyReply, template: string, data: Record<string, unknown>) =>
    reply.page(`ehc/views/${template}`, { ...data, csrfToken: reply.generateCsrf() });

  const startPage = (reply: FastifyReply, values: Record<string, string> = {}, errors?: FormErrors) =>
    render(reply, 'family-start', {
      pageTitle: 'Follow your request for an EHC needs assessment',
      action: FAMILY_PATHS.home,
      values,
      ...(errors ? { errors } : {}),
    });

  /** A link that cannot be used says so, and how to get a new one; it never says which it was. */
  const linkNotValid = (reply: FastifyReply) =>
    reply
      .code(404)
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .page('ehc/views/family-link-invalid', {
        pageTitle: 'This sign-in link has expired or has already been used',
        startHref: FAMILY_PATHS.home,
      });

  // ------------------------------------------------------------------ signing in

  app.get(FAMILY_PATHS.home, async (request, reply) => {
    const member = await familyOf(request, reply);
    if (!member) return startPage(reply);
    reply.header('cache-control', 'no-store');
    const file = await ehc.familyCase(familyCtx(request), member);
    if (!file)
      return render(reply, 'family-case', {
        pageTitle: 'Your request',
        member,
        signOut: FAMILY_PATHS.signOut,
      });
    const c = file.case;
    const steps = familyNextSteps(c, file.today);
    const documents = familyDocumentLinks(file);
    return render(reply, 'family-case', {
      pageTitle: childName(c),
      member,
      signOut: FAMILY_PATHS.signOut,
      found: true,
      reference: c.reference,
      status: familyStatusTag(c.status),
      next: steps.next,
      paragraphs: steps.paragraphs,
      draftPlanHref: c.status === 'draft-issued' ? FAMILY_PATHS.draftPlan : null,
      keyDateRows: familyKeyDateRows(c),
      adviceRows: familyAdviceRows(file.advice),
      consultationRows: familyConsultationRows(file.consultations),
      documents,
      timeline: timelineItems(file.events),
    });
  });

  app.post(FAMILY_PATHS.home, { preHandler: linkLimit }, async (request, reply) => {
    const form = parseForm(emailForm, request.body);
    if (!form.ok) return startPage(reply.code(400), form.values, form.errors);
    await ehc.requestFamilyLink(familyCtx(request), form.data.email);
    // The same page whether or not the address is on a case: nobody learns who has a request.
    return render(reply.header('cache-control', 'no-store'), 'family-check-email', {
      pageTitle: 'Check your email',
      email: form.data.email,
      startHref: FAMILY_PATHS.home,
    });
  });

  app.get('/my-ehc/sign-in/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    // A GET never spends the link: mail scanners that fetch it leave it for the family.
    if (!LINK_TOKEN.test(token) || !(await ehc.familyLinkUsable(token))) return linkNotValid(reply);
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    return render(reply, 'family-sign-in', {
      pageTitle: 'Sign in to follow your request',
      action: FAMILY_PATHS.signIn(token),
    });
  });

  app.post('/my-ehc/sign-in/:token', { preHandler: linkLimit }, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!LINK_TOKEN.test(token)) return linkNotValid(reply);
    const sessionToken = await ehc.useFamilyLink(familyCtx(request), token);
    if (!sessionToken) return linkNotValid(reply);
    const previous = request.cookies[FAMILY_COOKIE];
    if (previous) await ehc.signOutFamily(familyCtx(request), previous);
    reply.setCookie(FAMILY_COOKIE, sessionToken, { ...cookieOptions, maxAge: FAMILY_SESSION_SECONDS });
    // A new CSRF secret too, so nothing issued before sign-in is valid after it.
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.redirect(FAMILY_PATHS.home, 303);
  });

  app.post(FAMILY_PATHS.signOut, async (request, reply) => {
    const token = request.cookies[FAMILY_COOKIE];
    if (token) await ehc.signOutFamily(familyCtx(request), token);
    reply.clearCookie(FAMILY_COOKIE, cookieOptions);
    return reply.redirect(FAMILY_PATHS.signedOut, 303);
  });

  app.get(FAMILY_PATHS.signedOut, async (_request, reply) =>
    reply.page('ehc/views/family-signed-out', {
      pageTitle: 'You have signed out',
      startHref: FAMILY_PATHS.home,
    }),
  );

  // ------------------------------------------------------------------ the draft plan and the family's views on it

  async function draftPage(
    request: FastifyRequest,
    reply: FastifyReply,
    member: FamilyMember,
    form: { values: Record<string, string>; errors?: FormErrors } = { values: {} },
  ) {
    const { file, plan } = await ehc.familyDocument(familyCtx(request), member, 'draft-plan', 'html');
    const input = ehc.planDocumentInput(file, plan as NonNullable<typeof plan>);
    const endOn = representationsEndOn(file.case.draft_served_on) as string;
    return render(reply, 'family-draft-plan', {
      ...planPage(input, FAMILY_PATHS.home, FAMILY_PATHS.draftPlanDocx),
      // The form only while the draft is the one being consulted on; after the final plan, the draft is a record.
      commentsOpen: file.case.status === 'draft-issued',
      respondBy: formatDate(endOn),
      windowEnded: file.today > endOn,
      action: FAMILY_PATHS.draftPlan,
      sent: file.representations.map((r) => ({
        received: formatDate(r.received_on),
        comments: r.comments,
        preferredSetting: r.preferred_setting,
      })),
      values: form.values,
      ...(form.errors ? { errors: form.errors } : {}),
    });
  }

  app.get(
    FAMILY_PATHS.draftPlan,
    familyPage(async (request, reply, member) => draftPage(request, reply, member)),
  );

  app.post(
    FAMILY_PATHS.draftPlan,
    familyPage(async (request, reply, member) => {
      const form = parseForm(representationForm, request.body);
      if (!form.ok)
        return draftPage(request, reply.code(400), member, { values: form.values, errors: form.errors });
      try {
        await ehc.familyRepresentation(familyCtx(request), member, {
          comments: form.data.comments,
          preferredSetting: form.data.preferredSetting ?? null,
        });
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        return draftPage(request, reply.code(400), member, {
          values: form.values,
          errors: fieldError('comments', error.message),
        });
      }
      return reply.redirect(FAMILY_PATHS.commentsSent, 303);
    }),
  );

  app.get(
    FAMILY_PATHS.commentsSent,
    familyPage(async (_request, reply) =>
      reply.page('ehc/views/family-comments-sent', {
        pageTitle: 'Your comments have been sent',
        homeHref: FAMILY_PATHS.home,
      }),
    ),
  );

  // ------------------------------------------------------------------ plans and letters

  app.get(
    FAMILY_PATHS.draftPlanDocx,
    familyPage(async (request, reply, member) => {
      const { file, plan } = await ehc.familyDocument(familyCtx(request), member, 'draft-plan', 'docx');
      const input = ehc.planDocumentInput(file, plan as NonNullable<typeof plan>);
      return sendDocx(reply, await planToDocx(input), `${file.case.reference}-draft-plan.docx`);
    }),
  );

  app.get(
    FAMILY_PATHS.finalPlan,
    familyPage(async (request, reply, member) => {
      const { file, plan } = await ehc.familyDocument(familyCtx(request), member, 'final-plan', 'html');
      const input = ehc.planDocumentInput(file, plan as NonNullable<typeof plan>);
      return reply.page(
        'ehc/views/plan-view',
        planPage(input, FAMILY_PATHS.home, FAMILY_PATHS.finalPlanDocx),
      );
    }),
  );

  app.get(
    FAMILY_PATHS.finalPlanDocx,
    familyPage(async (request, reply, member) => {
      const { file, plan } = await ehc.familyDocument(familyCtx(request), member, 'final-plan', 'docx');
      const input = ehc.planDocumentInput(file, plan as NonNullable<typeof plan>);
      return sendDocx(reply, await planToDocx(input), `${file.case.reference}-final-plan.docx`);
    }),
  );

  app.get(
    '/my-ehc/letters/:letter',
    familyPage(async (request, reply, member) => {
      const document = LETTERS[(request.params as { letter: string }).letter];
      if (!document) return reply.callNotFound();
      const { file, letter } = await ehc.familyDocument(familyCtx(request), member, document, 'docx');
      if (!letter) return reply.callNotFound();
      const c = file.case;
      // The letter as the council sent it: to the main contact, as the caseworker's copy is.
      const recipient = file.people.find((p) => p.is_main_contact) ?? file.people[0];
      const buffer = await letterToDocx({
        councilName: config.area.councilName,
        serviceName: config.area.serviceName,
        letterType: letter.letterType,
        date: letter.date,
        recipientName: recipient?.full_name ?? member.fullName,
        childName: `${file.child.legal_given_names} ${file.child.legal_family_name}`,
        caseReference: c.reference,
        ...(letter.letterType === 'decided-not-to-assess' && c.decision_reasons
          ? { reasons: c.decision_reasons }
          : {}),
        ...(letter.letterType === 'decided-not-to-issue-plan' && c.no_plan_reasons
          ? { reasons: c.no_plan_reasons }
          : {}),
        ...(letter.letterType === 'final-plan-issued' && c.final_setting_name
          ? { namedSetting: c.final_setting_name }
          : {}),
      });
      return sendDocx(reply, buffer, `${c.reference}-${letter.letterType}.docx`);
    }),
  );
}
