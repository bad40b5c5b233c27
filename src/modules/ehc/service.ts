import { createHash } from 'node:crypto';
import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { addDays, formatDate, londonToday } from '../../lib/dates.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../lib/errors.ts';
import type { Page } from '../../lib/pagination.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { assertCan, can, type Actor } from '../access/policy.ts';
import { auditEntry } from '../audit/service.ts';
import { checkAdviceFile, safeFileName } from './domain/advice-file.ts';
import { caseClocks, toExcusal, type CaseClockInput } from './domain/case-clocks.ts';
import { deadlineFor } from './domain/deadlines.ts';
import { excusalProblems, type Excusal } from './domain/excusals.ts';
import { twentyWeekTimeliness } from './domain/week20.ts';
import { EXCEPTIONS, type ExceptionType, type RuleId } from './domain/rules.ts';
import { decisionMaker, endOfCompulsorySchoolAge } from './domain/person.ts';
import { emptyPlanContent, planProblems, type PlanContent } from './domain/plan-content.ts';
import { isUuid } from '../../lib/uuid.ts';
import type { CaseWithNames, ExcusalRow, PlanRow, RelatedPersonRow } from './repository.ts';

const SETTING_KINDS: readonly string[] = ['school', 'college', 'early_years_setting'];

/** The SEND Regulations 2014 came into force on 1 September 2014: the engine has no rule for earlier requests. */
const EHC_RULES_IN_FORCE_FROM = '2014-09-01';

export const ADVICE_TYPES = [
  { code: 'educational', label: 'Educational advice' },
  { code: 'health', label: 'Health advice (through the Designated Medical or Clinical Officer)' },
  { code: 'psychological', label: 'Psychological advice' },
  { code: 'social_care', label: 'Social care advice' },
  { code: 'setting', label: 'Advice from the early years setting, school or college' },
  { code: 'preparing_for_adulthood', label: 'Preparing for adulthood advice (from year 9)' },
  { code: 'other', label: 'Other advice' },
] as const;
export type AdviceType = (typeof ADVICE_TYPES)[number]['code'];

export const CASE_STATUS_LABELS: Record<string, string> = {
  'awaiting-decision': 'Awaiting decision to assess',
  'not-assessing': 'Decided not to assess',
  assessing: 'Needs assessment under way',
  'draft-issued': 'Draft plan issued',
  'final-issued': 'Final plan issued',
  'no-plan': 'Decided not to issue a plan',
  withdrawn: 'Withdrawn',
  'moved-out': 'Moved out of the area',
};

export type ChildInput = {
  legalGivenNames: string;
  legalFamilyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: 'F' | 'M' | 'U';
  homePostcode: string | null;
  upn: string | null;
  upnUnknownReason: string | null;
  nhsNumber: string | null;
  nhsNumberUnknownReason: string | null;
  settingName: string | null;
  settingOrganisationId: string | null;
  nationalCurriculumYear: string | null;
  communicationNeeds: string | null;
  preferredLanguage: string | null;
  needs: string[];
  /** DfE ethnicity code (domain/person.ts); not asked of every request, so optional. */
  ethnicity?: string | null;
  uln?: string | null;
  ulnUnknownReason?: string | null;
};

export type ParentInput = {
  fullName: string;
  relationship: 'parent' | 'carer' | 'young_person' | 'other';
  email: string | null;
  phone: string | null;
  hasParentalResponsibility: boolean;
};

export type RequestInput = {
  source: 1 | 2 | 3 | 4 | 5;
  channel: 'online' | 'setting' | 'letter' | 'email' | 'phone';
  requesterName: string | null;
  requesterOrganisationId: string | null;
  receivedOn: string;
  reasons: string;
};

export type UploadedFile = { fileName: string; bytes: Uint8Array };

/** The family, as the service knows them when they are signed in by a one-time link. */
export type FamilyMember = { relatedPersonId: string; childId: string; fullName: string };

