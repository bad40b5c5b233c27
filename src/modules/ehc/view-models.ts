/**
 * Case data → GOV.UK and MoJ macro parameters for the caseworker's and manager's pages. No logic in templates:
 * what a row, a tag or a task says is decided here and unit-tested.
 */
import { daysBetween, formatDate, formatDateTime, isIsoDate } from '../../lib/dates.ts';
import { UNKNOWN_IDENTIFIER_REASONS } from './domain/identifiers.ts';
import { decisionMaker, endOfCompulsorySchoolAge, ethnicityLabel } from './domain/person.ts';
import { twentyWeekRisk, weekOfAssessment, type CaseClock, type Risk } from './domain/case-clocks.ts';
import {
  SEN_TYPES,
  sen2Label,
  REQUEST_SOURCES,
  type SenType,
  type RequestSource,
} from './domain/sen2-codes.ts';
import type { CaseWithNames, DueItem } from './repository.ts';
import { ADVICE_TYPES, CASE_STATUS_LABELS, familyDocumentsOf } from './service.ts';
import { escapeHtml } from '../../lib/html.ts';
import { appealDeadline, deadlineFor } from './domain/deadlines.ts';

export const EHC_PATHS = {
  home: '/ehc',
  due: '/ehc/due',
  cases: '/ehc/cases',
  manager: '/ehc/manager',
  newRequest: '/ehc/requests/new',
  case: (id: string) => `/ehc/cases/${id}`,
} as const;

type Tag = { text: string; classes: string };

const RISK_TAGS: Record<Risk, Tag> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  'due-soon': { text: 'Due soon', classes: 'govuk-tag--orange' },
  'on-track': { text: 'Not due yet', classes: 'govuk-tag--blue' },
  done: { text: 'Done on time', classes: 'govuk-tag--green' },
  late: { text: 'Done late', classes: 'govuk-tag--pink' },
};

export function riskTag(risk: Risk): Tag {
  return RISK_TAGS[risk];
}

export function childName(c: {
  child_given_names: string;
  child_family_name: string;
  child_preferred_name?: string | null;
}): string {
  const full = `${c.child_given_names} ${c.child_family_name}`;
  return c.child_preferred_name ? `${full} (known as ${c.child_preferred_name})` : full;
}

export function statusTag(status: string): Tag {
  const label = CASE_STATUS_LABELS[status] ?? status;
  const classes: Record<string, string> = {
    'awaiting-decision': 'govuk-tag--yellow',
    assessing: 'govuk-tag--blue',
    'draft-issued': 'govuk-tag--purple',
    'final-issued': 'govuk-tag--green',
    'not-assessing': 'govuk-tag--grey',
    'no-plan': 'govuk-tag--grey',
    withdrawn: 'govuk-tag--grey',
    'moved-out': 'govuk-tag--grey',
  };
  return { text: label, classes: classes[status] ?? 'govuk-tag--grey' };
}

