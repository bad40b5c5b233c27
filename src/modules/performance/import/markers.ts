import { PublishedFileError } from './types.ts';

/**
 * A cell of a published table: a number, or the marker printed instead of one. The DfE prints x
 * (unavailable), z (not applicable), c (confidential), low, u and k; the MoJ tables print ".." (not
 * available), "-" (nil or not applicable), "~" (suppressed) and "*"; an empty cell is kept as "". A
 * marker is never read as zero: where the file prints no number, the figure has none.
 */

export type Cell = { value: number | null; marker: string | null };

/** Every marker the official files use, as printed (compared ignoring case and surrounding spaces). */
export const MARKERS: readonly string[] = ['x', 'z', 'c', 'low', 'u', 'k', '..', '.', '-', '*', '~', ':', ''];

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
