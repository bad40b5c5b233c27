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
    expect(model.navigation.map((i) => i.href)).toEqual(['/', '/sign-in']);
    expect(model.navigation[1]).toMatchObject({ active: true, current: true });
    expect(model.user).toBeNull();
    expect(model.footerLinks.map((l) => l.href)).toEqual([
      '/accessibility',
      '/privacy',
      '/cookies',
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
    expect(model.navigation.map((i) => i.href)).toEqual(['/', '/staff', '/account']);
  });
});
