import type { Config } from '../../config.ts';
import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { londonToday } from '../../lib/dates.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { assertCan, can } from '../access/policy.ts';
import {
  compareWithBenchmarks,
  ENGLAND,
  figureValue,
  publishedPeriodEnd,
  rate,
  trend,
  type Comparison,
  type Trend,
} from './domain/benchmarks.ts';
import { MEASURES, measure as findMeasure, type Measure, type MeasureId } from './domain/catalogue.ts';
import { caseworkMeasures, TOTAL, type CaseworkFigure } from './domain/measures.ts';
import {
  calendarYear,
  dateRange,
  month,
  monthsOf,
  sameDayLastYear,
  samePeriodLastYear,
  spanOf,
  yearsBetween,
  type Period,
} from './domain/periods.ts';
import { regionGssCode } from './import/region-codes.ts';
import type { PublishedSource } from './import/types.ts';

/**
 * The performance dashboard (issue 6): every measure of the catalogue from the live casework, for the period
 * chosen and the periods before it, beside the published statistics for the area, England, its region and
 * the mean of its statistical neighbours (the list in force for each period), with whether it is improving,
 * its definition, and where every published figure came from. Rates are computed from the counts here and
 * rounded only on display (view-models.ts, benchmarks.ts). Aggregates only: no child's record is read, so
 * nothing here is audited.
 */

/** How many periods of casework a trend shows, and at most how many published periods. */
const CASEWORK_YEARS = 5;
const CASEWORK_MONTHS = 12;
const PUBLISHED_PERIODS = 10;
/** Periods before this are not offered: the published series start in 2014 and casework later. */
export const FIRST_YEAR = 2010;

export type CaseworkPoint = {
  period: Period;
  numerator: number;
  denominator: number | null;
  /** A rate (per cent, unrounded) from the counts, or the count; null for a rate with nothing to divide by. */
  value: number | null;
};

export type CaseworkView = {
  /** The periods of the trend, oldest first, the chosen one last. */
  series: CaseworkPoint[];
  chosen: CaseworkPoint;
  lastYear: CaseworkPoint | null;
  /** Breakdowns of the chosen period where the measure has them (advice by type and by organisation). */
  breakdowns: { kind: 'type' | 'organisation'; name: string; point: CaseworkPoint }[];
  trend: Trend;
};

export type Provenance = {
  source: PublishedSource;
  release: string;
  fileName: string;
  part: string;
  row: number;
  importedAt: Date;
  isDemo: boolean;
};

/** One published figure shown, with where it came from. */
export type PublishedFigureShown = {
  period: string;
  areaCode: string;
  areaName: string;
  role: 'area' | 'england' | 'region' | 'neighbour';
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  marker: string | null;
  provenance: Provenance;
};

export type PublishedView = {
  /** Published periods, oldest first, the latest one on or before the end of the chosen period last. */
  series: Comparison[];
  latest: Comparison | null;
  trend: Trend;
  /** Every published figure behind the series (area, England, region, each neighbour). */
  figures: PublishedFigureShown[];
  /** The release of the latest area figure, then any other releases the series draws on. */
  releases: { source: PublishedSource; release: string; isDemo: boolean }[];
};

export type MeasureView = {
  measure: Measure;
  casework: CaseworkView | null;
  published: PublishedView | null;
};

export type Dashboard = {
  period: Period;
  today: string;
  area: { name: string; laCode: string };
  region: { code: string; name: string } | null;
  measures: MeasureView[];
  /** Whether the person may open the SEN2 return (a link on the dashboard). */
  canPrepareSen2: boolean;
};

export type MeasureDetail = Dashboard & { view: MeasureView };

/** Published rows of the same figure from several files: the newer kind of release wins. */
const SOURCE_RANK: Record<PublishedSource, number> = {
  'ehc-plans-release': 4,
  'send-tribunal-appeal-rate': 4,
  'sen2-mi': 3,
  lait: 2,
  'statistical-neighbours': 1,
};

