import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { escapeHtml } from '../../../lib/html.ts';
import { RuleError } from '../../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../../lib/forms.ts';
import { requireActor, requireSignIn } from '../../../plugins/session.ts';
import { organisationForm, type OrganisationForm } from './schemas.ts';

const BASE = '/staff/local-offer/organisations';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Editors' pages for the organisations listed in the Local Offer. */
export async function registerLocalOfferOrganisationRoutes(
  app: FastifyInstance,
  container: Container,
): Promise<void> {
  const { services } = container;
  const organisations = services.localOfferOrganisations;
  const flash = async (request: FastifyRequest, heading: string) => {
    if (request.session) await services.sessions.flash(request.session.idHash, { heading });
  };

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    target: { id: string | null; name?: string },
    values: FormValues,
    errors: FormErrors | null,
  ) {
    const accounts = await organisations.providerAccounts();
    return reply.code(status).page('local-offer/organisations/views/form', {
      pageTitle: target.id
        ? `Change ${target.name ?? 'organisation'}`
        : 'Add an organisation to the Local Offer',
      action: target.id ? `${BASE}/${target.id}` : `${BASE}/new`,
      values,
      errors,
      accountItems: [
        { value: '', text: 'No provider account' },
        ...accounts.map((a) => ({
          value: a.id,
          text: a.name,
          selected: values.accountOrganisationId === a.id,
        })),
      ],
    });
  }

  app.get(BASE, { preHandler: requireSignIn }, async (request, reply) => {
    const rows = await organisations.list(request.ctx);
    return reply.page('local-offer/organisations/views/list', {
      pageTitle: 'Organisations in the Local Offer',
      rows: rows.map((o) => [
        { html: `<a class="govuk-link" href="${BASE}/${o.id}">${escapeHtml(o.name)}</a>` },
        { text: String(o.serviceCount), format: 'numeric' },
        { text: o.accountOrganisationId ? 'Yes' : 'No' },
      ]),
    });
  });

  app.get(`${BASE}/new`, { preHandler: requireSignIn }, async (request, reply) => {
    await organisations.list(request.ctx);
    return renderForm(request, reply, 200, { id: null }, {}, null);
  });

  /** Validates and saves the form; bad input is shown again with its errors (400), nothing written. */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { id: string | null; name?: string },
    write: (form: OrganisationForm) => Promise<unknown>,
    done: (form: OrganisationForm) => string,
  ) {
    requireActor(request);
    const form = parseForm(organisationForm, request.body);
    if (!form.ok) return renderForm(request, reply, 400, target, form.values, form.errors);
    try {
      await write(form.data);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return renderForm(request, reply, 400, target, form.values, fieldError(error.field, error.message));
    }
    await flash(request, done(form.data));
    return reply.redirect(BASE, 303);
  }

  app.post(`${BASE}/new`, { preHandler: requireSignIn }, async (request, reply) =>
    save(
      request,
      reply,
      { id: null },
      (form) => organisations.create(request.ctx, form),
      (form) => `${form.name} added to the Local Offer`,
    ),
  );

  app.get<{ Params: { id: string } }>(
    `${BASE}/:id`,
    { preHandler: requireSignIn },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const o = await organisations.find(request.ctx, request.params.id);
      return renderForm(
        request,
        reply,
        200,
        { id: o.id, name: o.name },
        {
          name: o.name,
          description: o.description,
          email: o.email ?? '',
          website: o.website ?? '',
          phone: o.phone ?? '',
          accountOrganisationId: o.account_organisation_id ?? '',
        },
        null,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    `${BASE}/:id`,
    { preHandler: requireSignIn },
    async (request, reply) => {
      requireActor(request);
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const o = await organisations.find(request.ctx, request.params.id);
      return save(
        request,
        reply,
        { id: o.id, name: o.name },
        (form) => organisations.update(request.ctx, o.id, form),
        (form) => `${form.name} saved`,
      );
    },
  );
}
