/**
 * The online request for an EHC needs assessment (issue 5, part 2): GOV.UK question pages a parent, carer or
 * young person uses without signing in, and the same pages for a school, college or early years setting whose
 * practitioner is signed in (SEN2 request source 2).
 *
 * Answers are kept on the server against a random resume token (only its hash is stored) held in a cookie
 * scoped to the journey's path; "Save and come back later" emails a link with the token that brings them back
 * on any device, for 28 days. Check your answers, then one case is created however often "Accept and send" is
 * pressed. Nothing needs JavaScript.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { formatDate, isIsoDate, londonToday } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import { emailAddress, type FormErrors } from '../../lib/forms.ts';
import { escapeHtml } from '../../lib/html.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { parseFields, renderFields, type FieldSpec, type Option } from './case-forms.ts';
import { SEN_TYPES } from './domain/sen2-codes.ts';
import type { ChildInput, ParentInput } from './service.ts';

export const ONLINE_REQUEST_PATH = '/request-an-ehc-needs-assessment';
/** A school, college or early years setting's request, for a signed-in partner practitioner. */
export const SETTING_REQUEST_PATH = `${ONLINE_REQUEST_PATH}/from-a-setting`;

const INFORMATION_PAGE_SLUG = 'requesting-an-ehc-needs-assessment';
const KEEP_DAYS = 28;
/** Sending a request, and emailing a link, are limited per address so that a script cannot flood either. */
const SEND_LIMIT_PER_MINUTE = 10;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

type Mode = 'family' | 'setting';
type Journey = { mode: Mode; base: string; cookie: string; caption: string };

const JOURNEYS: Record<Mode, Journey> = {
  family: {
    mode: 'family',
    base: ONLINE_REQUEST_PATH,
    cookie: 'ehc_request',
    caption: 'Ask for an EHC needs assessment',
  },
  setting: {
    mode: 'setting',
    base: SETTING_REQUEST_PATH,
    cookie: 'ehc_setting_request',
    caption: 'Request an EHC needs assessment',
  },
};

type Answers = Record<string, string>;
type QuestionContext = {
  mode: Mode;
  answers: Answers;
  today: string;
  settings: readonly Option[];
  organisationName: string;
};
type Problem = { field: string; href?: string; text: string };
type SummaryRow = { key: string; value: string; multiline?: boolean };
type Section = 'who' | 'child' | 'contact' | 'request' | 'sharing';

type Question = {
  slug: string;
  section: Section;
  modes: readonly Mode[];
  heading: (q: QuestionContext) => string;
  intro?: (q: QuestionContext) => string[];
  fields: (q: QuestionContext) => FieldSpec[];
  /** Checks beyond each field's own; may tidy a value (a postcode's spacing, an email's case). */
  check?: (values: Answers, q: QuestionContext) => Problem[];
  summary: (q: QuestionContext) => SummaryRow[];
};

// ------------------------------------------------------------------ helpers for the questions

const youngPerson = (q: QuestionContext) => q.mode === 'family' && q.answers.who === 'young_person';
const their = (q: QuestionContext) => (youngPerson(q) ? 'your' : 'their');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The same calendar date n years later (29 February becomes 28 February when the year has none). */
export function addYears(isoDate: string, years: number): string {
  const year = String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0');
  const same = `${year}${isoDate.slice(4)}`;
  return isIsoDate(same) ? same : `${year}-02-28`;
}

