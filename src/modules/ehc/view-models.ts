/**
 * Case data → GOV.UK and MoJ macro parameters for the caseworker's and manager's pages. No logic in templates:
 * what a row, a tag or a task says is decided here and unit-tested.
 */
import { daysBetween, formatDate, formatDateTime, isIsoDate } from '../../lib/dates.ts';
import { twentyWeekRisk, weekOfAssessment, type CaseClock, type Risk } from './domain/case-clocks.ts';
import {
  SEN_TYPES,
  sen2Label,
  REQUEST_SOURCES,
  type SenType,
  type RequestSource,
} from './domain/sen2-codes.ts';
import type { CaseWithNames, DueItem } from './repository.ts';
import { ADVICE_TYPES, CASE_STATUS_LABELS } from './service.ts';

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

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

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
    : `Not known${ch.nhs_number_unknown_reason ? ` (${ch.nhs_number_unknown_reason})` : ''}`;
  return [
    row('Name', `${ch.legal_given_names} ${ch.legal_family_name}`),
    row('Known as', ch.preferred_name ?? 'Not given'),
    row('Date of birth', formatDate(ch.date_of_birth)),
    row(
      'Sex',
      ({ F: 'Female', M: 'Male', U: 'Not known or not given' } as Record<string, string>)[ch.sex] ?? ch.sex,
    ),
    row('NHS number', nhs),
    row('Unique pupil number', ch.upn ?? 'Not known'),
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
