import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { formatDate } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, type FormErrors } from '../../lib/forms.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { parseFields, renderFields, type FieldSpec } from './case-forms.ts';
import { planToDocx } from './documents/plan-document.ts';
import { EXCEPTIONS, type ExceptionType } from './domain/rules.ts';
import { planPage, sendDocx } from './routes.ts';
import {
  UPLOAD_ACCEPT,
  UPLOAD_FIELD,
  UPLOAD_HINT,
  uploadedFile,
  uploadOf,
  uploadProblem,
  withUploadError,
  withUploads,
} from './uploads.ts';
import {
  adviceTypeLabel,
  exceptionRows,
  PARTNER_PATHS,
  partnerAdviceRows,
  partnerChildRows,
  partnerConsultationRows,
  partnerRequestTables,
} from './view-models.ts';
import { SETTING_REQUEST_PATH } from './request-routes.ts';

const VIEWS = 'ehc/views';
const PARTNER_EXCEPTIONS = ['8(2)(a)', '8(2)(b)', '8(2)(c)'] as const satisfies readonly ExceptionType[];

const ADVICE_FIELDS: FieldSpec[] = [
  {
    kind: 'date',
    name: 'receivedOn',
    label: 'Date you sent the advice',
    what: 'the date you sent the advice',
  },
  {
    kind: 'textarea',
    name: 'summary',
    label: 'Summary of your advice',
    what: 'a summary of your advice',
    hint: 'What the caseworker should know first. Your full advice can be in the document you attach.',
    max: 10_000,
    rows: 8,
  },
];

const EXCEPTION_FIELDS: FieldSpec[] = [
  {
    kind: 'radios',
    name: 'type',
    label: 'Why the advice could not be given within 6 weeks',
    what: 'why the advice could not be given within 6 weeks',
    options: PARTNER_EXCEPTIONS.map((t) => ({
      value: t,
      text: EXCEPTIONS[t].description,
      hint: `${EXCEPTIONS[t].citation}${t === '8(2)(b)' ? ': a continuous period of at least 4 weeks' : t === '8(2)(c)' ? ': an appointment your organisation made, within the 6 weeks' : ''}`,
    })),
  },
  {
    kind: 'date',
    name: 'fromOn',
    label: 'First day',
    what: 'the first day',
    hint: 'For a missed appointment, the date of the appointment. For example, 27 3 2026',
  },
  {
    kind: 'date',
    name: 'toOn',
    label: 'Last day (not needed for a missed appointment)',
    what: 'the last day',
    required: false,
  },
  {
    kind: 'textarea',
    name: 'evidence',
    label: 'Evidence',
    what: 'the evidence that the exception applied',
    hint: 'For example, the appointment letter and what happened, or the dates the family told you they were away.',
    max: 2000,
    rows: 5,
  },
];

const CONSULTATION_FIELDS: FieldSpec[] = [
  { kind: 'date', name: 'repliedOn', label: 'Date of your reply', what: 'the date of your reply' },
  {
    kind: 'radios',
    name: 'canMeetNeeds',
    label: 'Can your setting meet the needs described in the draft plan?',
    what: 'whether your setting can meet the needs',
    options: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
  },
  {
    kind: 'textarea',
    name: 'response',
    label: 'Your response',
    what: 'your response',
    hint: 'If your setting cannot meet the needs, say why; the council must consider it before naming a setting.',
    max: 10_000,
    rows: 8,
  },
];

/** A RuleError from the service, shown against its field (or the first field when it names none of them). */
function ruleErrors(
  error: RuleError,
  fields: readonly FieldSpec[],
  aliases: Record<string, string> = {},
): FormErrors {
  const named = aliases[error.field] ?? error.field;
  const field =
    named === UPLOAD_FIELD || fields.some((f) => f.name === named)
      ? named
      : (fields[0]?.name ?? 'main-content');
  const errors = fieldError(field, error.message);
  const href = fields.find((f) => f.name === field)?.kind === 'date' ? `${field}-day` : field;
  if (errors.summary[0]) errors.summary[0].href = `#${href}`;
  return errors;
}

/**
 * The partner portal: a partner practitioner sees the advice requests and setting consultations addressed to
 * their organisation, returns advice, records a reg 8(2) exception, and answers a consultation, with a
 * document if they have one. The service decides what they may see; another organisation's request is a 404.
 */