/** A UK postcode in its usual form (upper case, one space before the inward code), or null if it is not one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return /^[0-9 +()-]+$/.test(value) && digits.length >= 10 && digits.length <= 15;
}

const YEAR_OPTIONS: Option[] = [
  { value: 'N1', text: 'Nursery 1 (aged 3 to 4)' },
  { value: 'N2', text: 'Nursery 2 (aged 4 to 5)' },
  { value: 'R', text: 'Reception' },
  ...Array.from({ length: 14 }, (_, i) => ({ value: String(i + 1), text: `Year ${i + 1}` })),
  { value: 'none', text: 'Not in a school year (for example, not yet at nursery, or over 19)' },
];
const SEN_OPTIONS: Option[] = SEN_TYPES.map((t) => ({ value: t.code, text: t.label }));
const senLabel = (code: string | undefined) => SEN_TYPES.find((t) => t.code === code)?.label ?? 'Not given';

const SEX_OPTIONS: Option[] = [
  { value: 'F', text: 'Female' },
  { value: 'M', text: 'Male' },
  { value: 'U', text: 'Prefer not to say' },
];

const WHO_OPTIONS: Option[] = [
  { value: 'parent', text: 'A parent of the child or young person', hint: 'Including an adoptive parent' },
  {
    value: 'carer',
    text: 'A carer or guardian with parental responsibility',
    hint: 'For example, a special guardian, or a relative with a child arrangements order',
  },
  {
    value: 'young_person',
    text: 'The young person, asking for myself',
    hint: 'You must be aged 16 to 25',
  },
  {
    value: 'someone_else',
    text: 'Someone else',
    hint: 'For example, a doctor, health visitor or social worker',
  },
];
const RELATIONSHIP_OPTIONS: Option[] = [
  { value: 'parent', text: 'Parent' },
  { value: 'carer', text: 'Carer or guardian with parental responsibility' },
  { value: 'young_person', text: 'The young person themself (aged 16 to 25)' },
];
const optionText = (options: readonly Option[], value: string | undefined) =>
  options.find((o) => o.value === value)?.text ?? 'Not given';

function contactChecks(values: Answers): Problem[] {
  const problems: Problem[] = [];
  if (values.contactEmail) {
    const email = emailAddress().safeParse(values.contactEmail);
    if (email.success) values.contactEmail = email.data;
    else
      problems.push({
        field: 'contactEmail',
        text: 'Enter an email address in the correct format, like name@example.com',
      });
  }
  if (values.contactPhone && !isPhoneNumber(values.contactPhone))
    problems.push({
      field: 'contactPhone',
      text: 'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    });
  return problems;
}

function settingName(q: QuestionContext): string {
  const a = q.answers;
  if (q.mode === 'setting') return q.organisationName;
  if (a.settingChoice === 'none') return 'None at the moment';
  if (a.settingChoice === 'other') return a.settingName ?? 'Not given';
  return optionText(q.settings, a.settingChoice);
}

// ------------------------------------------------------------------ the questions, in order

const QUESTIONS: readonly Question[] = [
  {
    slug: 'who-is-asking',
    section: 'who',
    modes: ['family'],
    heading: () => 'Who is asking for the assessment?',
    fields: () => [
      {
        kind: 'radios',
        name: 'who',
        label: 'Who is asking',
        what: 'who is asking for the assessment',
        options: WHO_OPTIONS,
      },
    ],
    summary: (q) => [{ key: 'Who is asking', value: optionText(WHO_OPTIONS, q.answers.who) }],
  },
  {
    slug: 'name',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => (youngPerson(q) ? 'What is your name?' : "What is the child's or young person's name?"),
    fields: (q) => [
      {
        kind: 'text',
        name: 'legalGivenNames',
        label: 'First names',
        what: `${their(q)} first names`,
        hint: youngPerson(q)
          ? 'Your legal first and middle names'
          : 'Their legal first and middle names, as on their birth certificate or passport',
        max: 100,
      },
      { kind: 'text', name: 'legalFamilyName', label: 'Last name', what: `${their(q)} last name`, max: 100 },
      {
        kind: 'text',
        name: 'preferredName',
        label: 'Preferred name (optional)',
        what: 'a preferred name',
        hint: youngPerson(q)
          ? 'If you like to be called something else'
          : 'If they like to be called something else',
        required: false,
        max: 100,
      },
    ],
    summary: (q) => [
      { key: 'Name', value: `${q.answers.legalGivenNames ?? ''} ${q.answers.legalFamilyName ?? ''}`.trim() },
      { key: 'Preferred name', value: q.answers.preferredName ?? 'Not given' },
    ],
  },
  {
    slug: 'date-of-birth',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => `What is ${their(q)} date of birth?`,
    fields: (q) => [
      {
        kind: 'date',
        name: 'dateOfBirth',
        label: 'Date of birth',
        what: `${their(q)} date of birth`,
        hint: 'For example, 27 3 2012',
      },
    ],
    check: (values, q) => {
      const dob = values.dateOfBirth as string;
      const what = capitalise(`${their(q)} date of birth`);
      const href = '#dateOfBirth-day';
      if (dob > q.today)
        return [{ field: 'dateOfBirth', href, text: `${what} must be today or in the past` }];
      const oldest = addYears(q.today, -26);
      if (dob <= oldest)
        return [
          {
            field: 'dateOfBirth',
            href,
            text: `${what} must be after ${formatDate(oldest)}: an EHC needs assessment is for children and young people aged 0 to 25`,
          },
        ];
      if (youngPerson(q) && dob > addYears(q.today, -16))
        return [
          {
            field: 'dateOfBirth',
            href,
            text: 'You must be 16 or over to ask for yourself. If you are under 16, your parent or carer can ask for you',
          },
        ];
      return [];
    },
    summary: (q) => [
      {
        key: 'Date of birth',
        value: q.answers.dateOfBirth ? formatDate(q.answers.dateOfBirth) : 'Not given',
      },
    ],
  },
  {
    slug: 'sex',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => `What is ${their(q)} sex?`,
    fields: (q) => [
      {
        kind: 'radios',
        name: 'sex',
        label: 'Sex',
        what: `${their(q)} sex`,
        options: SEX_OPTIONS,
      },
    ],
    summary: (q) => [{ key: 'Sex', value: optionText(SEX_OPTIONS, q.answers.sex) }],
  },
  {
    slug: 'postcode',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => `What is ${their(q)} home postcode?`,
    fields: (q) => [
      {
        kind: 'text',
        name: 'homePostcode',
        label: 'Postcode',
        what: `${their(q)} home postcode`,
        hint: 'For example, WV1 1SH',
        max: 20,
        width: 'govuk-input--width-10',
      },
    ],
    check: (values) => {
      const postcode = normalisePostcode(values.homePostcode ?? '');
      if (!postcode) return [{ field: 'homePostcode', text: 'Enter a full UK postcode, like WV1 1SH' }];
      values.homePostcode = postcode;
      return [];
    },
    summary: (q) => [{ key: 'Home postcode', value: q.answers.homePostcode ?? 'Not given' }],
  },
  {
    slug: 'school-or-setting',
    section: 'child',
    modes: ['family'],
    heading: (q) =>
      youngPerson(q)
        ? 'Which school, college or setting do you go to?'
        : 'Which school, college or early years setting do they go to?',
    fields: (q) => [
      {
        kind: 'select',
        name: 'settingChoice',
        label: 'School, college or setting',
        what: 'the school, college or setting',
        hint: 'If it is not in the list, choose "Another school, college or setting" and enter its name',
        options: [
          ...q.settings,
          { value: 'other', text: 'Another school, college or setting' },
          {
            value: 'none',
            text: youngPerson(q)
              ? 'I do not go to a school, college or setting at the moment'
              : 'They do not go to a school, college or setting at the moment',
          },
        ],
      },
      {
        kind: 'text',
        name: 'settingName',
        label: 'Name of another school, college or setting',
        what: 'the name of the school, college or setting',
        required: false,
      },
    ],
    check: (values) => {
      if (values.settingChoice !== 'other') {
        values.settingName = '';
        return [];
      }
      return values.settingName
        ? []
        : [{ field: 'settingName', text: 'Enter the name of the school, college or setting' }];
    },
    summary: (q) => [{ key: 'School, college or setting', value: settingName(q) }],
  },
  {
    slug: 'school-year',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) =>
      youngPerson(q) ? 'Which school or college year are you in?' : 'Which school year are they in?',
    fields: () => [
      {
        kind: 'select',
        name: 'year',
        label: 'School year',
        what: 'the school year',
        hint: 'If you are not sure, choose the usual year for their age',
        options: YEAR_OPTIONS,
      },
    ],
    summary: (q) => [{ key: 'School year', value: optionText(YEAR_OPTIONS, q.answers.year) }],
  },
  {
    slug: 'main-need',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => `What is ${their(q)} main special educational need?`,
    fields: (q) => [
      {
        kind: 'radios',
        name: 'mainNeed',
        label: 'Main special educational need',
        what: 'the main special educational need',
        hint:
          q.mode === 'setting'
            ? 'The primary need, as you would record it in the school census'
            : 'Choose the one that best describes the main need. You do not need a diagnosis. If you are not sure, choose the closest: we will check it with you and the school or setting.',
        options: SEN_OPTIONS,
      },
    ],
    summary: (q) => [{ key: 'Main special educational need', value: senLabel(q.answers.mainNeed) }],
  },
  {
    slug: 'other-need',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => `Do ${youngPerson(q) ? 'you' : 'they'} have another special educational need?`,
    fields: (q) => [
      {
        kind: 'radios',
        name: 'otherNeed',
        label: 'Other special educational need',
        what: `whether ${youngPerson(q) ? 'you have' : 'they have'} another special educational need`,
        options: [{ value: 'none', text: 'No, or not that I know of' }, ...SEN_OPTIONS],
      },
    ],
    check: (values, q) =>
      values.otherNeed !== 'none' && values.otherNeed === q.answers.mainNeed
        ? [
            {
              field: 'otherNeed',
              text: 'Choose a need that is different from the main need, or choose "No, or not that I know of"',
            },
          ]
        : [],
    summary: (q) => [
      {
        key: 'Other special educational need',
        value: q.answers.otherNeed === 'none' ? 'None given' : senLabel(q.answers.otherNeed),
      },
    ],
  },
  {
    slug: 'communication',
    section: 'child',
    modes: ['family', 'setting'],
    heading: (q) => capitalise(`${their(q)} communication and language`),
    fields: (q) => [
      {
        kind: 'textarea',
        name: 'communicationNeeds',
        label: `How do ${youngPerson(q) ? 'you' : 'they'} communicate, and what helps? (optional)`,
        what: 'communication needs',
        hint: 'For example, British Sign Language, Makaton, a communication device, pictures or Easy Read',
        required: false,
        max: 2000,
        rows: 4,
      },
      {
        kind: 'text',
        name: 'preferredLanguage',
        label: `Which language do ${youngPerson(q) ? 'you' : 'they'} prefer to use? (optional)`,
        what: 'the preferred language',
        hint: 'For example, English, Punjabi, Polish or British Sign Language',
        required: false,
        max: 100,
      },
    ],
    summary: (q) => [
      { key: 'Communication needs', value: q.answers.communicationNeeds ?? 'None given', multiline: true },
      { key: 'Preferred language', value: q.answers.preferredLanguage ?? 'Not given' },
    ],
  },
  {
    slug: 'your-details',
    section: 'contact',
    modes: ['family'],
    heading: () => 'Your contact details',
    intro: () => ['We will use these to tell you about the request and our decision.'],
    fields: (q) => [
      ...(youngPerson(q)
        ? []
        : [{ kind: 'text', name: 'contactName', label: 'Your full name', what: 'your full name' } as const]),
      {
        kind: 'text',
        name: 'contactEmail',
        label: 'Email address',
        what: 'your email address',
        hint: 'We will send a confirmation and our decision to this address',
        max: 254,
      },
      {
        kind: 'text',
        name: 'contactPhone',
        label: 'Phone number (optional)',
        what: 'a phone number',
        hint: 'For example, 01632 960 001 or 07700 900 982',
        required: false,
        max: 40,
        width: 'govuk-input--width-20',
      },
    ],
    check: contactChecks,
    summary: (q) => [
      ...(youngPerson(q) ? [] : [{ key: 'Your name', value: q.answers.contactName ?? 'Not given' }]),
      { key: 'Email address', value: q.answers.contactEmail ?? 'Not given' },
      { key: 'Phone number', value: q.answers.contactPhone ?? 'Not given' },
    ],
  },
  {
    slug: 'family-contact',
    section: 'contact',
    modes: ['setting'],
    heading: () => 'Who should we contact in the family?',
    intro: () => [
      'The parent, carer or young person we will tell about the request, and send our decision to.',
    ],
    fields: () => [
      { kind: 'text', name: 'contactName', label: 'Full name', what: 'their full name' },
      {
        kind: 'radios',
        name: 'contactRelationship',
        label: 'Their relationship to the child or young person',
        what: 'their relationship to the child or young person',
        options: RELATIONSHIP_OPTIONS,
      },
      { kind: 'text', name: 'contactEmail', label: 'Email address', what: 'their email address', max: 254 },
      {
        kind: 'text',
        name: 'contactPhone',
        label: 'Phone number (optional)',
        what: 'a phone number',
        required: false,
        max: 40,
        width: 'govuk-input--width-20',
      },
    ],
    check: contactChecks,
    summary: (q) => [
      { key: 'Name', value: q.answers.contactName ?? 'Not given' },
      { key: 'Relationship', value: optionText(RELATIONSHIP_OPTIONS, q.answers.contactRelationship) },
      { key: 'Email address', value: q.answers.contactEmail ?? 'Not given' },
      { key: 'Phone number', value: q.answers.contactPhone ?? 'Not given' },
    ],
  },
  {
    slug: 'reasons',
    section: 'request',
    modes: ['family', 'setting'],
    heading: (q) =>
      q.mode === 'setting'
        ? 'Why is the setting asking for an EHC needs assessment?'
        : 'Why are you asking for an EHC needs assessment?',
    fields: (q) => [
      {
        kind: 'textarea',
        name: 'reasons',
        label: 'Reasons',
        what: 'why you are asking for an assessment',
        hint:
          q.mode === 'setting'
            ? "Describe the child's or young person's needs, their progress and attainment, and why the support you can give is not enough."
            : 'Tell us about the special educational needs, what is hard at the moment, and why the help given now is not enough.',
        max: 5000,
        rows: 8,
      },
    ],
    summary: (q) => [{ key: 'Why you are asking', value: q.answers.reasons ?? '', multiline: true }],
  },
  {
    slug: 'support-tried',
    section: 'request',
    modes: ['family', 'setting'],
    heading: (q) =>
      q.mode === 'setting'
        ? 'What support has the setting already given?'
        : 'What help has already been tried?',
    fields: (q) => [
      {
        kind: 'textarea',
        name: 'supportTried',
        label: q.mode === 'setting' ? 'Support already given' : 'Help already tried',
        what: q.mode === 'setting' ? 'the support already given' : 'what help has already been tried',
        hint:
          q.mode === 'setting'
            ? 'The SEN support given through assess, plan, do, review, advice from specialists, and what difference it made.'
            : 'For example, extra help at school or nursery (SEN support), speech and language therapy, or advice from other professionals, and what difference it made. If nothing has been tried yet, say so.',
        max: 4000,
        rows: 8,
      },
    ],
    summary: (q) => [
      {
        key: q.mode === 'setting' ? 'Support already given' : 'Help already tried',
        value: q.answers.supportTried ?? '',
        multiline: true,
      },
    ],
  },
  {
    slug: 'sharing',
    section: 'sharing',
    modes: ['family', 'setting'],
    heading: (q) => (q.mode === 'setting' ? "The family's agreement" : 'Sharing your request'),
    intro: (q) =>
      q.mode === 'setting'
        ? [
            'A school or setting should make a request with the knowledge and agreement of the parent or young person.',
            'When we receive the request we will tell the family, health services and children’s social care.',
          ]
        : [
            'When we receive your request, the law says we must tell health services, children’s social care and the school, college or setting. We will share the request with them.',
            'If we decide to carry out an assessment, we will ask them, an educational psychologist and others for advice. We will ask for your views too.',
            'We use what you tell us only for the assessment and any plan that follows it, and keep it securely.',
          ],
    fields: (q) => [
      {
        kind: 'checkboxes',
        name: 'consent',
        label: q.mode === 'setting' ? 'Confirm the family knows' : 'Confirm you understand',
        what:
          q.mode === 'setting'
            ? 'to confirm the family knows about this request'
            : 'to confirm you understand how your request will be shared',
        options: [
          {
            value: 'yes',
            text:
              q.mode === 'setting'
                ? 'The parent or young person knows about this request and agrees to it being made'
                : 'I understand how my request will be shared',
          },
        ],
      },
    ],
    summary: (q) => [
      {
        key: q.mode === 'setting' ? "The family's agreement" : 'Sharing',
        value:
          q.mode === 'setting'
            ? 'The parent or young person knows about the request and agrees'
            : 'You understand how the request will be shared',
      },
    ],
  },
];

const SECTION_HEADINGS: Record<Section, (q: QuestionContext) => string> = {
  who: () => 'Who is asking',
  child: (q) => (youngPerson(q) ? 'About you' : 'The child or young person'),
  contact: (q) => (q.mode === 'setting' ? 'The family' : 'Your contact details'),
  request: () => 'Why the assessment is needed',
  sharing: () => 'Sharing the request',
};

/** Autocomplete and input types for the fields where they help (the young person's own details only). */
function inputExtras(name: string, q: QuestionContext): Record<string, unknown> {
  const own = youngPerson(q);
  switch (name) {
    case 'legalGivenNames':
      return { spellcheck: false, ...(own ? { autocomplete: 'given-name' } : {}) };
    case 'legalFamilyName':
      return { spellcheck: false, ...(own ? { autocomplete: 'family-name' } : {}) };
    case 'homePostcode':
      return { spellcheck: false, autocomplete: 'postal-code' };
    case 'contactName':
      return { spellcheck: false, ...(q.mode === 'family' ? { autocomplete: 'name' } : {}) };
    case 'contactEmail':
      return { spellcheck: false, type: 'email', ...(q.mode === 'family' ? { autocomplete: 'email' } : {}) };
    case 'contactPhone':
      return { type: 'tel', ...(q.mode === 'family' ? { autocomplete: 'tel' } : {}) };
    default:
      return {};
  }
}

