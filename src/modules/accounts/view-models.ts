import type { Organisation } from '../../db/types.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { escapeHtml } from '../../lib/html.ts';
import { ORGANISATION_KIND_LABELS, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, isRole } from '../access/policy.ts';
import type { OrganisationKind } from '../../config.ts';
import type { UserWithOrganisation } from './repository.ts';

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  invited: { text: 'Invited', classes: 'govuk-tag--blue' },
  disabled: { text: 'Disabled', classes: 'govuk-tag--grey' },
  locked: { text: 'Locked', classes: 'govuk-tag--red' },
};

export function statusTag(user: Pick<UserWithOrganisation, 'status'>, locked: boolean) {
  return (
    STATUS_TAGS[locked && user.status === 'active' ? 'locked' : user.status] ?? {
      text: user.status,
      classes: '',
    }
  );
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

export function usersTableRows(
  users: UserWithOrganisation[],
  isLocked: (u: UserWithOrganisation) => boolean,
) {
  return users.map((u) => {
    const tag = statusTag(u, isLocked(u));
    return [
      { html: `<a class="govuk-link" href="/admin/users/${u.id}">${escapeHtml(u.full_name)}</a>` },
      { text: u.email },
      { text: roleLabel(u.role) },
      { text: u.organisation_name },
      { html: `<strong class="govuk-tag ${tag.classes}">${tag.text}</strong>` },
    ];
  });
}

export function roleRadios(selected: string | undefined) {
  return ROLES.map((role) => ({
    value: role,
    text: ROLE_LABELS[role],
    hint: { text: ROLE_DESCRIPTIONS[role] },
    checked: role === selected,
  }));
}

export function organisationOptions(organisations: Organisation[], selected: string | undefined) {
  return [
    { value: '', text: 'Select an organisation' },
    ...organisations.map((o) => ({
      value: o.id,
      text: `${o.name} (${ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] ?? o.kind})`,
      selected: o.id === selected,
    })),
  ];
}

export function roleFilterOptions(selected: string | undefined) {
  return [
    { value: '', text: 'All roles' },
    ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected })),
  ];
}

export function statusFilterOptions(selected: string | undefined) {
  return [
    { value: '', text: 'All statuses' },
    ...(['active', 'invited', 'disabled'] as const).map((s) => ({
      value: s,
      text: STATUS_TAGS[s]?.text ?? s,
      selected: s === selected,
    })),
  ];
}

export function userSummaryRows(user: UserWithOrganisation, locked: boolean) {
  const tag = statusTag(user, locked);
  return [
    { key: { text: 'Name' }, value: { text: user.full_name } },
    { key: { text: 'Email address' }, value: { text: user.email } },
    { key: { text: 'Role' }, value: { text: roleLabel(user.role) } },
    { key: { text: 'Organisation' }, value: { text: user.organisation_name } },
    {
      key: { text: 'Status' },
      value: { html: `<strong class="govuk-tag ${tag.classes}">${tag.text}</strong>` },
    },
    {
      key: { text: 'Last signed in' },
      value: { text: user.last_signed_in_at ? formatDateTime(user.last_signed_in_at) : 'Never' },
    },
    ...(locked && user.locked_until
      ? [{ key: { text: 'Locked until' }, value: { text: formatDateTime(user.locked_until) } }]
      : []),
  ];
}
