import type { Repositories } from '../../db/repositories.ts';

export function createPagesService(deps: { repos: Repositories }) {
  return {
    /** The organisations working together in the partnership, shown on the public home page. */
    async partnership() {
      return deps.repos.accounts.listPartnerOrganisations();
    },
  };
}