/** The periods a trend of casework shows for the chosen period. */
export function caseworkPeriods(period: Period): Period[] {
  switch (period.kind) {
    case 'calendar-year': {
      const year = Number(period.key);
      return yearsBetween(Math.max(FIRST_YEAR, year - CASEWORK_YEARS + 1), year);
    }
    case 'month': {
      const [y, m] = period.key.split('-').map(Number) as [number, number];
      const first = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, '0')}`;
      return monthsOf(dateRange(month(first).from, period.to)).slice(-CASEWORK_MONTHS);
    }
    case 'range':
      return [samePeriodLastYear(period), period];
  }
}

function pointOf(figure: CaseworkFigure | undefined, period: Period, kind: Measure['kind']): CaseworkPoint {
  const numerator = figure?.numerator ?? 0;
  const denominator = figure?.denominator ?? null;
  return {
    period,
    numerator,
    denominator,
    value: kind === 'rate' ? rate(numerator, denominator) : numerator,
  };
}

export function createPerformanceService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  config: Config;
}) {
  const { repos, clock, config } = deps;
  const area = { name: config.area.areaName, laCode: config.area.laCode };
  // The area's region: its GSS code from the area configuration, or else the region its county names.
  const regionCode = config.area.regionCode ?? regionGssCode(config.area.county ?? '') ?? null;

  const today = () => londonToday(clock.now());

  async function caseworkViews(period: Period): Promise<Map<MeasureId, CaseworkView>> {
    const periods = caseworkPeriods(period);
    // A period still running is compared with the same days a year before, not the whole of last year.
    const day = today();
    const lastYear =
      period.from <= day && day < period.to
        ? dateRange(sameDayLastYear(period.from), sameDayLastYear(day))
        : samePeriodLastYear(period);
    const span = spanOf([...periods, lastYear]);
    const facts = await repos.caseworkMeasures.caseworkFacts(span, today());
    const byPeriod = new Map<string, CaseworkFigure[]>();
    for (const p of [...periods, lastYear]) byPeriod.set(p.key, caseworkMeasures(facts, p));
    const views = new Map<MeasureId, CaseworkView>();
    for (const m of MEASURES) {
      if (!m.sources.includes('casework')) continue;
      const find = (p: Period, breakdown = TOTAL) =>
        byPeriod.get(p.key)?.find((f) => f.measure === m.id && f.breakdown === breakdown);
      if (!find(period)) continue;
      const series = periods.map((p) => pointOf(find(p), p, m.kind));
      const chosen = series[series.length - 1] as CaseworkPoint;
      const breakdowns = (byPeriod.get(period.key) ?? [])
        .filter((f) => f.measure === m.id && f.breakdown !== TOTAL && f.breakdown.includes(':'))
        .map((f) => {
          const [kind, ...rest] = f.breakdown.split(':');
          return {
            kind: kind === 'type' ? ('type' as const) : ('organisation' as const),
            name: rest.join(':'),
            point: pointOf(f, period, m.kind),
          };
        })
        .filter((b) => b.point.denominator !== 0 || b.kind === 'type');
      views.set(m.id, {
        series,
        chosen,
        lastYear: find(lastYear) ? pointOf(find(lastYear), lastYear, m.kind) : null,
        breakdowns,
        trend: trend(
          series.map((p) => ({ period: p.period.key, value: p.value })),
          m.higherIsBetter,
        ),
      });
    }
    return views;
  }

  /**
   * The published figures change only when a file is imported (each import replaces its files row), so their
   * benchmarks are worked out once per set of files and period end, and kept: reading and comparing about
   * 3,000 figures is most of a dashboard's cost otherwise. Bounded; the oldest entries go first.
   */
  const publishedCache = new Map<string, Promise<Map<MeasureId, PublishedView>>>();
  async function publishedViewsCached(until: string): Promise<Map<MeasureId, PublishedView>> {
    const files = await repos.publishedStatistics.files();
    const key = `${until}|${files.map((f) => `${f.id}:${f.importedAt.getTime()}:${f.figuresStored}`).join(',')}`;
    let views = publishedCache.get(key);
    if (!views) {
      views = publishedViews(until);
      publishedCache.set(key, views);
      views.catch(() => publishedCache.delete(key));
      while (publishedCache.size > 50) publishedCache.delete(publishedCache.keys().next().value as string);
    }
    return views;
  }

  async function publishedViews(until: string): Promise<Map<MeasureId, PublishedView>> {
    const measures = MEASURES.filter((m) => m.sources.includes('published'));
    const lists = await repos.publishedStatistics.neighbourLists();
    const neighbourCodes = new Set<string>();
    for (const list of lists)
      for (const n of list.neighbours)
        if (n.laNumber === area.laCode) neighbourCodes.add(n.neighbourLaNumber);
    const rows = await repos.publishedStatistics.figures({
      measures: measures.map((m) => m.id),
      areaCodes: [area.laCode, ENGLAND, ...(regionCode ? [regionCode] : []), ...neighbourCodes],
    });
    // One figure per measure, period and area: the newest kind of release, then the latest release name.
    const best = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      if (row.breakdown !== TOTAL) continue;
      const key = `${row.measure}\u0000${row.period}\u0000${row.areaCode}`;
      const held = best.get(key);
      const better =
        !held ||
        SOURCE_RANK[row.source] > SOURCE_RANK[held.source] ||
        (SOURCE_RANK[row.source] === SOURCE_RANK[held.source] && row.release.localeCompare(held.release) > 0);
      if (better) best.set(key, row);
    }
    const views = new Map<MeasureId, PublishedView>();
    for (const m of measures) {
      const ofMeasure = [...best.values()].filter((r) => r.measure === m.id);
      const periods = [
        ...new Set(
          ofMeasure.filter((r) => r.areaCode === area.laCode || r.areaCode === ENGLAND).map((r) => r.period),
        ),
      ]
        .filter((p) => (publishedPeriodEnd(p) ?? '9999') <= until)
        .sort()
        .slice(-PUBLISHED_PERIODS);
      if (periods.length === 0) {
        views.set(m.id, { series: [], latest: null, trend: 'not comparable', figures: [], releases: [] });
        continue;
      }
      const kind = m.kind;
      const series = periods.map((period) =>
        compareWithBenchmarks(ofMeasure, {
          period,
          areaCode: area.laCode,
          regionCode,
          neighbourLists: lists,
          kind,
        }),
      );
      // The figures shown: the area, England, the region and the neighbours of the list used each period.
      const shown: PublishedFigureShown[] = [];
      for (const c of series) {
        const roles: [string, PublishedFigureShown['role']][] = [
          [area.laCode, 'area'],
          [ENGLAND, 'england'],
          ...(regionCode ? [[regionCode, 'region'] as [string, 'region']] : []),
          ...c.neighbours.members.map((n) => [n.areaCode, 'neighbour'] as [string, 'neighbour']),
        ];
        for (const [code, role] of roles) {
          const row = best.get(`${m.id}\u0000${c.period}\u0000${code}`);
          if (!row) continue;
          shown.push({
            period: c.period,
            areaCode: code,
            areaName: row.areaName,
            role,
            numerator: row.numerator,
            denominator: row.denominator,
            value: figureValue(row, kind),
            marker: row.marker,
            provenance: {
              source: row.source,
              release: row.release,
              fileName: row.fileName,
              part: row.part,
              row: row.sourceRow,
              importedAt: row.importedAt,
              isDemo: row.isDemo,
            },
          });
        }
      }
      const latest = series[series.length - 1] ?? null;
      const latestArea = shown.find((f) => f.role === 'area' && f.period === latest?.period) ?? shown.at(-1);
      const releases: PublishedView['releases'] = [];
      for (const f of [...(latestArea ? [latestArea] : []), ...[...shown].reverse()])
        if (!releases.some((r) => r.release === f.provenance.release && r.source === f.provenance.source))
          releases.push({
            source: f.provenance.source,
            release: f.provenance.release,
            isDemo: f.provenance.isDemo,
          });
      views.set(m.id, {
        series,
        latest,
        trend: trend(
          series.map((c) => ({ period: c.period, value: c.area.value })),
          m.higherIsBetter,
          { seriesBreaks: m.seriesBreaks },
        ),
        figures: shown,
        releases,
      });
    }
    return views;
  }

  async function build(ctx: RequestContext, period: Period): Promise<Dashboard> {
    assertCan(ctx.actor, 'performance.view');
    const [casework, published] = await Promise.all([caseworkViews(period), publishedViewsCached(period.to)]);
    const regionName = regionCode
      ? ([...published.values()].flatMap((v) => v.figures).find((f) => f.role === 'region')?.areaName ??
        config.area.county ??
        regionCode)
      : null;
    return {
      period,
      today: today(),
      area,
      region: regionCode && regionName ? { code: regionCode, name: regionName } : null,
      measures: MEASURES.map((m) => ({
        measure: m,
        casework: casework.get(m.id) ?? null,
        published: m.sources.includes('published') ? (published.get(m.id) ?? null) : null,
      })),
      canPrepareSen2: can(ctx.actor, 'performance.sen2'),
    };
  }

  return {
    today,

    /** The time a download is made (its workbook's creation time). */
    now: () => clock.now(),

    /** Refuses anyone who may not see the dashboard: before a page is drawn without calling for figures. */
    requireView(ctx: RequestContext): void {
      assertCan(ctx.actor, 'performance.view');
    },

    /** The period shown when none is chosen: this calendar year, so far. */
    defaultPeriod(): Period {
      return calendarYear(Number(today().slice(0, 4)));
    },

    /** Every measure for the period, casework and published side by side. */
    async dashboard(ctx: RequestContext, options: { period: Period }): Promise<Dashboard> {
      return build(ctx, options.period);
    },

    /** One measure in full: its trend, benchmarks, breakdowns, definition and every figure's provenance. */
    async measureDetail(
      ctx: RequestContext,
      id: string,
      options: { period: Period },
    ): Promise<MeasureDetail> {
      assertCan(ctx.actor, 'performance.view');
      if (!findMeasure(id)) throw new NotFoundError('no such measure');
      const dashboard = await build(ctx, options.period);
      const view = dashboard.measures.find((v) => v.measure.id === id) as MeasureView;
      return { ...dashboard, view };
    },

    /** A measure's written definition. */
    definition(ctx: RequestContext, id: string): Measure {
      assertCan(ctx.actor, 'performance.view');
      const m = findMeasure(id);
      if (!m) throw new NotFoundError('no such measure');
      return m;
    },
  };
}

export type PerformanceService = ReturnType<typeof createPerformanceService>;
