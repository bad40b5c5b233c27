/**
 * Every email the platform sends, one entry per template name the code queues. The text is written in
 * GOV.UK Notify's template format (((placeholder)) for personalisation, a blank line between paragraphs,
 * `*` for a bullet), so that it can be pasted into Notify to make the template whose id NOTIFY_TEMPLATES
 * names, and so that administrators can read in the outbox what a message says (or would have said).
 *
 * A unit test checks that every template name used in src/ has an entry here; config refuses to start in
 * production with a Notify key but no template id for one of these names.
 */

export type TemplateEntry = {
  /** What the message is, for administrators. */
  title: string;
  /** Who receives it. */
  audience: string;
  subject: string;
  body: string;
  /**
   * Placeholders that carry a sign-in or invitation link. Anyone holding one can use it, so the outbox shows
   * it only while the message is held here for an administrator to pass on (no Notify key configured).
   */
  secrets?: readonly string[];
};

const partnerPortalLine = 'See the request and reply in the partner portal: ((portal))';

export const TEMPLATES = {
  // ---------------------------------------------------------------- accounts
  'user-invitation': {
    title: 'Invitation to a staff account',
    audience: 'A person given a staff account',
    subject: 'You have been given an account for ((service_name))',
    body: [
      'Dear ((full_name))',
      'You have been given an account for ((service_name)).',
      'Set your password to start using it: ((invitation_url))',
      'The link works once, for 7 days. If you were not expecting this email, you can ignore it.',
    ].join('\n\n'),
    secrets: ['invitation_url'],
  },
  'password-reset': {
    title: 'Password reset',
    audience: 'A staff member whose password an administrator reset',
    subject: 'Set a new password for ((service_name))',
    body: [
      'Dear ((full_name))',
      'An administrator has reset the password of your account for ((service_name)).',
      'Set a new password: ((invitation_url))',
      'The link works once, for 7 days. If you did not expect this, tell your administrator.',
    ].join('\n\n'),
    secrets: ['invitation_url'],
  },

  // ---------------------------------------------------------------- Local Offer reviews
  'local-offer-review-due': {
    title: 'Local Offer listing due for review',
    audience: "The listing's provider, or the Local Offer editors",
    subject: 'Check your Local Offer listing: ((listing_name))',
    body: [
      'Dear ((full_name))',
      'Your listing ((listing_name)) on ((service_name)) is due for review on ((review_due_date)).',
      'Check that it is still right and confirm it: ((listing_url))',
      'If it is not confirmed, it will be hidden from the public from ((hidden_from_date)).',
    ].join('\n\n'),
  },
  'local-offer-review-overdue': {
    title: 'Local Offer listing overdue for review',
    audience: "The listing's provider, or the Local Offer editors",
    subject: 'Your Local Offer listing is overdue for review: ((listing_name))',
    body: [
      'Dear ((full_name))',
      'Your listing ((listing_name)) on ((service_name)) was due for review on ((review_due_date)).',
      'Check that it is still right and confirm it: ((listing_url))',
      'If it is not confirmed, it will be hidden from the public from ((hidden_from_date)).',
    ].join('\n\n'),
  },
  'local-offer-listing-hidden': {
    title: 'Local Offer listing hidden',
    audience: "The listing's provider, or the Local Offer editors",
    subject: 'Your Local Offer listing is hidden: ((listing_name))',
    body: [
      'Dear ((full_name))',
      'Your listing ((listing_name)) on ((service_name)) has not been confirmed since its review was due on ((review_due_date)), so it is hidden from the public.',
      'Check it and confirm it to show it again: ((listing_url))',
    ].join('\n\n'),
  },

  // ---------------------------------------------------------------- EHC: to families
  'ehc-request-received-family': {
    title: 'EHC needs assessment request received',
    audience: 'The family (parents with parental responsibility, or the young person)',
    subject: 'We have received the request for an EHC needs assessment',
    body: [
      'We have received the request for an education, health and care (EHC) needs assessment.',
      'The reference is ((reference)).',
      'We will tell you by ((decision_due)) whether we will carry out a needs assessment.',
    ].join('\n\n'),
  },
  'ehc-decided-to-assess': {
    title: 'Decision to carry out an EHC needs assessment',
    audience: 'The family',
    subject: 'We will carry out an EHC needs assessment',
    body: [
      'We have decided to carry out an education, health and care (EHC) needs assessment (reference ((reference))).',
      'Read our decision letter and what happens next: ((letter))',
    ].join('\n\n'),
  },
  'ehc-decided-not-to-assess': {
    title: 'Decision not to carry out an EHC needs assessment',
    audience: 'The family',
    subject: 'We have decided not to carry out an EHC needs assessment',
    body: [
      'We have decided not to carry out an education, health and care (EHC) needs assessment (reference ((reference))).',
      'Read our decision letter, with our reasons: ((letter))',
      'You can appeal to the First-tier Tribunal (Special Educational Needs and Disability). The letter explains how, and about mediation.',
    ].join('\n\n'),
  },
  'ehc-draft-plan-issued': {
    title: 'Draft EHC plan issued',
    audience: 'The family',
    subject: 'The draft EHC plan is ready for you to read',
    body: [
      'The draft education, health and care (EHC) plan is ready for you to read (reference ((reference))).',
      'Tell us what you think of it, and which school or college you would like named in it, by ((respond_by)).',
      'Read the draft plan: ((link))',
    ].join('\n\n'),
  },
  'ehc-final-plan-issued': {
    title: 'Final EHC plan issued',
    audience: 'The family',
    subject: 'The final EHC plan has been issued',
    body: [
      'The final education, health and care (EHC) plan has been issued (reference ((reference))).',
      'Read and download the plan: ((link))',
      'If you disagree with the plan, the letter with it explains your right to appeal and about mediation.',
    ].join('\n\n'),
  },
  'ehc-decided-not-to-issue': {
    title: 'Decision not to issue an EHC plan',
    audience: 'The family',
    subject: 'We have decided not to issue an EHC plan',
    body: [
      'After the needs assessment, we have decided not to issue an education, health and care (EHC) plan (reference ((reference))).',
      'Read our decision letter, with our reasons: ((link))',
      'You can appeal to the First-tier Tribunal (Special Educational Needs and Disability). The letter explains how, and about mediation.',
    ].join('\n\n'),
  },
  'ehc-family-sign-in': {
    title: 'Family sign-in link',
    audience: 'A parent, carer or young person who asked for a link',
    subject: 'Your link to see the EHC request',
    body: [
      'Use this link to see the education, health and care (EHC) request: ((link))',
      'The link works once, for 30 minutes.',
      'If you did not ask for a link, you can ignore this email.',
    ].join('\n\n'),
    secrets: ['link'],
  },
  'ehc-online-request-saved': {
    title: 'Link back to a saved online request',
    audience: 'A parent or young person making a request online',
    subject: 'Your saved request for an EHC needs assessment',
    body: [
      'Come back to your request for an education, health and care (EHC) needs assessment with this link: ((link))',
      'Your answers are kept until ((kept_until)). Do not share the link: anyone with it can see your answers.',
      'If you did not save a request, you can ignore this email.',
    ].join('\n\n'),
    secrets: ['link'],
  },

  // ---------------------------------------------------------------- EHC: to partners
  'ehc-request-received-partner': {
    title: 'EHC needs assessment request received (partners)',
    audience: 'Practitioners of health, social care and the child’s setting',
    subject: 'Request for an EHC needs assessment: ((reference))',
    body: [
      'The council has received a request for an education, health and care (EHC) needs assessment (reference ((reference))) for a child or young person your organisation may know.',
      'If your organisation is asked for advice, the request will be in the partner portal: ((portal))',
    ].join('\n\n'),
  },
  'ehc-advice-requested': {
    title: 'Advice requested',
    audience: 'Practitioners of the organisation asked for advice',
    subject: 'Advice requested for an EHC needs assessment: ((reference))',
    body: [
      'Your organisation has been asked for advice for an education, health and care (EHC) needs assessment (reference ((reference))).',
      'The advice is due by ((due)).',
      partnerPortalLine,
    ].join('\n\n'),
  },
  'ehc-setting-consulted': {
    title: 'Setting consulted on a place',
    audience: 'Practitioners of the school, college or early years setting consulted',
    subject: 'Consultation on naming your setting in an EHC plan: ((reference))',
    body: [
      'The council is consulting your setting about naming it in an education, health and care (EHC) plan (reference ((reference))).',
      'Please reply by ((due)).',
      partnerPortalLine,
    ].join('\n\n'),
  },

  // ---------------------------------------------------------------- EHC: reminders
  'ehc-advice-due-soon': {
    title: 'Reminder: advice due in 7 days',
    audience: 'Practitioners of the organisation asked for advice',
    subject: 'Advice due by ((due)): ((reference))',
    body: [
      'This is a reminder that the advice your organisation was asked for, for an education, health and care (EHC) needs assessment (reference ((reference))), is due by ((due)).',
      partnerPortalLine,
    ].join('\n\n'),
  },
  'ehc-advice-due-today': {
    title: 'Reminder: advice due today',
    audience: 'Practitioners of the organisation asked for advice',
    subject: 'Advice due today: ((reference))',
    body: [
      'The advice your organisation was asked for, for an education, health and care (EHC) needs assessment (reference ((reference))), is due today, ((due)).',
      'If it will be late, record the reason in the partner portal.',
      partnerPortalLine,
    ].join('\n\n'),
  },
  'ehc-consultation-due-today': {
    title: 'Reminder: consultation reply due today',
    audience: 'Practitioners of the setting consulted',
    subject: 'Consultation reply due today: ((reference))',
    body: [
      'Your reply to the consultation about naming your setting in an education, health and care (EHC) plan (reference ((reference))) is due today, ((due)).',
      partnerPortalLine,
    ].join('\n\n'),
  },
  'ehc-deadline-due-soon': {
    title: 'Reminder: case deadline in 7 days',
    audience: "The case's caseworker (the SEND managers if the case has none)",
    subject: '((deadline)) due by ((due)): ((reference))',
    body: [
      'This is a reminder about case ((reference)).',
      '((deadline)): due by ((due)).',
      'Open the case: ((link))',
    ].join('\n\n'),
  },
  'ehc-deadline-due-today': {
    title: 'Reminder: case deadline today',
    audience: "The case's caseworker (the SEND managers if the case has none)",
    subject: '((deadline)) due today: ((reference))',
    body: [
      'This is a reminder about case ((reference)).',
      '((deadline)): due today, ((due)).',
      'Open the case: ((link))',
    ].join('\n\n'),
  },
} as const satisfies Record<string, TemplateEntry>;