function tagHtml(tag: Tag): string {
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

export { escapeHtml };

function link(href: string, text: string): string {
  return `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** Rows of a case list: reference, child, received, status, caseworker. */
export function caseRows(rows: readonly CaseWithNames[]) {
  return rows.map((c) => [
    { html: link(EHC_PATHS.case(c.id), c.reference) },
    { text: childName(c) },
    { text: formatDate(c.received_on) },
    { html: tagHtml(statusTag(c.status)) },
    { text: c.caseworker_name ?? 'Not assigned' },
  ]);
}

const DUE_KIND_LABELS: Record<DueItem['kind'], string> = {
  decision: 'Decision whether to assess',
  'final-plan': 'Final plan (20 weeks)',
  advice: 'Advice',
  consultation: 'Setting consultation reply',
};

export function dueRisk(dueOn: string, today: string): Risk {
  if (today > dueOn) return 'overdue';
  return daysBetween(today, dueOn) <= 14 ? 'due-soon' : 'on-track';
}

/** Rows of "due and overdue", coloured by risk: overdue red, due within two weeks orange. */
export function dueRows(rows: readonly DueItem[], today: string) {
  return rows.map((item) => {
    const late = daysBetween(item.due_on, today);
    const when =
      late > 0
        ? `${formatDate(item.due_on)} (${late} ${late === 1 ? 'day' : 'days'} overdue)`
        : formatDate(item.due_on);
    return [
      { html: tagHtml(riskTag(dueRisk(item.due_on, today))) },
      { text: when },
      {
        text: item.organisation_name
          ? `${DUE_KIND_LABELS[item.kind]}: ${item.organisation_name}`
          : DUE_KIND_LABELS[item.kind],
      },
      { html: link(EHC_PATHS.case(item.case_id), item.reference) },
      { text: `${item.child_given_names} ${item.child_family_name}` },
      { text: item.caseworker_name ?? 'Not assigned' },
    ];
  });
}

/** The manager's rows of 20-week clocks at risk. */
export function twentyWeekRows(rows: readonly CaseWithNames[], today: string) {
  return rows.map((c) => {
    const risk = twentyWeekRisk(
      { receivedOn: c.received_on, finalPlanDueOn: c.final_plan_due_on, draftServedOn: c.draft_served_on },
      today,
    );
    const tag: Tag =
      risk === 'overdue'
        ? { text: 'Overdue', classes: 'govuk-tag--red' }
        : risk === 'at-risk'
          ? { text: 'At risk', classes: 'govuk-tag--orange' }
          : { text: 'On track', classes: 'govuk-tag--green' };
    return [
      { html: tagHtml(tag) },
      { html: link(EHC_PATHS.case(c.id), c.reference) },
      { text: `${c.child_given_names} ${c.child_family_name}` },
      { text: `Week ${Math.min(weekOfAssessment(c.received_on, today), 99)}` },
      { text: c.draft_served_on ? `Issued ${formatDate(c.draft_served_on)}` : 'Not issued' },
      { text: formatDate(c.final_plan_due_on) },
      { text: c.caseworker_name ?? 'Not assigned' },
    ];
  });
}

/** The case's clocks as a table: what, due, done, status (with any exception). */
export function clockRows(clocks: readonly CaseClock[]) {
  return clocks.map((k) => {
    const excused = k.excusals.length > 0 ? ` Exception: ${k.excusals.map((e) => e.type).join(', ')}` : '';
    return [
      { text: k.label },
      { text: formatDate(k.deadline.dueDate) },
      { text: k.eventDate ? formatDate(k.eventDate) : 'Not yet' },
      {
        html: `${tagHtml(riskTag(k.risk))}${excused ? `<span class="govuk-body-s"> ${escapeHtml(excused)}</span>` : ''}`,
      },
    ];
  });
}

export type TaskStatus = 'completed' | 'not-started' | 'in-progress' | 'cannot-start' | 'not-needed';

const TASK_STATUS: Record<TaskStatus, { text?: string; tag?: Tag }> = {
  completed: { text: 'Completed' },
  'not-started': { tag: { text: 'Not started', classes: 'govuk-tag--blue' } },
  'in-progress': { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } },
  'cannot-start': { text: 'Cannot start yet' },
  'not-needed': { text: 'Not needed' },
};

/**
 * The GOV.UK task list of a needs assessment: each step, its status, and a link while it can be done.
 */
export function taskList(file: {
  case: { id: string; status: string; decision_outcome: string | null };
  advice: readonly { received_on: string | null }[];
  consultations: readonly { replied_on: string | null }[];
  plan: { kind: string; issued_on: string | null } | null;
  representations: readonly unknown[];
}) {
  const c = file.case;
  const base = EHC_PATHS.case(c.id);
  const open = ['awaiting-decision', 'assessing', 'draft-issued'].includes(c.status);
  const assessing = c.status === 'assessing' || c.status === 'draft-issued';
  const decided = c.decision_outcome !== null;
  const adviceOutstanding = file.advice.filter((a) => a.received_on === null).length;
  const tasks: { title: string; href: string | null; status: TaskStatus; hint?: string }[] = [
    {
      title: 'Decide whether to assess',
      href: c.status === 'awaiting-decision' ? `${base}/decision` : null,
      status: decided ? 'completed' : 'not-started',
    },
    {
      title: 'Ask for advice',
      href: assessing ? `${base}/advice` : null,
      status:
        !assessing && !decided
          ? 'cannot-start'
          : c.decision_outcome === 'not-assess'
            ? 'not-needed'
            : file.advice.length === 0
              ? 'not-started'
              : adviceOutstanding > 0
                ? 'in-progress'
                : 'completed',
      ...(adviceOutstanding > 0 ? { hint: `${adviceOutstanding} still to come` } : {}),
    },
    {
      title: 'Write the draft plan',
      href: assessing && c.status !== 'final-issued' ? `${base}/plan` : null,
      status:
        !assessing && c.status !== 'final-issued'
          ? c.decision_outcome === 'not-assess' || c.status === 'no-plan'
            ? 'not-needed'
            : 'cannot-start'
          : file.plan
            ? file.plan.issued_on
              ? 'completed'
              : 'in-progress'
            : 'not-started',
    },
    {
      title: 'Issue the draft plan',
      href: c.status === 'assessing' || c.status === 'draft-issued' ? `${base}/draft` : null,
      status:
        c.status === 'draft-issued' || c.status === 'final-issued'
          ? 'completed'
          : c.status === 'assessing'
            ? 'not-started'
            : 'not-needed',
    },
    {
      title: 'Consult schools or colleges',
      href: c.status === 'draft-issued' ? `${base}/consult` : null,
      status:
        c.status === 'draft-issued'
          ? file.consultations.length === 0
            ? 'not-started'
            : file.consultations.some((s) => s.replied_on === null)
              ? 'in-progress'
              : 'completed'
          : c.status === 'final-issued'
            ? 'completed'
            : c.status === 'assessing'
              ? 'cannot-start'
              : 'not-needed',
    },
    {
      title: "Record the family's views on the draft",
      href: c.status === 'draft-issued' ? `${base}/representations` : null,
      status:
        file.representations.length > 0
          ? 'completed'
          : c.status === 'draft-issued'
            ? 'not-started'
            : c.status === 'assessing'
              ? 'cannot-start'
              : 'not-needed',
    },
    {
      title: 'Issue the final plan',
      href: c.status === 'draft-issued' ? `${base}/final` : null,
      status:
        c.status === 'final-issued'
          ? 'completed'
          : c.status === 'draft-issued'
            ? 'not-started'
            : c.status === 'assessing'
              ? 'cannot-start'
              : 'not-needed',
    },
  ];
  if (!open && c.status !== 'final-issued')
    for (const t of tasks) if (t.status !== 'completed') t.status = 'not-needed';
  return tasks.map((t) => ({
    title: { text: t.title },
    ...(t.href && t.status !== 'completed' && t.status !== 'not-needed'
      ? { href: t.href }
      : t.href && t.status === 'completed' && t.title === 'Ask for advice'
        ? { href: t.href }
        : {}),
    ...(t.hint ? { hint: { text: t.hint } } : {}),
    status: TASK_STATUS[t.status].tag
      ? { tag: TASK_STATUS[t.status].tag }
      : { text: TASK_STATUS[t.status].text, classes: 'govuk-task-list__status--cannot-start-yet' },
  }));
}

/** The MoJ timeline's items, newest first. */
export function timelineItems(
  events: readonly { occurred_at: Date; actor_label: string | null; summary: string; kind: string }[],
) {
  return events.map((e) => ({
    label: e.summary,
    byline: e.actor_label,
    datetime: e.occurred_at.toISOString(),
    when: formatDateTime(e.occurred_at),
  }));
}

export function childSummaryRows(file: {
  child: {
    legal_given_names: string;
    legal_family_name: string;
    preferred_name: string | null;
    date_of_birth: string;
    sex: string;
    nhs_number: string | null;
    nhs_number_unknown_reason: string | null;
    upn: string | null;
    upn_unknown_reason?: string | null;
    uln?: string | null;
    uln_unknown_reason?: string | null;
    ethnicity?: string | null;
    setting_name: string | null;
    national_curriculum_year: string | null;
    communication_needs: string | null;
    preferred_language: string | null;
    home_postcode: string | null;
  };
  needs: readonly { rank: number; sen_type: string }[];
  case: {
    received_on: string;
    request_source: number;
    request_channel: string;
    requester_name: string | null;
    reasons: string;
    reference: string;
  };
}) {
  const ch = file.child;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const nhs = ch.nhs_number
    ? `${ch.nhs_number.slice(0, 3)} ${ch.nhs_number.slice(3, 6)} ${ch.nhs_number.slice(6)}`
    : unknownBecause('nhs-number', ch.nhs_number_unknown_reason);
  return [
    row('Name', `${ch.legal_given_names} ${ch.legal_family_name}`),
    row('Known as', ch.preferred_name ?? 'Not given'),
    row('Date of birth', formatDate(ch.date_of_birth)),
    row(
      'Sex',
      ({ F: 'Female', M: 'Male', U: 'Not known or not given' } as Record<string, string>)[ch.sex] ?? ch.sex,
    ),
    row('NHS number', nhs),
    row('Ethnicity', ethnicityLabel(ch.ethnicity ?? null)),
    row('Unique pupil number', ch.upn ?? unknownBecause('upn', ch.upn_unknown_reason)),
    row('Unique learner number', ch.uln ?? unknownBecause('uln', ch.uln_unknown_reason)),
    row('Home postcode', ch.home_postcode ?? 'Not given'),
    row('School, college or setting', ch.setting_name ?? 'Not given'),
    row('National curriculum year', ch.national_curriculum_year ?? 'Not given'),
    row(
      'Special educational needs',
      file.needs.length > 0
        ? file.needs
            .map(
              (n) =>
                `${n.rank === 1 ? 'Primary' : 'Secondary'}: ${isSenType(n.sen_type) ? sen2Label(SEN_TYPES, n.sen_type) : n.sen_type}`,
            )
            .join('; ')
        : 'Not recorded',
    ),
    row('Communication needs', ch.communication_needs ?? 'None recorded'),
    row('Preferred language', ch.preferred_language ?? 'Not given'),
  ];
}

export function requestSummaryRows(c: {
  received_on: string;
  request_source: number;
  request_channel: string;
  requester_name: string | null;
  reasons: string;
  reference: string;
  decision_due_on: string;
  final_plan_due_on: string;
}) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const source =
    REQUEST_SOURCES.find((s) => s.code === (c.request_source as RequestSource))?.label ??
    String(c.request_source);
  return [
    row('Reference', c.reference),
    row('Received', formatDate(c.received_on)),
    row('Made by', `${source}${c.requester_name ? ` (${c.requester_name})` : ''}`),
    row(
      'Received by',
      (
        {
          online: 'Online request',
          setting: 'Form from a setting',
          letter: 'Letter',
          email: 'Email',
          phone: 'Phone call',
        } as Record<string, string>
      )[c.request_channel] ?? c.request_channel,
    ),
    row('Why the request was made', c.reasons),
    row('Decision due by', formatDate(c.decision_due_on)),
    row('Final plan due by (20 weeks)', formatDate(c.final_plan_due_on)),
  ];
}

function isSenType(value: string): value is SenType {
  return SEN_TYPES.some((t) => t.code === value);
}

export function adviceTypeLabel(code: string): string {
  return ADVICE_TYPES.find((t) => t.code === code)?.label ?? code;
}

// ------------------------------------------------------------------ date inputs

/** A GOV.UK date input's three fields → 'YYYY-MM-DD', or the GOV.UK message for what is wrong. */
export function dateFromFields(
  body: Record<string, unknown>,
  name: string,
  what: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const part = (suffix: string) => String(body[`${name}-${suffix}`] ?? '').trim();
  const day = part('day');
  const month = part('month');
  const year = part('year');
  if (!day && !month && !year) return { ok: false, message: `Enter ${what}` };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length > 0)
    return { ok: false, message: `${capitalise(what)} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, message: `${capitalise(what)} must be a real date` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, message: `${capitalise(what)} must be a real date` };
  return { ok: true, value: iso };
}

