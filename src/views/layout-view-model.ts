import type { Config } from '../config.ts';
import { can, ROLE_LABELS } from '../modules/access/policy.ts';
import type { SignedInUser } from '../modules/sessions/service.ts';
import { reportProblemHref } from '../modules/feedback/report-link.ts';

type NavItem = { href: string; text: string; active?: boolean; current?: boolean };

/** Header, service navigation and footer for every page; what a person sees depends on what they may do. */
export function layoutModel(input: {
  user: SignedInUser | null;
  path: string;
  config: Pick<Config, 'area'>;
}) {
  const { user, path, config } = input;
  const { area } = config;
  const items: NavItem[] = [
    { href: '/', text: 'Home' },
    { href: '/local-offer', text: 'SEND Local Offer' },
  ];
  if (user) {
    items.push({ href: '/staff', text: 'Staff area' });
    if (can(user.actor, 'local-offer.staff-area'))
      items.push({ href: '/staff/local-offer', text: 'Local Offer' });
    if (can(user.actor, 'ehc.casework')) items.push({ href: '/ehc', text: 'EHC casework' });
    if (can(user.actor, 'performance.view')) items.push({ href: '/performance', text: 'Performance' });
    if (can(user.actor, 'ehc.partner-portal'))
      items.push({ href: '/partner', text: 'Advice and consultations' });
    if (can(user.actor, 'users.manage')) items.push({ href: '/admin/users', text: 'Users' });
    if (can(user.actor, 'audit.view')) items.push({ href: '/admin/audit', text: 'Audit trail' });
    if (can(user.actor, 'notifications.view')) items.push({ href: '/admin/outbox', text: 'Outbox' });
    items.push({ href: '/account', text: 'Your account' });
  } else {
    items.push({ href: '/sign-in', text: 'Staff sign in' });
  }
  // The longest matching prefix is the current section.
  const best = items
    .filter((i) => path === i.href || (i.href !== '/' && path.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  for (const item of items) {
    if (item === best) {
      item.active = true;
      if (path === item.href) item.current = true;
    }
  }
  return {
    councilName: area.councilName,
    serviceName: area.serviceName,
    navigation: items,
    user: user
      ? { name: user.fullName, organisation: user.organisationName, role: ROLE_LABELS[user.actor.role] }
      : null,
    // "Report a problem with this page" (reg 56) on every public page.
    reportProblemHref:
      path.startsWith('/staff') || path.startsWith('/admin') || path.startsWith('/account')
        ? null
        : reportProblemHref(path),
    footerLinks: [
      { href: '/accessibility', text: 'Accessibility statement' },
      { href: '/privacy', text: 'Privacy notice' },
      { href: '/cookies', text: 'Cookies' },
      { href: '/open-data', text: 'Open data' },
      { href: '/contact', text: 'Contact' },
    ],
  };
}
