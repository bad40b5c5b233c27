/**
 * Benchmarks done right (statistics-and-sen2.md, "Rules for a correct benchmark"): rates computed from the
 * counts and rounded only on display, half up; the area against England, its region and the unweighted mean
 * of its statistical neighbours' rates, with the neighbour list in force for the period; suppressed and
 * missing figures shown as such, never as zero; and whether a measure is improving. Pure.
 *
 * Rates are percentages (0 to 100), as the DfE publishes them, so that a rate computed from counts and one
 * published as a rate are the same kind of number.
 */
import { markerMeaning } from '../import/markers.ts';
import type { GeographicLevel, NeighbourList } from '../import/types.ts';
import type { SeriesBreak } from './catalogue.ts';

// ---------------------------------------------------------------------------------------------------------
// Rates and rounding
// ---------------------------------------------------------------------------------------------------------

/** numerator ÷ denominator as a percentage; null when either is missing or the denominator is 0. */
export function rate(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): number | null {
  if (numerator === null || numerator === undefined || denominator === null || denominator === undefined)
    return null;
  if (denominator === 0 || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  return (100 * numerator) / denominator;
}

/** The decimal digits of a finite number, exactly as JavaScript prints it (shortest round trip), without exponent. */
function decimalDigits(value: number): { negative: boolean; digits: string; point: number } {
  const negative = value < 0 || Object.is(value, -0);
  const text = Math.abs(value).toString();
  const [mantissa = '0', exponentText] = text.split('e');
  const exponent = Number(exponentText ?? 0);
  const [whole = '0', fraction = ''] = mantissa.split('.');
  // The digits, with the decimal point after `point` of them (possibly beyond the last digit).
  const point = whole.length + exponent;
  if (point < 0) return { negative, digits: '0'.repeat(-point) + whole + fraction, point: 0 };
  return { negative, digits: whole + fraction, point };
}

/**
 * Rounds half up (away from zero, as Excel's ROUND and the DfE's published tables do) to `places` decimal
 * places, on the number's decimal digits as printed: 1.005 → 1.01, 2.675 → 2.68, -1.005 → -1.01, where
 * Math.round(x * 100) / 100 gives 1 and 2.67 because 1.005 is stored as 1.00499999….
 */
export function roundHalfUp(value: number, places = 0): number {
  if (!Number.isFinite(value)) return value;
  if (!Number.isInteger(places) || places < 0 || places > 20)
    throw new RangeError(`Decimal places must be a whole number from 0 to 20: ${places}`);
  const { negative, digits, point } = decimalDigits(value);
  // Pad so that the digit after the last kept one exists.
  const keep = point + places;
  const padded = digits.padEnd(keep + 1, '0');
  let kept = padded.slice(0, keep) || '0';
  if (Number(padded[keep]) >= 5) {
    // Add one to the kept digits, as a string of digits, carrying.
    const chars = kept.split('');
    let i = chars.length - 1;
    for (; i >= 0; i -= 1) {
      if (chars[i] === '9') chars[i] = '0';
      else {
        chars[i] = String(Number(chars[i]) + 1);
        break;
      }
    }
    kept = (i < 0 ? '1' : '') + chars.join('');
  }
  const intDigits = kept.length - places;
  const text =
    places === 0
      ? kept
      : `${kept.slice(0, Math.max(0, intDigits)) || '0'}.${kept.slice(intDigits).padStart(places, '0')}`;
  const result = Number(text);
  return negative ? -result : result;
}

/**
 * numerator ÷ denominator as a percentage rounded half up to `places`, in whole numbers throughout (no
 * floating-point division), for counts up to 2^53 / 10^(places + 2).
 */
export function roundedRate(numerator: number, denominator: number, places = 1): number | null {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator < 0) {
    const r = rate(numerator, denominator);
    return r === null ? null : roundHalfUp(r, places);
  }
  const scale = 10n ** BigInt(places + 2);
  const n = BigInt(numerator) * scale;
  const d = BigInt(denominator);
  // floor(n / d + 1/2) = floor((2n + d) / 2d): half up for a positive quotient.
  const q = (2n * n + d) / (2n * d);
  // The decimal digits of q with the point put in, read once: Number() gives the double nearest that
  // decimal (1/13 at 2 places is 7.69), where adding the parts back (7 + 69/100) leaves float noise.
  if (places === 0) return Number(q);
  const digits = q.toString().padStart(places + 1, '0');
  return Number(`${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

/** "1,234" for a count; for no count, what was printed instead (see markerLabel). */
export function formatCount(value: number | null, marker: string | null = null): string {
  if (value === null || !Number.isFinite(value)) return markerLabel(marker);
  return roundHalfUp(value, 0).toLocaleString('en-GB');
}

/**
 * "52.2%" to `places` decimal places (half up), trailing zeros kept so that a column lines up; for no rate,
 * what was printed instead. Given the counts, rounds them exactly (roundedRate).
 */
export function formatRate(
  value: number | null | { numerator: number; denominator: number },
  places = 1,
  marker: string | null = null,
): string {
  let rounded: number | null;
  if (value !== null && typeof value === 'object')
    rounded = roundedRate(value.numerator, value.denominator, places);
  else rounded = value === null || !Number.isFinite(value) ? null : roundHalfUp(value, places);
  if (rounded === null) return markerLabel(marker);
  return `${rounded.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })}%`;
}

/**
 * What a published marker means, in words for a table cell, from the one list of markers the parsers accept
 * (import/markers.ts); never a zero. No marker, an empty cell or text that is no known marker is "no figure".
 */
export function markerLabel(marker: string | null): string {
  return (marker === null ? undefined : markerMeaning(marker)) ?? 'no figure';
}

// ---------------------------------------------------------------------------------------------------------
// Published figures and the comparison
// ---------------------------------------------------------------------------------------------------------

/** What a comparison needs of a published figure (a subset of PublishedFigure, import/types.ts). */
export type BenchmarkFigure = {
  period: string;
  areaCode: string;
  areaName: string;
  geographicLevel: GeographicLevel;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  marker: string | null;
};

export const ENGLAND = 'E92000001';

/**
 * A figure's value: for a rate, computed from the numerator and denominator when both are published (and
 * the denominator is not 0), otherwise the published value; for a count, the published count.
 */
export function figureValue(figure: BenchmarkFigure, kind: 'rate' | 'count' = 'rate'): number | null {
  if (kind === 'rate' && figure.numerator !== null && figure.denominator !== null) {
    const computed = rate(figure.numerator, figure.denominator);
    if (computed !== null) return computed;
  }
  if (figure.value !== null && Number.isFinite(figure.value)) return figure.value;
  return kind === 'count' && figure.numerator !== null ? figure.numerator : null;
}

/**
 * The last day of a period as the published figures name it: "2024" → 31 December 2024; "2025-01" →
 * 31 January 2025; "2024/25" → 31 August 2025 (an academic year; a financial year's 31 March is earlier, and
 * no list came into force in between). Null when the period is not one of these.
 */
export function publishedPeriodEnd(period: string): string | null {
  if (/^\d{4}$/.test(period)) return `${period}-12-31`;
  const monthly = /^(\d{4})-(\d{2})$/.exec(period);
  if (monthly) {
    const year = Number(monthly[1]);
    const m = Number(monthly[2]);
    if (m < 1 || m > 12) return null;
    const days = [
      31,
      year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ];
    return `${monthly[1]}-${monthly[2]}-${days[m - 1]}`;
  }
  const split = /^(\d{4})\/(\d{2})$/.exec(period);
  if (split) return `${Number(split[1]) + 1}-08-31`;
  return null;
}

/**
 * The statistical-neighbour list for a period: the list in force at the end of the period (the latest list
 * in force on or before its last day). A calendar year is compared with the neighbours the DfE named by its
 * end, so 2021 uses the April 2021 list and 2025 the May 2025 list. A period that ended before the earliest
 * list held uses that earliest list, marked `inForce: false`, rather than showing no neighbours at all.
 */
export function neighbourListFor<L extends Pick<NeighbourList, 'inForceFrom'>>(
  lists: readonly L[],
  periodEnd: string,
): { list: L; inForce: boolean } | null {
  if (lists.length === 0) return null;
  const sorted = [...lists].sort((a, b) =>
    a.inForceFrom < b.inForceFrom ? -1 : a.inForceFrom > b.inForceFrom ? 1 : 0,
  );
  let chosen: L | undefined;
  for (const list of sorted) if (list.inForceFrom <= periodEnd) chosen = list;
  if (chosen) return { list: chosen, inForce: true };
  return { list: sorted[0] as L, inForce: false };
}

export type AreaValue = {
  areaCode: string;
  areaName: string;
  /** The rate (or count) to compare: computed from counts where published. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** 'figure' when there is a value; 'suppressed' when a marker was published instead; 'missing' when no row. */
  status: 'figure' | 'suppressed' | 'missing';
  marker: string | null;
};

export type NeighbourValue = AreaValue & { rank: number };

export type Comparison = {
  period: string;
  area: AreaValue;
  england: AreaValue;
  region: AreaValue | null;
  neighbours: {
    /** The list used, and whether it was in force at the end of the period (see neighbourListFor). */
    list: { name: string; inForceFrom: string; inForce: boolean } | null;
    /** The unweighted mean of the neighbours' values; null when none of them has one. */
    mean: number | null;
    /** How many neighbours had a figure, of how many in the list. */
    withFigure: number;
    of: number;
    members: NeighbourValue[];
    /** The neighbours without a figure, by name: suppressed or missing. */
    suppressed: string[];
    missing: string[];
  };
};

function areaValue(
  figures: ReadonlyMap<string, BenchmarkFigure>,
  areaCode: string,
  fallbackName: string,
  kind: 'rate' | 'count',
): AreaValue {
  const figure = figures.get(areaCode);
  if (!figure)
    return {
      areaCode,
      areaName: fallbackName,
      value: null,
      numerator: null,
      denominator: null,
      status: 'missing',
      marker: null,
    };
  const value = figureValue(figure, kind);
  return {
    areaCode,
    areaName: figure.areaName,
    value,
    numerator: figure.numerator,
    denominator: figure.denominator,
    status: value === null ? 'suppressed' : 'figure',
    marker: figure.marker,
  };
}

/**
 * The area against England, its region and its statistical neighbours for one period, from the published
 * figures of one measure and breakdown (figures of other periods are ignored). Areas are keyed as published:
 * an LA by its three-digit number, a region by its GSS code, England as E92000001.
 */
export function compareWithBenchmarks(
  figures: readonly BenchmarkFigure[],
  options: {
    period: string;
    /** The area's LA number ("336"). */
    areaCode: string;
    /** The area's region (GSS code), when known. */
    regionCode?: string | null;
    neighbourLists: readonly Pick<NeighbourList, 'name' | 'inForceFrom' | 'neighbours'>[];
    kind?: 'rate' | 'count';
    /** The period's last day, when publishedPeriodEnd cannot tell it. */
    periodEnd?: string;
  },
): Comparison {
  const kind = options.kind ?? 'rate';
  const ofPeriod = new Map<string, BenchmarkFigure>();
  for (const f of figures) if (f.period === options.period) ofPeriod.set(f.areaCode, f);

  const end = options.periodEnd ?? publishedPeriodEnd(options.period);
  const chosen = end === null ? null : neighbourListFor(options.neighbourLists, end);
  const members: NeighbourValue[] = (chosen?.list.neighbours ?? [])
    .filter((n) => n.laNumber === options.areaCode)
    .sort((a, b) => a.rank - b.rank)
    .map((n) => ({ ...areaValue(ofPeriod, n.neighbourLaNumber, n.neighbourName, kind), rank: n.rank }));
  const withFigure = members.filter((m) => m.value !== null);
  const mean =
    withFigure.length === 0
      ? null
      : withFigure.reduce((sum, m) => sum + (m.value as number), 0) / withFigure.length;

  const area = areaValue(ofPeriod, options.areaCode, options.areaCode, kind);
  return {
    period: options.period,
    area,
    england: areaValue(ofPeriod, ENGLAND, 'England', kind),
    region: options.regionCode ? areaValue(ofPeriod, options.regionCode, options.regionCode, kind) : null,
    neighbours: {
      list: chosen
        ? { name: chosen.list.name, inForceFrom: chosen.list.inForceFrom, inForce: chosen.inForce }
        : null,
      mean,
      withFigure: withFigure.length,
      of: members.length,
      members,
      suppressed: members.filter((m) => m.status === 'suppressed').map((m) => m.areaName),
      missing: members.filter((m) => m.status === 'missing').map((m) => m.areaName),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Trend
// ---------------------------------------------------------------------------------------------------------

export type Trend = 'improving' | 'worsening' | 'no change' | 'not comparable';

export type TrendPoint = { period: string; value: number | null };

/**
 * Whether the latest value is better than the one before it, compared as shown (rounded half up to
 * `places`), so that a change too small to see is no change. The latest is the last period of the series;
 * the one before it is the latest earlier period that has a value. Not comparable when the latest period
 * has no value (suppressed or missing: an older pair says nothing about now), with no earlier value, across
 * a series break (a break whose `from` period is after the earlier point and not after the later one), or
 * for a measure that is neither better higher nor lower (a volume; a count with a direction is compared).
 */
export function trend(
  series: readonly TrendPoint[],
  higherIsBetter: boolean | null,
  options: { seriesBreaks?: readonly SeriesBreak[]; places?: number } = {},
): Trend {
  if (higherIsBetter === null) return 'not comparable';
  const hasValue = (p: TrendPoint) => p.value !== null && Number.isFinite(p.value);
  const sorted = [...series].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const latest = sorted.at(-1);
  if (!latest || !hasValue(latest)) return 'not comparable';
  const before = sorted.slice(0, -1).findLast(hasValue);
  if (!before) return 'not comparable';
  for (const b of options.seriesBreaks ?? [])
    if (before.period < b.from && b.from <= latest.period) return 'not comparable';
  const places = options.places ?? 1;
  const a = roundHalfUp(before.value as number, places);
  const z = roundHalfUp(latest.value as number, places);
  if (a === z) return 'no change';
  return z > a === higherIsBetter ? 'improving' : 'worsening';
}
