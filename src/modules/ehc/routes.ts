import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, type FormErrors } from '../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../lib/pagination.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { can } from '../access/policy.ts';
import { parseFields, renderFields, type FieldSpec, type Option } from './case-forms.ts';
import {
  emptyPlanContent,
  PFA_DOMAINS,
  PLAN_SECTIONS,
  planProblems,
  preparingForAdulthoodApplies,
  type PlanContent,
  type PfaDomain,
  type ProvisionSection,
} from './domain/plan-content.ts';
import { EXCEPTIONS, EXCEPTION_TYPES, type ExceptionType } from './domain/rules.ts';
import { REQUEST_SOURCES, SEN_TYPES } from './domain/sen2-codes.ts';
import {
  UNKNOWN_IDENTIFIER_REASONS,
  validateIdentifierAnswer,
  validateNhsNumber,
} from './domain/identifiers.ts';
import { decisionMaker, endOfCompulsorySchoolAge, ETHNICITIES } from './domain/person.ts';
import { planSectionsForDisplay, planToDocx } from './documents/plan-document.ts';
import { letterToDocx } from './documents/letters.ts';
import { ADVICE_TYPES, type AdviceType, type ChildInput } from './service.ts';
import { escapeHtml } from '../../lib/html.ts';
import {
  adviceTypeLabel,
  caseRows,
  childName,
  childSummaryRows,
  clockRows,
  dueRows,
  duplicateWarningHtml,
  EHC_PATHS,
  requestSummaryRows,
  statusTag,
  taskList,
  timelineItems,
  twentyWeekRows,
  twentyWeekTimelinessView,
  capacityRows,
  decisionMakerText,
} from './view-models.ts';

const PAGE_SIZE = 25;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SEN_OPTIONS: Option[] = SEN_TYPES.map((t) => ({ value: t.code, text: t.label }));
const YEAR_OPTIONS: Option[] = [
  { value: 'N1', text: 'Nursery 1' },
  { value: 'N2', text: 'Nursery 2' },
  { value: 'R', text: 'Reception' },
  ...Array.from({ length: 14 }, (_, i) => ({ value: String(i + 1), text: `Year ${i + 1}` })),
];

/** What a caseworker records about a request they received by letter, email, phone or from a setting. */
function newRequestFields(organisations: Option[]): FieldSpec[] {
  return [
    {
      kind: 'text',
      name: 'legalGivenNames',
      label: 'First names (legal)',
      what: "the child's first names",
      max: 100,
    },
    {
      kind: 'text',
      name: 'legalFamilyName',
      label: 'Last name (legal)',
      what: "the child's last name",
      max: 100,
    },
    {
      kind: 'text',
      name: 'preferredName',
      label: 'Preferred name (optional)',
      what: 'a preferred name',
      required: false,
      max: 100,
    },
    { kind: 'date', name: 'dateOfBirth', label: 'Date of birth', what: 'the date of birth' },
    {
      kind: 'radios',
      name: 'sex',
      label: 'Sex',
      what: 'the sex',
      options: [
        { value: 'F', text: 'Female' },
        { value: 'M', text: 'Male' },
        { value: 'U', text: 'Not known or not given' },
      ],
    },
    {
      kind: 'text',
      name: 'nhsNumber',
      label: 'NHS number (optional)',
      what: 'the NHS number',
      required: false,
      max: 12,
      width: 'govuk-input--width-10',
      hint: 'For example, 943 476 5919',
    },
    {
      kind: 'text',
      name: 'homePostcode',
      label: 'Home postcode (optional)',
      what: 'the postcode',
      required: false,
      max: 8,
      width: 'govuk-input--width-10',
    },
    {
      kind: 'text',
      name: 'settingName',
      label: 'Current school, college or setting (optional)',
      what: 'the setting',
      required: false,
    },
    {
      kind: 'select',
      name: 'settingOrganisationId',
      label: 'Partner setting to tell about the request (optional)',
      what: 'the setting',
      required: false,
      options: organisations,
    },
    {
      kind: 'select',
      name: 'nationalCurriculumYear',
      label: 'National curriculum year (optional)',
      what: 'the year',
      required: false,
      options: YEAR_OPTIONS,
    },
    {
      kind: 'select',
      name: 'primaryNeed',
      label: 'Primary need',
      what: 'the primary need',
      options: SEN_OPTIONS,
    },
    {
      kind: 'select',
      name: 'secondaryNeed',
      label: 'Secondary need (optional)',
      what: 'the secondary need',
      required: false,
      options: SEN_OPTIONS,
    },
    {
      kind: 'textarea',
      name: 'communicationNeeds',
      label: 'Communication needs (optional)',
      what: 'communication needs',
      required: false,
      max: 2000,
      rows: 3,
    },
    {
      kind: 'text',
      name: 'preferredLanguage',
      label: 'Preferred language (optional)',
      what: 'the language',
      required: false,
      max: 100,
    },
    {
      kind: 'text',
      name: 'parentName',
      label: 'Parent, carer or young person: full name (optional)',
      what: 'the name',
      required: false,
    },
    {
      kind: 'radios',
      name: 'parentRelationship',
      label: 'They are the',
      what: 'the relationship',
      required: false,
      options: [
        { value: 'parent', text: 'Parent' },
        { value: 'carer', text: 'Carer' },
        { value: 'young_person', text: 'Young person themself' },
      ],
    },
    {
      kind: 'text',
      name: 'parentEmail',
      label: 'Their email address (optional)',
      what: 'an email address',
      required: false,
      max: 254,
    },
    {
      kind: 'text',
      name: 'parentPhone',
      label: 'Their phone number (optional)',
      what: 'a phone number',
      required: false,
      max: 40,
      width: 'govuk-input--width-20',
    },
    {
      kind: 'radios',
      name: 'source',
      label: 'Who made the request',
      what: 'who made the request',
      options: REQUEST_SOURCES.map((s) => ({ value: String(s.code), text: s.label })),
    },
    {
      kind: 'radios',
      name: 'channel',
      label: 'How it was received',
      what: 'how it was received',
      options: [
        { value: 'letter', text: 'Letter' },
        { value: 'email', text: 'Email' },
        { value: 'phone', text: 'Phone call' },
        { value: 'setting', text: "A school's or setting's request form" },
      ],
    },
    {
      kind: 'text',
      name: 'requesterName',
      label: 'Name of the person or setting who asked (optional)',
      what: 'the name',
      required: false,
    },
    {
      kind: 'date',
      name: 'receivedOn',
      label: 'Date the request was received',
      what: 'the date the request was received',
    },
    {
      kind: 'textarea',
      name: 'reasons',
      label: 'Why the assessment was asked for',
      what: 'why the assessment was asked for',
    },
  ];
}

