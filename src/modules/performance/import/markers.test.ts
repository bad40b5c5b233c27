import { describe, expect, it } from 'vitest';
import {
  MARKER_MEANINGS,
  MARKERS,
  markerMeaning,
  parseCell,
  rateFigure,
  readCell,
  sumCells,
} from './markers.ts';
import { PublishedFileError } from './types.ts';

describe('parseCell', () => {
  it('reads numbers as printed: thousands separators, per cent signs, spaces and long decimals', () => {
    expect(parseCell('1,071')).toEqual({ value: 1071, marker: null });
    expect(parseCell('"364,912"'.replace(/"/g, ''))).toEqual({ value: 364912, marker: null });
    expect(parseCell('1.60%')).toEqual({ value: 1.6, marker: null });
    expect(parseCell(' 47.665')).toEqual({ value: 47.665, marker: null });
    expect(parseCell('85.700000000000')).toEqual({ value: 85.7, marker: null });
    expect(parseCell('0')).toEqual({ value: 0, marker: null });
    expect(parseCell('-3')).toEqual({ value: -3, marker: null });
  });

  it('keeps every suppression and missing marker as a marker with no value, never zero', () => {
    for (const printed of ['x', 'z', 'c', '..', '-', '*', 'low', '~']) {
      expect(parseCell(printed)).toEqual({ value: null, marker: printed });
    }
    expect(parseCell(' - ')).toEqual({ value: null, marker: '-' });
    expect(parseCell(' .. ')).toEqual({ value: null, marker: '..' });
    expect(parseCell('X')).toEqual({ value: null, marker: 'x' });
    expect(parseCell('')).toEqual({ value: null, marker: '' });
    expect(parseCell('  ')).toEqual({ value: null, marker: '' });
  });

  it('gives neither for text that is not a number or a marker', () => {
    expect(parseCell('N/A')).toEqual({ value: null, marker: null });
    expect(parseCell('12,34')).toEqual({ value: null, marker: null });
    expect(parseCell('1.2.3')).toEqual({ value: null, marker: null });
  });
});

describe('the markers and their meanings', () => {
  it('is one list: every marker a table parser accepts has a meaning, and nothing else is accepted', () => {
    for (const printed of MARKERS) {
      expect(parseCell(printed).marker, printed).toBe(printed);
      expect(markerMeaning(printed), printed).toBe(MARKER_MEANINGS[printed]);
    }
    expect(markerMeaning('~')).toBe('suppressed'); // the tribunal table: "~ Suppressed"
    expect(markerMeaning('..')).toBe('not available'); // the tribunal table: ".. Not Available"
    expect(markerMeaning(' K ')).toBe('rounds to 0, but is not 0');
    expect(markerMeaning('unknown')).toBeUndefined();
    // The LAIT store's NA and NaN have a meaning, but a CSV printing them is not a file the DfE publishes.
    expect(markerMeaning('NaN')).toBe('not available');
    expect(parseCell('NA')).toEqual({ value: null, marker: null });
    expect(() => readCell('NA', () => 'caseload.csv line 4, column ehcplans')).toThrow(PublishedFileError);
  });
});

describe('readCell', () => {
  it('refuses a cell that is neither, saying where', () => {
    expect(() => readCell('twelve', () => 'caseload.csv line 4, column ehcplans')).toThrow(
      PublishedFileError,
    );
    expect(() => readCell('twelve', () => 'caseload.csv line 4, column ehcplans')).toThrow(
      /caseload.csv line 4, column ehcplans: "twelve" is neither a number nor a marker/,
    );
  });
});

describe('rateFigure', () => {
  const n = (value: number) => ({ value, marker: null });
  const m = (marker: string) => ({ value: null, marker });

  it('keeps the counts and the printed rate as they are', () => {
    expect(rateFigure(n(206), n(395), n(52.2))).toEqual({
      numerator: 206,
      denominator: 395,
      value: 52.2,
      marker: null,
    });
  });

  it('takes the marker of the first cell without a number', () => {
    expect(rateFigure(m('x'), m('x'), m('x'))).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      marker: 'x',
    });
    expect(rateFigure(n(5), n(0), m('z'))).toEqual({
      numerator: 5,
      denominator: 0,
      value: null,
      marker: 'z',
    });
    // The tribunal table prints "-" for no appeals, and 0.00% for the rate: both kept as printed.
    expect(rateFigure(m('-'), n(450), n(0))).toEqual({
      numerator: null,
      denominator: 450,
      value: 0,
      marker: '-',
    });
  });

  it('computes the rate, unrounded, only where the file prints none', () => {
    expect(rateFigure(n(1), n(3), undefined).value).toBeCloseTo(33.3333333, 6);
    expect(rateFigure(n(0), n(0), undefined)).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      marker: 'z',
    });
    expect(rateFigure(n(0), m('z'), undefined)).toEqual({
      numerator: 0,
      denominator: null,
      value: null,
      marker: 'z',
    });
  });
});

describe('sumCells', () => {
  it('adds two counts, or gives the first marker', () => {
    expect(sumCells({ value: 560, marker: null }, { value: 14, marker: null })).toEqual({
      value: 574,
      marker: null,
    });
    expect(sumCells({ value: 560, marker: null }, { value: null, marker: 'x' })).toEqual({
      value: null,
      marker: 'x',
    });
  });
});