export async function registerEhcPartnerRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const ehc = container.services.ehc;
  const sessions = container.services.sessions;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  async function flash(request: FastifyRequest, heading: string, text?: string) {
    if (request.session) await sessions.flash(request.session.idHash, { heading, ...(text ? { text } : {}) });
  }

  /**
   * Before an upload is read: anonymous people are sent to sign in, anyone but a partner practitioner is
   * refused, and a request not addressed to their organisation is the not-found page.
   */
  function addresseesOnly(kind: 'advice' | 'consultation') {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.session) return requireSignIn(request, reply);
      await ehc.partnerCheckAddressee(request.ctx, kind, idOf(request));
    };
  }

  /** The file input, with its error; after a problem elsewhere on the form, a reminder to choose it again. */
  function fileInput(errors: FormErrors | undefined, hadFile: boolean, label: string) {
    const error = errors?.fields[UPLOAD_FIELD];
    return {
      id: UPLOAD_FIELD,
      name: UPLOAD_FIELD,
      label: { text: label, classes: 'govuk-label--s' },
      hint: {
        text:
          hadFile && !error
            ? `${UPLOAD_HINT}. Select your file again: a file is not kept when there is a problem with the form.`
            : UPLOAD_HINT,
      },
      attributes: { accept: UPLOAD_ACCEPT },
      ...(error ? { errorMessage: error } : {}),
    };
  }

  await withUploads(app, (scope) => {
    // ------------------------------------------------------------------ what is asked of the organisation

    scope.get(PARTNER_PATHS.home, { preHandler: requireSignIn }, async (request, reply) => {
      const requests = await ehc.partnerRequests(request.ctx);
      const tables = partnerRequestTables(requests);
      return reply.page(`${VIEWS}/partner-home`, {
        pageTitle: 'Advice and consultations',
        organisationName: requests.organisationName,
        settingRequestHref: requests.canRequestAssessment ? SETTING_REQUEST_PATH : null,
        ...tables,
      });
    });

    // ------------------------------------------------------------------ an advice request

    async function renderAdvice(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      submitted: Record<string, unknown> = {},
      errors?: FormErrors,
      hadFile = false,
    ) {
      const view = await ehc.partnerAdviceRequest(request.ctx, idOf(request));
      const { advice, child } = view;
      if (!child) return reply.callNotFound();
      const name = `${child.legal_given_names} ${child.legal_family_name}`;
      const open = advice.received_on === null && view.case.closed_on === null;
      return reply.code(status).page(`${VIEWS}/partner-advice`, {
        pageTitle: `Request for advice: ${name}`,
        caption: `${adviceTypeLabel(advice.advice_type)}, ${view.case.reference}`,
        back: PARTNER_PATHS.home,
        adviceRows: partnerAdviceRows(advice, view.case, view.today),
        childRows: partnerChildRows(child, view.needs),
        exceptionRows: exceptionRows(view.excusals, EXCEPTIONS),
        exceptionHref: PARTNER_PATHS.adviceException(advice.id),
        form: open
          ? {
              action: PARTNER_PATHS.advice(advice.id),
              fields: renderFields(ADVICE_FIELDS, submitted, errors, { receivedOn: view.today }),
              file: fileInput(errors, hadFile, 'Your advice as a document (optional)'),
            }
          : null,
        errors,
      });
    }

    scope.get('/partner/advice/:id', { preHandler: requireSignIn }, async (request, reply) =>
      renderAdvice(request, reply, 200),
    );

    scope.post('/partner/advice/:id', { onRequest: addresseesOnly('advice') }, async (request, reply) => {
      const submitted = body(request);
      const upload = uploadOf(submitted);
      const parsed = parseFields(ADVICE_FIELDS, submitted);
      const fileProblem = uploadProblem(upload);
      if (!parsed.ok || fileProblem)
        return renderAdvice(
          request,
          reply,
          400,
          submitted,
          withUploadError(parsed.ok ? undefined : parsed.errors, fileProblem),
          upload !== null && !fileProblem,
        );
      try {
        await ehc.partnerReturnAdvice(
          request.ctx,
          idOf(request),
          { receivedOn: parsed.data.receivedOn as string, summary: parsed.data.summary as string },
          uploadedFile(upload),
        );
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        return renderAdvice(
          request,
          reply,
          400,
          submitted,
          ruleErrors(error, ADVICE_FIELDS),
          upload !== null,
        );
      }
      await flash(request, 'Your advice has been sent', 'The caseworker can read it now.');
      return reply.redirect(PARTNER_PATHS.advice(idOf(request).toLowerCase()), 303);
    });

    // ------------------------------------------------------------------ a reg 8(2) exception

    async function renderException(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      submitted: Record<string, unknown> = {},
      errors?: FormErrors,
      hadFile = false,
    ) {
      const view = await ehc.partnerAdviceRequest(request.ctx, idOf(request));
      const { advice, child } = view;
      if (!child) return reply.callNotFound();
      return reply.code(status).page(`${VIEWS}/partner-exception`, {
        pageTitle: 'Record an exception to the 6-week time limit',
        caption: `${child.legal_given_names} ${child.legal_family_name}, ${view.case.reference}`,
        back: PARTNER_PATHS.advice(advice.id),
        intro: [
          `Your advice was due by ${formatDate(advice.due_on)}: 6 weeks from the day your organisation received the request (regulation 8(1)).`,
          'Regulation 8(2) allows the advice to be given later in three circumstances. Recording one does not move the due date: it records why the time limit could not be met, and figures are reported with and without exceptions.',
        ],
        action: PARTNER_PATHS.adviceException(advice.id),
        fields: renderFields(EXCEPTION_FIELDS, submitted, errors),
        file: fileInput(errors, hadFile, 'Evidence as a document (optional)'),
        errors,
      });
    }

    scope.get('/partner/advice/:id/exception', { preHandler: requireSignIn }, async (request, reply) =>
      renderException(request, reply, 200),
    );

    scope.post(
      '/partner/advice/:id/exception',
      { onRequest: addresseesOnly('advice') },
      async (request, reply) => {
        const submitted = body(request);
        const upload = uploadOf(submitted);
        const parsed = parseFields(EXCEPTION_FIELDS, submitted);
        const fileProblem = uploadProblem(upload);
        // A missed appointment is one day: its last day is its first. Any other needs its last day.
        const data = parsed.ok ? parsed.data : {};
        const toOn = data.toOn ?? (data.type === '8(2)(c)' ? data.fromOn : undefined);
        let errors = parsed.ok ? undefined : parsed.errors;
        if (parsed.ok && !toOn)
          errors = ruleErrors(new RuleError('toOn', 'Enter the last day'), EXCEPTION_FIELDS);
        if (!parsed.ok || !toOn || fileProblem)
          return renderException(
            request,
            reply,
            400,
            submitted,
            withUploadError(errors, fileProblem),
            upload !== null && !fileProblem,
          );
        try {
          await ehc.partnerRecordException(
            request.ctx,
            idOf(request),
            {
              type: data.type as ExceptionType,
              fromOn: data.fromOn as string,
              toOn,
              evidence: data.evidence as string,
            },
            uploadedFile(upload),
          );
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
          return renderException(
            request,
            reply,
            400,
            submitted,
            ruleErrors(error, EXCEPTION_FIELDS, { clockKey: 'type', adviceRequestedOn: 'type' }),
            upload !== null,
          );
        }
        await flash(
          request,
          'The exception has been recorded',
          'The caseworker can see it with your advice.',
        );
        return reply.redirect(PARTNER_PATHS.advice(idOf(request).toLowerCase()), 303);
      },
    );

    // ------------------------------------------------------------------ a setting consultation

    async function renderConsultation(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      submitted: Record<string, unknown> = {},
      errors?: FormErrors,
      hadFile = false,
    ) {
      const view = await ehc.partnerConsultation(request.ctx, idOf(request));
      const { consultation, child } = view;
      const name = `${child.legal_given_names} ${child.legal_family_name}`;
      const open = consultation.replied_on === null && view.case.status === 'draft-issued';
      const plan = view.draftPlan ? planPage(view.draftPlan, null, null) : null;
      return reply.code(status).page(`${VIEWS}/partner-consultation`, {
        pageTitle: `Consultation: ${name}`,
        caption: `Draft EHC plan, ${view.case.reference}`,
        back: PARTNER_PATHS.home,
        consultationRows: partnerConsultationRows(consultation, view.case, child, view.today),
        plan: plan
          ? {
              title: plan.pageTitle,
              councilName: plan.councilName,
              detailRows: plan.detailRows,
              sections: plan.sections,
              docxHref: PARTNER_PATHS.draftPlanDocx(consultation.id),
            }
          : null,
        form: open
          ? {
              action: PARTNER_PATHS.consultation(consultation.id),
              fields: renderFields(CONSULTATION_FIELDS, submitted, errors, { repliedOn: view.today }),
              file: fileInput(errors, hadFile, 'Your response as a document (optional)'),
            }
          : null,
        errors,
      });
    }

    scope.get('/partner/consultations/:id', { preHandler: requireSignIn }, async (request, reply) =>
      renderConsultation(request, reply, 200),
    );

    scope.get(
      '/partner/consultations/:id/draft-plan.docx',
      { preHandler: requireSignIn },
      async (request, reply) => {
        const view = await ehc.partnerConsultation(request.ctx, idOf(request));
        if (!view.draftPlan) return reply.callNotFound();
        return sendDocx(reply, await planToDocx(view.draftPlan), `${view.case.reference}-draft-plan.docx`);
      },
    );

    scope.post(
      '/partner/consultations/:id',
      { onRequest: addresseesOnly('consultation') },
      async (request, reply) => {
        const submitted = body(request);
        const upload = uploadOf(submitted);
        const parsed = parseFields(CONSULTATION_FIELDS, submitted);
        const fileProblem = uploadProblem(upload);
        if (!parsed.ok || fileProblem)
          return renderConsultation(
            request,
            reply,
            400,
            submitted,
            withUploadError(parsed.ok ? undefined : parsed.errors, fileProblem),
            upload !== null && !fileProblem,
          );
        try {
          await ehc.partnerAnswerConsultation(
            request.ctx,
            idOf(request),
            {
              repliedOn: parsed.data.repliedOn as string,
              canMeetNeeds: parsed.data.canMeetNeeds === 'yes',
              response: parsed.data.response as string,
            },
            uploadedFile(upload),
          );
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
          return renderConsultation(
            request,
            reply,
            400,
            submitted,
            ruleErrors(error, CONSULTATION_FIELDS),
            upload !== null,
          );
        }
        await flash(request, 'Your reply has been sent', 'The caseworker can read it now.');
        return reply.redirect(PARTNER_PATHS.consultation(idOf(request).toLowerCase()), 303);
      },
    );
  });
}