export async function registerEhcRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const ehc = container.services.ehc;
  const sessions = container.services.sessions;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  async function flash(request: FastifyRequest, heading: string) {
    if (request.session) await sessions.flash(request.session.idHash, { heading });
  }

  function subNav(path: string, request: FastifyRequest) {
    const items: { text: string; href: string }[] = [
      { text: 'My cases', href: EHC_PATHS.home },
      { text: 'Due and overdue', href: EHC_PATHS.due },
      { text: 'All cases', href: EHC_PATHS.cases },
    ];
    if (can(request.ctx.actor, 'ehc.manage')) items.push({ text: 'Manager', href: EHC_PATHS.manager });
    return items.map((i) => ({ ...i, active: i.href === path }));
  }

  // ------------------------------------------------------------------ workspaces

  app.get(EHC_PATHS.home, { preHandler: requireSignIn }, async (request, reply) => {
    const page = pageFrom((request.query as Record<string, unknown>).page, PAGE_SIZE);
    const [mine, due] = await Promise.all([
      ehc.myCases(request.ctx, page),
      ehc.dueAndOverdue(request.ctx, { mine: true }, pageFrom(1, 10)),
    ]);
    return reply.page('ehc/views/list', {
      pageTitle: 'My cases',
      subNav: subNav(EHC_PATHS.home, request),
      actions: [{ href: EHC_PATHS.newRequest, text: 'Record a request' }],
      tables: [
        {
          heading: `Due in the next two weeks or overdue (${due.total})`,
          caption: 'My deadlines',
          head: dueHead,
          rows: dueRows(due.rows, due.today),
          empty: 'Nothing of yours is due in the next two weeks.',
          ...(due.total > 10 ? { after: { href: `${EHC_PATHS.due}?mine=1`, text: 'See them all' } } : {}),
        },
        {
          heading: `Open cases (${mine.total})`,
          caption: 'My open cases',
          head: caseHead,
          rows: caseRows(mine.rows),
          empty: 'You have no open cases.',
          pagination: paginationParams(page, mine.total, EHC_PATHS.home, {}),
        },
      ],
    });
  });

  const dueHead = [
    { text: 'Risk' },
    { text: 'Due by' },
    { text: 'What' },
    { text: 'Case' },
    { text: 'Child' },
    { text: 'Caseworker' },
  ];
  const caseHead = [
    { text: 'Case' },
    { text: 'Child or young person' },
    { text: 'Received' },
    { text: 'Status' },
    { text: 'Caseworker' },
  ];

  app.get(EHC_PATHS.due, { preHandler: requireSignIn }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const mine = query.mine === '1';
    const page = pageFrom(query.page, 50);
    const due = await ehc.dueAndOverdue(request.ctx, { mine }, page);
    return reply.page('ehc/views/list', {
      pageTitle: 'Due and overdue',
      subNav: subNav(EHC_PATHS.due, request),
      intro:
        'Every deadline of every open case that is overdue or due in the next two weeks, most urgent first.',
      filters: {
        action: EHC_PATHS.due,
        links: [
          { href: EHC_PATHS.due, text: 'All open cases', current: !mine },
          { href: `${EHC_PATHS.due}?mine=1`, text: 'My cases only', current: mine },
        ],
      },
      tables: [
        {
          caption: `${due.total} deadlines`,
          head: dueHead,
          rows: dueRows(due.rows, due.today),
          empty: 'Nothing is due in the next two weeks.',
          pagination: paginationParams(page, due.total, EHC_PATHS.due, mine ? { mine: '1' } : {}),
        },
      ],
    });
  });

  app.get(EHC_PATHS.cases, { preHandler: requireSignIn }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const status = typeof query.status === 'string' && query.status in statusFilters ? query.status : '';
    const page = pageFrom(query.page, PAGE_SIZE);
    const result = await ehc.allCases(request.ctx, status ? { status } : {}, page);
    return reply.page('ehc/views/list', {
      pageTitle: 'All cases',
      subNav: subNav(EHC_PATHS.cases, request),
      actions: [{ href: EHC_PATHS.newRequest, text: 'Record a request' }],
      filters: {
        action: EHC_PATHS.cases,
        links: [
          { href: EHC_PATHS.cases, text: 'All', current: !status },
          ...Object.entries(statusFilters).map(([value, text]) => ({
            href: `${EHC_PATHS.cases}?status=${value}`,
            text,
            current: status === value,
          })),
        ],
      },
      tables: [
        {
          caption: `${result.total} cases`,
          head: caseHead,
          rows: caseRows(result.rows),
          empty: 'No cases.',
          pagination: paginationParams(page, result.total, EHC_PATHS.cases, status ? { status } : {}),
        },
      ],
    });
  });

  const statusFilters: Record<string, string> = {
    'awaiting-decision': 'Awaiting decision',
    assessing: 'Assessing',
    'draft-issued': 'Draft issued',
    'final-issued': 'Final issued',
  };

  app.get(EHC_PATHS.manager, { preHandler: requireSignIn }, async (request, reply) => {
    const page = pageFrom((request.query as Record<string, unknown>).page, 50);
    const [caseload, clocks, timeliness] = await Promise.all([
      ehc.caseload(request.ctx),
      ehc.twentyWeekClocks(request.ctx, page),
      ehc.twentyWeekTimelinessThisYear(request.ctx),
    ]);
    const issued = twentyWeekTimelinessView(timeliness);
    return reply.page('ehc/views/list', {
      pageTitle: 'Caseload and 20-week clocks',
      subNav: subNav(EHC_PATHS.manager, request),
      summary: {
        heading: `Final plans issued in ${timeliness.year}`,
        rows: issued.summaryRows,
        note: 'Counted as the DfE counts them from SEN2: within 20 weeks of the request, on or before the due date. Plans where a 20-week exception applies (regulation 10(4)) are left out of the figure excluding exceptions.',
      },
      tables: [
        {
          heading: 'Most recent final plans',
          caption: `The 20 most recent final plans issued in ${timeliness.year}`,
          head: [
            { text: 'Case' },
            { text: 'Child' },
            { text: 'Request received' },
            { text: 'Final plan issued' },
            { text: 'Week' },
            { text: 'Timeliness' },
            { text: '20-week exception applies' },
          ],
          rows: issued.rows.slice(0, 20),
          empty: `No final plan has been issued in ${timeliness.year} yet.`,
        },
        {
          heading: 'Open cases by caseworker',
          caption: 'Caseload by caseworker',
          head: [
            { text: 'Caseworker' },
            { text: 'Open', format: 'numeric' },
            { text: 'Awaiting decision', format: 'numeric' },
            { text: 'Assessing', format: 'numeric' },
          ],
          rows: caseload.map((c) => [
            { text: c.caseworker_name ?? 'Not assigned' },
            { text: String(c.open), format: 'numeric' },
            { text: String(c.awaiting_decision), format: 'numeric' },
            { text: String(c.assessing), format: 'numeric' },
          ]),
          empty: 'No open cases.',
        },
        {
          heading: `20-week clocks due in the next six weeks or overdue (${clocks.total})`,
          caption: '20-week clocks at risk',
          head: [
            { text: 'Risk' },
            { text: 'Case' },
            { text: 'Child' },
            { text: 'Week' },
            { text: 'Draft' },
            { text: 'Final plan due' },
            { text: 'Caseworker' },
          ],
          rows: twentyWeekRows(clocks.rows, clocks.today),
          empty: 'No 20-week clock is due in the next six weeks.',
          pagination: paginationParams(page, clocks.total, EHC_PATHS.manager, {}),
        },
      ],
    });
  });

  // ------------------------------------------------------------------ recording a request

  async function settingOptions(): Promise<Option[]> {
    const orgs = await ehc.partnerOrganisations();
    return orgs
      .filter((o) => ['school', 'college', 'early_years_setting'].includes(o.kind))
      .map((o) => ({ value: o.id, text: o.name }));
  }

  function renderForm(
    reply: FastifyReply,
    status: number,
    view: {
      title: string;
      caption: string;
      back: string;
      action: string;
      fields: FieldSpec[];
      submitText?: string;
      intro?: string[];
      warning?: string;
      multipart?: boolean;
    },
    submitted: Record<string, unknown>,
    errors?: FormErrors,
    defaults?: Record<string, string>,
  ) {
    // A date's error links to its day box, the first of its three inputs.
    const dateIds = new Set(view.fields.filter((f) => f.kind === 'date').map((f) => `#${f.name}`));
    for (const item of errors?.summary ?? []) if (dateIds.has(item.href)) item.href = `${item.href}-day`;
    return reply.code(status).page('ehc/views/case-form', {
      pageTitle: view.title,
      caption: view.caption,
      back: view.back,
      action: view.action,
      submitText: view.submitText,
      intro: view.intro,
      warning: view.warning,
      multipart: view.multipart,
      fields: renderFields(view.fields, submitted, errors, defaults),
      errors,
    });
  }

  app.get(EHC_PATHS.newRequest, { preHandler: requireSignIn }, async (request, reply) => {
    await ehc.allCases(request.ctx, {}, pageFrom(1, 1)); // access check before anything is shown
    const fields = newRequestFields(await settingOptions());
    return renderForm(
      reply,
      200,
      {
        title: 'Record a request for an EHC needs assessment',
        caption: 'EHC casework',
        back: EHC_PATHS.home,
        action: EHC_PATHS.newRequest,
        fields,
        submitText: 'Record the request',
      },
      {},
      undefined,
      { receivedOn: ehc.today() },
    );
  });

  app.post(EHC_PATHS.newRequest, { preHandler: requireSignIn }, async (request, reply) => {
    ehc.requireCasework(request.ctx); // refused before the form is read, not after it is found wanting
    const submitted = body(request);
    const fields = newRequestFields(await settingOptions());
    const view = {
      title: 'Record a request for an EHC needs assessment',
      caption: 'EHC casework',
      back: EHC_PATHS.home,
      action: EHC_PATHS.newRequest,
      fields,
      submitText: 'Record the request',
    };
    const { existingChildId, confirmNew, ...answers } = submitted;
    const parsed = parseFields(fields, answers);
    if (!parsed.ok) return renderForm(reply, 400, view, submitted, parsed.errors);
    const d = parsed.data;
    let nhsNumber: string | null = null;
    if (d.nhsNumber) {
      const check = validateNhsNumber(d.nhsNumber);
      if (!check.ok) return renderForm(reply, 400, view, submitted, fieldError('nhsNumber', check.message));
      nhsNumber = check.value;
    }
    if (d.parentEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.parentEmail))
      return renderForm(
        reply,
        400,
        view,
        submitted,
        fieldError('parentEmail', 'Enter an email address in the correct format, like name@example.com'),
      );
    if (d.parentName && !d.parentRelationship)
      return renderForm(
        reply,
        400,
        view,
        submitted,
        fieldError('parentRelationship', 'Select the relationship'),
      );

    const child: ChildInput = {
      legalGivenNames: d.legalGivenNames as string,
      legalFamilyName: d.legalFamilyName as string,
      preferredName: d.preferredName ?? null,
      dateOfBirth: d.dateOfBirth as string,
      sex: d.sex as 'F' | 'M' | 'U',
      homePostcode: d.homePostcode ? d.homePostcode.toUpperCase() : null,
      upn: null,
      upnUnknownReason: null,
      nhsNumber,
      nhsNumberUnknownReason: null,
      settingName: d.settingName ?? null,
      settingOrganisationId: d.settingOrganisationId ?? null,
      nationalCurriculumYear: d.nationalCurriculumYear ?? null,
      communicationNeeds: d.communicationNeeds ?? null,
      preferredLanguage: d.preferredLanguage ?? null,
      needs: [
        d.primaryNeed as string,
        ...(d.secondaryNeed && d.secondaryNeed !== d.primaryNeed ? [d.secondaryNeed] : []),
      ],
    };
    // Duplicate detection: a possible match is shown before a second record is made for the same child.
    if (typeof existingChildId !== 'string' && confirmNew !== 'yes') {
      const candidates = await ehc.findPossibleDuplicates(request.ctx, {
        dateOfBirth: child.dateOfBirth,
        familyName: child.legalFamilyName,
        nhsNumber,
        upn: null,
      });
      if (candidates.length > 0) {
        const hidden: Record<string, string> = {};
        for (const [k, v] of Object.entries(answers))
          if (typeof v === 'string' && k !== '_csrf') hidden[k] = v;
        return reply.page('ehc/views/duplicates', {
          pageTitle: 'Check whether this child already has a record',
          hidden,
          candidates: [
            ...candidates.map((c) => ({
              value: c.id,
              text: `${c.legal_given_names} ${c.legal_family_name}`,
              hint: {
                text: `Born ${formatDate(c.date_of_birth)}${c.setting_name ? `, ${c.setting_name}` : ''}${c.home_postcode ? `, ${c.home_postcode}` : ''}`,
              },
            })),
            { divider: 'or' },
            { value: 'new', text: 'No, this is a different child: create a new record' },
          ],
        });
      }
    }
    const useExisting =
      typeof existingChildId === 'string' && existingChildId !== 'new' && existingChildId !== '';
    try {
      const result = await ehc.recordRequest(request.ctx, {
        child: useExisting ? { existingChildId: existingChildId as string } : child,
        parent: d.parentName
          ? {
              fullName: d.parentName,
              relationship: d.parentRelationship as 'parent' | 'carer' | 'young_person',
              email: d.parentEmail?.toLowerCase() ?? null,
              phone: d.parentPhone ?? null,
              hasParentalResponsibility: d.parentRelationship === 'parent',
            }
          : null,
        request: {
          source: Number(d.source) as 1 | 2 | 3 | 4 | 5,
          channel: d.channel as 'letter' | 'email' | 'phone' | 'setting',
          requesterName: d.requesterName ?? null,
          requesterOrganisationId: null,
          receivedOn: d.receivedOn as string,
          reasons: d.reasons as string,
        },
      });
      await flash(request, `Request recorded: ${result.reference}`);
      return reply.redirect(EHC_PATHS.case(result.caseId), 303);
    } catch (error) {
      if (error instanceof RuleError)
        return renderForm(
          reply,
          400,
          view,
          submitted,
          fieldError(error.field === 'existingChildId' ? 'legalFamilyName' : error.field, error.message),
        );
      throw error;
    }
  });

  // ------------------------------------------------------------------ one case

  app.get('/ehc/cases/:id', { preHandler: requireSignIn }, async (request, reply) =>
    renderCase(request, reply, 200),
  );

  /** The case page; a note or an assignment refused is shown on it again, with its error and what was typed. */
  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problem?: { errors: FormErrors; note?: string },
  ) {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    const c = file.case;
    const base = EHC_PATHS.case(c.id);
    const open = c.closed_on === null;
    const people = await ehc.caseworkers();
    const planLinks: { href: string; text: string }[] = [];
    if (file.plan) {
      planLinks.push({
        href: `${base}/plan/view`,
        text: `${file.plan.kind === 'final' ? 'Final plan' : file.plan.issued_on ? 'Issued draft plan' : 'Draft plan (not issued)'}: read it`,
      });
      planLinks.push({ href: `${base}/plan.docx`, text: 'Download the plan as a Word document' });
    }
    if (c.decision_outcome)
      planLinks.push({ href: `${base}/letters/decision.docx`, text: 'Decision letter (Word)' });
    if (c.status === 'no-plan')
      planLinks.push({
        href: `${base}/letters/no-plan.docx`,
        text: 'Decision not to issue a plan: letter (Word)',
      });
    if (c.status === 'final-issued')
      planLinks.push({ href: `${base}/letters/final.docx`, text: 'Final plan covering letter (Word)' });
    const duplicateWarning = file.events.some((e) => e.kind === 'possible-duplicate')
      ? duplicateWarningHtml(await ehc.possibleDuplicatesOfCase(request.ctx, c.id))
      : null;
    return reply.code(status).page('ehc/views/case', {
      pageTitle: childName(c),
      reference: c.reference,
      duplicateWarning,
      status: statusTag(c.status),
      caseworkerName: c.caseworker_name,
      open,
      tasks: taskList(file),
      clockRows: clockRows(file.clocks),
      adviceRows: file.advice.map((a) => [
        { text: adviceTypeLabel(a.advice_type) },
        { text: a.organisation_name },
        { text: formatDate(a.due_on) },
        a.received_on
          ? {
              html: `${formatDate(a.received_on)}${a.document_id ? ` <a class="govuk-link" href="${base}/documents/${a.document_id}">Download<span class="govuk-visually-hidden"> the advice from ${escapeHtml(a.organisation_name)}</span></a>` : ''}`,
            }
          : {
              html: open
                ? `<a class="govuk-link" href="${base}/advice/${a.id}/received">Record it<span class="govuk-visually-hidden"> (${escapeHtml(a.organisation_name)})</span></a>`
                : 'Not received',
            },
      ]),
      consultationRows: file.consultations.map((s) => [
        { text: s.organisation_name },
        { text: formatDate(s.sent_on) },
        { text: formatDate(s.due_on) },
        {
          html: s.replied_on
            ? `${escapeHtml(`${formatDate(s.replied_on)}: ${s.can_meet_needs ? 'can meet the needs' : 'cannot meet the needs'}. ${s.response ?? ''}`)}${s.document_id ? ` <a class="govuk-link" href="${base}/documents/${s.document_id}">Download<span class="govuk-visually-hidden"> the reply from ${escapeHtml(s.organisation_name)}</span></a>` : ''}`
            : 'No reply yet',
        },
      ]),
      evidenceLinks: file.excusals
        .filter((e) => e.document_id)
        .map((e) => ({
          href: `${base}/documents/${e.document_id}`,
          text: `Evidence for the reg ${e.exception_type} exception (${formatDate(e.from_on)}): download`,
        })),
      representationRows: file.representations.map((r) => [
        { text: formatDate(r.received_on) },
        { text: r.comments },
        { text: r.preferred_setting ?? 'None given' },
      ]),
      planLinks,
      childRows: childSummaryRows(file),
      decisionMaker: decisionMakerText(file.child.date_of_birth, file.today),
      capacityRows: capacityRows(file.capacityNotes),
      hasYoungPerson: file.people.some((p) => p.relationship === 'young_person'),
      peopleRows: file.people.map((p) => [
        { text: p.full_name },
        {
          text: `${{ parent: 'Parent', carer: 'Carer', young_person: 'Young person', other: 'Other' }[p.relationship] ?? p.relationship}${p.has_parental_responsibility ? ' (parental responsibility)' : ''}`,
        },
        { text: [p.email, p.phone].filter(Boolean).join(', ') || 'None given' },
      ]),
      requestRows: requestSummaryRows(c),
      notes: file.notes.map((n) => ({
        author: n.author_name,
        when: formatDateTime(n.created_at),
        body: n.body,
      })),
      timeline: timelineItems(file.events),
      caseworkerItems: [
        { value: '', text: 'Choose' },
        ...people.map((p) => ({ value: p.id, text: p.full_name, selected: p.id === c.caseworker_id })),
      ],
      links: {
        assign: `${base}/assign`,
        notes: `${base}/notes`,
        close: `${base}/close`,
        child: `${base}/child`,
        people: `${base}/people`,
        capacity: `${base}/capacity`,
        exception: open ? `${base}/exceptions` : null,
      },
      errors: problem?.errors,
      noteValue: problem?.note ?? '',
      noteError: problem?.errors.fields.body,
      assignError: problem?.errors.fields.caseworkerId,
    });
  }

  /**
   * One case action: a form page (GET) and its submission (POST). The service checks access, the state of the
   * case and the dates; its RuleError comes back against the field, with everything typed kept.
   */
  function caseAction(options: {
    path: string;
    title: string;
    submitText?: string;
    intro?: (file: Awaited<ReturnType<typeof ehc.caseFile>>) => string[];
    warning?: string;
    fields: (
      file: Awaited<ReturnType<typeof ehc.caseFile>>,
      request: FastifyRequest,
    ) => FieldSpec[] | Promise<FieldSpec[]>;
    defaults?: (file: Awaited<ReturnType<typeof ehc.caseFile>>) => Record<string, string>;
    save: (
      request: FastifyRequest,
      caseId: string,
      data: Record<string, string>,
      lists: Record<string, string[]>,
    ) => Promise<void>;
    done: string;
    redirect?: (caseId: string) => string;
  }) {
    const url = `/ehc/cases/:id/${options.path}`;
    async function view(request: FastifyRequest) {
      const file = await ehc.caseFile(request.ctx, idOf(request));
      const base = EHC_PATHS.case(file.case.id);
      const fields = await options.fields(file, request);
      return {
        file,
        fields,
        view: {
          title: options.title,
          caption: `${file.case.reference}: ${childName(file.case)}`,
          back: base,
          action: `${base}/${options.path}`,
          fields,
          ...(options.submitText ? { submitText: options.submitText } : {}),
          ...(options.intro ? { intro: options.intro(file) } : {}),
          ...(options.warning ? { warning: options.warning } : {}),
        },
      };
    }
    app.get(url, { preHandler: requireSignIn }, async (request, reply) => {
      const { file, view: v } = await view(request);
      return renderForm(reply, 200, v, {}, undefined, options.defaults?.(file) ?? {});
    });
    app.post(url, { preHandler: requireSignIn }, async (request, reply) => {
      const { file, view: v, fields } = await view(request);
      const submitted = body(request);
      const parsed = parseFields(fields, submitted);
      if (!parsed.ok) return renderForm(reply, 400, v, submitted, parsed.errors);
      try {
        await options.save(request, file.case.id, parsed.data, parsed.lists);
      } catch (error) {
        if (error instanceof RuleError) {
          const field = fields.some((f) => f.name === error.field)
            ? error.field
            : (fields[0]?.name ?? 'main-content');
          const href = fields.find((f) => f.name === field)?.kind === 'date' ? `${field}-day` : field;
          const errors = fieldError(field, error.message);
          if (errors.summary[0]) errors.summary[0].href = `#${href}`;
          return renderForm(reply, 400, v, submitted, errors);
        }
        throw error;
      }
      await flash(request, options.done);
      return reply.redirect(options.redirect?.(file.case.id) ?? EHC_PATHS.case(file.case.id), 303);
    });
  }

  caseAction({
    path: 'decision',
    title: 'Decide whether to carry out an EHC needs assessment',
    submitText: 'Record the decision',
    intro: (f) => [
      `The decision must be sent to the family by ${formatDate(f.case.decision_due_on)} (6 weeks from the request, regulation 5(1)).`,
    ],
    fields: () => [
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Decision',
        what: 'the decision',
        options: [
          { value: 'assess', text: 'Carry out an EHC needs assessment' },
          {
            value: 'not-assess',
            text: 'Do not carry out an assessment',
            hint: 'The letter tells the family their right to appeal, mediation and the information, advice and support service.',
          },
        ],
      },
      {
        kind: 'date',
        name: 'notifiedOn',
        label: 'Date the family was told',
        what: 'the date the family was told',
      },
      {
        kind: 'textarea',
        name: 'reasons',
        label: 'Reasons (needed for a decision not to assess)',
        what: 'the reasons',
        required: false,
      },
    ],
    defaults: () => ({ notifiedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.decide(request.ctx, id, {
        outcome: d.outcome as 'assess' | 'not-assess',
        notifiedOn: d.notifiedOn as string,
        reasons: d.reasons ?? null,
      }),
    done: 'The decision has been recorded',
  });

  caseAction({
    path: 'advice',
    title: 'Ask for advice',
    submitText: 'Send the request for advice',
    intro: () => [
      'Each source of advice has 6 weeks from the day it receives the request (regulation 8(1)). The organisation is told through the partner portal.',
    ],
    fields: async (file) => {
      const orgs = await ehc.partnerOrganisations();
      const pfa = preparingForAdulthoodApplies(file.child.national_curriculum_year);
      return [
        {
          kind: 'radios',
          name: 'adviceType',
          label: 'Type of advice',
          what: 'the type of advice',
          options: ADVICE_TYPES.filter((t) => pfa || t.code !== 'preparing_for_adulthood').map((t) => ({
            value: t.code,
            text: t.label,
          })),
        },
        {
          kind: 'select',
          name: 'organisationId',
          label: 'Organisation asked',
          what: 'the organisation asked for advice',
          options: orgs.map((o) => ({ value: o.id, text: o.name })),
        },
        {
          kind: 'date',
          name: 'requestedOn',
          label: 'Date the organisation received the request',
          what: 'the date the request was received',
        },
      ];
    },
    defaults: () => ({ requestedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.requestAdvice(request.ctx, id, {
        adviceType: d.adviceType as AdviceType,
        organisationId: d.organisationId as string,
        requestedOn: d.requestedOn as string,
      }),
    done: 'The request for advice has been sent',
  });

  app.get(
    '/ehc/cases/:id/advice/:adviceId/received',
    { preHandler: requireSignIn },
    async (request, reply) => {
      const { file, advice } = await ehc.caseAdvice(
        request.ctx,
        idOf(request),
        (request.params as { adviceId: string }).adviceId,
      );
      return renderForm(
        reply,
        200,
        adviceReceivedView(file.case.id, file.case.reference, advice),
        {},
        undefined,
        { receivedOn: ehc.today() },
      );
    },
  );

  function adviceReceivedView(
    caseId: string,
    reference: string,
    advice: { id: string; organisation_name: string; advice_type: string },
  ) {
    return {
      title: `Record advice received from ${advice.organisation_name}`,
      caption: reference,
      back: EHC_PATHS.case(caseId),
      action: `${EHC_PATHS.case(caseId)}/advice/${advice.id}/received`,
      submitText: 'Record the advice',
      intro: [
        `${adviceTypeLabel(advice.advice_type)}. Partners usually send their advice through the partner portal; record it here when it came by post or email.`,
      ],
      fields: adviceReceivedFields,
    };
  }
  const adviceReceivedFields: FieldSpec[] = [
    {
      kind: 'date',
      name: 'receivedOn',
      label: 'Date the advice was received',
      what: 'the date the advice was received',
    },
    { kind: 'textarea', name: 'summary', label: 'Summary of the advice', what: 'a summary of the advice' },
  ];

  app.post(
    '/ehc/cases/:id/advice/:adviceId/received',
    { preHandler: requireSignIn },
    async (request, reply) => {
      const { file, advice } = await ehc.caseAdvice(
        request.ctx,
        idOf(request),
        (request.params as { adviceId: string }).adviceId,
      );
      const v = adviceReceivedView(file.case.id, file.case.reference, advice);
      const submitted = body(request);
      const parsed = parseFields(adviceReceivedFields, submitted);
      if (!parsed.ok) return renderForm(reply, 400, v, submitted, parsed.errors);
      try {
        await ehc.recordAdviceForPartner(request.ctx, file.case.id, advice.id, {
          receivedOn: parsed.data.receivedOn as string,
          summary: parsed.data.summary as string,
        });
      } catch (error) {
        if (error instanceof RuleError)
          return renderForm(
            reply,
            400,
            v,
            submitted,
            fieldError(error.field === 'receivedOn' ? 'receivedOn' : 'summary', error.message),
          );
        throw error;
      }
      await flash(request, 'The advice has been recorded');
      return reply.redirect(EHC_PATHS.case(file.case.id), 303);
    },
  );

  caseAction({
    path: 'exceptions',
    title: 'Record an exception to a time limit',
    submitText: 'Record the exception',
    warning:
      'An exception never stops or moves a time limit. It records why a missed one was allowed; figures are reported with and without exceptions.',
    fields: (file) => [
      {
        kind: 'select',
        name: 'clockKey',
        label: 'Time limit',
        what: 'the time limit',
        options: file.clocks
          .filter((k) => k.deadline.ruleId !== 'draft-plan-representations')
          .map((k) => ({
            value: `${k.deadline.ruleId}${k.deadline.subjectId ? `:${k.deadline.subjectId}` : ''}`,
            text: `${k.label} (due ${formatDate(k.deadline.dueDate)})`,
          })),
      },
      {
        kind: 'radios',
        name: 'type',
        label: 'Exception',
        what: 'the exception',
        options: EXCEPTION_TYPES.map((t: ExceptionType) => ({
          value: t,
          text: EXCEPTIONS[t].citation,
          hint: EXCEPTIONS[t].description,
        })),
      },
      { kind: 'date', name: 'fromOn', label: 'First day', what: 'the first day' },
      {
        kind: 'date',
        name: 'toOn',
        label: 'Last day',
        what: 'the last day',
        hint: 'For a missed appointment, the date of the appointment again',
      },
      {
        kind: 'date',
        name: 'adviceRequestedOn',
        label: 'For a closure: date advice was asked of the head teacher, principal or provider (optional)',
        what: 'the date advice was asked',
        required: false,
      },
      { kind: 'textarea', name: 'evidence', label: 'Evidence', what: 'the evidence', max: 2000 },
    ],
    save: (request, id, d) =>
      ehc.recordExcusal(request.ctx, id, {
        clockKey: d.clockKey as string,
        type: d.type as ExceptionType,
        fromOn: d.fromOn as string,
        toOn: d.toOn as string,
        adviceRequestedOn: d.adviceRequestedOn ?? null,
        evidence: d.evidence as string,
      }),
    done: 'The exception has been recorded',
  });

  caseAction({
    path: 'draft',
    title: 'Issue the draft plan',
    submitText: 'Issue the draft plan',
    intro: () => [
      'The family has at least 15 days from the day the draft is sent to comment, ask for a meeting and say which school or college they would like named (regulation 13(1)). The draft must not name a school.',
    ],
    fields: () => [
      {
        kind: 'date',
        name: 'servedOn',
        label: 'Date the draft was sent to the family',
        what: 'the date the draft was sent',
      },
    ],
    defaults: () => ({ servedOn: ehc.today() }),
    save: (request, id, d) => ehc.issueDraft(request.ctx, id, d.servedOn as string),
    done: 'The draft plan has been issued',
  });

  caseAction({
    path: 'consult',
    title: 'Consult a school, college or setting',
    submitText: 'Send the consultation',
    intro: () => [
      'The setting should reply within 15 days (SEND Code of Practice 9.83, guidance: the council decides even without a reply). They answer through the partner portal.',
    ],
    fields: async () => [
      {
        kind: 'select',
        name: 'organisationId',
        label: 'School, college or setting',
        what: 'the setting to consult',
        options: await settingOptions(),
      },
      {
        kind: 'date',
        name: 'sentOn',
        label: 'Date the consultation was sent',
        what: 'the date the consultation was sent',
      },
    ],
    defaults: () => ({ sentOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.consultSetting(request.ctx, id, {
        organisationId: d.organisationId as string,
        sentOn: d.sentOn as string,
      }),
    done: 'The consultation has been sent',
  });

  caseAction({
    path: 'representations',
    title: "Record the family's views on the draft plan",
    submitText: 'Record their views',
    fields: () => [
      { kind: 'date', name: 'receivedOn', label: 'Date received', what: 'the date the views were received' },
      { kind: 'textarea', name: 'comments', label: 'What they said', what: 'what they said' },
      {
        kind: 'text',
        name: 'preferredSetting',
        label: 'School, college or setting they would like named (optional)',
        what: 'the setting',
        required: false,
      },
    ],
    defaults: () => ({ receivedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.recordRepresentation(request.ctx, id, {
        receivedOn: d.receivedOn as string,
        comments: d.comments as string,
        preferredSetting: d.preferredSetting ?? null,
      }),
    done: "The family's views have been recorded",
  });

  caseAction({
    path: 'final',
    title: 'Issue the final plan',
    submitText: 'Issue the final plan',
    intro: (f) => [
      `The final plan must be issued by ${formatDate(f.case.final_plan_due_on)} (20 weeks from the request, regulation 13(2)).`,
    ],
    fields: () => [
      {
        kind: 'text',
        name: 'namedSetting',
        label: 'School, college or other setting named in section I',
        what: 'the school, college or setting named',
      },
      {
        kind: 'date',
        name: 'issuedOn',
        label: 'Date the final plan was issued',
        what: 'the date the final plan was issued',
      },
    ],
    defaults: (f) => ({
      issuedOn: ehc.today(),
      namedSetting: f.representations.at(-1)?.preferred_setting ?? '',
    }),
    save: (request, id, d) =>
      ehc.issueFinal(request.ctx, id, {
        issuedOn: d.issuedOn as string,
        namedSetting: d.namedSetting as string,
      }),
    done: 'The final plan has been issued',
  });

  caseAction({
    path: 'no-plan',
    title: 'Decide not to issue an EHC plan',
    submitText: 'Record the decision',
    intro: (f) => [
      `The family must be told by ${formatDate(f.case.no_plan_due_on)} (16 weeks from the request, regulation 10(1)), with their right to appeal.`,
    ],
    fields: () => [
      {
        kind: 'date',
        name: 'notifiedOn',
        label: 'Date the family was told',
        what: 'the date the family was told',
      },
      { kind: 'textarea', name: 'reasons', label: 'Reasons', what: 'the reasons' },
    ],
    defaults: () => ({ notifiedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.decideNoPlan(request.ctx, id, { notifiedOn: d.notifiedOn as string, reasons: d.reasons as string }),
    done: 'The decision not to issue a plan has been recorded',
  });

  caseAction({
    path: 'close',
    title: 'Close the case',
    submitText: 'Close the case',
    fields: () => [
      {
        kind: 'radios',
        name: 'reason',
        label: 'Why',
        what: 'why the case is closing',
        options: [
          { value: 'withdrawn', text: 'The request was withdrawn' },
          { value: 'moved-out', text: 'The child or young person moved out of the area' },
        ],
      },
      { kind: 'date', name: 'closedOn', label: 'Date', what: 'the date' },
    ],
    defaults: () => ({ closedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.close(request.ctx, id, {
        reason: d.reason as 'withdrawn' | 'moved-out',
        closedOn: d.closedOn as string,
      }),
    done: 'The case has been closed',
  });

  app.post('/ehc/cases/:id/notes', { preHandler: requireSignIn }, async (request, reply) => {
    const id = idOf(request);
    const parsed = parseFields(
      [{ kind: 'textarea', name: 'body', label: 'Note', what: 'a note', max: 5000 }],
      body(request),
    );
    if (!parsed.ok) {
      const typed = body(request).body;
      return renderCase(request, reply, 400, {
        errors: parsed.errors,
        note: typeof typed === 'string' ? typed : '',
      });
    }
    const file = await ehc.caseFile(request.ctx, id);
    await ehc.addNote(request.ctx, file.case.id, parsed.data.body as string);
    await flash(request, 'The note has been added');
    return reply.redirect(EHC_PATHS.case(file.case.id), 303);
  });

  app.post('/ehc/cases/:id/assign', { preHandler: requireSignIn }, async (request, reply) => {
    const id = idOf(request);
    const to = body(request).caseworkerId;
    try {
      await ehc.reassign(request.ctx, id, typeof to === 'string' ? to : '');
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const errors = fieldError('caseworkerId', error.message);
      return renderCase(request, reply, 400, { errors });
    }
    await flash(request, 'The case has been assigned');
    return reply.redirect(EHC_PATHS.case(id), 303);
  });

  app.get('/ehc/cases/:id/documents/:documentId', { preHandler: requireSignIn }, async (request, reply) => {
    const doc = await ehc.document(
      request.ctx,
      idOf(request),
      (request.params as { documentId: string }).documentId,
    );
    return reply
      .header('content-type', doc.media_type)
      .header('content-disposition', `attachment; filename="${doc.file_name.replace(/"/g, '')}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(doc.content));
  });

  // ------------------------------------------------------------------ the child's record

  const identifierFields = (
    name: 'nhsNumber' | 'upn' | 'uln',
    identifier: 'nhs-number' | 'upn' | 'uln',
    label: string,
    hint: string,
  ): FieldSpec[] => [
    {
      kind: 'text',
      name,
      label,
      what: `the ${label}`,
      hint,
      required: false,
      max: 16,
      width: 'govuk-input--width-10',
    },
    {
      kind: 'select',
      name: `${name}UnknownReason`,
      label: `If the ${label} is not known, why`,
      what: `why the ${label} is not known`,
      required: false,
      options: UNKNOWN_IDENTIFIER_REASONS[identifier].map((r) => ({ value: r.code, text: r.label })),
    },
  ];

  /** Each identifier, or the reason it is not known (never both, never neither), by the domain's checks. */
  function identifierAnswer(
    d: Record<string, string>,
    name: 'nhsNumber' | 'upn' | 'uln',
    identifier: 'nhs-number' | 'upn' | 'uln',
  ): { value: string | null; reason: string | null } {
    const result = validateIdentifierAnswer(identifier, {
      value: d[name] ?? null,
      reasonUnknown: d[`${name}UnknownReason`] ?? null,
    });
    if (!result.ok) throw new RuleError(name, result.message);
    return { value: result.value.value, reason: result.value.reasonUnknown };
  }

  caseAction({
    path: 'child',
    title: "Change the child's or young person's details",
    submitText: 'Save the details',
    intro: () => [
      'Give each identifier, or say why it is not known: SEN2 asks for the reason when the unique pupil number or unique learner number is missing.',
    ],
    fields: () => [
      ...newRequestFields([]).filter((f) =>
        ['legalGivenNames', 'legalFamilyName', 'preferredName', 'dateOfBirth', 'sex'].includes(f.name),
      ),
      {
        kind: 'select',
        name: 'ethnicity',
        label: 'Ethnicity (optional)',
        what: 'the ethnicity',
        required: false,
        options: ETHNICITIES.map((e) => ({ value: e.code, text: e.label })),
      },
      ...identifierFields('nhsNumber', 'nhs-number', 'NHS number', 'For example, 943 476 5919'),
      ...identifierFields('upn', 'upn', 'unique pupil number', '13 characters, for example A123456789012'),
      ...identifierFields('uln', 'uln', 'unique learner number', '10 digits, from age 14'),
      ...newRequestFields([]).filter((f) =>
        [
          'homePostcode',
          'settingName',
          'nationalCurriculumYear',
          'primaryNeed',
          'secondaryNeed',
          'communicationNeeds',
          'preferredLanguage',
        ].includes(f.name),
      ),
    ],
    defaults: (f) => {
      const ch = f.child;
      const need = (rank: number) => f.needs.find((n) => n.rank === rank)?.sen_type ?? '';
      return {
        legalGivenNames: ch.legal_given_names,
        legalFamilyName: ch.legal_family_name,
        preferredName: ch.preferred_name ?? '',
        dateOfBirth: ch.date_of_birth,
        sex: ch.sex,
        ethnicity: ch.ethnicity ?? '',
        nhsNumber: ch.nhs_number ?? '',
        nhsNumberUnknownReason: ch.nhs_number_unknown_reason ?? '',
        upn: ch.upn ?? '',
        upnUnknownReason: ch.upn_unknown_reason ?? '',
        uln: ch.uln ?? '',
        ulnUnknownReason: ch.uln_unknown_reason ?? '',
        homePostcode: ch.home_postcode ?? '',
        settingName: ch.setting_name ?? '',
        nationalCurriculumYear: ch.national_curriculum_year ?? '',
        primaryNeed: need(1),
        secondaryNeed: need(2),
        communicationNeeds: ch.communication_needs ?? '',
        preferredLanguage: ch.preferred_language ?? '',
      };
    },
    save: async (request, id, d) => {
      const nhs = identifierAnswer(d, 'nhsNumber', 'nhs-number');
      const upn = identifierAnswer(d, 'upn', 'upn');
      const uln = identifierAnswer(d, 'uln', 'uln');
      const postcode = d.homePostcode ? d.homePostcode.toUpperCase().replace(/\s+/g, ' ') : null;
      if (postcode && !/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(postcode))
        throw new RuleError('homePostcode', 'Enter a real postcode, like WV1 1AA');
      await ehc.updateChild(request.ctx, id, {
        legalGivenNames: d.legalGivenNames as string,
        legalFamilyName: d.legalFamilyName as string,
        preferredName: d.preferredName ?? null,
        dateOfBirth: d.dateOfBirth as string,
        sex: d.sex as 'F' | 'M' | 'U',
        ethnicity: d.ethnicity ?? null,
        homePostcode: postcode,
        nhsNumber: nhs.value,
        nhsNumberUnknownReason: nhs.reason,
        upn: upn.value,
        upnUnknownReason: upn.reason,
        uln: uln.value,
        ulnUnknownReason: uln.reason,
        settingName: d.settingName ?? null,
        nationalCurriculumYear: d.nationalCurriculumYear ?? null,
        communicationNeeds: d.communicationNeeds ?? null,
        preferredLanguage: d.preferredLanguage ?? null,
        needs: [
          d.primaryNeed as string,
          ...(d.secondaryNeed && d.secondaryNeed !== d.primaryNeed ? [d.secondaryNeed] : []),
        ],
      });
    },
    done: "The child's details have been saved",
  });

  caseAction({
    path: 'people',
    title: 'Add a person around the child or young person',
    submitText: 'Add the person',
    intro: (f) => {
      const end = endOfCompulsorySchoolAge(f.child.date_of_birth);
      return [
        decisionMaker(f.child.date_of_birth, f.today) === 'young-person'
          ? `Compulsory school age ended on ${formatDate(end)}: the young person now makes the decisions themself, unless they lack capacity to make a particular decision. Add them here and record their capacity decision by decision.`
          : `The parents make the decisions until compulsory school age ends on ${formatDate(end)}; the young person makes them from then on.`,
      ];
    },
    fields: () => [
      { kind: 'text', name: 'fullName', label: 'Full name', what: 'the full name' },
      {
        kind: 'radios',
        name: 'relationship',
        label: 'Relationship',
        what: 'the relationship',
        options: [
          { value: 'parent', text: 'Parent' },
          { value: 'carer', text: 'Carer' },
          { value: 'young_person', text: 'The young person themself' },
          { value: 'other', text: 'Someone else (for example an advocate)' },
        ],
      },
      {
        kind: 'radios',
        name: 'parentalResponsibility',
        label: 'Do they have parental responsibility?',
        what: 'whether they have parental responsibility',
        options: [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ],
      },
      {
        kind: 'text',
        name: 'email',
        label: 'Email address (optional)',
        what: 'the email address',
        hint: 'The family follows the case at /my-ehc with a link sent to this address',
        required: false,
        max: 254,
      },
      {
        kind: 'text',
        name: 'phone',
        label: 'Phone (optional)',
        what: 'the phone number',
        required: false,
        max: 40,
        width: 'govuk-input--width-20',
      },
      {
        kind: 'radios',
        name: 'mainContact',
        label: 'Are they the main contact?',
        what: 'whether they are the main contact',
        options: [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ],
      },
    ],
    defaults: () => ({ mainContact: 'no' }),
    save: async (request, id, d) => {
      const email = d.email?.toLowerCase() ?? null;
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new RuleError('email', 'Enter an email address in the correct format, like name@example.com');
      if (d.relationship === 'young_person' && d.parentalResponsibility === 'yes')
        throw new RuleError(
          'parentalResponsibility',
          'The young person themself cannot have parental responsibility for themself',
        );
      await ehc.addPerson(request.ctx, id, {
        fullName: d.fullName as string,
        relationship: d.relationship as 'parent' | 'carer' | 'young_person' | 'other',
        hasParentalResponsibility: d.parentalResponsibility === 'yes',
        email,
        phone: d.phone ?? null,
        isMainContact: d.mainContact === 'yes',
      });
    },
    done: 'The person has been added',
  });

  caseAction({
    path: 'capacity',
    title: "Record the young person's capacity for a decision",
    submitText: 'Record it',
    intro: () => [
      'Capacity is judged decision by decision (Mental Capacity Act 2005; SEND Code of Practice 8.13). Where the young person lacks capacity for a decision, their parent or a representative makes it for them.',
    ],
    fields: (f) => [
      {
        kind: 'select',
        name: 'relatedPersonId',
        label: 'Young person',
        what: 'the young person',
        options: f.people
          .filter((p) => p.relationship === 'young_person')
          .map((p) => ({ value: p.id, text: p.full_name })),
      },
      {
        kind: 'text',
        name: 'decision',
        label: 'Decision',
        what: 'the decision',
        hint: 'For example, to request an EHC needs assessment, or to agree the named college',
      },
      {
        kind: 'radios',
        name: 'hasCapacity',
        label: 'Did they have capacity to make this decision?',
        what: 'whether they had capacity',
        options: [
          { value: 'yes', text: 'Yes: they make this decision themself' },
          { value: 'no', text: 'No: it is made for them' },
        ],
      },
      { kind: 'date', name: 'assessedOn', label: 'Date assessed', what: 'the date assessed' },
      {
        kind: 'textarea',
        name: 'note',
        label: 'How this was judged, and who makes the decision if they lack capacity',
        what: 'how this was judged',
        max: 2000,
      },
    ],
    defaults: () => ({ assessedOn: ehc.today() }),
    save: (request, id, d) =>
      ehc.recordCapacityNote(request.ctx, id, {
        relatedPersonId: d.relatedPersonId as string,
        decision: d.decision as string,
        hasCapacity: d.hasCapacity === 'yes',
        note: d.note as string,
        assessedOn: d.assessedOn as string,
      }),
    done: 'The capacity note has been recorded',
  });

  // ------------------------------------------------------------------ the plan

  function planView(
    file: Awaited<ReturnType<typeof ehc.caseFile>>,
    content: PlanContent,
    _editable: boolean,
  ) {
    const base = EHC_PATHS.case(file.case.id);
    const needText = new Map(content.needs.map((n) => [n.id, n.text]));
    const outcomeText = new Map(content.outcomes.map((o) => [o.id, o.text]));
    const sections = PLAN_SECTIONS.map((s) => {
      const items: { id: string; text: string; detail?: string }[] = [];
      const paragraphs: string[] = [];
      let edit: { href: string; text: string } | null = null;
      switch (s.key) {
        case 'A':
          paragraphs.push(content.views || 'Not written yet.');
          edit = { href: `${base}/plan/views`, text: 'Change section A' };
          break;
        case 'B':
        case 'C':
        case 'D':
          for (const n of content.needs.filter((x) => x.section === s.key))
            items.push({ id: n.id, text: n.text });
          if (items.length === 0) paragraphs.push('None recorded.');
          edit = { href: `${base}/plan/needs?section=${s.key}`, text: `Add a need to section ${s.key}` };
          break;
        case 'E':
          for (const o of content.outcomes)
            items.push({
              id: o.id,
              text: o.text,
              detail: `${o.byWhen}${o.pfaDomain ? `. Preparing for adulthood: ${PFA_DOMAINS.find((p) => p.code === o.pfaDomain)?.label ?? ''}` : ''}`,
            });
          if (items.length === 0) paragraphs.push('None recorded.');
          edit = { href: `${base}/plan/outcomes`, text: 'Add an outcome' };
          break;
        case 'F':
        case 'G':
        case 'H1':
        case 'H2':
          for (const p of content.provision.filter((x) => x.section === s.key)) {
            const meets = [
              ...p.meetsNeedIds.map((id) => needText.get(id)),
              ...p.meetsOutcomeIds.map((id) => outcomeText.get(id)),
            ].filter(Boolean);
            items.push({
              id: p.id,
              text: p.what,
              detail: `${p.whoProvides}; ${p.howOften}; ${p.forHowLong}. Meets: ${meets.join('; ') || 'nothing linked'}`,
            });
          }
          if (items.length === 0) paragraphs.push('None recorded.');
          edit = {
            href: `${base}/plan/provision?section=${s.key}`,
            text: `Add provision to section ${s.key}`,
          };
          break;
        case 'I':
          paragraphs.push(content.placement || 'The draft plan does not name a school or other institution.');
          edit = { href: `${base}/plan/placement`, text: 'Change section I' };
          break;
        case 'J':
          paragraphs.push(content.personalBudget || 'None recorded.');
          edit = { href: `${base}/plan/personal-budget`, text: 'Change section J' };
          break;
        case 'K':
          for (const a of content.advice)
            items.push({ id: '', text: `${a.source}, received ${formatDate(a.receivedOn)}` });
          paragraphs.push('The advice received is listed here when the plan is issued.');
          break;
      }
      return {
        key: s.key,
        title: s.title,
        paragraphs,
        items: s.key === 'K' ? items.map((i) => ({ ...i, id: '' })) : items,
        edit,
      };
    });
    return sections;
  }

  app.get('/ehc/cases/:id/plan', { preHandler: requireSignIn }, async (request, reply) => {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    const content = (file.plan?.content as PlanContent | undefined) ?? emptyPlanContent();
    const editable =
      (file.case.status === 'assessing' || file.case.status === 'draft-issued') &&
      !(file.plan?.kind === 'final');
    const base = EHC_PATHS.case(file.case.id);
    return reply.page('ehc/views/plan', {
      pageTitle: 'The EHC plan',
      reference: `${file.case.reference}: ${childName(file.case)}`,
      back: base,
      editable,
      issuedNote: file.plan?.issued_on
        ? `Version ${file.plan.version} was issued on ${formatDate(file.plan.issued_on)}. A change now starts a new version.`
        : null,
      problems: file.case.status === 'assessing' ? planProblems(content, 'draft').map((p) => p.message) : [],
      sections: planView(file, content, editable),
      links: { view: `${base}/plan/view`, remove: `${base}/plan/remove` },
    });
  });

  const planSection = (options: {
    path: string;
    title: string;
    fields: (
      content: PlanContent,
      file: Awaited<ReturnType<typeof ehc.caseFile>>,
      query: Record<string, unknown>,
    ) => FieldSpec[];
    defaults?: (content: PlanContent, query: Record<string, unknown>) => Record<string, string>;
    apply: (
      content: PlanContent,
      data: Record<string, string>,
      lists: Record<string, string[]>,
    ) => PlanContent;
  }) =>
    caseAction({
      path: `plan/${options.path}`,
      title: options.title,
      submitText: 'Save',
      fields: (file, request) =>
        options.fields(
          (file.plan?.content as PlanContent | undefined) ?? emptyPlanContent(),
          file,
          (request.query ?? {}) as Record<string, unknown>,
        ),
      defaults: (file) =>
        options.defaults?.((file.plan?.content as PlanContent | undefined) ?? emptyPlanContent(), {}) ?? {},
      save: (request, id, d, lists) =>
        ehc.savePlanSection(request.ctx, id, (content) => options.apply(content, d, lists)),
      done: 'The plan has been saved',
      redirect: (id) => `${EHC_PATHS.case(id)}/plan`,
    });
  planSection({
    path: 'views',
    title: 'Section A: views, interests and aspirations',
    fields: () => [
      {
        kind: 'textarea',
        name: 'views',
        label: 'Section A',
        what: 'the views, interests and aspirations',
        max: 10000,
        rows: 10,
        hint: "In the child's or young person's and their parents' own words where possible.",
      },
    ],
    defaults: (c) => ({ views: c.views }),
    apply: (c, d) => ({ ...c, views: d.views as string }),
  });
  planSection({
    path: 'needs',
    title: 'Add a need',
    fields: (_c, _f, q) => [
      {
        kind: 'radios',
        name: 'section',
        label: 'Section',
        what: 'the section',
        options: [
          { value: 'B', text: 'B: special educational needs' },
          { value: 'C', text: 'C: health needs' },
          { value: 'D', text: 'D: social care needs' },
        ],
      },
      {
        kind: 'textarea',
        name: 'text',
        label: 'The need',
        what: 'the need',
        max: 2000,
        rows: 4,
        ...(typeof q.section === 'string' ? {} : {}),
      },
    ],
    defaults: () => ({ section: 'B' }),
    apply: (c, d) => ({
      ...c,
      needs: [
        ...c.needs,
        { id: randomUUID(), section: d.section as 'B' | 'C' | 'D', text: d.text as string },
      ],
    }),
  });
  planSection({
    path: 'outcomes',
    title: 'Add an outcome',
    fields: (_c, file) => [
      {
        kind: 'textarea',
        name: 'text',
        label: 'The outcome',
        what: 'the outcome',
        max: 2000,
        rows: 3,
        hint: 'What the child or young person will be able to do: specific and measurable.',
      },
      {
        kind: 'text',
        name: 'byWhen',
        label: 'By when',
        what: 'when the outcome should be achieved',
        hint: 'For example, by the end of key stage 2 (July 2028)',
      },
      ...(preparingForAdulthoodApplies(file.child.national_curriculum_year)
        ? [
            {
              kind: 'radios' as const,
              name: 'pfaDomain',
              label: 'Preparing for adulthood area (from year 9)',
              what: 'the preparing for adulthood area',
              required: false,
              options: PFA_DOMAINS.map((p) => ({ value: p.code, text: p.label })),
            },
          ]
        : []),
    ],
    apply: (c, d) => ({
      ...c,
      outcomes: [
        ...c.outcomes,
        {
          id: randomUUID(),
          text: d.text as string,
          byWhen: d.byWhen as string,
          ...(d.pfaDomain ? { pfaDomain: d.pfaDomain as PfaDomain } : {}),
        },
      ],
    }),
  });
  planSection({
    path: 'provision',
    title: 'Add provision',
    fields: (c) => [
      {
        kind: 'radios',
        name: 'section',
        label: 'Section',
        what: 'the section',
        options: [
          { value: 'F', text: 'F: special educational provision' },
          { value: 'G', text: 'G: health provision' },
          { value: 'H1', text: 'H1: social care provision (CSDPA 1970 section 2)' },
          { value: 'H2', text: 'H2: other social care provision' },
        ],
      },
      {
        kind: 'textarea',
        name: 'what',
        label: 'What the provision is',
        what: 'what the provision is',
        max: 2000,
        rows: 3,
      },
      {
        kind: 'text',
        name: 'whoProvides',
        label: 'Who provides it',
        what: 'who provides it',
        hint: 'For example, a speech and language therapist',
      },
      {
        kind: 'text',
        name: 'howOften',
        label: 'How often',
        what: 'how often',
        hint: 'For example, 2 sessions of 30 minutes a week',
      },
      {
        kind: 'text',
        name: 'forHowLong',
        label: 'For how long',
        what: 'for how long',
        hint: 'For example, until the annual review',
      },
      {
        kind: 'checkboxes',
        name: 'meetsNeedIds',
        label: 'Needs it meets',
        what: 'a need it meets',
        required: false,
        options: c.needs.map((n) => ({ value: n.id, text: `${n.section}: ${n.text}` })),
      },
      {
        kind: 'checkboxes',
        name: 'meetsOutcomeIds',
        label: 'Outcomes it works towards',
        what: 'an outcome',
        required: false,
        options: c.outcomes.map((o) => ({ value: o.id, text: o.text })),
      },
    ],
    defaults: () => ({ section: 'F' }),
    apply: (c, d, lists) => ({
      ...c,
      provision: [
        ...c.provision,
        {
          id: randomUUID(),
          section: d.section as ProvisionSection,
          what: d.what as string,
          whoProvides: d.whoProvides as string,
          howOften: d.howOften as string,
          forHowLong: d.forHowLong as string,
          meetsNeedIds: lists.meetsNeedIds ?? [],
          meetsOutcomeIds: lists.meetsOutcomeIds ?? [],
        },
      ],
    }),
  });
  planSection({
    path: 'placement',
    title: 'Section I: placement',
    fields: () => [
      {
        kind: 'textarea',
        name: 'placement',
        label: 'Section I',
        what: 'the placement',
        required: false,
        rows: 3,
        hint: 'Leave empty in a draft: the draft must not name a school. You can give the type of setting.',
      },
    ],
    defaults: (c) => ({ placement: c.placement }),
    apply: (c, d) => ({ ...c, placement: d.placement ?? '' }),
  });
  planSection({
    path: 'personal-budget',
    title: 'Section J: personal budget',
    fields: () => [
      {
        kind: 'textarea',
        name: 'personalBudget',
        label: 'Section J',
        what: 'the personal budget',
        required: false,
        rows: 4,
      },
    ],
    defaults: (c) => ({ personalBudget: c.personalBudget }),
    apply: (c, d) => ({ ...c, personalBudget: d.personalBudget ?? '' }),
  });

  app.post('/ehc/cases/:id/plan/remove', { preHandler: requireSignIn }, async (request, reply) => {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    const itemId = body(request).itemId;
    try {
      await ehc.savePlanSection(request.ctx, file.case.id, (c) => ({
        ...c,
        needs: c.needs.filter((n) => n.id !== itemId),
        outcomes: c.outcomes.filter((o) => o.id !== itemId),
        provision: c.provision
          .filter((p) => p.id !== itemId)
          .map((p) => ({
            ...p,
            meetsNeedIds: p.meetsNeedIds.filter((id) => id !== itemId),
            meetsOutcomeIds: p.meetsOutcomeIds.filter((id) => id !== itemId),
          })),
      }));
      await flash(request, 'Removed from the plan');
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      await flash(request, error.message);
    }
    return reply.redirect(`${EHC_PATHS.case(file.case.id)}/plan`, 303);
  });

  app.get('/ehc/cases/:id/plan/view', { preHandler: requireSignIn }, async (request, reply) => {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    if (!file.plan) return reply.callNotFound();
    const input = ehc.planDocumentInput(file, file.plan);
    return reply.page(
      'ehc/views/plan-view',
      planPage(input, EHC_PATHS.case(file.case.id), `${EHC_PATHS.case(file.case.id)}/plan.docx`),
    );
  });

  app.get('/ehc/cases/:id/plan.docx', { preHandler: requireSignIn }, async (request, reply) => {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    if (!file.plan) return reply.callNotFound();
    const input = ehc.planDocumentInput(file, file.plan);
    return sendDocx(reply, await planToDocx(input), `${file.case.reference}-${file.plan.kind}-plan.docx`);
  });

  app.get('/ehc/cases/:id/letters/:letter', { preHandler: requireSignIn }, async (request, reply) => {
    const file = await ehc.caseFile(request.ctx, idOf(request));
    const letter = (request.params as { letter: string }).letter;
    const c = file.case;
    const type =
      letter === 'decision.docx' && c.decision_outcome
        ? c.decision_outcome === 'assess'
          ? 'decided-to-assess'
          : 'decided-not-to-assess'
        : letter === 'no-plan.docx' && c.status === 'no-plan'
          ? 'decided-not-to-issue-plan'
          : letter === 'final.docx' && c.status === 'final-issued'
            ? 'final-plan-issued'
            : null;
    if (!type) return reply.callNotFound();
    const date =
      type === 'final-plan-issued'
        ? c.final_issued_on
        : type === 'decided-not-to-issue-plan'
          ? c.no_plan_notified_on
          : c.decision_notified_on;
    const recipient = file.people.find((p) => p.is_main_contact) ?? file.people[0];
    const buffer = await letterToDocx({
      councilName: container.config.area.councilName,
      serviceName: container.config.area.serviceName,
      letterType: type,
      date: date ?? ehc.today(),
      recipientName: recipient?.full_name ?? 'The parent or young person',
      childName: `${file.child.legal_given_names} ${file.child.legal_family_name}`,
      caseReference: c.reference,
      ...(type === 'decided-not-to-assess' && c.decision_reasons ? { reasons: c.decision_reasons } : {}),
      ...(type === 'decided-not-to-issue-plan' && c.no_plan_reasons ? { reasons: c.no_plan_reasons } : {}),
      ...(type === 'final-plan-issued' && c.final_setting_name ? { namedSetting: c.final_setting_name } : {}),
    });
    return sendDocx(reply, buffer, `${c.reference}-${type}.docx`);
  });
}

export function sendDocx(reply: FastifyReply, buffer: Buffer, fileName: string) {
  return reply
    .header('content-type', DOCX)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(buffer);
}

/** The plan as an accessible HTML page's data, shared by the caseworker's and the family's views. */
export function planPage(
  input: Parameters<typeof planSectionsForDisplay>[0],
  back: string | null,
  docxHref: string | null,
) {
  const sections = planSectionsForDisplay(input);
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    pageTitle:
      input.kind === 'draft' ? 'Draft Education, Health and Care plan' : 'Education, Health and Care plan',
    councilName: input.councilName,
    draft: input.kind === 'draft',
    back,
    docxHref,
    detailRows: [
      row('Name', input.child.fullName),
      row('Date of birth', formatDate(input.child.dateOfBirth)),
      row('Reference', input.caseReference),
      row('Issued', input.issuedOn ? formatDate(input.issuedOn) : 'Not issued yet'),
    ],
    sections: sections.map((s) => ({
      title: s.title,
      paragraphs: s.paragraphs,
      tables: (s.tables ?? []).map((t) => ({
        caption: t.caption,
        head: t.head.map((h) => ({ text: h })),
        rows: t.rows.map((r) => r.map((cell) => ({ text: cell }))),
      })),
    })),
  };
}