export function dateFieldValues(values: Record<string, string>, name: string, iso?: string | null) {
  if (iso && !values[`${name}-day`] && !values[`${name}-month`] && !values[`${name}-year`]) {
    return {
      day: String(Number(iso.slice(8, 10))),
      month: String(Number(iso.slice(5, 7))),
      year: iso.slice(0, 4),
    };
  }
  return {
    day: values[`${name}-day`] ?? '',
    month: values[`${name}-month`] ?? '',
    year: values[`${name}-year`] ?? '',
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "12 of 15 (80%)": a share with the counts behind it, rounded only here, on display. */
export function shareText(numerator: number, denominator: number): string {
  if (denominator === 0) return 'None issued yet';
  return `${numerator} of ${denominator} (${Math.round((numerator / denominator) * 1000) / 10}%)`;
}

/** The manager's 20-week timeliness this year: the two national figures, then the plans behind them. */
export function twentyWeekTimelinessView(t: {
  year: string;
  issued: number;
  withinTwentyWeeks: number;
  issuedExcludingExceptions: number;
  withinTwentyWeeksExcludingExceptions: number;
  rows: readonly {
    case: CaseWithNames;
    issuedWithinTwentyWeeks: boolean;
    week20: 0 | 1;
  }[];
}) {
  return {
    summaryRows: [
      {
        key: { text: `Final plans issued in ${t.year}` },
        value: { text: String(t.issued) },
      },
      {
        key: { text: 'Issued within 20 weeks, including exceptions' },
        value: { text: shareText(t.withinTwentyWeeks, t.issued) },
      },
      {
        key: { text: 'Issued within 20 weeks, excluding exceptions' },
        value: { text: shareText(t.withinTwentyWeeksExcludingExceptions, t.issuedExcludingExceptions) },
      },
    ],
    rows: t.rows.map((r) => [
      { html: link(EHC_PATHS.case(r.case.id), r.case.reference) },
      { text: `${r.case.child_given_names} ${r.case.child_family_name}` },
      { text: formatDate(r.case.received_on) },
      { text: formatDate(r.case.final_issued_on as string) },
      { text: `Week ${weekOfAssessment(r.case.received_on, r.case.final_issued_on as string)}` },
      {
        html: tagHtml(
          r.issuedWithinTwentyWeeks
            ? { text: 'Within 20 weeks', classes: 'govuk-tag--green' }
            : { text: 'Late', classes: 'govuk-tag--red' },
        ),
      },
      { text: r.week20 === 1 ? 'Yes' : 'No' },
    ]),
  };
}

// ------------------------------------------------------------------ the partner portal

export const PARTNER_PATHS = {
  home: '/partner',
  advice: (id: string) => `/partner/advice/${id}`,
  adviceException: (id: string) => `/partner/advice/${id}/exception`,
  consultation: (id: string) => `/partner/consultations/${id}`,
  draftPlanDocx: (id: string) => `/partner/consultations/${id}/draft-plan.docx`,
} as const;

export type PartnerRisk = 'overdue' | 'due-this-week' | 'on-track';

/** A partner's outstanding request: overdue after its due date, due in a week from 7 days before it. */
export function partnerRisk(dueOn: string, today: string): PartnerRisk {
  if (today > dueOn) return 'overdue';
  return daysBetween(today, dueOn) <= 7 ? 'due-this-week' : 'on-track';
}

const PARTNER_RISK_TAGS: Record<PartnerRisk, Tag> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  'due-this-week': { text: 'Due in a week', classes: 'govuk-tag--orange' },
  'on-track': { text: 'On track', classes: 'govuk-tag--green' },
};

export function partnerRiskTag(dueOn: string, today: string): Tag {
  return PARTNER_RISK_TAGS[partnerRisk(dueOn, today)];
}

function dueText(dueOn: string, today: string): string {
  const late = daysBetween(dueOn, today);
  return late > 0
    ? `${formatDate(dueOn)} (${late} ${late === 1 ? 'day' : 'days'} overdue)`
    : formatDate(dueOn);
}

function onTime(doneOn: string, dueOn: string): string {
  return doneOn <= dueOn ? 'on time' : 'late';
}

type PartnerItem = {
  id: string;
  reference: string;
  child_given_names: string;
  child_family_name: string;
  due_on: string;
  case_closed_on: string | null;
};

/**
 * The partner's home page: advice requests and consultations addressed to their organisation, those still
 * to answer first (most urgent first, with a risk tag), then those answered or no longer needed.
 */
export function partnerRequestTables(data: {
  advice: readonly (PartnerItem & {
    advice_type: string;
    requested_on: string;
    received_on: string | null;
  })[];
  consultations: readonly (PartnerItem & {
    sent_on: string;
    replied_on: string | null;
    can_meet_needs: boolean | null;
  })[];
  today: string;
}) {
  const { today } = data;
  const childLink = (href: string, item: PartnerItem) =>
    link(href, `${item.child_given_names} ${item.child_family_name}`);
  const byDue = <T extends { due_on: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : 0));
  const adviceOpen = byDue(data.advice.filter((a) => a.received_on === null && a.case_closed_on === null));
  const adviceDone = data.advice.filter((a) => a.received_on !== null || a.case_closed_on !== null);
  const consultationsOpen = byDue(
    data.consultations.filter((s) => s.replied_on === null && s.case_closed_on === null),
  );
  const consultationsDone = data.consultations.filter(
    (s) => s.replied_on !== null || s.case_closed_on !== null,
  );
  return {
    adviceOpen: adviceOpen.map((a) => [
      { html: tagHtml(partnerRiskTag(a.due_on, today)) },
      { text: dueText(a.due_on, today) },
      { html: childLink(PARTNER_PATHS.advice(a.id), a) },
      { text: adviceTypeLabel(a.advice_type) },
      { text: a.reference },
      { text: formatDate(a.requested_on) },
    ]),
    adviceDone: adviceDone.map((a) => [
      { html: childLink(PARTNER_PATHS.advice(a.id), a) },
      { text: adviceTypeLabel(a.advice_type) },
      { text: a.reference },
      { text: formatDate(a.due_on) },
      {
        text: a.received_on
          ? `${formatDate(a.received_on)} (${onTime(a.received_on, a.due_on)})`
          : 'Not needed: the case has closed',
      },
    ]),
    consultationsOpen: consultationsOpen.map((s) => [
      { html: tagHtml(partnerRiskTag(s.due_on, today)) },
      { text: dueText(s.due_on, today) },
      { html: childLink(PARTNER_PATHS.consultation(s.id), s) },
      { text: s.reference },
      { text: formatDate(s.sent_on) },
    ]),
    consultationsDone: consultationsDone.map((s) => [
      { html: childLink(PARTNER_PATHS.consultation(s.id), s) },
      { text: s.reference },
      { text: formatDate(s.due_on) },
      {
        text: s.replied_on
          ? `${formatDate(s.replied_on)} (${onTime(s.replied_on, s.due_on)}): ${s.can_meet_needs ? 'can meet the needs' : 'cannot meet the needs'}`
          : 'Not needed: the case has closed',
      },
    ]),
  };
}

