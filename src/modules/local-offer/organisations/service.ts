import type { Repositories, Transactor } from '../../../db/repositories.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { RequestContext } from '../../../lib/context.ts';
import { NotFoundError, RuleError } from '../../../lib/errors.ts';
import { assertCan } from '../../access/policy.ts';
import { auditEntry } from '../../audit/service.ts';
import type { OrganisationForm } from './schemas.ts';

/** Platform organisation kinds whose provider accounts can manage an organisation's listings. */
const PROVIDER_ACCOUNT_KINDS = ['provider', 'school', 'college', 'early_years_setting'];

/**
 * The organisations listed in the Local Offer (the providers of its services), which only Local
 * Offer editors add and change, and the link to the platform organisation whose provider accounts
 * manage their listings.
 */
export function createLocalOfferOrganisationsService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
}) {
  const { repos, transaction, clock } = deps;

  async function providerAccounts() {
    const all = await repos.accounts.listOrganisations();
    return all.filter((o) => PROVIDER_ACCOUNT_KINDS.includes(o.kind));
  }

  async function checkAccount(accountOrganisationId: string | undefined) {
    if (!accountOrganisationId) return null;
    const accounts = await providerAccounts();
    if (!accounts.some((a) => a.id === accountOrganisationId)) {
      throw new RuleError('accountOrganisationId', 'Choose a provider account from the list');
    }
    return accountOrganisationId;
  }

  return {
    providerAccounts,

    async list(ctx: RequestContext) {
      assertCan(ctx.actor, 'local-offer.edit');
      return repos.localOffer.listOrganisations();
    },

    async find(ctx: RequestContext, id: string) {
      assertCan(ctx.actor, 'local-offer.edit');
      const organisation = await repos.localOffer.findOrganisation(id);
      if (!organisation) throw new NotFoundError('no such organisation');
      return organisation;
    },

    async create(ctx: RequestContext, form: OrganisationForm) {
      assertCan(ctx.actor, 'local-offer.edit');
      const accountOrganisationId = await checkAccount(form.accountOrganisationId);
      return transaction(async (r) => {
        const { id } = await r.localOffer.createOrganisation({
          name: form.name,
          description: form.description ?? '',
          email: form.email,
          website: form.website,
          phone: form.phone,
          accountOrganisationId,
          isDemo: false,
        });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.organisation.created',
            { type: 'directory_organisation', id },
            {
              linkedToAccount: accountOrganisationId !== null,
            },
          ),
        );
        return id;
      });
    },

    async update(ctx: RequestContext, id: string, form: OrganisationForm) {
      assertCan(ctx.actor, 'local-offer.edit');
      const existing = await repos.localOffer.findOrganisation(id);
      if (!existing) throw new NotFoundError('no such organisation');
      const accountOrganisationId = await checkAccount(form.accountOrganisationId);
      await transaction(async (r) => {
        await r.localOffer.updateOrganisation(id, {
          name: form.name,
          description: form.description ?? '',
          email: form.email ?? null,
          website: form.website ?? null,
          phone: form.phone ?? null,
          accountOrganisationId,
        });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.organisation.updated',
            { type: 'directory_organisation', id },
            {
              renamed: existing.name !== form.name,
              accountChanged: existing.account_organisation_id !== accountOrganisationId,
            },
          ),
        );
      });
    },
  };
}