export function createEhcService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  councilName: string;
  serviceName: string;
  publicBaseUrl: string;
}) {
  const { repos, transaction, clock } = deps;
  const today = () => londonToday(clock.now());

  function notInFuture(field: string, date: string, what: string) {
    if (date > today()) throw new RuleError(field, `${what} must be today or in the past`);
  }
  function notBefore(field: string, date: string, earliest: string, what: string, earlierWhat: string) {
    if (date < earliest)
      throw new RuleError(
        field,
        `${what} must be the same as or after ${earlierWhat} (${formatDate(earliest)})`,
      );
  }

  /** A case the actor may work on; a guessed or unknown id is the same 404, audited by the caller's route. */
  async function requireCase(ctx: RequestContext, id: string): Promise<CaseWithNames> {
    assertCan(ctx.actor, 'ehc.casework');
    const found = isUuid(id) ? await repos.ehc.caseById(id.toLowerCase()) : undefined;
    if (!found) {
      await repos.audit.insert(auditEntry(ctx, clock, 'ehc.case.not-found', { type: 'ehc_case', id: null }));
      throw new NotFoundError('case not found');
    }
    return found;
  }

  async function event(
    r: Repositories,
    ctx: RequestContext,
    caseId: string,
    kind: string,
    summary: string,
    options: { visibleToFamily?: boolean; actorLabel?: string } = {},
  ) {
    await r.ehc.insertEvent({
      caseId,
      now: clock.now(),
      actorUserId: ctx.actor?.userId ?? null,
      actorLabel: options.actorLabel ?? null,
      kind,
      summary,
      visibleToFamily: options.visibleToFamily ?? true,
    });
  }

  async function audit(
    r: Repositories,
    ctx: RequestContext,
    action: string,
    caseId: string,
    details?: Record<string, unknown>,
  ) {
    await r.audit.insert(auditEntry(ctx, clock, action, { type: 'ehc_case', id: caseId }, details));
  }

  /** Writes a message to each recipient through the outbox, in the caller's transaction; never twice. */
  async function notify(
    r: Repositories,
    template: string,
    recipients: readonly string[],
    personalisation: Record<string, unknown>,
    reference: string,
  ) {
    for (const recipient of new Set(recipients)) {
      const ref = createHash('sha256').update(`${reference}:${recipient}`).digest('hex').slice(0, 40);
      await r.ehc.enqueue({ template, recipient, personalisation, reference: ref });
    }
  }

  async function familyEmails(r: Repositories, childId: string): Promise<string[]> {
    const people = await r.ehc.relatedPeople(childId);
    return people
      .filter((p) => p.email && (p.has_parental_responsibility || p.relationship === 'young_person'))
      .map((p) => p.email as string);
  }

  /**
   * Sends saved answers as a request, once: the saved row is locked, so a second press finds it sent. A child
   * who may already have a record is still given a new one (a family is never refused); the case is flagged
   * for the caseworker instead.
   */
  async function submitSavedRequest(
    ctx: RequestContext,
    resumeToken: string,
    child: ChildInput,
    parent: ParentInput,
    request: RequestInput,
    keptAnswers: Record<string, string> = { mode: 'family' },
  ) {
    return transaction(async (r) => {
      const saved = await r.ehc.lockOnlineRequest(hashToken(resumeToken));
      if (!saved || saved.expires_at <= clock.now())
        throw new RuleError('expired', 'Your saved answers have expired');
      if (saved.submitted_case_id) throw new RuleError('request', 'This request has already been sent');
      const duplicates = await r.ehc.possibleDuplicates({
        dateOfBirth: child.dateOfBirth,
        familyName: child.legalFamilyName,
        nhsNumber: child.nhsNumber,
        upn: child.upn,
      });
      const result = await createChildAndCase(r, ctx, { child, parent, request, caseworkerId: null });
      if (duplicates.length > 0) {
        await event(
          r,
          ctx,
          result.caseId,
          'possible-duplicate',
          `Possible duplicate: ${duplicates.length === 1 ? 'another record has' : `${duplicates.length} other records have`} the same date of birth and last name. Check before going further.`,
          { visibleToFamily: false },
        );
        await audit(r, ctx, 'ehc.request.possible-duplicate', result.caseId, { matches: duplicates.length });
      }
      if (!(await r.ehc.markOnlineRequestSubmitted(hashToken(resumeToken), result.caseId, keptAnswers)))
        throw new RuleError('request', 'This request has already been sent');
      return result;
    });
  }

  async function createChildAndCase(
    r: Repositories,
    ctx: RequestContext,
    input: {
      child: ChildInput | { existingChildId: string };
      parent: ParentInput | null;
      request: RequestInput;
      caseworkerId: string | null;
    },
  ): Promise<{ caseId: string; reference: string }> {
    const now = clock.now();
    let childId: string;
    if ('existingChildId' in input.child) {
      const existing = isUuid(input.child.existingChildId)
        ? await r.ehc.child(input.child.existingChildId.toLowerCase())
        : undefined;
      if (!existing) throw new RuleError('existingChildId', 'Select a child from the list');
      const open = (await r.ehc.casesForChild(existing.id)).find((c) => c.closed_on === null);
      if (open)
        throw new RuleError('existingChildId', `This child already has an open request (${open.reference})`);
      childId = existing.id;
    } else {
      const c = input.child;
      childId = await r.ehc.insertChild(
        {
          legal_given_names: c.legalGivenNames,
          legal_family_name: c.legalFamilyName,
          preferred_name: c.preferredName,
          date_of_birth: c.dateOfBirth,
          sex: c.sex,
          home_postcode: c.homePostcode,
          upn: c.upn,
          upn_unknown_reason: c.upnUnknownReason,
          nhs_number: c.nhsNumber,
          nhs_number_unknown_reason: c.nhsNumberUnknownReason,
          setting_name: c.settingName,
          setting_organisation_id: c.settingOrganisationId,
          national_curriculum_year: c.nationalCurriculumYear,
          communication_needs: c.communicationNeeds,
          preferred_language: c.preferredLanguage,
          ethnicity: c.ethnicity ?? null,
          uln: c.uln ?? null,
          uln_unknown_reason: c.ulnUnknownReason ?? null,
        },
        now,
      );
      await r.ehc.replaceChildNeeds(childId, c.needs);
    }
    if (input.parent)
      await r.ehc.insertRelatedPerson({
        childId,
        fullName: input.parent.fullName,
        relationship: input.parent.relationship,
        hasParentalResponsibility: input.parent.hasParentalResponsibility,
        email: input.parent.email,
        phone: input.parent.phone,
        isMainContact: true,
        capacityNote: null,
      });
    const receivedOn = input.request.receivedOn;
    const reference = await r.ehc.nextReference(Number(receivedOn.slice(0, 4)));
    const caseId = await r.ehc.insertCase({
      reference,
      child_id: childId,
      request_source: input.request.source,
      request_channel: input.request.channel,
      requester_name: input.request.requesterName,
      requester_organisation_id: input.request.requesterOrganisationId,
      received_on: receivedOn,
      decision_due_on: deadlineFor('decision-to-assess', receivedOn).dueDate,
      no_plan_due_on: deadlineFor('no-plan-decision', receivedOn).dueDate,
      final_plan_due_on: deadlineFor('final-plan', receivedOn).dueDate,
      reasons: input.request.reasons,
      caseworker_id: input.caseworkerId,
      status: 'awaiting-decision',
      updated_at: now,
    });
    await event(
      r,
      ctx,
      caseId,
      'request-received',
      `Request for an EHC needs assessment received (${reference})`,
    );
    await audit(r, ctx, 'ehc.request.received', caseId, {
      channel: input.request.channel,
      source: input.request.source,
    });

    // On receipt the family, health, social care and the setting are told (reg 5(1) and 6(1)).
    const child = await r.ehc.child(childId);
    const family = await familyEmails(r, childId);
    const decisionDue = deadlineFor('decision-to-assess', receivedOn).dueDate;
    await notify(
      r,
      'ehc-request-received-family',
      family,
      { reference, decision_due: formatDate(decisionDue) },
      `${caseId}:received`,
    );
    const partners = await r.ehc.organisationsOfKinds(['integrated_care_board', 'social_care']);
    const orgIds = partners.map((p) => p.id);
    if (child?.setting_organisation_id) orgIds.push(child.setting_organisation_id);
    await notify(
      r,
      'ehc-request-received-partner',
      await r.ehc.organisationEmails(orgIds),
      { reference, portal: `${deps.publicBaseUrl}/partner` },
      `${caseId}:received`,
    );
    return { caseId, reference };
  }

  function clockInput(
    c: CaseWithNames,
    advice: {
      id: string;
      requested_on: string;
      received_on: string | null;
      organisation_name: string;
      advice_type: string;
    }[],
    consultations: { id: string; sent_on: string; replied_on: string | null; organisation_name: string }[],
    excusals: ExcusalRow[],
  ): CaseClockInput {
    return {
      receivedOn: c.received_on,
      decision:
        c.decision_outcome && c.decision_notified_on
          ? { outcome: c.decision_outcome as 'assess' | 'not-assess', notifiedOn: c.decision_notified_on }
          : null,
      advice: advice.map((a) => ({
        id: a.id,
        requestedOn: a.requested_on,
        receivedOn: a.received_on,
        label: `${ADVICE_TYPES.find((t) => t.code === a.advice_type)?.label ?? a.advice_type}, ${a.organisation_name}`,
      })),
      consultations: consultations.map((s) => ({
        id: s.id,
        sentOn: s.sent_on,
        repliedOn: s.replied_on,
        label: s.organisation_name,
      })),
      noPlanNotifiedOn: c.no_plan_notified_on,
      draftServedOn: c.draft_served_on,
      finalIssuedOn: c.final_issued_on,
      excusals: excusals.map(excusalInputOf),
    };
  }

  /** An excusal as stored, in the shape the clock engine reads (case-clocks.ts). */
  function excusalInputOf(e: ExcusalRow): CaseClockInput['excusals'][number] {
    return {
      ruleId: e.rule_id,
      subjectId: e.subject_id,
      type: e.exception_type,
      fromOn: e.from_on,
      toOn: e.to_on,
      adviceRequestedOn: e.advice_requested_on,
      evidence: e.evidence,
    };
  }

  async function caseFile(caseId: string) {
    const c = await repos.ehc.caseById(caseId);
    if (!c) throw new NotFoundError('case not found');
    const [
      child,
      needs,
      people,
      advice,
      consultations,
      excusals,
      plans,
      representations,
      notes,
      events,
      capacityNotes,
    ] = await Promise.all([
      repos.ehc.child(c.child_id),
      repos.ehc.childNeeds(c.child_id),
      repos.ehc.relatedPeople(c.child_id),
      repos.ehc.adviceRequests(caseId),
      repos.ehc.consultations(caseId),
      repos.ehc.excusals(caseId),
      repos.ehc.plans(caseId),
      repos.ehc.representations(caseId),
      repos.ehc.notes(caseId),
      repos.ehc.events(caseId),
      repos.ehc.capacityNotes(caseId),
    ]);
    if (!child) throw new NotFoundError('child not found');
    const clocks = caseClocks(clockInput(c, advice, consultations, excusals), today());
    const plan = plans.at(-1) ?? null;
    return {
      case: c,
      child,
      needs,
      people,
      advice,
      consultations,
      excusals,
      plans,
      plan,
      representations,
      notes,
      events,
      capacityNotes,
      clocks,
      today: today(),
    };
  }
  type CaseFile = Awaited<ReturnType<typeof caseFile>>;

  /** The case's draft (creating the first version from the case's needs and advice if there is none). */
  async function editableDraft(r: Repositories, ctx: RequestContext, caseId: string) {
    const plans = await r.ehc.plans(caseId);
    const latest = plans.at(-1);
    if (latest && latest.kind === 'draft' && latest.issued_on === null) return latest;
    if (latest?.kind === 'final')
      throw new RuleError('plan', 'The final plan has been issued: it can no longer be edited here');
    const content = latest ? (latest.content as PlanContent) : emptyPlanContent();
    const id = await r.ehc.insertPlan({
      case_id: caseId,
      version: (latest?.version ?? 0) + 1,
      kind: 'draft',
      content: JSON.stringify(content),
      edited_by: ctx.actor?.userId ?? null,
      updated_at: clock.now(),
    });
    return {
      id,
      case_id: caseId,
      version: (latest?.version ?? 0) + 1,
      kind: 'draft',
      content,
      issued_on: null,
      named_setting: null,
      edited_by: null,
      updated_at: clock.now(),
    };
  }

  async function adviceForPlan(caseId: string): Promise<PlanContent['advice']> {
    const advice = await repos.ehc.adviceRequests(caseId);
    return advice
      .filter((a) => a.received_on !== null)
      .map((a) => ({
        source: `${ADVICE_TYPES.find((t) => t.code === a.advice_type)?.label ?? a.advice_type}: ${a.organisation_name}`,
        receivedOn: a.received_on as string,
      }));
  }

  return {
    today,

    // ------------------------------------------------------------------ requests

    async findPossibleDuplicates(
      ctx: RequestContext,
      probe: { dateOfBirth: string; familyName: string; nhsNumber: string | null; upn: string | null },
    ) {
      assertCan(ctx.actor, 'ehc.casework');
      const found = await repos.ehc.possibleDuplicates(probe);
      // Showing a possible match shows another child's record: each child shown is named in the audit trail.
      if (found.length > 0)
        await repos.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.child.possible-duplicates-shown',
            { type: 'ehc_child', id: null },
            { child_ids: found.map((c) => c.id) },
          ),
        );
      return found;
    },

    /** A request a caseworker records from a letter, an email, a call, or a school's form. */
    async recordRequest(
      ctx: RequestContext,
      input: {
        child: ChildInput | { existingChildId: string };
        parent: ParentInput | null;
        request: RequestInput;
      },
    ) {
      assertCan(ctx.actor, 'ehc.casework');
      notInFuture('receivedOn', input.request.receivedOn, 'The date the request was received');
      if (input.request.receivedOn < EHC_RULES_IN_FORCE_FROM)
        throw new RuleError(
          'receivedOn',
          `The date the request was received must be on or after ${formatDate(EHC_RULES_IN_FORCE_FROM)}, when EHC needs assessments began (SEND Regulations 2014)`,
        );
      if ('dateOfBirth' in input.child) notInFuture('dateOfBirth', input.child.dateOfBirth, 'Date of birth');
      const caseworkerId = ctx.actor.userId;
      return transaction((r) => createChildAndCase(r, ctx, { ...input, caseworkerId }));
    },

    /**
     * A parent's or young person's own request, made online: received today, unassigned until a caseworker takes
     * it. Sent once: the saved answers are locked first, so a second press (back button, double click) finds
     * them already sent and creates nothing.
     */
    async submitOnlineRequest(
      ctx: RequestContext,
      resumeToken: string,
      input: { child: ChildInput; parent: ParentInput; reasons: string },
    ) {
      notInFuture('dateOfBirth', input.child.dateOfBirth, 'Date of birth');
      return submitSavedRequest(ctx, resumeToken, input.child, input.parent, {
        source: 1,
        channel: 'online',
        requesterName: input.parent.fullName,
        requesterOrganisationId: null,
        receivedOn: today(),
        reasons: input.reasons,
      });
    },

    /** The organisation a signed-in practitioner makes a request from: only a school, college or early years setting. */
    async settingRequester(ctx: RequestContext) {
      assertCan(ctx.actor, 'ehc.partner-portal');
      const organisation = await repos.ehc.organisation(ctx.actor.organisationId);
      if (!organisation || !SETTING_KINDS.includes(organisation.kind))
        throw new ForbiddenError('only a school, college or early years setting makes a request here');
      return organisation;
    },

    /** A request from a school, college or early years setting (SEN2 request source 2), for a child it teaches. */
    async submitSettingRequest(
      ctx: RequestContext,
      resumeToken: string,
      input: { child: ChildInput; parent: ParentInput; reasons: string },
    ) {
      const organisation = await this.settingRequester(ctx);
      notInFuture('dateOfBirth', input.child.dateOfBirth, 'Date of birth');
      return submitSavedRequest(
        ctx,
        resumeToken,
        { ...input.child, settingName: organisation.name, settingOrganisationId: organisation.id },
        input.parent,
        {
          source: 2,
          channel: 'setting',
          requesterName: organisation.name,
          requesterOrganisationId: organisation.id,
          receivedOn: today(),
          reasons: input.reasons,
        },
        { mode: 'setting', organisationId: organisation.id },
      );
    },

    /** The reference and dates of a saved request once sent, for its confirmation page. */
    async onlineRequestReceipt(token: string) {
      const row = await repos.ehc.onlineRequest(hashToken(token), clock.now());
      if (!row?.submitted_case_id) return null;
      const c = await repos.ehc.caseById(row.submitted_case_id);
      if (!c) return null;
      return {
        reference: c.reference,
        receivedOn: c.received_on,
        decisionDueOn: c.decision_due_on,
        finalPlanDueOn: c.final_plan_due_on,
        answers: (row.answers ?? {}) as Record<string, string>,
      };
    },

    /**
     * Emails a link that brings saved answers back on any device, through the outbox: once per saved request and
     * address, however often the button is pressed.
     */
    async emailOnlineRequestLink(ctx: RequestContext, token: string, email: string, linkPath: string) {
      const row = await repos.ehc.onlineRequest(hashToken(token), clock.now());
      if (!row || row.submitted_case_id)
        throw new RuleError('email', 'There are no saved answers to send a link for');
      const keptUntil = londonToday(row.expires_at);
      await transaction(async (r) => {
        await r.ehc.enqueue({
          template: 'ehc-online-request-saved',
          recipient: email,
          personalisation: {
            link: `${deps.publicBaseUrl}${linkPath}?token=${token}`,
            kept_until: formatDate(keptUntil),
          },
          reference: hashToken(`online-request:${row.id}:${email}`).slice(0, 40),
        });
        await r.audit.insert(
          auditEntry(ctx, clock, 'ehc.online-request.link-sent', { type: 'ehc_online_request', id: row.id }),
        );
      });
      return { keptUntil };
    },

    /** Saved answers opened from an emailed link (audited: they are about a child). */
    async resumeOnlineRequest(ctx: RequestContext, token: string) {
      const row = await repos.ehc.onlineRequest(hashToken(token), clock.now());
      if (!row) return null;
      await repos.audit.insert(
        auditEntry(ctx, clock, 'ehc.online-request.resumed', { type: 'ehc_online_request', id: row.id }),
      );
      return {
        answers: (row.answers ?? {}) as Record<string, string>,
        submittedCaseId: row.submitted_case_id,
      };
    },

    /** Saved answers are kept for 28 days; older ones are removed. */
    removeExpiredOnlineRequests: () => repos.ehc.deleteExpiredOnlineRequests(clock.now()),

    /** Family sign-in links and sessions past their end, swept hourly with the online requests. */
    removeExpiredFamilyAccess: () => repos.ehc.deleteExpiredFamilyAccess(clock.now()),

    /**
     * The other children a case's child may be the same person as, with their cases, for the warning on a case
     * that was flagged when it arrived (an online or setting request is never refused for a possible match).
     */
    async possibleDuplicatesOfCase(ctx: RequestContext, caseId: string) {
      const c = await requireCase(ctx, caseId);
      const child = await repos.ehc.child(c.child_id);
      if (!child) return [];
      const matches = (
        await repos.ehc.possibleDuplicates({
          dateOfBirth: child.date_of_birth,
          familyName: child.legal_family_name,
          nhsNumber: child.nhs_number,
          upn: child.upn,
        })
      ).filter((m) => m.id !== child.id);
      return Promise.all(
        matches.map(async (m) => ({ child: m, cases: await repos.ehc.casesForChild(m.id) })),
      );
    },

    async saveOnlineRequest(token: string, answers: Record<string, string>) {
      const now = clock.now();
      await repos.ehc.saveOnlineRequest({
        tokenHash: hashToken(token),
        answers,
        now,
        expiresAt: new Date(now.getTime() + 28 * 86_400_000),
      });
    },

    async onlineRequest(token: string): Promise<{
      answers: Record<string, string>;
      submittedCaseId: string | null;
      expiresAt: Date;
    } | null> {
      const row = await repos.ehc.onlineRequest(hashToken(token), clock.now());
      if (!row) return null;
      return {
        answers: (row.answers ?? {}) as Record<string, string>,
        submittedCaseId: row.submitted_case_id,
        expiresAt: row.expires_at,
      };
    },

    newResumeToken: () => randomToken(24),

    // ------------------------------------------------------------------ workspaces

    async myCases(ctx: RequestContext, page: Page) {
      assertCan(ctx.actor, 'ehc.casework');
      return repos.ehc.listCases({ caseworkerId: ctx.actor.userId, open: true }, page);
    },

    async allCases(ctx: RequestContext, filter: { status?: string; reference?: string }, page: Page) {
      assertCan(ctx.actor, 'ehc.casework');
      return repos.ehc.listCases({ ...filter }, page);
    },

    async dueAndOverdue(ctx: RequestContext, filter: { mine: boolean }, page: Page) {
      assertCan(ctx.actor, 'ehc.casework');
      const now = today();
      const result = await repos.ehc.dueAndOverdue(
        addDays(now, 14),
        filter.mine ? { caseworkerId: ctx.actor.userId } : {},
        page,
      );
      return { ...result, today: now };
    },

    async caseload(ctx: RequestContext) {
      assertCan(ctx.actor, 'ehc.manage');
      return repos.ehc.caseloadByCaseworker();
    },

    async twentyWeekClocks(ctx: RequestContext, page: Page) {
      assertCan(ctx.actor, 'ehc.manage');
      const now = today();
      // At risk: due within six weeks (a draft must go out by week 14), or overdue.
      return { ...(await repos.ehc.twentyWeekClocks(addDays(now, 42), page)), today: now };
    },

    /**
     * Final plans issued this calendar year, each counted by the engine as SEN2 counts it (twentyWeekTimeliness):
     * within 20 weeks or not, and whether 20-week exceptions apply (so it is left out of "excluding exceptions").
     */
    async twentyWeekTimelinessThisYear(ctx: RequestContext) {
      assertCan(ctx.actor, 'ehc.manage');
      const now = today();
      const year = now.slice(0, 4);
      const { plans, excusals } = await repos.ehc.finalPlansIssued(`${year}-01-01`, now);
      const byCase = new Map<string, Excusal[]>();
      for (const e of excusals) {
        const list = byCase.get(e.case_id) ?? [];
        list.push(toExcusal(excusalInputOf(e)));
        byCase.set(e.case_id, list);
      }
      const rows = plans.map((c) => ({
        case: c,
        ...twentyWeekTimeliness({
          requestReceivedOn: c.received_on,
          finalPlanIssuedOn: c.final_issued_on as string,
          excusals: byCase.get(c.id) ?? [],
        }),
      }));
      const excluding = rows.filter((r) => r.countsExcludingExceptions);
      return {
        year,
        rows,
        issued: rows.length,
        withinTwentyWeeks: rows.filter((r) => r.issuedWithinTwentyWeeks).length,
        issuedExcludingExceptions: excluding.length,
        withinTwentyWeeksExcludingExceptions: excluding.filter((r) => r.issuedWithinTwentyWeeks).length,
      };
    },

    // ------------------------------------------------------------------ one case

    /** The whole case file for a caseworker or manager; every read is audited. */
    async caseFile(ctx: RequestContext, id: string): Promise<CaseFile> {
      const c = await requireCase(ctx, id);
      await repos.audit.insert(auditEntry(ctx, clock, 'ehc.case.viewed', { type: 'ehc_case', id: c.id }));
      return caseFile(c.id);
    },

    /** Refuses anyone who may not work on cases, before a form of theirs is even read. */
    requireCasework(ctx: RequestContext): void {
      assertCan(ctx.actor, 'ehc.casework');
    },

    /** One advice request of a case, with the case file; a guessed id, or another case's, is a 404 that is audited. */
    async caseAdvice(ctx: RequestContext, caseId: string, adviceId: string) {
      const file = await this.caseFile(ctx, caseId);
      const advice = file.advice.find((a) => a.id === adviceId.toLowerCase());
      if (!advice) {
        await repos.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.advice.not-found',
            { type: 'ehc_advice_request', id: null },
            { case_id: file.case.id },
          ),
        );
        throw new NotFoundError('advice request not found');
      }
      return { file, advice };
    },

    caseworkers: () => repos.ehc.caseworkers(),

    // ------------------------------------------------------------------ the child's record

    /** Corrects or completes the child's record (identifiers, ethnicity, setting, needs); audited, never shown to partners. */
    async updateChild(ctx: RequestContext, id: string, input: Omit<ChildInput, 'settingOrganisationId'>) {
      const c = await requireCase(ctx, id);
      notInFuture('dateOfBirth', input.dateOfBirth, 'Date of birth');
      if (input.dateOfBirth < addDays(today(), -26 * 366))
        throw new RuleError('dateOfBirth', 'Date of birth must be for someone aged 25 or under');
      await transaction(async (r) => {
        await r.ehc.updateChild(c.child_id, {
          legal_given_names: input.legalGivenNames,
          legal_family_name: input.legalFamilyName,
          preferred_name: input.preferredName,
          date_of_birth: input.dateOfBirth,
          sex: input.sex,
          ethnicity: input.ethnicity ?? null,
          home_postcode: input.homePostcode,
          upn: input.upn,
          upn_unknown_reason: input.upnUnknownReason,
          uln: input.uln ?? null,
          uln_unknown_reason: input.ulnUnknownReason ?? null,
          nhs_number: input.nhsNumber,
          nhs_number_unknown_reason: input.nhsNumberUnknownReason,
          setting_name: input.settingName,
          national_curriculum_year: input.nationalCurriculumYear,
          communication_needs: input.communicationNeeds,
          preferred_language: input.preferredLanguage,
          updated_at: clock.now(),
        });
        await r.ehc.replaceChildNeeds(c.child_id, input.needs);
        await event(r, ctx, c.id, 'child-changed', "The child's record was updated", {
          visibleToFamily: false,
        });
        await audit(r, ctx, 'ehc.child.changed', c.id);
      });
    },

    /** Adds a parent, carer, the young person themself or another person to the people around the child. */
    async addPerson(ctx: RequestContext, id: string, input: ParentInput & { isMainContact: boolean }) {
      const c = await requireCase(ctx, id);
      await transaction(async (r) => {
        if (input.isMainContact) await r.ehc.clearMainContact(c.child_id);
        await r.ehc.insertRelatedPerson({
          childId: c.child_id,
          fullName: input.fullName,
          relationship: input.relationship,
          hasParentalResponsibility: input.hasParentalResponsibility,
          email: input.email,
          phone: input.phone,
          isMainContact: input.isMainContact,
          capacityNote: null,
        });
        await event(
          r,
          ctx,
          c.id,
          'person-added',
          `${input.fullName} was added to the people around the child`,
          {
            visibleToFamily: false,
          },
        );
        await audit(r, ctx, 'ehc.person.added', c.id, { relationship: input.relationship });
      });
    },

    /**
     * Whether the young person had capacity to make one decision (Mental Capacity Act 2005; Code 8.13): judged
     * decision by decision, so each is its own note. Only for a young person past compulsory school age.
     */
    async recordCapacityNote(
      ctx: RequestContext,
      id: string,
      input: {
        relatedPersonId: string;
        decision: string;
        hasCapacity: boolean;
        note: string;
        assessedOn: string;
      },
    ) {
      const c = await requireCase(ctx, id);
      notInFuture('assessedOn', input.assessedOn, 'The date of the assessment');
      const person = (await repos.ehc.relatedPeople(c.child_id)).find((p) => p.id === input.relatedPersonId);
      if (!person || person.relationship !== 'young_person')
        throw new RuleError('relatedPersonId', 'Select the young person');
      const child = await repos.ehc.child(c.child_id);
      if (child && decisionMaker(child.date_of_birth, input.assessedOn) !== 'young-person')
        throw new RuleError(
          'assessedOn',
          `The young person makes their own decisions only after the end of compulsory school age (${formatDate(endOfCompulsorySchoolAge(child.date_of_birth))})`,
        );
      await transaction(async (r) => {
        await r.ehc.insertCapacityNote({
          case_id: c.id,
          related_person_id: person.id,
          decision: input.decision,
          has_capacity: input.hasCapacity,
          note: input.note,
          assessed_on: input.assessedOn,
          recorded_by: ctx.actor?.userId ?? null,
          recorded_at: clock.now(),
        });
        await event(r, ctx, c.id, 'capacity-note', `Capacity recorded for the decision: ${input.decision}`, {
          visibleToFamily: false,
        });
        await audit(r, ctx, 'ehc.capacity.recorded', c.id, { has_capacity: input.hasCapacity });
      });
    },
    partnerOrganisations: () => repos.ehc.partnerOrganisations(),

    async decide(
      ctx: RequestContext,
      id: string,
      input: { outcome: 'assess' | 'not-assess'; notifiedOn: string; reasons: string | null },
    ) {
      const found = await requireCase(ctx, id);
      notInFuture('notifiedOn', input.notifiedOn, 'The date the family was told');
      notBefore(
        'notifiedOn',
        input.notifiedOn,
        found.received_on,
        'The date the family was told',
        'the date the request was received',
      );
      if (input.outcome === 'not-assess' && !input.reasons)
        throw new RuleError('reasons', 'Enter the reasons for the decision not to assess');
      await transaction(async (r) => {
        const c = await r.ehc.lockCase(found.id);
        if (!c || c.status !== 'awaiting-decision')
          throw new RuleError('outcome', 'A decision has already been made on this request');
        await r.ehc.updateCase(c.id, {
          decision_outcome: input.outcome,
          decision_notified_on: input.notifiedOn,
          decision_reasons: input.reasons,
          status: input.outcome === 'assess' ? 'assessing' : 'not-assessing',
          ...(input.outcome === 'not-assess' ? { closed_on: input.notifiedOn } : {}),
          caseworker_id: c.caseworker_id ?? ctx.actor?.userId ?? null,
          updated_at: clock.now(),
        });
        await event(
          r,
          ctx,
          c.id,
          'decision',
          input.outcome === 'assess'
            ? 'Decided to carry out an EHC needs assessment'
            : 'Decided not to carry out an EHC needs assessment',
        );
        await audit(r, ctx, 'ehc.decision.recorded', c.id, { outcome: input.outcome });
        await notify(
          r,
          input.outcome === 'assess' ? 'ehc-decided-to-assess' : 'ehc-decided-not-to-assess',
          await familyEmails(r, c.child_id),
          { reference: c.reference, letter: `${deps.publicBaseUrl}/my-ehc` },
          `${c.id}:decision`,
        );
      });
    },

    async requestAdvice(
      ctx: RequestContext,
      id: string,
      input: { adviceType: AdviceType; organisationId: string; requestedOn: string },
    ) {
      const found = await requireCase(ctx, id);
      if (found.status !== 'assessing' && found.status !== 'draft-issued')
        throw new RuleError(
          'adviceType',
          'Advice can be asked for only while the needs assessment is under way',
        );
      notInFuture('requestedOn', input.requestedOn, 'The date the request for advice was sent');
      notBefore(
        'requestedOn',
        input.requestedOn,
        found.received_on,
        'The date the request for advice was sent',
        'the date the request was received',
      );
      const organisation = isUuid(input.organisationId)
        ? await repos.ehc.organisation(input.organisationId)
        : undefined;
      if (!organisation) throw new RuleError('organisationId', 'Select the organisation asked for advice');
      if (input.adviceType === 'preparing_for_adulthood') {
        const child = await repos.ehc.child(found.child_id);
        const year = Number.parseInt(child?.national_curriculum_year ?? '', 10);
        if (!(year >= 9))
          throw new RuleError('adviceType', 'Preparing for adulthood advice is asked for from year 9');
      }
      const dueOn = deadlineFor('advice', input.requestedOn).dueDate;
      await transaction(async (r) => {
        const adviceId = await r.ehc.insertAdviceRequest({
          case_id: found.id,
          advice_type: input.adviceType,
          organisation_id: organisation.id,
          requested_on: input.requestedOn,
          due_on: dueOn,
        });
        const label = ADVICE_TYPES.find((t) => t.code === input.adviceType)?.label ?? 'Advice';
        await event(
          r,
          ctx,
          found.id,
          'advice-requested',
          `${label} asked of ${organisation.name}, due ${formatDate(dueOn)}`,
        );
        await audit(r, ctx, 'ehc.advice.requested', found.id, {
          advice_request_id: adviceId,
          organisation_id: organisation.id,
        });
        await notify(
          r,
          'ehc-advice-requested',
          await r.ehc.organisationEmails([organisation.id]),
          { reference: found.reference, due: formatDate(dueOn), portal: `${deps.publicBaseUrl}/partner` },
          `${adviceId}:requested`,
        );
      });
    },

    async recordExcusal(
      ctx: RequestContext,
      id: string,
      input: {
        clockKey: string;
        type: ExceptionType;
        fromOn: string;
        toOn: string;
        adviceRequestedOn: string | null;
        evidence: string;
      },
      file?: UploadedFile,
    ) {
      const found = await requireCase(ctx, id);
      const file0 = await caseFile(found.id);
      await saveExcusal(ctx, file0, input, file);
    },

    async addNote(ctx: RequestContext, id: string, body: string) {
      const found = await requireCase(ctx, id);
      await transaction(async (r) => {
        await r.ehc.insertNote({
          caseId: found.id,
          authorId: (ctx.actor as Actor).userId,
          body,
          now: clock.now(),
        });
        await audit(r, ctx, 'ehc.note.added', found.id);
      });
    },

    async reassign(ctx: RequestContext, id: string, caseworkerId: string) {
      const found = await requireCase(ctx, id);
      const actor = ctx.actor as Actor;
      // A manager gives a case to anyone; a caseworker may only take an unassigned case themself.
      if (!can(actor, 'ehc.manage') && !(found.caseworker_id === null && caseworkerId === actor.userId))
        throw new ForbiddenError('only a manager reassigns a case');
      const people = await repos.ehc.caseworkers();
      const to = people.find((p) => p.id === caseworkerId);
      if (!to) throw new RuleError('caseworkerId', 'Select a caseworker');
      await transaction(async (r) => {
        await r.ehc.updateCase(found.id, { caseworker_id: to.id, updated_at: clock.now() });
        await event(r, ctx, found.id, 'reassigned', `Case assigned to ${to.full_name}`, {
          visibleToFamily: false,
        });
        await audit(r, ctx, 'ehc.case.reassigned', found.id, { to: to.id });
      });
    },

    async savePlanSection(ctx: RequestContext, id: string, update: (content: PlanContent) => PlanContent) {
      const found = await requireCase(ctx, id);
      if (found.status !== 'assessing' && found.status !== 'draft-issued')
        throw new RuleError('plan', 'The plan can be written only while the needs assessment is under way');
      await transaction(async (r) => {
        const draft = await editableDraft(r, ctx, found.id);
        const content = update(structuredClone(draft.content as PlanContent));
        await r.ehc.updatePlan(draft.id, {
          content: JSON.stringify(content),
          edited_by: ctx.actor?.userId ?? null,
          updated_at: clock.now(),
        });
        await audit(r, ctx, 'ehc.plan.edited', found.id, { version: draft.version });
      });
    },

    async issueDraft(ctx: RequestContext, id: string, servedOn: string) {
      const found = await requireCase(ctx, id);
      notInFuture('servedOn', servedOn, 'The date the draft was sent');
      notBefore(
        'servedOn',
        servedOn,
        found.decision_notified_on ?? found.received_on,
        'The date the draft was sent',
        'the decision to assess',
      );
      if (found.status !== 'assessing' && found.status !== 'draft-issued')
        throw new RuleError('servedOn', 'A draft can be issued only while the needs assessment is under way');
      const advice = await adviceForPlan(found.id);
      await transaction(async (r) => {
        const c = await r.ehc.lockCase(found.id);
        if (!c || (c.status !== 'assessing' && c.status !== 'draft-issued'))
          throw new RuleError(
            'servedOn',
            'A draft can be issued only while the needs assessment is under way',
          );
        const draft = await editableDraft(r, ctx, found.id);
        const content = { ...(draft.content as PlanContent), advice };
        const problems = planProblems(content, 'draft');
        if (problems[0])
          throw new RuleError(
            'servedOn',
            `The draft cannot be issued yet: ${problems.map((p) => p.message).join('; ')}`,
          );
        await r.ehc.updatePlan(draft.id, {
          content: JSON.stringify(content),
          issued_on: servedOn,
          updated_at: clock.now(),
        });
        await r.ehc.updateCase(c.id, {
          status: 'draft-issued',
          draft_served_on: servedOn,
          no_plan_notified_on: null,
          updated_at: clock.now(),
        });
        const window = deadlineFor('draft-plan-representations', servedOn).dueDate;
        await event(
          r,
          ctx,
          c.id,
          'draft-issued',
          `Draft plan sent to the family: comments and a preferred school or college by ${formatDate(window)}`,
        );
        await audit(r, ctx, 'ehc.draft.issued', c.id, { version: draft.version });
        await notify(
          r,
          'ehc-draft-plan-issued',
          await familyEmails(r, c.child_id),
          { reference: c.reference, respond_by: formatDate(window), link: `${deps.publicBaseUrl}/my-ehc` },
          `${c.id}:draft:${draft.version}`,
        );
      });
    },

    async consultSetting(ctx: RequestContext, id: string, input: { organisationId: string; sentOn: string }) {
      const found = await requireCase(ctx, id);
      if (found.status !== 'draft-issued')
        throw new RuleError('organisationId', 'Settings are consulted once the draft plan has been issued');
      notInFuture('sentOn', input.sentOn, 'The date the consultation was sent');
      notBefore(
        'sentOn',
        input.sentOn,
        found.draft_served_on as string,
        'The date the consultation was sent',
        'the date the draft was issued',
      );
      const organisation = isUuid(input.organisationId)
        ? await repos.ehc.organisation(input.organisationId)
        : undefined;
      if (!organisation || !['school', 'college', 'early_years_setting'].includes(organisation.kind))
        throw new RuleError('organisationId', 'Select the school, college or setting to consult');
      const dueOn = deadlineFor('setting-consultation', input.sentOn).dueDate;
      await transaction(async (r) => {
        const consultationId = await r.ehc.insertConsultation({
          case_id: found.id,
          organisation_id: organisation.id,
          sent_on: input.sentOn,
          due_on: dueOn,
        });
        await event(
          r,
          ctx,
          found.id,
          'consultation-sent',
          `${organisation.name} consulted on being named, reply due ${formatDate(dueOn)}`,
        );
        await audit(r, ctx, 'ehc.consultation.sent', found.id, {
          consultation_id: consultationId,
          organisation_id: organisation.id,
        });
        await notify(
          r,
          'ehc-setting-consulted',
          await r.ehc.organisationEmails([organisation.id]),
          { reference: found.reference, due: formatDate(dueOn), portal: `${deps.publicBaseUrl}/partner` },
          `${consultationId}:sent`,
        );
      });
    },

    async recordRepresentation(
      ctx: RequestContext,
      id: string,
      input: { receivedOn: string; comments: string; preferredSetting: string | null },
    ) {
      const found = await requireCase(ctx, id);
      if (found.status !== 'draft-issued')
        throw new RuleError(
          'comments',
          "The family's views on the draft are recorded once the draft has been issued",
        );
      notInFuture('receivedOn', input.receivedOn, 'The date the views were received');
      notBefore(
        'receivedOn',
        input.receivedOn,
        found.draft_served_on as string,
        'The date the views were received',
        'the date the draft was issued',
      );
      await transaction(async (r) => {
        await r.ehc.insertRepresentation({
          caseId: found.id,
          receivedOn: input.receivedOn,
          comments: input.comments,
          preferredSetting: input.preferredSetting,
          fromRelatedPersonId: null,
          recordedBy: ctx.actor?.userId ?? null,
        });
        await event(r, ctx, found.id, 'representation', "The family's views on the draft plan were recorded");
        await audit(r, ctx, 'ehc.representation.recorded', found.id);
      });
    },

    async issueFinal(ctx: RequestContext, id: string, input: { issuedOn: string; namedSetting: string }) {
      const found = await requireCase(ctx, id);
      notInFuture('issuedOn', input.issuedOn, 'The date the final plan was issued');
      if (found.status !== 'draft-issued')
        throw new RuleError('issuedOn', 'The final plan is issued after the draft plan');
      notBefore(
        'issuedOn',
        input.issuedOn,
        found.draft_served_on as string,
        'The date the final plan was issued',
        'the date the draft was issued',
      );
      // The family has at least 15 days from the draft to give their views (reg 13(1)); the plan is final only
      // after that, or once they have sent them.
      const viewsUntil = deadlineFor('draft-plan-representations', found.draft_served_on as string).dueDate;
      if (input.issuedOn <= viewsUntil) {
        const views = await repos.ehc.representations(found.id);
        if (!views.some((v) => v.received_on >= (found.draft_served_on as string)))
          throw new RuleError(
            'issuedOn',
            `The family has until ${formatDate(viewsUntil)} to give their views on the draft (regulation 13(1)): issue the final plan after that, or once their views are recorded`,
          );
      }
      const advice = await adviceForPlan(found.id);
      await transaction(async (r) => {
        const c = await r.ehc.lockCase(found.id);
        if (!c || c.status !== 'draft-issued')
          throw new RuleError('issuedOn', 'The final plan has already been issued');
        const plans = await r.ehc.plans(c.id);
        const latest = plans.at(-1);
        if (!latest) throw new RuleError('issuedOn', 'There is no draft plan to finalise');
        const content: PlanContent = {
          ...(latest.content as PlanContent),
          placement: input.namedSetting,
          advice,
        };
        const problems = planProblems(content, 'final');
        if (problems[0])
          throw new RuleError(
            'issuedOn',
            `The final plan cannot be issued yet: ${problems.map((p) => p.message).join('; ')}`,
          );
        await r.ehc.insertPlan({
          case_id: c.id,
          version: latest.version + 1,
          kind: 'final',
          content: JSON.stringify(content),
          issued_on: input.issuedOn,
          named_setting: input.namedSetting,
          edited_by: ctx.actor?.userId ?? null,
          updated_at: clock.now(),
        });
        await r.ehc.updateCase(c.id, {
          status: 'final-issued',
          final_issued_on: input.issuedOn,
          final_setting_name: input.namedSetting,
          closed_on: input.issuedOn,
          updated_at: clock.now(),
        });
        await r.ehc.stopAwaiting(c.id, input.issuedOn);
        await event(r, ctx, c.id, 'final-issued', `Final EHC plan issued, naming ${input.namedSetting}`);
        await audit(r, ctx, 'ehc.final.issued', c.id, { version: latest.version + 1 });
        await notify(
          r,
          'ehc-final-plan-issued',
          await familyEmails(r, c.child_id),
          { reference: c.reference, link: `${deps.publicBaseUrl}/my-ehc` },
          `${c.id}:final`,
        );
      });
    },

    async decideNoPlan(ctx: RequestContext, id: string, input: { notifiedOn: string; reasons: string }) {
      const found = await requireCase(ctx, id);
      notInFuture('notifiedOn', input.notifiedOn, 'The date the family was told');
      if (found.status !== 'assessing')
        throw new RuleError(
          'notifiedOn',
          'A decision not to issue a plan is made after the assessment and before a draft',
        );
      notBefore(
        'notifiedOn',
        input.notifiedOn,
        found.decision_notified_on ?? found.received_on,
        'The date the family was told',
        'the decision to assess',
      );
      await transaction(async (r) => {
        const c = await r.ehc.lockCase(found.id);
        if (!c || c.status !== 'assessing')
          throw new RuleError('notifiedOn', 'A decision has already been made');
        await r.ehc.updateCase(c.id, {
          status: 'no-plan',
          no_plan_notified_on: input.notifiedOn,
          no_plan_reasons: input.reasons,
          closed_on: input.notifiedOn,
          updated_at: clock.now(),
        });
        await r.ehc.stopAwaiting(c.id, input.notifiedOn);
        await event(r, ctx, c.id, 'no-plan', 'Decided not to issue an EHC plan');
        await audit(r, ctx, 'ehc.no-plan.decided', c.id);
        await notify(
          r,
          'ehc-decided-not-to-issue',
          await familyEmails(r, c.child_id),
          { reference: c.reference, link: `${deps.publicBaseUrl}/my-ehc` },
          `${c.id}:no-plan`,
        );
      });
    },

    async close(
      ctx: RequestContext,
      id: string,
      input: { reason: 'withdrawn' | 'moved-out'; closedOn: string },
    ) {
      const found = await requireCase(ctx, id);
      notInFuture('closedOn', input.closedOn, 'The date');
      notBefore(
        'closedOn',
        input.closedOn,
        found.received_on,
        'The date',
        'the date the request was received',
      );
      await transaction(async (r) => {
        const c = await r.ehc.lockCase(found.id);
        if (!c || c.closed_on !== null) throw new RuleError('reason', 'This case is already closed');
        await r.ehc.updateCase(c.id, {
          status: input.reason,
          closure_reason: input.reason,
          closed_on: input.closedOn,
          updated_at: clock.now(),
        });
        await r.ehc.stopAwaiting(c.id, input.closedOn);
        await event(
          r,
          ctx,
          c.id,
          'closed',
          input.reason === 'withdrawn'
            ? 'The request was withdrawn'
            : 'The child or young person moved out of the area',
        );
        await audit(r, ctx, 'ehc.case.closed', c.id, { reason: input.reason });
      });
    },

    async recordAdviceForPartner(
      ctx: RequestContext,
      caseId: string,
      adviceId: string,
      input: { receivedOn: string; summary: string },
      file?: UploadedFile,
    ) {
      const found = await requireCase(ctx, caseId);
      const advice = await repos.ehc.adviceRequest(adviceId);
      if (!advice || advice.case_id !== found.id) throw new NotFoundError('advice request not found');
      await saveAdvice(ctx, found, advice, input, file);
    },

    // ------------------------------------------------------------------ the partner portal

    async partnerRequests(ctx: RequestContext) {
      assertCan(ctx.actor, 'ehc.partner-portal');
      const [requests, organisation] = await Promise.all([
        repos.ehc.partnerRequests(ctx.actor.organisationId),
        repos.ehc.organisation(ctx.actor.organisationId),
      ]);
      return {
        ...requests,
        organisationName: organisation?.name ?? null,
        // A school, college or early years setting can also ask for an assessment for a child it teaches.
        canRequestAssessment: organisation !== undefined && SETTING_KINDS.includes(organisation.kind),
        today: today(),
      };
    },

    /**
     * Whether an advice request or consultation is addressed to the partner's organisation, checked before an
     * upload to it is read: another organisation's or a guessed id is the same audited 404, and nothing is read.
     */
    async partnerCheckAddressee(ctx: RequestContext, kind: 'advice' | 'consultation', id: string) {
      assertCan(ctx.actor, 'ehc.partner-portal');
      const row = !isUuid(id)
        ? undefined
        : kind === 'advice'
          ? await repos.ehc.adviceRequest(id.toLowerCase())
          : await repos.ehc.consultation(id.toLowerCase());
      if (!row || row.organisation_id !== ctx.actor.organisationId) {
        await repos.audit.insert(
          auditEntry(ctx, clock, kind === 'advice' ? 'ehc.advice.not-found' : 'ehc.consultation.not-found', {
            type: kind === 'advice' ? 'ehc_advice_request' : 'ehc_consultation',
            id: null,
          }),
        );
        throw new NotFoundError(`${kind} not found`);
      }
    },

    /** An advice request addressed to the partner's organisation, with what they need to give advice. */
    async partnerAdviceRequest(ctx: RequestContext, id: string) {
      assertCan(ctx.actor, 'ehc.partner-portal');
      const advice = isUuid(id) ? await repos.ehc.adviceRequest(id.toLowerCase()) : undefined;
      if (!advice || advice.organisation_id !== ctx.actor.organisationId) {
        await repos.audit.insert(
          auditEntry(ctx, clock, 'ehc.advice.not-found', { type: 'ehc_advice_request', id: null }),
        );
        throw new NotFoundError('advice request not found');
      }
      const c = await repos.ehc.caseById(advice.case_id);
      if (!c) throw new NotFoundError('case not found');
      const [child, needs, excusals] = await Promise.all([
        repos.ehc.child(c.child_id),
        repos.ehc.childNeeds(c.child_id),
        repos.ehc.excusals(c.id),
      ]);
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'ehc.advice.viewed',
          { type: 'ehc_advice_request', id: advice.id },
          { case_id: c.id },
        ),
      );
      return {
        advice,
        case: c,
        child,
        needs,
        excusals: excusals.filter((e) => e.subject_id === advice.id),
        today: today(),
      };
    },

    async partnerReturnAdvice(
      ctx: RequestContext,
      id: string,
      input: { receivedOn: string; summary: string },
      file?: UploadedFile,
    ) {
      const view = await this.partnerAdviceRequest(ctx, id);
      // A withdrawn case, or one whose plan is decided, needs no more advice.
      if (view.advice.received_on === null && view.case.closed_on !== null)
        throw new RuleError('summary', 'This case has closed, so the advice is no longer needed');
      await saveAdvice(ctx, view.case, view.advice, input, file);
    },

    /** A reg 8(2) exception recorded by the body asked for advice, with its evidence. */
    async partnerRecordException(
      ctx: RequestContext,
      id: string,
      input: { type: ExceptionType; fromOn: string; toOn: string; evidence: string },
      file?: UploadedFile,
    ) {
      const view = await this.partnerAdviceRequest(ctx, id);
      if (!input.type.startsWith('8(2)'))
        throw new RuleError('type', 'Select one of the exceptions in regulation 8(2)');
      const f = await caseFile(view.case.id);
      await saveExcusal(
        ctx,
        f,
        {
          clockKey: `advice:${view.advice.id}`,
          type: input.type,
          fromOn: input.fromOn,
          toOn: input.toOn,
          adviceRequestedOn: null,
          evidence: input.evidence,
        },
        file,
      );
    },

    async partnerConsultation(ctx: RequestContext, id: string) {
      assertCan(ctx.actor, 'ehc.partner-portal');
      const consultation = isUuid(id) ? await repos.ehc.consultation(id.toLowerCase()) : undefined;
      if (!consultation || consultation.organisation_id !== ctx.actor.organisationId) {
        await repos.audit.insert(
          auditEntry(ctx, clock, 'ehc.consultation.not-found', { type: 'ehc_consultation', id: null }),
        );
        throw new NotFoundError('consultation not found');
      }
      const c = await repos.ehc.caseById(consultation.case_id);
      if (!c) throw new NotFoundError('case not found');
      const [plans, child] = await Promise.all([repos.ehc.plans(c.id), repos.ehc.child(c.child_id)]);
      if (!child) throw new NotFoundError('child not found');
      const draft = [...plans].reverse().find((p) => p.kind === 'draft' && p.issued_on !== null) ?? null;
      // The issued draft as the setting reads it (HTML or Word), as the family was sent it.
      const draftPlan = draft
        ? {
            councilName: deps.councilName,
            serviceName: deps.serviceName,
            kind: 'draft' as const,
            issuedOn: draft.issued_on,
            caseReference: c.reference,
            child: {
              fullName: `${child.legal_given_names} ${child.legal_family_name}`,
              preferredName: child.preferred_name,
              dateOfBirth: child.date_of_birth,
              nhsNumber: child.nhs_number,
              upn: child.upn,
            },
            content: draft.content as PlanContent,
            namedSetting: null,
          }
        : null;
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'ehc.consultation.viewed',
          { type: 'ehc_consultation', id: consultation.id },
          { case_id: c.id },
        ),
      );
      return { consultation, case: c, child, draft, draftPlan, today: today() };
    },

    async partnerAnswerConsultation(
      ctx: RequestContext,
      id: string,
      input: { repliedOn: string; canMeetNeeds: boolean; response: string },
      file?: UploadedFile,
    ) {
      const view = await this.partnerConsultation(ctx, id);
      if (view.consultation.replied_on !== null)
        throw new RuleError('response', 'This consultation has already been answered');
      // Once the final plan is issued (or the case closed) the consultation is over.
      if (view.case.status !== 'draft-issued')
        throw new RuleError('response', 'This consultation has closed: the case has moved on');
      notInFuture('repliedOn', input.repliedOn, 'The date of the reply');
      notBefore(
        'repliedOn',
        input.repliedOn,
        view.consultation.sent_on,
        'The date of the reply',
        'the date the consultation was sent',
      );
      await transaction(async (r) => {
        const documentId = file ? await storeFile(r, ctx, view.case.id, 'consultation-response', file) : null;
        if (!(await r.ehc.answerConsultation(view.consultation.id, { ...input, documentId })))
          throw new RuleError('response', 'This consultation has already been answered');
        await event(
          r,
          ctx,
          view.case.id,
          'consultation-answered',
          `${view.consultation.organisation_name} replied to the consultation`,
          { actorLabel: view.consultation.organisation_name },
        );
        await audit(r, ctx, 'ehc.consultation.answered', view.case.id, {
          consultation_id: view.consultation.id,
        });
      });
    },

    /** A document of the case, for a caseworker, or a partner if it is one they sent. */
    async document(ctx: RequestContext, caseId: string, documentId: string) {
      const found = await requireCase(ctx, caseId);
      const doc = isUuid(documentId) ? await repos.ehc.document(documentId.toLowerCase()) : undefined;
      if (!doc || doc.case_id !== found.id) {
        // A guessed document id is audited as a guessed case id is.
        await repos.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.document.not-found',
            { type: 'ehc_document', id: null },
            { case_id: found.id },
          ),
        );
        throw new NotFoundError('document not found');
      }
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'ehc.document.downloaded',
          { type: 'ehc_document', id: doc.id },
          { case_id: found.id },
        ),
      );
      return doc;
    },

    // ------------------------------------------------------------------ the family

    /** Sends a one-time sign-in link if the address is a family contact on a case; says nothing either way. */
    async requestFamilyLink(ctx: RequestContext, email: string) {
      // Only the people the law gives the decisions to (a parent with parental responsibility, the young
      // person) see the case; a carer without it or an advocate is told through them, as familyEmails is.
      const people = (await repos.ehc.relatedPeopleByEmail(email)).filter(
        (p) => p.has_parental_responsibility || p.relationship === 'young_person',
      );
      const now = clock.now();
      await transaction(async (r) => {
        for (const person of people.slice(0, 5)) {
          // At most 3 links in 30 minutes to one person, so nobody can fill a family's inbox.
          if ((await r.ehc.familyLinksSince(person.id, new Date(now.getTime() - 30 * 60_000))) >= 3) continue;
          const token = randomToken(32);
          await r.ehc.insertFamilyLink({
            relatedPersonId: person.id,
            tokenHash: hashToken(token),
            expiresAt: new Date(now.getTime() + 30 * 60_000),
            now,
          });
          await r.ehc.enqueue({
            template: 'ehc-family-sign-in',
            recipient: person.email as string,
            personalisation: { link: `${deps.publicBaseUrl}/my-ehc/sign-in/${token}` },
            reference: hashToken(`link:${token}`).slice(0, 40),
          });
        }
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.family.link-requested',
            { type: 'ehc_family', id: null },
            { matched: people.length > 0 },
          ),
        );
      });
    },

    /** Whether a sign-in link can still be used (a read: only the POST that follows spends it). */
    familyLinkUsable: async (token: string): Promise<boolean> =>
      repos.ehc.familyLinkUsable(hashToken(token), clock.now()),

    async useFamilyLink(ctx: RequestContext, token: string): Promise<string | null> {
      const personId = await repos.ehc.useFamilyLink(hashToken(token), clock.now());
      if (!personId) return null;
      const sessionToken = randomToken(32);
      const now = clock.now();
      await transaction(async (r) => {
        await r.ehc.insertFamilySession({
          idHash: hashToken(sessionToken),
          relatedPersonId: personId,
          now,
          expiresAt: new Date(now.getTime() + 2 * 3_600_000),
        });
        await r.audit.insert(
          auditEntry(ctx, clock, 'ehc.family.signed-in', { type: 'ehc_related_person', id: personId }),
        );
      });
      return sessionToken;
    },

    async familyMember(sessionToken: string | undefined): Promise<FamilyMember | null> {
      if (!sessionToken) return null;
      const personId = await repos.ehc.familySession(hashToken(sessionToken), clock.now());
      if (!personId) return null;
      const person = await repos.ehc.relatedPerson(personId);
      return person
        ? { relatedPersonId: person.id, childId: person.child_id, fullName: person.full_name }
        : null;
    },

    async signOutFamily(ctx: RequestContext, sessionToken: string) {
      const personId = await repos.ehc.familySession(hashToken(sessionToken), clock.now());
      await repos.ehc.deleteFamilySession(hashToken(sessionToken));
      if (personId)
        await repos.audit.insert(
          auditEntry(ctx, clock, 'ehc.family.signed-out', { type: 'ehc_related_person', id: personId }),
        );
    },

    /** The family's own case: where it is, what happens next and by when, what has been asked of whom. */
    async familyCase(ctx: RequestContext, member: FamilyMember) {
      const cases = await repos.ehc.casesForChild(member.childId);
      const latest = [...cases].sort((a, b) => (a.received_on < b.received_on ? 1 : -1))[0];
      if (!latest) return null;
      const file = await caseFile(latest.id);
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'ehc.family.case-viewed',
          { type: 'ehc_case', id: latest.id },
          { related_person_id: member.relatedPersonId },
        ),
      );
      const events = await repos.ehc.events(latest.id, { familyOnly: true });
      // The casework team's notes and capacity notes are not the family's to see: they never leave the service.
      const { notes: _notes, capacityNotes: _capacityNotes, ...shared } = file;
      return { ...shared, events };
    },

    async familyRepresentation(
      ctx: RequestContext,
      member: FamilyMember,
      input: { comments: string; preferredSetting: string | null },
    ) {
      const cases = await repos.ehc.casesForChild(member.childId);
      const c = cases.find((x) => x.status === 'draft-issued');
      if (!c) throw new RuleError('comments', 'There is no draft plan to comment on');
      await transaction(async (r) => {
        await r.ehc.insertRepresentation({
          caseId: c.id,
          receivedOn: today(),
          comments: input.comments,
          preferredSetting: input.preferredSetting,
          fromRelatedPersonId: member.relatedPersonId,
          recordedBy: null,
        });
        await event(r, ctx, c.id, 'representation', `${member.fullName} sent comments on the draft plan`, {
          actorLabel: member.fullName,
        });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.family.representation',
            { type: 'ehc_case', id: c.id },
            { related_person_id: member.relatedPersonId },
          ),
        );
      });
    },

    /** The plan document for a case file the caller has already been allowed to see. */
    planDocumentInput(file: CaseFile, plan: NonNullable<CaseFile['plan']>) {
      return {
        councilName: deps.councilName,
        serviceName: deps.serviceName,
        kind: plan.kind as 'draft' | 'final',
        issuedOn: plan.issued_on,
        caseReference: file.case.reference,
        child: {
          fullName: `${file.child.legal_given_names} ${file.child.legal_family_name}`,
          preferredName: file.child.preferred_name,
          dateOfBirth: file.child.date_of_birth,
          nhsNumber: file.child.nhs_number,
          upn: file.child.upn,
        },
        content: plan.content as PlanContent,
        namedSetting: plan.named_setting,
      };
    },

    /**
     * An issued plan or a decision letter of the family's own case, audited as it is read or downloaded;
     * anything the family may not open (a plan not issued, a letter of a decision not made) is a 404, audited too.
     */
    async familyDocument(
      ctx: RequestContext,
      member: FamilyMember,
      document: FamilyDocument,
      format: 'html' | 'docx',
    ) {
      const cases = await repos.ehc.casesForChild(member.childId);
      const latest = [...cases].sort((a, b) => (a.received_on < b.received_on ? 1 : -1))[0];
      const file = latest ? await caseFile(latest.id) : null;
      const open = file ? familyDocumentsOf(file) : null;
      const plan =
        document === 'draft-plan' ? open?.draftPlan : document === 'final-plan' ? open?.finalPlan : null;
      const letter = open?.letters.find((l) => l.document === document) ?? null;
      const details = { document, format, related_person_id: member.relatedPersonId };
      if (!file || (!plan && !letter)) {
        await repos.audit.insert(
          auditEntry(
            ctx,
            clock,
            'ehc.family.document-not-found',
            { type: 'ehc_case', id: file?.case.id ?? null },
            details,
          ),
        );
        throw new NotFoundError('document not found');
      }
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          format === 'docx' ? 'ehc.family.document-downloaded' : 'ehc.family.document-viewed',
          { type: 'ehc_case', id: file.case.id },
          details,
        ),
      );
      return { file, plan: plan ?? null, letter };
    },

    exceptionTypes: () => Object.values(EXCEPTIONS),
  };

  // ------------------------------------------------------------------ shared writes

  async function storeFile(
    r: Repositories,
    ctx: RequestContext,
    caseId: string,
    kind: string,
    file: UploadedFile,
  ): Promise<string> {
    const check = checkAdviceFile(file.bytes);
    if (!check.ok) throw new RuleError('file', check.message);
    return r.ehc.insertDocument({
      caseId,
      kind,
      fileName: safeFileName(file.fileName, check.file.extension),
      mediaType: check.file.mediaType,
      content: file.bytes,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      uploadedBy: ctx.actor?.userId ?? null,
      now: clock.now(),
    });
  }

  async function saveAdvice(
    ctx: RequestContext,
    c: CaseWithNames,
    advice: { id: string; requested_on: string; organisation_name: string; received_on: string | null },
    input: { receivedOn: string; summary: string },
    file?: UploadedFile,
  ) {
    if (advice.received_on !== null) throw new RuleError('summary', 'This advice has already been returned');
    notInFuture('receivedOn', input.receivedOn, 'The date the advice was sent');
    notBefore(
      'receivedOn',
      input.receivedOn,
      advice.requested_on,
      'The date the advice was sent',
      'the date it was asked for',
    );
    if (file) {
      const check = checkAdviceFile(file.bytes);
      if (!check.ok) throw new RuleError('file', check.message);
    }
    await transaction(async (r) => {
      const documentId = file ? await storeFile(r, ctx, c.id, 'advice', file) : null;
      if (
        !(await r.ehc.markAdviceReceived(advice.id, {
          receivedOn: input.receivedOn,
          summary: input.summary,
          documentId,
          receivedBy: (ctx.actor as Actor).userId,
        }))
      )
        throw new RuleError('summary', 'This advice has already been returned');
      await event(r, ctx, c.id, 'advice-received', `Advice received from ${advice.organisation_name}`, {
        actorLabel: advice.organisation_name,
      });
      await audit(r, ctx, 'ehc.advice.received', c.id, {
        advice_request_id: advice.id,
        with_document: documentId !== null,
      });
    });
  }

  async function saveExcusal(
    ctx: RequestContext,
    file0: CaseFile,
    input: {
      clockKey: string;
      type: ExceptionType;
      fromOn: string;
      toOn: string;
      adviceRequestedOn: string | null;
      evidence: string;
    },
    upload?: UploadedFile,
  ) {
    const [ruleId, subjectId] = input.clockKey.split(':') as [RuleId, string | undefined];
    const clock0 = file0.clocks.find(
      (k) => k.deadline.ruleId === ruleId && (k.deadline.subjectId ?? '') === (subjectId ?? ''),
    );
    if (!clock0) throw new RuleError('clockKey', 'Select the time limit the exception applies to');
    notInFuture('fromOn', input.fromOn, 'The first day');
    if (input.toOn < input.fromOn)
      throw new RuleError('toOn', 'The last day must be the same as or after the first day');
    const problems = excusalProblems(
      {
        type: input.type,
        deadline: { ruleId, ...(subjectId ? { subjectId } : {}) },
        from: input.fromOn,
        to: input.toOn,
        ...(input.adviceRequestedOn ? { adviceRequestedOn: input.adviceRequestedOn } : {}),
        evidence: input.evidence,
      },
      clock0.deadline,
      clock0.eventDate ?? undefined,
    );
    const problem = problems[0];
    if (problem)
      throw new RuleError(
        problem.field === 'deadline'
          ? 'type'
          : problem.field === 'from'
            ? 'fromOn'
            : problem.field === 'to'
              ? 'toOn'
              : problem.field,
        problem.message,
      );
    if (upload) {
      const check = checkAdviceFile(upload.bytes);
      if (!check.ok) throw new RuleError('file', check.message);
    }
    await transaction(async (r) => {
      const documentId = upload ? await storeFile(r, ctx, file0.case.id, 'evidence', upload) : null;
      await r.ehc.insertExcusal({
        case_id: file0.case.id,
        rule_id: ruleId,
        subject_id: subjectId ?? null,
        exception_type: input.type,
        from_on: input.fromOn,
        to_on: input.toOn,
        advice_requested_on: input.adviceRequestedOn,
        evidence: input.evidence,
        document_id: documentId,
        recorded_by: ctx.actor?.userId ?? null,
        recorded_at: clock.now(),
      });
      await event(
        r,
        ctx,
        file0.case.id,
        'exception',
        `Exception recorded against "${clock0.label}": ${EXCEPTIONS[input.type].citation}`,
      );
      await audit(r, ctx, 'ehc.exception.recorded', file0.case.id, { rule_id: ruleId, type: input.type });
    });
  }
}