const YEAR_LABELS: Record<string, string> = { N1: 'Nursery 1', N2: 'Nursery 2', R: 'Reception' };

export function curriculumYearLabel(year: string | null): string {
  if (!year) return 'Not given';
  return YEAR_LABELS[year] ?? (/^\d{1,2}$/.test(year) ? `Year ${year}` : year);
}

function needsText(needs: readonly { rank: number; sen_type: string }[]): string {
  if (needs.length === 0) return 'Not recorded';
  return [...needs]
    .sort((a, b) => a.rank - b.rank)
    .map(
      (n) =>
        `${n.rank === 1 ? 'Primary' : 'Secondary'}: ${isSenType(n.sen_type) ? sen2Label(SEN_TYPES, n.sen_type) : n.sen_type}`,
    )
    .join('; ');
}

/** What a partner needs about the child to give advice: who they are and their needs, not the family's contacts. */
export function partnerChildRows(
  child: {
    legal_given_names: string;
    legal_family_name: string;
    preferred_name: string | null;
    date_of_birth: string;
    nhs_number: string | null;
    setting_name: string | null;
    national_curriculum_year: string | null;
    communication_needs: string | null;
    preferred_language: string | null;
  },
  needs: readonly { rank: number; sen_type: string }[],
) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const nhs = child.nhs_number
    ? `${child.nhs_number.slice(0, 3)} ${child.nhs_number.slice(3, 6)} ${child.nhs_number.slice(6)}`
    : 'Not known';
  return [
    row('Name', `${child.legal_given_names} ${child.legal_family_name}`),
    row('Known as', child.preferred_name ?? 'Not given'),
    row('Date of birth', formatDate(child.date_of_birth)),
    row('NHS number', nhs),
    row('School, college or setting', child.setting_name ?? 'Not given'),
    row('National curriculum year', curriculumYearLabel(child.national_curriculum_year)),
    row('Special educational needs', needsText(needs)),
    row('Communication needs', child.communication_needs ?? 'None recorded'),
    row('Preferred language', child.preferred_language ?? 'Not given'),
  ];
}