// ------------------------------------------------------------------ answers: validation and flow

function questionsFor(mode: Mode): Question[] {
  return QUESTIONS.filter((question) => question.modes.includes(mode));
}

/** Stored answers as the form body that would give them, so a stored page can be checked again. */
function bodyFrom(fields: readonly FieldSpec[], answers: Answers): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const value = answers[f.name] ?? '';
    if (f.kind === 'date') {
      const iso = isIsoDate(value) ? value : '';
      body[`${f.name}-day`] = iso ? String(Number(iso.slice(8, 10))) : '';
      body[`${f.name}-month`] = iso ? String(Number(iso.slice(5, 7))) : '';
      body[`${f.name}-year`] = iso ? iso.slice(0, 4) : '';
    } else if (f.kind === 'checkboxes') body[f.name] = value ? value.split(',') : [];
    else body[f.name] = value;
  }
  return body;
}

type Validated = { ok: true; values: Answers } | { ok: false; errors: FormErrors };

function validate(question: Question, body: Record<string, unknown>, q: QuestionContext): Validated {
  const fields = question.fields(q);
  const parsed = parseFields(fields, body);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const values: Answers = {};
  for (const f of fields)
    values[f.name] =
      f.kind === 'checkboxes' ? (parsed.lists[f.name] ?? []).join(',') : (parsed.data[f.name] ?? '');
  const problems = question.check?.(values, q) ?? [];
  if (problems.length === 0) return { ok: true, values };
  const errors: FormErrors = { summary: [], fields: {} };
  for (const p of problems) {
    errors.fields[p.field] ??= { text: p.text };
    errors.summary.push({ text: p.text, href: p.href ?? `#${p.field}` });
  }
  return { ok: false, errors };
}

