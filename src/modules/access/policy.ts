import type { OrganisationKind } from '../../config.ts';
import { ForbiddenError } from '../../lib/errors.ts';

/**
 * Who may do what. One small module, so every decision is made (and tested) in one place:
 * a role grants capabilities, and a relationship (the organisation a person acts for) narrows
 * them to the records that concern that organisation. Later modules add actions and resources here.
 */

export const ROLES = [
  'administrator',
  'send_manager',
  'send_caseworker',
  'partner_practitioner',
  'local_offer_editor',
  'provider',
  'board_member',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  send_manager: 'SEND manager',
  send_caseworker: 'SEND caseworker',
  partner_practitioner: 'Partner practitioner',
  local_offer_editor: 'Local Offer editor',
  provider: 'Provider',
  board_member: 'Board member',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  administrator: 'Manages user accounts and reads the audit trail.',
  send_manager: 'Oversees EHC casework, performance and the improvement plan.',
  send_caseworker: 'Manages EHC needs assessments, plans and reviews.',
  partner_practitioner: 'Gives advice and takes part in EHC work for one partner organisation.',
  local_offer_editor: 'Edits and publishes the SEND Local Offer.',
  provider: "Edits its own organisation's Local Offer listings.",
  board_member: 'Reads performance and improvement information. Cannot change anything.',
};

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  council_send_service: "Council's SEND service",
  integrated_care_board: 'Integrated Care Board',
  nhs_trust: 'NHS trust',
  social_care: 'Social care',
  educational_psychology: 'Educational psychology',
  school: 'School',
  college: 'College',
  early_years_setting: 'Early years setting',
  provider: 'Provider',
  parent_carer_forum: 'Parent carer forum',
};

/** The organisation kinds each role can act for: the council's roles belong to the council's service. */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  administrator: ['council_send_service'],
  send_manager: ['council_send_service'],
  send_caseworker: ['council_send_service'],
  partner_practitioner: [
    'integrated_care_board',
    'nhs_trust',
    'social_care',
    'educational_psychology',
    'school',
    'college',
    'early_years_setting',
  ],
  local_offer_editor: ['council_send_service', 'parent_carer_forum'],
  provider: ['provider', 'school', 'college', 'early_years_setting'],
  board_member: [
    'council_send_service',
    'integrated_care_board',
    'nhs_trust',
    'social_care',
    'parent_carer_forum',
    'school',
    'college',
  ],
};

export type Actor = {
  userId: string;
  role: Role;
  organisationId: string;
};

export type Action =
  | 'account.change-password'
  | 'staff-area.view'
  | 'users.manage'
  | 'audit.view'
  | 'performance.view'
  | 'improvement.view'
  | 'local-offer.edit'
  | 'local-offer.edit-listing'
  /** Reach the Local Offer's staff pages; what each person then sees is narrowed to what they may edit. */
  | 'local-offer.staff-area'
  /** Read and work on every EHC case: the council's SEND caseworkers and managers. */
  | 'ehc.casework'
  /** Caseload by officer, every 20-week clock at risk, reassignment. */
  | 'ehc.manage'
  /** Generate the SEN2 return and its validation report: person-level data about every child with a request. */
  | 'performance.sen2'
  /** The advice requests and consultations addressed to one's own organisation, and nothing else. */
  | 'ehc.partner-portal'
  /** Read the notification outbox (messages hold personal data: every read is audited). */
  | 'notifications.view'
  /** Put a failed, unknown or held message back in the queue. */
  | 'notifications.resend';

/** What each role may do before any relationship is considered. */
const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  administrator: [
    'account.change-password',
    'staff-area.view',
    'users.manage',
    'audit.view',
    'notifications.view',
    'notifications.resend',
  ],
  send_manager: [
    'account.change-password',
    'staff-area.view',
    'performance.view',
    'improvement.view',
    'ehc.casework',
    'ehc.manage',
    'performance.sen2',
  ],
  send_caseworker: ['account.change-password', 'staff-area.view', 'performance.view', 'ehc.casework'],
  partner_practitioner: ['account.change-password', 'staff-area.view', 'ehc.partner-portal'],
  local_offer_editor: [
    'account.change-password',
    'staff-area.view',
    'local-offer.edit',
    'local-offer.edit-listing',
    'local-offer.staff-area',
  ],
  provider: [
    'account.change-password',
    'staff-area.view',
    'local-offer.edit-listing',
    'local-offer.staff-area',
  ],
  board_member: ['account.change-password', 'staff-area.view', 'performance.view', 'improvement.view'],
};

/** A record an action concerns, described by the relationships that matter for access. */
export type Resource =
  | { type: 'user'; userId: string; organisationId: string }
  /** organisationId: the platform organisation whose providers manage the listing (null: none does). */
  | { type: 'listing'; organisationId: string | null };

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function decide(actor: Actor | null, action: Action, resource?: Resource): Decision {
  if (!actor) return { allowed: false, reason: 'not signed in' };
  if (!ROLE_ACTIONS[actor.role].includes(action)) {
    return { allowed: false, reason: `role ${actor.role} may not ${action}` };
  }
  if (action === 'local-offer.edit-listing' && actor.role === 'provider') {
    // A provider edits only its own organisation's listings.
    if (!resource || resource.type !== 'listing' || resource.organisationId !== actor.organisationId) {
      return { allowed: false, reason: "a provider may edit only its own organisation's listings" };
    }
  }
  if (action === 'users.manage' && resource?.type === 'user' && resource.userId === actor.userId) {
    // Administrators cannot change their own role or disable themselves; another administrator must.
    return { allowed: false, reason: 'an administrator may not manage their own account' };
  }
  return { allowed: true };
}

export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

export function assertCan(actor: Actor | null, action: Action, resource?: Resource): asserts actor is Actor {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

export function actionsFor(role: Role): readonly Action[] {
  return ROLE_ACTIONS[role];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