/** The request for advice itself: what was asked, when, by when, and whether it has been answered. */
export function partnerAdviceRows(
  advice: {
    advice_type: string;
    organisation_name: string;
    requested_on: string;
    due_on: string;
    received_on: string | null;
    summary: string | null;
    document_id: string | null;
  },
  c: { reference: string; reasons: string; closed_on: string | null },
  today: string,
) {
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const status = advice.received_on
    ? { text: `Sent on ${formatDate(advice.received_on)} (${onTime(advice.received_on, advice.due_on)})` }
    : c.closed_on
      ? { text: 'Not needed: the case has closed' }
      : {
          html: `${tagHtml(partnerRiskTag(advice.due_on, today))} ${escapeHtml(dueText(advice.due_on, today))}`,
        };
  return [
    row('Advice asked for', { text: adviceTypeLabel(advice.advice_type) }),
    row('Asked of', { text: advice.organisation_name }),
    row('Case reference', { text: c.reference }),
    row('Request received by you', { text: formatDate(advice.requested_on) }),
    row('Due by (6 weeks, regulation 8(1))', { text: formatDate(advice.due_on) }),
    row('Status', status),
    row('Why the assessment was asked for', { text: c.reasons }),
    ...(advice.received_on
      ? [
          row('Summary of the advice', { text: advice.summary ?? 'None given' }),
          row('Document', { text: advice.document_id ? 'Attached' : 'None attached' }),
        ]
      : []),
  ];
}