const answeredPages = (answers: Answers) => new Set((answers._answered ?? '').split(',').filter(Boolean));

function isComplete(question: Question, q: QuestionContext): boolean {
  if (!answeredPages(q.answers).has(question.slug)) return false;
  return validate(question, bodyFrom(question.fields(q), q.answers), q).ok;
}

/** The first question still to answer after the given one (then from the start), or null when all are done. */
function nextIncomplete(q: QuestionContext, after?: string): Question | null {
  const list = questionsFor(q.mode);
  const from = after ? list.findIndex((x) => x.slug === after) + 1 : 0;
  const order = [...list.slice(from), ...list.slice(0, from)];
  return order.find((x) => !isComplete(x, q)) ?? null;
}

/** What the service needs from a complete set of answers. */
function requestInput(q: QuestionContext): { child: ChildInput; parent: ParentInput; reasons: string } {
  const a = q.answers;
  const own = youngPerson(q);
  const fromList = q.mode === 'family' && a.settingChoice && !['other', 'none'].includes(a.settingChoice);
  const relationship = (q.mode === 'family' ? a.who : a.contactRelationship) as ParentInput['relationship'];
  const childName = `${a.legalGivenNames} ${a.legalFamilyName}`;
  return {
    child: {
      legalGivenNames: a.legalGivenNames as string,
      legalFamilyName: a.legalFamilyName as string,
      preferredName: a.preferredName ?? null,
      dateOfBirth: a.dateOfBirth as string,
      sex: a.sex as ChildInput['sex'],
      homePostcode: a.homePostcode ?? null,
      upn: null,
      upnUnknownReason: null,
      nhsNumber: null,
      nhsNumberUnknownReason: null,
      settingName: q.mode === 'family' && a.settingChoice !== 'none' ? settingName(q) : null,
      settingOrganisationId: fromList ? (a.settingChoice as string) : null,
      nationalCurriculumYear: a.year && a.year !== 'none' ? a.year : null,
      communicationNeeds: a.communicationNeeds ?? null,
      preferredLanguage: a.preferredLanguage ?? null,
      needs: [a.mainNeed as string, ...(a.otherNeed && a.otherNeed !== 'none' ? [a.otherNeed] : [])],
    },
    parent: {
      fullName: own ? childName : (a.contactName as string),
      relationship,
      email: a.contactEmail ?? null,
      phone: a.contactPhone ?? null,
      hasParentalResponsibility: relationship !== 'young_person',
    },
    reasons: `${a.reasons}\n\n${q.mode === 'setting' ? 'Support the setting has already given' : 'Help already tried'}:\n${a.supportTried}`,
  };
}