export type FamilyDocument =
  'draft-plan' | 'final-plan' | 'decision-letter' | 'no-plan-letter' | 'final-plan-letter';

export type FamilyLetter = {
  document: Exclude<FamilyDocument, 'draft-plan' | 'final-plan'>;
  letterType:
    'decided-to-assess' | 'decided-not-to-assess' | 'decided-not-to-issue-plan' | 'final-plan-issued';
  /** The date of the decision the letter tells of. */
  date: string;
};

/**
 * What a family may open of its case: the draft as it was issued (never a version still being written), the
 * final plan, and the letter of each decision made.
 */
export function familyDocumentsOf(file: {
  case: {
    status: string;
    decision_outcome: string | null;
    decision_notified_on: string | null;
    no_plan_notified_on: string | null;
    final_issued_on: string | null;
  };
  plans: readonly PlanRow[];
}): { draftPlan: PlanRow | null; finalPlan: PlanRow | null; letters: FamilyLetter[] } {
  const c = file.case;
  const issuedDrafts = file.plans.filter((p) => p.kind === 'draft' && p.issued_on !== null);
  const finals = file.plans.filter((p) => p.kind === 'final' && p.issued_on !== null);
  const letters: FamilyLetter[] = [];
  if (c.decision_outcome && c.decision_notified_on)
    letters.push({
      document: 'decision-letter',
      letterType: c.decision_outcome === 'assess' ? 'decided-to-assess' : 'decided-not-to-assess',
      date: c.decision_notified_on,
    });
  if (c.status === 'no-plan' && c.no_plan_notified_on)
    letters.push({
      document: 'no-plan-letter',
      letterType: 'decided-not-to-issue-plan',
      date: c.no_plan_notified_on,
    });
  if (c.status === 'final-issued' && c.final_issued_on)
    letters.push({ document: 'final-plan-letter', letterType: 'final-plan-issued', date: c.final_issued_on });
  return { draftPlan: issuedDrafts.at(-1) ?? null, finalPlan: finals.at(-1) ?? null, letters };
}

export type EhcService = ReturnType<typeof createEhcService>;
export type { RelatedPersonRow };