/** The exceptions recorded against a time limit, as table rows: which, when, the evidence. */
export function exceptionRows(
  excusals: readonly {
    exception_type: string;
    from_on: string;
    to_on: string;
    evidence: string;
    document_id: string | null;
  }[],
  descriptions: Readonly<Record<string, { citation: string; description: string }>>,
) {
  return excusals.map((e) => [
    {
      text: descriptions[e.exception_type]
        ? `${descriptions[e.exception_type]?.citation}: ${descriptions[e.exception_type]?.description}`
        : e.exception_type,
    },
    {
      text:
        e.from_on === e.to_on ? formatDate(e.from_on) : `${formatDate(e.from_on)} to ${formatDate(e.to_on)}`,
    },
    { text: `${e.evidence}${e.document_id ? ' (evidence document attached)' : ''}` },
  ]);
}

/** A consultation as the setting sees it: who asked, about whom, by when, and the answer once given. */
export function partnerConsultationRows(
  s: {
    organisation_name: string;
    sent_on: string;
    due_on: string;
    replied_on: string | null;
    can_meet_needs: boolean | null;
    response: string | null;
    document_id: string | null;
  },
  c: { reference: string; closed_on: string | null; status: string },
  child: { legal_given_names: string; legal_family_name: string; date_of_birth: string },
  today: string,
) {
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const status = s.replied_on
    ? { text: `Answered on ${formatDate(s.replied_on)} (${onTime(s.replied_on, s.due_on)})` }
    : c.status !== 'draft-issued'
      ? { text: 'Closed: the case has moved on' }
      : {
          html: `${tagHtml(partnerRiskTag(s.due_on, today))} ${escapeHtml(dueText(s.due_on, today))}`,
        };
  return [
    row('Child or young person', { text: `${child.legal_given_names} ${child.legal_family_name}` }),
    row('Date of birth', { text: formatDate(child.date_of_birth) }),
    row('Case reference', { text: c.reference }),
    row('Setting consulted', { text: s.organisation_name }),
    row('Sent', { text: formatDate(s.sent_on) }),
    row('Reply by (15 days)', { text: formatDate(s.due_on) }),
    row('Status', status),
    ...(s.replied_on
      ? [
          row('Can the setting meet the needs?', { text: s.can_meet_needs ? 'Yes' : 'No' }),
          row('Response', { text: s.response ?? 'None given' }),
          row('Document', { text: s.document_id ? 'Attached' : 'None attached' }),
        ]
      : []),
  ];
}

// ------------------------------------------------------------------ the family's view (/my-ehc)

export const FAMILY_PATHS = {
  home: '/my-ehc',
  signIn: (token: string) => `/my-ehc/sign-in/${token}`,
  signOut: '/my-ehc/sign-out',
  signedOut: '/my-ehc/signed-out',
  draftPlan: '/my-ehc/draft-plan',
  draftPlanDocx: '/my-ehc/draft-plan.docx',
  commentsSent: '/my-ehc/draft-plan/sent',
  finalPlan: '/my-ehc/plan',
  finalPlanDocx: '/my-ehc/plan.docx',
  letters: {
    'decision-letter': '/my-ehc/letters/decision.docx',
    'no-plan-letter': '/my-ehc/letters/no-plan.docx',
    'final-plan-letter': '/my-ehc/letters/final-plan.docx',
  },
} as const;

/** Where the request is, in the words a family would use. */
const FAMILY_STATUS: Record<string, Tag> = {
  'awaiting-decision': {
    text: 'We are deciding whether to carry out an EHC needs assessment',
    classes: 'govuk-tag--yellow',
  },
  'not-assessing': {
    text: 'We decided not to carry out an EHC needs assessment',
    classes: 'govuk-tag--grey',
  },
  assessing: { text: 'We are carrying out an EHC needs assessment', classes: 'govuk-tag--blue' },
  'draft-issued': { text: 'We have sent you a draft EHC plan', classes: 'govuk-tag--purple' },
  'final-issued': { text: 'The final EHC plan has been issued', classes: 'govuk-tag--green' },
  'no-plan': { text: 'We decided not to issue an EHC plan', classes: 'govuk-tag--grey' },
  withdrawn: { text: 'The request was withdrawn', classes: 'govuk-tag--grey' },
  'moved-out': { text: 'The request was closed after a move out of the area', classes: 'govuk-tag--grey' },
};

export function familyStatusTag(status: string): Tag {
  return FAMILY_STATUS[status] ?? statusTag(status);
}

type FamilyCaseFields = {
  status: string;
  reference: string;
  received_on: string;
  decision_due_on: string;
  decision_outcome: string | null;
  decision_notified_on: string | null;
  no_plan_due_on: string;
  no_plan_notified_on: string | null;
  draft_served_on: string | null;
  final_plan_due_on: string;
  final_issued_on: string | null;
  final_setting_name: string | null;
  closed_on: string | null;
  child_given_names: string;
  child_family_name: string;
  child_preferred_name: string | null;
};

/** The last day of the family's 15 days to comment on the draft (reg 13(1)), once it is served. */
export function representationsEndOn(draftServedOn: string | null): string | null {
  return draftServedOn ? deadlineFor('draft-plan-representations', draftServedOn).dueDate : null;
}

/**
 * What happens next and by when: a few sentences for the case's stage, and the next statutory date as the
 * headline. Dates come from the clock engine (the stored due dates are the engine's).
 */