/** Check your answers: a summary list per section, each row with a Change link back to its question. */
function checkAnswerSections(j: Journey, q: QuestionContext) {
  const sections: { heading: string; rows: unknown[] }[] = [];
  for (const question of questionsFor(q.mode)) {
    const heading = SECTION_HEADINGS[question.section](q);
    let section = sections.find((s) => s.heading === heading);
    if (!section) {
      section = { heading, rows: [] };
      sections.push(section);
    }
    for (const row of question.summary(q))
      section.rows.push({
        key: { text: row.key },
        value: row.multiline
          ? { html: escapeHtml(row.value).replace(/\r?\n/g, '<br>') }
          : { text: row.value },
        actions: {
          items: [
            {
              href: `${j.base}/${question.slug}?change=1`,
              text: 'Change',
              visuallyHiddenText: row.key.toLowerCase(),
            },
          ],
        },
      });
  }
  return sections;
}

// ------------------------------------------------------------------ routes

export async function registerEhcOnlineRequestRoutes(
  app: FastifyInstance,
  container: Container,
): Promise<void> {
  const ehc = container.services.ehc;
  const information = container.services.information;
  const { config } = container;

  // Legacy address used in the Local Offer's information page.
  app.get('/ehc/request', async (_request, reply) => reply.redirect(ONLINE_REQUEST_PATH, 301));

  await app.register(async (scoped) => {
    // Every page of these journeys shows someone's answers about a child: never stored by a browser or proxy.
    scoped.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    const sendLimit = scoped.rateLimit({ max: SEND_LIMIT_PER_MINUTE, timeWindow: 60_000 });
    const emailLimit = scoped.rateLimit({ max: SEND_LIMIT_PER_MINUTE, timeWindow: 60_000 });
    for (const journey of Object.values(JOURNEYS))
      registerJourney(scoped, journey, { sendLimit, emailLimit });
  });

  function registerJourney(
    scoped: FastifyInstance,
    j: Journey,
    limits: {
      sendLimit: ReturnType<FastifyInstance['rateLimit']>;
      emailLimit: ReturnType<FastifyInstance['rateLimit']>;
    },
  ) {
    const questions = questionsFor(j.mode);
    const first = questions[0] as Question;
    const checkPath = `${j.base}/check-answers`;
    const confirmationPath = `${j.base}/confirmation`;
    const savePath = `${j.base}/save-and-return`;
    const preHandler = j.mode === 'setting' ? requireSignIn : undefined;
    const options = preHandler ? { preHandler } : {};
    const sendOptions = { preHandler: preHandler ? [preHandler, limits.sendLimit] : [limits.sendLimit] };
    const emailOptions = { preHandler: preHandler ? [preHandler, limits.emailLimit] : [limits.emailLimit] };

    const cookieOptions = {
      path: j.base,
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.session.secureCookies,
    };

    type Draft = { token: string | null; answers: Answers; submitted: boolean; expiresAt: Date | null };

    /** Who is asking (for a setting, its organisation: refused for anyone else) and their saved answers. */
    async function load(request: FastifyRequest): Promise<{ draft: Draft; q: QuestionContext }> {
      let organisation: { id: string; name: string } | null = null;
      if (j.mode === 'setting') organisation = await ehc.settingRequester(request.ctx);
      let draft: Draft = { token: null, answers: {}, submitted: false, expiresAt: null };
      const token = request.cookies[j.cookie];
      if (token && TOKEN.test(token)) {
        const saved = await ehc.onlineRequest(token);
        if (saved && belongsHere(saved.answers, organisation))
          draft = {
            token,
            answers: saved.answers,
            submitted: saved.submittedCaseId !== null,
            expiresAt: saved.expiresAt,
          };
      }
      const settings =
        j.mode === 'family'
          ? (await ehc.partnerOrganisations())
              .filter((o) => ['school', 'college', 'early_years_setting'].includes(o.kind))
              .map((o) => ({ value: o.id, text: o.name }))
          : [];
      return {
        draft,
        q: {
          mode: j.mode,
          answers: draft.answers,
          today: ehc.today(),
          settings,
          organisationName: organisation?.name ?? '',
        },
      };
    }

    /** Saved answers of the other journey, or of another setting, are never shown here. */
    function belongsHere(answers: Answers, organisation: { id: string } | null): boolean {
      if ((answers.mode ?? 'family') !== j.mode) return false;
      return j.mode === 'family' || answers.organisationId === organisation?.id;
    }

    async function save(request: FastifyRequest, reply: FastifyReply, draft: Draft, answers: Answers) {
      const token = draft.token ?? ehc.newResumeToken();
      const stored: Answers = { ...answers, mode: j.mode };
      if (j.mode === 'setting') stored.organisationId = request.ctx.actor?.organisationId ?? '';
      await ehc.saveOnlineRequest(token, stored);
      reply.setCookie(j.cookie, token, { ...cookieOptions, maxAge: KEEP_DAYS * 86_400 });
      return token;
    }

    const pathOf = (question: Question) => `${j.base}/${question.slug}`;
    const continuePath = (q: QuestionContext) => {
      const next = nextIncomplete(q);
      return next ? pathOf(next) : checkPath;
    };

    function renderQuestion(
      reply: FastifyReply,
      question: Question,
      q: QuestionContext,
      view: { status: number; change: boolean; body?: Record<string, unknown>; errors?: FormErrors },
    ) {
      const index = questions.indexOf(question);
      const previous = index > 0 ? questions[index - 1] : undefined;
      const specs = question.fields(q);
      const fields = renderFields(specs, view.body ?? {}, view.errors, q.answers).map((f) =>
        // A young person's own date of birth can be filled in by the browser.
        f.kind === 'date' && youngPerson(q) && 'items' in f
          ? {
              ...f,
              items: (f.items as { name: string }[]).map((item) => ({
                ...item,
                autocomplete: `bday-${item.name}`,
              })),
            }
          : { ...f, ...inputExtras(f.name, q) },
      );
      const intro = question.intro?.(q) ?? [];
      // One field and nothing said before it: its label or legend is the page's heading.
      const headingIsLabel = specs.length === 1 && intro.length === 0;
      if (headingIsLabel && fields[0]) fields[0] = { ...fields[0], label: question.heading(q) };
      return reply.code(view.status).page('ehc/views/online-request-question', {
        pageTitle: question.heading(q),
        csrfToken: reply.generateCsrf(),
        caption: j.caption,
        heading: question.heading(q),
        intro,
        headingIsLabel,
        fields,
        errors: view.errors,
        action: `${pathOf(question)}${view.change ? '?change=1' : ''}`,
        back: view.change ? checkPath : previous ? pathOf(previous) : j.base,
        privacyLink: question.slug === 'sharing',
      });
    }

    function message(
      reply: FastifyReply,
      status: number,
      view: { title: string; paragraphs: string[]; links?: { href: string; text: string }[]; back?: string },
    ) {
      return reply.code(status).page('ehc/views/online-request-message', {
        pageTitle: view.title,
        caption: j.caption,
        paragraphs: view.paragraphs,
        links: view.links ?? [],
        back: view.back,
      });
    }

    const expiredPage = (reply: FastifyReply) =>
      message(reply, 404, {
        title: 'This link has expired or does not work',
        paragraphs: [
          `We keep saved answers for ${KEEP_DAYS} days, and a link stops working once the request has been sent.`,
          'If you copied the link from an email, check you copied all of it.',
        ],
        links: [{ href: j.base, text: 'Start a new request' }],
      });

    // ---------------------------------------------------------------- start page

    scoped.get(j.base, options, async (request, reply) => {
      const { draft, q } = await load(request);
      const started = draft.token !== null && !draft.submitted && answeredPages(draft.answers).size > 0;
      const guide = await information.publishedPage(INFORMATION_PAGE_SLUG);
      return reply.page('ehc/views/online-request-start', {
        pageTitle:
          j.mode === 'setting'
            ? 'Request an EHC needs assessment for a child or young person at your setting'
            : 'Ask for an education, health and care (EHC) needs assessment',
        csrfToken: reply.generateCsrf(),
        mode: j.mode,
        organisationName: q.organisationName,
        startHref: pathOf(first),
        continueHref: started ? continuePath(q) : null,
        startAgainAction: `${j.base}/start-again`,
        keptUntil: started && draft.expiresAt ? formatDate(londonToday(draft.expiresAt)) : null,
        guideHref: guide ? `/local-offer/information/${guide.slug}` : null,
        settingHref: SETTING_REQUEST_PATH,
        familyHref: ONLINE_REQUEST_PATH,
        keepDays: KEEP_DAYS,
      });
    });

    scoped.post(`${j.base}/start-again`, options, async (request, reply) => {
      if (j.mode === 'setting') await ehc.settingRequester(request.ctx);
      reply.clearCookie(j.cookie, cookieOptions);
      return reply.redirect(pathOf(first), 303);
    });

    if (j.mode === 'family')
      scoped.get(`${j.base}/who-can-ask`, async (_request, reply) =>
        message(reply, 200, {
          title: 'You cannot use this form to ask for an assessment',
          paragraphs: [
            'Only a parent or carer with parental responsibility, the young person themself (aged 16 to 25), or their school, college or early years setting can ask for an EHC needs assessment.',
            'Anyone else who thinks a child or young person may have special educational needs, such as a doctor, health visitor or social worker, can tell the SEND Assessment Team, who will decide whether an assessment is needed. You can also talk to the family about making a request themselves.',
            'A school, college or early years setting can make a request by signing in.',
          ],
          links: [
            { href: SETTING_REQUEST_PATH, text: 'Sign in to make a request from a school or setting' },
            {
              href: `/local-offer/information/${INFORMATION_PAGE_SLUG}`,
              text: 'Asking for an EHC needs assessment',
            },
          ],
          back: pathOf(first),
        }),
      );

    // ---------------------------------------------------------------- the questions

    for (const question of questions) {
      scoped.get(pathOf(question), options, async (request, reply) => {
        const { draft, q } = await load(request);
        if (draft.submitted) return reply.redirect(confirmationPath, 303);
        const change = (request.query as Record<string, unknown>).change === '1';
        return renderQuestion(reply, question, q, { status: 200, change });
      });

      scoped.post(pathOf(question), options, async (request, reply) => {
        const { draft, q } = await load(request);
        if (draft.submitted) return reply.redirect(confirmationPath, 303);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const saving = body.action === 'save';
        const change = (request.query as Record<string, unknown>).change === '1';
        if (question.slug === 'who-is-asking' && body.who === 'someone_else')
          return reply.redirect(`${j.base}/who-can-ask`, 303);
        const result = validate(question, body, q);
        if (!result.ok) {
          // Saving for later with a page half done keeps everything answered before it.
          if (saving && draft.token) return reply.redirect(`${savePath}?notSaved=1`, 303);
          return renderQuestion(reply, question, q, { status: 400, change, body, errors: result.errors });
        }
        // This page's answers replace what it said before; an emptied optional answer is removed.
        const answers: Answers = Object.fromEntries(
          Object.entries(draft.answers).filter(([k]) => !(k in result.values)),
        );
        for (const [k, v] of Object.entries(result.values)) if (v !== '') answers[k] = v;
        answers._answered = [...answeredPages(answers), question.slug]
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(',');
        await save(request, reply, draft, answers);
        if (saving) return reply.redirect(savePath, 303);
        const next = nextIncomplete({ ...q, answers }, question.slug);
        return reply.redirect(next ? pathOf(next) : checkPath, 303);
      });
    }

    // ---------------------------------------------------------------- check your answers, and send

    scoped.get(checkPath, options, async (request, reply) => {
      const { draft, q } = await load(request);
      if (draft.submitted) return reply.redirect(confirmationPath, 303);
      const next = nextIncomplete(q);
      if (!draft.token || next) return reply.redirect(next ? pathOf(next) : pathOf(first), 303);
      return reply.page('ehc/views/online-request-check', {
        pageTitle: 'Check your answers before sending your request',
        csrfToken: reply.generateCsrf(),
        caption: j.caption,
        sections: checkAnswerSections(j, q),
        action: checkPath,
        back: pathOf(questions[questions.length - 1] as Question),
        mode: j.mode,
        organisationName: q.organisationName,
      });
    });

    scoped.post(checkPath, sendOptions, async (request, reply) => {
      const { draft, q } = await load(request);
      if (draft.submitted) return reply.redirect(confirmationPath, 303);
      const next = nextIncomplete(q);
      if (!draft.token) return reply.redirect(j.base, 303);
      if (next) return reply.redirect(pathOf(next), 303);
      try {
        const input = requestInput(q);
        if (j.mode === 'setting') await ehc.submitSettingRequest(request.ctx, draft.token, input);
        else await ehc.submitOnlineRequest(request.ctx, draft.token, input);
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        // Sent already (a second press, the back button): the first request's confirmation.
        if (error.field === 'request') return reply.redirect(confirmationPath, 303);
        if (error.field === 'expired') return expiredPage(reply);
        const question = questions.find((x) => x.fields(q).some((f) => f.name === error.field)) ?? first;
        return renderQuestion(reply, question, q, {
          status: 400,
          change: true,
          body: bodyFrom(question.fields(q), q.answers),
          errors: {
            summary: [{ text: error.message, href: `#${error.field}` }],
            fields: { [error.field]: { text: error.message } },
          },
        });
      }
      return reply.redirect(confirmationPath, 303);
    });

    scoped.get(confirmationPath, options, async (request, reply) => {
      const { draft, q } = await load(request);
      const receipt = draft.token && draft.submitted ? await ehc.onlineRequestReceipt(draft.token) : null;
      if (!receipt) return reply.redirect(j.base, 303);
      return reply.page('ehc/views/online-request-confirmation', {
        pageTitle: 'Request sent',
        csrfToken: reply.generateCsrf(),
        mode: j.mode,
        organisationName: q.organisationName,
        reference: receipt.reference,
        receivedOn: formatDate(receipt.receivedOn),
        decisionDueOn: formatDate(receipt.decisionDueOn),
        finalPlanDueOn: formatDate(receipt.finalPlanDueOn),
        startAgainAction: `${j.base}/start-again`,
      });
    });

    // ---------------------------------------------------------------- save and come back later

    function renderSave(
      reply: FastifyReply,
      status: number,
      draft: Draft,
      q: QuestionContext,
      view: { email: string; errors?: FormErrors; notSaved: boolean },
    ) {
      return reply.code(status).page('ehc/views/online-request-save', {
        pageTitle: 'Save your answers and come back later',
        csrfToken: reply.generateCsrf(),
        caption: j.caption,
        nothingSaved: draft.token === null,
        notSaved: view.notSaved,
        keptUntil: draft.expiresAt ? formatDate(londonToday(draft.expiresAt)) : null,
        keepDays: KEEP_DAYS,
        email: view.email,
        errors: view.errors,
        action: savePath,
        back: draft.token ? continuePath(q) : j.base,
        startHref: j.base,
      });
    }

    scoped.get(savePath, options, async (request, reply) => {
      const { draft, q } = await load(request);
      if (draft.submitted) return reply.redirect(confirmationPath, 303);
      const email =
        draft.answers.returnEmail ??
        (j.mode === 'setting' ? request.session?.user.email : draft.answers.contactEmail) ??
        '';
      return renderSave(reply, 200, draft, q, {
        email,
        notSaved: (request.query as Record<string, unknown>).notSaved === '1',
      });
    });

    scoped.post(savePath, emailOptions, async (request, reply) => {
      const { draft, q } = await load(request);
      if (draft.submitted) return reply.redirect(confirmationPath, 303);
      if (!draft.token) return reply.redirect(savePath, 303);
      const raw = (request.body as Record<string, unknown> | undefined)?.email;
      const parsed = emailAddress('your email address').safeParse(typeof raw === 'string' ? raw : '');
      if (!parsed.success) {
        const text = parsed.error.issues[0]?.message ?? 'Enter your email address';
        return renderSave(reply, 400, draft, q, {
          email: typeof raw === 'string' ? raw : '',
          notSaved: false,
          errors: { summary: [{ text, href: '#email' }], fields: { email: { text } } },
        });
      }
      await save(request, reply, draft, { ...draft.answers, returnEmail: parsed.data });
      await ehc.emailOnlineRequestLink(request.ctx, draft.token, parsed.data, `${j.base}/resume`);
      return reply.redirect(`${savePath}/sent`, 303);
    });

    scoped.get(`${savePath}/sent`, options, async (request, reply) => {
      const { draft, q } = await load(request);
      if (!draft.token || !draft.answers.returnEmail) return reply.redirect(savePath, 303);
      return reply.page('ehc/views/online-request-saved', {
        pageTitle: 'We have sent you a link to your saved answers',
        caption: j.caption,
        email: draft.answers.returnEmail,
        keptUntil: draft.expiresAt ? formatDate(londonToday(draft.expiresAt)) : null,
        continueHref: continuePath(q),
      });
    });

    /** The emailed link: the token in the query (never logged), swapped at once for the cookie. */
    scoped.get(`${j.base}/resume`, options, async (request, reply) => {
      const token = (request.query as Record<string, unknown>).token;
      if (typeof token !== 'string' || !TOKEN.test(token)) return expiredPage(reply);
      const organisation = j.mode === 'setting' ? await ehc.settingRequester(request.ctx) : null;
      const saved = await ehc.resumeOnlineRequest(request.ctx, token);
      if (!saved || !belongsHere(saved.answers, organisation)) return expiredPage(reply);
      reply.setCookie(j.cookie, token, { ...cookieOptions, maxAge: KEEP_DAYS * 86_400 });
      return reply.redirect(saved.submittedCaseId ? confirmationPath : checkPath, 303);
    });
  }
}
