import type { Config } from '../../../config.ts';
import type { Repositories, Transactor } from '../../../db/repositories.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { RequestContext } from '../../../lib/context.ts';
import { londonToday } from '../../../lib/dates.ts';
import { RuleError } from '../../../lib/errors.ts';
import { assertCan } from '../../access/policy.ts';
import { auditEntry } from '../../audit/service.ts';
import { buildSen2Return, type Sen2Return } from './domain/build.ts';
import { censusDateProblem, collectionYearOf, defaultCensusDate, latestCensusDate } from './domain/census.ts';
import { issuesCsv } from './domain/csv.ts';
import { moduleSpec } from './domain/modules.ts';
import { sen2FileName, sen2Zip } from './domain/package.ts';
import { issueCountsByRule, validateSen2Return, type Sen2Issue } from './domain/validate.ts';
import { SEN2_AUDIT_SUBJECT, SEN2_DOWNLOAD_ACTION } from './repository.ts';

/** What the header's SoftwareCode and the README name as the software that made the file. */
export const SEN2_SOFTWARE_NAME = 'SEND Partnership Platform';

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DDThh:mm:ss' in England: the header's DateTime. */
export function londonTimestamp(now: Date): string {
  const p = Object.fromEntries(londonDateTime.formatToParts(now).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

export type Sen2Report = {
  ret: Sen2Return;
  issues: Sen2Issue[];
  counts: ReturnType<typeof issueCountsByRule>;
};

/** The SEN2 return for a census date, from casework, and its validation report. */
export function createSen2Service(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  config: Config;
}) {
  const { repos, transaction, clock, config } = deps;
  const today = () => londonToday(clock.now());

  /** A census date the return can be made for; a RuleError against the form's field otherwise. */
  function checkCensusDate(censusDate: string) {
    const problem = censusDateProblem(censusDate, today());
    if (problem) throw new RuleError('censusDate', problem);
  }

  async function build(r: Repositories, censusDate: string, serialNo: number | null): Promise<Sen2Report> {
    const { start, end } = collectionYearOf(censusDate);
    const casework = await r.sen2.caseworkFor({ censusDate, start, end });
    const ret = buildSen2Return(casework, {
      censusDate,
      laNumber: config.area.laCode,
      softwareCode: SEN2_SOFTWARE_NAME,
      release: config.version,
      serialNo,
      generatedAt: londonTimestamp(clock.now()),
    });
    const issues = validateSen2Return(ret.modules);
    return { ret, issues, counts: issueCountsByRule(issues) };
  }

  /** How many of each module's records, for the audit trail: counts only, never a person's details. */
  function recordCounts(ret: Sen2Return): Record<string, number> {
    return Object.fromEntries(Object.entries(ret.modules).map(([key, rows]) => [key, rows.length]));
  }

  const packageOptions = (issueCount: number) => ({
    laName: config.area.areaName,
    councilName: config.area.councilName,
    softwareName: SEN2_SOFTWARE_NAME,
    issueCount,
  });

  return {
    /** The form's starting point; the first thing every SEN2 page asks, so that only managers get further. */
    form(ctx: RequestContext) {
      assertCan(ctx.actor, 'performance.sen2');
      const now = today();
      return {
        today: now,
        defaultCensusDate: defaultCensusDate(now),
        latestCensusDate: latestCensusDate(now),
      };
    },

    /** The return and what its checks found, as the page shows them. Generating it reads every child's record: audited. */
    async report(ctx: RequestContext, censusDate: string): Promise<Sen2Report> {
      assertCan(ctx.actor, 'performance.sen2');
      checkCensusDate(censusDate);
      const report = await build(repos, censusDate, null);
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'performance.sen2.report-viewed',
          { type: SEN2_AUDIT_SUBJECT, id: censusDate },
          {
            records: recordCounts(report.ret),
            issues: report.issues.length,
          },
        ),
      );
      return report;
    },

    /**
     * The return as a zip, numbered one more than the files made before for the census date, and audited in the
     * same transaction, so that no two files share a serial number and none leaves unrecorded.
     */
    async download(
      ctx: RequestContext,
      censusDate: string,
    ): Promise<{ fileName: string; bytes: Uint8Array }> {
      assertCan(ctx.actor, 'performance.sen2');
      checkCensusDate(censusDate);
      return transaction(async (r) => {
        const serialNo = (await r.sen2.downloadsBefore(censusDate)) + 1;
        const report = await build(r, censusDate, serialNo);
        const bytes = sen2Zip(report.ret, {
          ...packageOptions(report.issues.length),
          modifiedAt: clock.now(),
        });
        const fileName = sen2FileName(config.area.laCode, censusDate);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            SEN2_DOWNLOAD_ACTION,
            { type: SEN2_AUDIT_SUBJECT, id: censusDate },
            {
              serialNo,
              fileName,
              bytes: bytes.length,
              records: recordCounts(report.ret),
              issues: report.issues.length,
            },
          ),
        );
        return { fileName, bytes };
      });
    },

    /** Every problem the checks found, as CSV, each with the link to its case. Audited like the return. */
    async issuesCsv(ctx: RequestContext, censusDate: string): Promise<{ fileName: string; text: string }> {
      assertCan(ctx.actor, 'performance.sen2');
      checkCensusDate(censusDate);
      const report = await build(repos, censusDate, null);
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'performance.sen2.issues-downloaded',
          { type: SEN2_AUDIT_SUBJECT, id: censusDate },
          {
            issues: report.issues.length,
          },
        ),
      );
      return {
        fileName: `SEN2-${config.area.laCode}-${censusDate}-problems.csv`,
        text: issuesCsv(report.issues, {
          baseUrl: config.publicBaseUrl,
          moduleTitle: (module) => moduleSpec(module).title,
        }),
      };
    },
  };
}

export type Sen2Service = ReturnType<typeof createSen2Service>;
