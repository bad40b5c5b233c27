import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../lib/errors.ts';
import {
  actionsFor,
  assertCan,
  can,
  decide,
  ROLES,
  ROLE_LABELS,
  ROLE_ORGANISATION_KINDS,
  type Actor,
  type Role,
} from './policy.ts';

const actor = (role: Role, organisationId = 'org-a', userId = 'user-1'): Actor => ({
  role,
  organisationId,
  userId,
});

describe('access policy', () => {
  it('refuses everything to someone not signed in', () => {
    expect(decide(null, 'staff-area.view')).toEqual({ allowed: false, reason: 'not signed in' });
    expect(() => assertCan(null, 'account.change-password')).toThrow(ForbiddenError);
  });

  it('lets every role reach the staff area and change its own password', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'staff-area.view')).toBe(true);
      expect(can(actor(role), 'account.change-password')).toBe(true);
    }
  });

  it('lets only administrators manage users and read the audit trail', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'users.manage')).toBe(role === 'administrator');
      expect(can(actor(role), 'audit.view')).toBe(role === 'administrator');
    }
  });

  it('stops an administrator managing their own account', () => {
    const admin = actor('administrator', 'org-a', 'admin-1');
    expect(can(admin, 'users.manage', { type: 'user', userId: 'admin-1', organisationId: 'org-a' })).toBe(
      false,
    );
    expect(can(admin, 'users.manage', { type: 'user', userId: 'other', organisationId: 'org-a' })).toBe(true);
  });

  it('keeps board members read-only', () => {
    const board = actionsFor('board_member');
    expect(board).toContain('performance.view');
    expect(board).not.toContain('users.manage');
    expect(board).not.toContain('local-offer.edit');
    expect(board).not.toContain('local-offer.edit-listing');
  });

  it("lets a provider edit only its own organisation's listings", () => {
    const provider = actor('provider', 'org-provider');
    expect(
      can(provider, 'local-offer.edit-listing', { type: 'listing', organisationId: 'org-provider' }),
    ).toBe(true);
    expect(can(provider, 'local-offer.edit-listing', { type: 'listing', organisationId: 'org-other' })).toBe(
      false,
    );
    expect(can(provider, 'local-offer.edit-listing')).toBe(false);
    expect(can(provider, 'local-offer.edit')).toBe(false);
  });

  it("lets a Local Offer editor edit any organisation's listings", () => {
    const editor = actor('local_offer_editor', 'org-council');
    expect(can(editor, 'local-offer.edit-listing', { type: 'listing', organisationId: 'org-provider' })).toBe(
      true,
    );
  });

  it('refuses a provider a listing that no provider organisation manages', () => {
    const provider = actor('provider', 'org-provider');
    expect(can(provider, 'local-offer.edit-listing', { type: 'listing', organisationId: null })).toBe(false);
    expect(
      can(actor('local_offer_editor'), 'local-offer.edit-listing', { type: 'listing', organisationId: null }),
    ).toBe(true);
  });

  it("lets only editors and providers reach the Local Offer's staff pages", () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'local-offer.staff-area')).toBe(
        role === 'local_offer_editor' || role === 'provider',
      );
      expect(can(actor(role), 'local-offer.edit')).toBe(role === 'local_offer_editor');
    }
  });

  it('has a label and at least one organisation kind for every role', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toMatch(/\S/);
      expect(ROLE_ORGANISATION_KINDS[role].length).toBeGreaterThan(0);
    }
  });
});