export function familyNextSteps(
  c: FamilyCaseFields,
  today: string,
): { paragraphs: string[]; next: { label: string; date: string } | null } {
  const name = c.child_preferred_name ?? c.child_given_names;
  const appealBy = (notifiedOn: string) =>
    formatDate(appealDeadline({ decisionNotifiedOn: notifiedOn }).dueDate);
  switch (c.status) {
    case 'awaiting-decision':
      return {
        paragraphs: [
          `We are looking at the request and the information we have about ${name}. We may ask people who know ${name} for more.`,
          `We must tell you whether we will carry out an EHC needs assessment by ${formatDate(c.decision_due_on)}.`,
        ],
        next: { label: 'Our decision whether to assess, by', date: formatDate(c.decision_due_on) },
      };
    case 'assessing': {
      const noPlanAhead = today <= c.no_plan_due_on;
      return {
        paragraphs: [
          `We are gathering advice and information about ${name}'s needs from the people and services listed under "What we have asked for". Each has 6 weeks to reply.`,
          `If we decide not to issue an EHC plan, we must tell you by ${formatDate(c.no_plan_due_on)}.`,
          `If we decide to issue a plan, we will send you a draft first, so that you can comment on it and tell us which school or college you would like. The final plan must be issued by ${formatDate(c.final_plan_due_on)}.`,
        ],
        next: noPlanAhead
          ? { label: 'Our decision whether to issue an EHC plan, by', date: formatDate(c.no_plan_due_on) }
          : { label: 'The final EHC plan, by', date: formatDate(c.final_plan_due_on) },
      };
    }
    case 'draft-issued': {
      const endOn = representationsEndOn(c.draft_served_on) as string;
      const open = today <= endOn;
      return {
        paragraphs: open
          ? [
              `Read the draft plan and tell us what you think by ${formatDate(endOn)}.`,
              'You can also tell us which school, college or other setting you would like named in the plan, and ask to meet us to talk about the draft.',
              `The final plan must be issued by ${formatDate(c.final_plan_due_on)}.`,
            ]
          : [
              `The 15 days for your comments on the draft plan ended on ${formatDate(endOn)}. If you still want to tell us something, send it as soon as you can.`,
              `The final plan must be issued by ${formatDate(c.final_plan_due_on)}.`,
            ],
        next: open
          ? { label: 'Your comments on the draft plan, by', date: formatDate(endOn) }
          : { label: 'The final EHC plan, by', date: formatDate(c.final_plan_due_on) },
      };
    }
    case 'final-issued': {
      const issuedOn = c.final_issued_on as string;
      const review = deadlineFor('first-annual-review', issuedOn).dueDate;
      return {
        paragraphs: [
          `The final EHC plan was issued on ${formatDate(issuedOn)}${c.final_setting_name ? `. It names ${c.final_setting_name}` : ''}.`,
          `The plan will be reviewed at least every 12 months. The first review must be by ${formatDate(review)}.`,
          `If you disagree with the plan, you can appeal to the First-tier Tribunal (Special Educational Needs and Disability) by ${appealBy(issuedOn)}. The letter that came with the plan explains how, and about mediation.`,
        ],
        next: { label: 'The first review of the plan, by', date: formatDate(review) },
      };
    }
    case 'not-assessing':
    case 'no-plan': {
      const notifiedOn = (c.status === 'no-plan' ? c.no_plan_notified_on : c.decision_notified_on) as string;
      const what =
        c.status === 'no-plan' ? 'not to issue an EHC plan' : 'not to carry out an EHC needs assessment';
      return {
        paragraphs: [
          `We decided ${what} and told you on ${formatDate(notifiedOn)}. The decision letter explains why.`,
          `If you disagree, you can appeal to the First-tier Tribunal (Special Educational Needs and Disability) by ${appealBy(notifiedOn)}. Before you appeal you must usually talk to a mediation adviser: the letter explains how.`,
        ],
        next: { label: 'The last day to appeal', date: appealBy(notifiedOn) },
      };
    }
    default:
      return {
        paragraphs: [
          c.status === 'moved-out'
            ? `This request was closed because ${name} moved out of the area. The council for the new area will look at any new request.`
            : 'This request was withdrawn and is closed. You can make a new request at any time.',
        ],
        next: null,
      };
  }
}

/** The statutory dates of the request, each either still due or done. */
export function familyKeyDateRows(c: FamilyCaseFields) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const rows = [row('Request received', formatDate(c.received_on))];
  rows.push(
    row(
      'Decision whether to carry out an assessment',
      c.decision_notified_on
        ? `Made on ${formatDate(c.decision_notified_on)}`
        : `Due by ${formatDate(c.decision_due_on)}`,
    ),
  );
  if (c.decision_outcome === 'not-assess') return rows;
  if (c.no_plan_notified_on)
    rows.push(row('Decision not to issue a plan', formatDate(c.no_plan_notified_on)));
  const endOn = representationsEndOn(c.draft_served_on);
  if (c.draft_served_on && endOn) {
    rows.push(row('Draft EHC plan sent to you', formatDate(c.draft_served_on)));
    rows.push(row('Your comments on the draft, by', formatDate(endOn)));
  }
  if (c.status !== 'no-plan' && !(c.closed_on && !c.final_issued_on))
    rows.push(
      row(
        'Final EHC plan',
        c.final_issued_on
          ? `Issued on ${formatDate(c.final_issued_on)}`
          : `Due by ${formatDate(c.final_plan_due_on)} (20 weeks from the request)`,
      ),
    );
  return rows;
}

