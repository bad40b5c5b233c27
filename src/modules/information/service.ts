import type { Repositories, Transactor } from '../../db/repositories.ts';
import { AGE_GROUP_KEYS, LOCAL_OFFER_ACCESSIBILITY_STATEMENT } from '../../db/seed/information-pages.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { londonToday } from '../../lib/dates.ts';
import { NotFoundError, RuleError } from '../../lib/errors.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { assertCan } from '../access/policy.ts';
import { auditEntry } from '../audit/service.ts';
import type { InformationPage, InformationPageChanges } from './repository.ts';
import { MAX_SLUG_LENGTH, SLUG, type InformationPageInput } from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SLUG_TAKEN = 'Another page already uses this web address. Enter a different one';

export function isAgeGroupKey(value: string): value is (typeof AGE_GROUP_KEYS)[number] {
  return (AGE_GROUP_KEYS as readonly string[]).includes(value);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The fields an audit record names as changed: never their values, which can be long. */
export function changedFields(before: InformationPage, after: InformationPageChanges): string[] {
  const changed: string[] = [];
  if (before.title !== after.title) changed.push('title');
  if (before.slug !== after.slug) changed.push('slug');
  if (before.summary !== after.summary) changed.push('summary');
  if (before.topic !== after.topic) changed.push('topic');
  if (before.age_groups.join(',') !== after.ageGroups.join(',')) changed.push('age_groups');
  if (before.body !== after.body) changed.push('body');
  if (before.published !== after.published) changed.push('published');
  if (before.last_reviewed_on !== after.lastReviewedOn) changed.push('last_reviewed_on');
  return changed;
}

/** Editor-managed information pages of the Local Offer, and the Local Offer's accessibility statement. */
export function createInformationService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  /** The host the site is served on, so links to it are not marked as external. */
  siteHost?: string;
}) {
  const { repos, transaction, clock } = deps;
  const today = () => londonToday(clock.now());
  const render = (markdown: string) =>
    renderMarkdown(markdown, deps.siteHost ? { siteHost: deps.siteHost } : {});

  async function requirePage(id: string): Promise<InformationPage> {
    const page = UUID.test(id) ? await repos.information.findById(id.toLowerCase()) : undefined;
    if (!page) throw new NotFoundError('information page not found');
    return page;
  }

  async function checkSlugFree(slug: string, exceptId?: string): Promise<void> {
    const existing = await repos.information.findBySlug(slug);
    if (existing && existing.id !== exceptId) throw new RuleError('slug', SLUG_TAKEN);
  }

  /** A unique-constraint failure (two editors at once) reads the same as the check before it. */
  async function slugSafe<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new RuleError('slug', SLUG_TAKEN);
      throw error;
    }
  }

  return {
    today,
    render,

    accessibilityStatementHtml(): string {
      return render(LOCAL_OFFER_ACCESSIBILITY_STATEMENT);
    },

    /** Published pages; an age group that is not one of ours is the caller's to explain. */
    async listPublished(ageGroup?: string) {
      return repos.information.listPublished(ageGroup);
    },

    async publishedPage(slug: string): Promise<(InformationPage & { html: string }) | undefined> {
      if (slug.length > MAX_SLUG_LENGTH || !SLUG.test(slug)) return undefined;
      const page = await repos.information.findBySlug(slug);
      if (!page || !page.published) return undefined;
      return { ...page, html: render(page.body) };
    },

    // ------------------------------------------------------------------ editors

    assertCanEdit(ctx: RequestContext): void {
      assertCan(ctx.actor, 'local-offer.edit');
    },

    async listForStaff(ctx: RequestContext) {
      assertCan(ctx.actor, 'local-offer.edit');
      return repos.information.listAll();
    },

    async pageForEditing(ctx: RequestContext, id: string): Promise<InformationPage> {
      assertCan(ctx.actor, 'local-offer.edit');
      return requirePage(id);
    },

    async createPage(ctx: RequestContext, input: InformationPageInput): Promise<InformationPage> {
      assertCan(ctx.actor, 'local-offer.edit');
      await checkSlugFree(input.slug);
      const changes: InformationPageChanges = {
        ...input,
        // A new page has just been written: it counts as reviewed today.
        lastReviewedOn: today(),
        updatedBy: ctx.actor.userId,
        now: clock.now(),
      };
      return slugSafe(() =>
        transaction(async (r) => {
          const page = await r.information.insert(changes);
          await r.audit.insert(
            auditEntry(
              ctx,
              clock,
              'local-offer.information.created',
              { type: 'information_page', id: page.id },
              { slug: page.slug, published: page.published },
            ),
          );
          return page;
        }),
      );
    },

    async updatePage(ctx: RequestContext, id: string, input: InformationPageInput): Promise<InformationPage> {
      assertCan(ctx.actor, 'local-offer.edit');
      const before = await requirePage(id);
      await checkSlugFree(input.slug, before.id);
      const changes: InformationPageChanges = {
        ...input,
        lastReviewedOn: input.markReviewed ? today() : before.last_reviewed_on,
        updatedBy: ctx.actor.userId,
        now: clock.now(),
      };
      const changed = changedFields(before, changes);
      // Marking as reviewed on the day it was last reviewed still records that someone checked it.
      if (changed.length === 0 && !input.markReviewed) return before;
      return slugSafe(() =>
        transaction(async (r) => {
          const page = await r.information.update(before.id, changes);
          if (!page) throw new NotFoundError('information page not found');
          await r.audit.insert(
            auditEntry(
              ctx,
              clock,
              'local-offer.information.updated',
              { type: 'information_page', id: page.id },
              {
                changed,
                ...(input.markReviewed ? { reviewed_on: changes.lastReviewedOn } : {}),
                ...(before.slug !== page.slug ? { slug: { from: before.slug, to: page.slug } } : {}),
                ...(before.published !== page.published
                  ? { published: { from: before.published, to: page.published } }
                  : {}),
              },
            ),
          );
          return page;
        }),
      );
    },
  };
}

export type InformationService = ReturnType<typeof createInformationService>;
