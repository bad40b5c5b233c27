import { can, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../access/policy.ts';
import type { SignedInUser } from '../sessions/service.ts';

type Task = { href: string; title: string; description: string };

/** The staff landing page: what this person's role lets them do, and nothing else. */
export function staffHomeModel(user: SignedInUser | null) {
  if (!user) return null;
  const tasks: Task[] = [];
  if (can(user.actor, 'local-offer.staff-area')) {
    tasks.push({
      href: '/staff/local-offer',
      title: 'Local Offer listings',
      description: can(user.actor, 'local-offer.edit')
        ? 'Approve changes from providers, keep listings up to date and manage categories and needs.'
        : "Keep your organisation's Local Offer listings up to date.",
    });
  }
  if (can(user.actor, 'users.manage')) {
    tasks.push({
      href: '/admin/users',
      title: 'Manage users',
      description: 'Invite people, change their role and disable accounts.',
    });
  }
  if (can(user.actor, 'audit.view')) {
    tasks.push({
      href: '/admin/audit',
      title: 'Audit trail',
      description: 'See who did what, when, and for which organisation.',
    });
  }
  tasks.push({
    href: '/account',
    title: 'Your account',
    description: 'See your details and change your password.',
  });
  return {
    name: user.fullName,
    roleLabel: ROLE_LABELS[user.actor.role],
    roleDescription: ROLE_DESCRIPTIONS[user.actor.role],
    organisation: user.organisationName,
    tasks,
  };
}
