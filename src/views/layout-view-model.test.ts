import { describe, expect, it } from 'vitest';
import { loadArea } from '../config.ts';
import type { SignedInUser } from '../modules/sessions/service.ts';
import { layoutModel } from './layout-view-model.ts';

const config = { area: loadArea('config/areas/wolverhampton.json') };
const user = (role: SignedInUser['actor']['role']): SignedInUser => ({
  actor: { userId: 'u', role, organisationId: 'o' },
  fullName: 'Alex Example',
  email: 'alex@example.org',
  organisationName: 'Org',
});

describe('layoutModel', () => {
  it('offers sign-in to visitors and marks the current page', () => {
    const model = layoutModel({ user: null, path: '/sign-in', config });
    expect(model.navigation.map((i) => i.href)).toEqual(['/', '/local-offer', '/sign-in']);
    expect(model.navigation[2]).toMatchObject({ active: true, current: true });
    expect(model.user).toBeNull();
    expect(model.footerLinks.map((l) => l.href)).toEqual([
      '/accessibility',
      '/privacy',
      '/cookies',
      '/open-data',
      '/contact',
    ]);
  });

  it('shows administrators the users and audit pages, and marks a section active below its root', () => {
    const model = layoutModel({ user: user('administrator'), path: '/admin/users/123', config });
    expect(model.navigation.map((i) => i.href)).toContain('/admin/audit');
    const users = model.navigation.find((i) => i.href === '/admin/users');
    expect(users).toMatchObject({ active: true });
    expect(users?.current).toBeUndefined();
    expect(model.user).toEqual({ name: 'Alex Example', organisation: 'Org', role: 'Administrator' });
  });

  it('hides administration from other roles', () => {
    const model = layoutModel({ user: user('board_member'), path: '/staff', config });
    expect(model.navigation.map((i) => i.href)).toEqual([
      '/',
      '/local-offer',
      '/staff',
      '/performance',
      '/account',
    ]);
  });

  it('links performance for those who may see it, and not for a partner practitioner', () => {
    const hrefs = (role: Parameters<typeof user>[0]) =>
      layoutModel({ user: user(role), path: '/staff', config }).navigation.map((i) => i.href);
    expect(hrefs('send_manager')).toContain('/performance');
    expect(hrefs('send_caseworker')).toContain('/performance');
    expect(hrefs('partner_practitioner')).not.toContain('/performance');
  });

  it('links every public page, and no staff page, to "Report a problem with this page"', () => {
    const service = '/local-offer/services/0b6f4c2e-8a54-4a0e-9a51-6d3c3f7d8e21';
    expect(layoutModel({ user: null, path: service, config }).reportProblemHref).toBe(
      `/local-offer/report-a-problem?page=${encodeURIComponent(service)}`,
    );
    expect(layoutModel({ user: null, path: '/', config }).reportProblemHref).toBe(
      '/local-offer/report-a-problem?page=%2F',
    );
    expect(
      layoutModel({ user: user('local_offer_editor'), path: '/staff/local-offer', config }).reportProblemHref,
    ).toBeNull();
  });
});
