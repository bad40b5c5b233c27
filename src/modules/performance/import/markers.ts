import { PublishedFileError } from './types.ts';

/**
 * A cell of a published table: a number, or the marker printed instead of one. A marker is never read as
 * zero: where the file prints no number, the figure has none.
 */

export type Cell = { value: number | null; marker: string | null };

/**
 * Every marker the official files print in place of a number, lower case, with what it means in words for a
 * table cell. The one list: the parsers accept these and no other (MARKERS), and the dashboard labels them
 * by it (markerMeaning, through benchmarks.ts markerLabel). Where the publishers give a marker two
 * meanings, the meaning of the file that prints it here wins: the SEND Tribunal table, the only file
 * printing "~", says "~ Suppressed" (the GSS once used it for "rounds to 0").
 */
export const MARKER_MEANINGS: Readonly<Record<string, string>> = {
  // The DfE's explore-education-statistics symbols (the GSS's): "z - Not applicable, x - unavailable" in
  // the EHC plans release's data guidance; c confidential, low "rounds to 0, but is not 0", u low reliability.
  x: 'not available',
  z: 'not applicable',
  c: 'suppressed',
  low: 'rounds to 0, but is not 0',
  u: 'low reliability',
  // The shorthand StatsWales uses for "low figure: appears as a zero when rounded", as "low".
  k: 'rounds to 0, but is not 0',
  // Older DfE and MoJ tables: ".. Not Available" and "~ Suppressed" (the tribunal table's notes), "." not
  // applicable, "*" suppressed, ":" not available (the GSS's older "x"), and "-", which the tribunal table
  // prints for no appeals (with a rate of 0.00%) and the LAIT data store where it has no figure.
  '..': 'not available',
  '.': 'not applicable',
  '~': 'suppressed',
  '*': 'suppressed',
  ':': 'not available',
  '-': 'nil or not available',
  '': 'no figure',
  // The LAIT data store only (lait.ts parseValue): an R export's missing values.
  na: 'not available',
  nan: 'not available',
};

/** Markers of the LAIT data store only: not accepted in a CSV or workbook, where they would mean a wrong file. */
const STORE_ONLY = new Set(['na', 'nan']);

/** Every marker the official tables use, as printed (compared ignoring case and surrounding spaces). */
export const MARKERS: readonly string[] = Object.keys(MARKER_MEANINGS).filter((m) => !STORE_ONLY.has(m));

/** What a printed marker means, in words; undefined for text that is no marker the publishers use. */
export function markerMeaning(marker: string): string | undefined {
  const key = marker.trim().toLowerCase();
  return Object.hasOwn(MARKER_MEANINGS, key) ? MARKER_MEANINGS[key] : undefined;
}

const MARKER_SET = new Set(MARKERS);

// "1,071", "85.700000000000", " 47.665", "1.60%", "-3": thousands separators and a per cent sign are
// typography, not part of the number.
const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

export function parseCell(raw: string): Cell {
  const text = raw.trim();
  if (NUMBER.test(text)) {
    const value = Number(text.replace(/[,%]/g, ''));
    if (Number.isFinite(value)) return { value, marker: null };
  }
  const marker = text.toLowerCase();
  if (MARKER_SET.has(marker)) return { value: null, marker };
  return { value: null, marker: null };
}

/** A cell that must be a number or a known marker; anything else means the file is not what it should be. */
export function readCell(raw: string, where: () => string): Cell {
  const cell = parseCell(raw);
  if (cell.value === null && cell.marker === null) {
    throw new PublishedFileError(
      `${where()}: "${raw.trim().slice(0, 40)}" is neither a number nor a marker the publishers use ` +
        `(${MARKERS.filter(Boolean).join(', ')} or an empty cell)`,
    );
  }
  return cell;
}

/**
 * A rate figure from its counts and the printed rate: the numerator and denominator as published, the
 * value as printed; the marker is the first of the three cells that printed no number. Where the file
 * prints no rate for this ratio (rate undefined), the value is the ratio of the counts as a percentage,
 * unrounded, so that the figure is never stored without a value or a marker.
 */
export function rateFigure(
  numerator: Cell,
  denominator: Cell,
  rate: Cell | undefined,
): { numerator: number | null; denominator: number | null; value: number | null; marker: string | null } {
  let value = rate ? rate.value : null;
  if (!rate && numerator.value !== null && denominator.value !== null && denominator.value > 0) {
    value = (100 * numerator.value) / denominator.value;
  }
  let marker = numerator.marker ?? denominator.marker ?? rate?.marker ?? null;
  // No printed rate and nothing to divide by: the rate is not applicable (z), as the DfE marks it.
  if (value === null && marker === null) marker = 'z';
  return { numerator: numerator.value, denominator: denominator.value, value, marker };
}

/** The sum of two published counts (a denominator the file splits in two), or the first marker. */
export function sumCells(a: Cell, b: Cell): Cell {
  if (a.value !== null && b.value !== null) return { value: a.value + b.value, marker: null };
  return { value: null, marker: a.marker ?? b.marker ?? '' };
}