export type TemplateName = keyof typeof TEMPLATES;

/** Every template name the platform sends: a template id is needed for each when Notify is configured. */
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export function templateEntry(name: string): TemplateEntry | undefined {
  return isTemplateName(name) ? TEMPLATES[name] : undefined;
}

const PLACEHOLDER = /\(\(([a-z0-9_]+)\)\)/g;

/** The personalisation a template needs, in the order it first uses them. */
export function placeholdersOf(entry: TemplateEntry): string[] {
  const names: string[] = [];
  for (const [, name] of `${entry.subject}\n${entry.body}`.matchAll(PLACEHOLDER))
    if (!names.includes(name as string)) names.push(name as string);
  return names;
}

export type RenderedMessage = {
  subject: string;
  /** Paragraphs, as Notify would lay them out. */
  paragraphs: string[];
  /** Placeholders the personalisation did not fill (Notify would refuse to send it). */
  missing: string[];
  /** Placeholders hidden because they carry a link someone could use. */
  hidden: string[];
};

export const HIDDEN_LINK = '[link hidden: it lets the recipient sign in]';

/** The message as it would be sent, from its personalisation; secrets replaced unless revealed. */
export function renderMessage(
  entry: TemplateEntry,
  personalisation: Record<string, unknown>,
  options: { revealSecrets: boolean },
): RenderedMessage {
  const missing: string[] = [];
  const hidden: string[] = [];
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = personalisation[name];
      if (value === undefined || value === null || value === '') {
        if (!missing.includes(name)) missing.push(name);
        return whole;
      }
      if (!options.revealSecrets && entry.secrets?.includes(name)) {
        if (!hidden.includes(name)) hidden.push(name);
        return HIDDEN_LINK;
      }
      return String(value);
    });
  return {
    subject: fill(entry.subject),
    paragraphs: entry.body.split(/\n{2,}/).map(fill),
    missing,
    hidden,
  };
}