/** What has been asked of whom: each request for advice, when it is due and whether it came back (never its content). */
export function familyAdviceRows(
  advice: readonly {
    advice_type: string;
    organisation_name: string;
    due_on: string;
    received_on: string | null;
  }[],
) {
  return advice.map((a) => [
    { text: adviceTypeLabel(a.advice_type) },
    { text: a.organisation_name },
    { text: formatDate(a.due_on) },
    { text: a.received_on ? `Returned on ${formatDate(a.received_on)}` : 'Not returned yet' },
  ]);
}

/** Schools and colleges asked whether they can meet the needs: when a reply is due, and whether one came. */
export function familyConsultationRows(
  consultations: readonly {
    organisation_name: string;
    due_on: string;
    replied_on: string | null;
  }[],
) {
  return consultations.map((s) => [
    { text: s.organisation_name },
    { text: formatDate(s.due_on) },
    { text: s.replied_on ? `Replied on ${formatDate(s.replied_on)}` : 'No reply yet' },
  ]);
}

const FAMILY_LETTER_LABELS: Record<string, string> = {
  'decided-to-assess': 'Letter: our decision to carry out an EHC needs assessment',
  'decided-not-to-assess': 'Letter: our decision not to carry out an EHC needs assessment',
  'decided-not-to-issue-plan': 'Letter: our decision not to issue an EHC plan',
  'final-plan-issued': 'Letter that came with the final EHC plan',
};

/** The plans and letters the family can open: the issued draft, the final plan and each decision letter. */
export function familyDocumentLinks(file: Parameters<typeof familyDocumentsOf>[0]) {
  const open = familyDocumentsOf(file);
  const links: { text: string; href: string; format: 'web page' | 'Word document' }[] = [];
  if (open.finalPlan?.issued_on) {
    const issued = formatDate(open.finalPlan.issued_on);
    links.push(
      { text: `Final EHC plan, issued ${issued}`, href: FAMILY_PATHS.finalPlan, format: 'web page' },
      { text: `Final EHC plan, issued ${issued}`, href: FAMILY_PATHS.finalPlanDocx, format: 'Word document' },
    );
  }
  if (open.draftPlan?.issued_on) {
    const issued = formatDate(open.draftPlan.issued_on);
    links.push(
      { text: `Draft EHC plan, sent ${issued}`, href: FAMILY_PATHS.draftPlan, format: 'web page' },
      { text: `Draft EHC plan, sent ${issued}`, href: FAMILY_PATHS.draftPlanDocx, format: 'Word document' },
    );
  }
  for (const letter of open.letters)
    links.push({
      text: `${FAMILY_LETTER_LABELS[letter.letterType] ?? 'Letter'}, ${formatDate(letter.date)}`,
      href: FAMILY_PATHS.letters[letter.document],
      format: 'Word document',
    });
  return links;
}

/** "Not known (not yet allocated)": the reason in words, from the domain's list. */
function unknownBecause(identifier: 'nhs-number' | 'upn' | 'uln', reason: string | null | undefined): string {
  if (!reason) return 'Not known';
  const label: string =
    (UNKNOWN_IDENTIFIER_REASONS[identifier] as readonly { code: string; label: string }[]).find(
      (r) => r.code === reason,
    )?.label ?? reason;
  return `Not known (${label.toLowerCase()})`;
}

/** Who decides, on the case page: the parents until the end of compulsory school age, then the young person. */
export function decisionMakerText(dateOfBirth: string, today: string): string {
  const end = endOfCompulsorySchoolAge(dateOfBirth);
  return decisionMaker(dateOfBirth, today) === 'young-person'
    ? `The young person, since compulsory school age ended on ${formatDate(end)} (unless they lack capacity for a decision)`
    : `The parents, until compulsory school age ends on ${formatDate(end)}`;
}

export function capacityRows(
  notes: readonly {
    person_name: string;
    decision: string;
    has_capacity: boolean;
    note: string;
    assessed_on: string;
  }[],
) {
  return notes.map((n) => [
    { text: formatDate(n.assessed_on) },
    { text: n.person_name },
    { text: n.decision },
    { text: n.has_capacity ? 'Has capacity' : 'Lacks capacity' },
    { text: n.note },
  ]);
}

// ------------------------------------------------------------------ possible duplicates

/**
 * The notification banner's content on a case flagged as a possible duplicate when it arrived (online or from a
 * setting): the other records that match, each with its cases, so the caseworker can check before going further.
 */
export function duplicateWarningHtml(
  matches: readonly {
    child: {
      legal_given_names: string;
      legal_family_name: string;
      date_of_birth: string;
      home_postcode: string | null;
    };
    cases: readonly { id: string; reference: string; closed_on: string | null }[];
  }[],
): string | null {
  if (matches.length === 0) return null;
  const items = matches.map((m) => {
    const who = `${m.child.legal_given_names} ${m.child.legal_family_name}, born ${formatDate(m.child.date_of_birth)}${m.child.home_postcode ? `, ${m.child.home_postcode}` : ''}`;
    const cases = m.cases.map(
      (c) => `${link(EHC_PATHS.case(c.id), c.reference)}${c.closed_on === null ? ' (open)' : ' (closed)'}`,
    );
    return `<li>${escapeHtml(who)}${cases.length > 0 ? `: ${cases.join(', ')}` : ''}</li>`;
  });
  return `<h3 class="govuk-notification-banner__heading">This request may be for a child or young person who already has a record</h3><p class="govuk-body">The same date of birth and last name are on:</p><ul class="govuk-list govuk-list--bullet">${items.join('')}</ul><p class="govuk-body">Check with the family before going further.</p>`;
}
