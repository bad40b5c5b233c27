import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_OUTCOMES,
  CEASE_REASONS,
  REQUEST_OUTCOMES,
  REQUEST_SOURCES,
  REVIEW_OUTCOMES,
  SEN2_CODE_LISTS,
  SEN_NEED_RANKS,
  SEN_SETTINGS,
  SEN_TYPES,
  isSen2Code,
  sen2Label,
  type Sen2Code,
} from './sen2-codes.ts';

const codes = (list: readonly Sen2Code[]) => list.map((entry) => entry.code);

describe.each(Object.entries(SEN2_CODE_LISTS))('SEN2 list %s', (_name, list: readonly Sen2Code[]) => {
  it('has no code twice', () => {
    expect(new Set(codes(list)).size).toBe(list.length);
  });

  it('labels every code, each label different', () => {
    for (const entry of list) expect(entry.label.trim()).not.toBe('');
    expect(new Set(list.map((entry) => entry.label)).size).toBe(list.length);
  });

  it('recognises each of its codes', () => {
    for (const entry of list) expect(isSen2Code(list, entry.code)).toBe(true);
  });
});

// The codes exactly as shared/design/statistics-and-sen2.md gives them, in its order.
describe('the codes are those of the SEN2 reference', () => {
  it('SEN type', () => {
    expect(codes(SEN_TYPES)).toEqual([
      'SPLD',
      'MLD',
      'SLD',
      'PMLD',
      'SEMH',
      'SLCN',
      'HI',
      'VI',
      'MSI',
      'PD',
      'ASD',
      'DS',
      'OTH',
    ]);
  });

  it('SEN need rank', () => {
    expect(codes(SEN_NEED_RANKS)).toEqual([1, 2]);
  });

  it('request source', () => {
    expect(codes(REQUEST_SOURCES)).toEqual([1, 2, 3, 4, 5]);
  });

  it('request and assessment outcome', () => {
    expect(codes(REQUEST_OUTCOMES)).toEqual(['Y', 'N', 'A', 'W', 'H']);
    expect(codes(ASSESSMENT_OUTCOMES)).toEqual(['Y', 'N', 'A', 'W', 'H']);
  });

  it('cease reason', () => {
    expect(codes(CEASE_REASONS)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('SEN setting', () => {
    expect(codes(SEN_SETTINGS)).toEqual(['OLA', 'OPA', 'EHE', 'EYP', 'OTH', 'NEET', 'NIEC', 'NIEO']);
  });

  it('review outcome', () => {
    expect(codes(REVIEW_OUTCOMES)).toEqual(['A', 'C', 'M']);
  });
});

describe('isSen2Code', () => {
  it('rejects what is not on the list', () => {
    expect(isSen2Code(SEN_TYPES, 'NSA')).toBe(false); // school census only: no EHC plan records it
    expect(isSen2Code(SEN_TYPES, 'spld')).toBe(false);
    expect(isSen2Code(CEASE_REASONS, 10)).toBe(false);
    expect(isSen2Code(REVIEW_OUTCOMES, 'W')).toBe(false);
    expect(isSen2Code(REQUEST_SOURCES, undefined)).toBe(false);
  });

  it('compares exactly, so a form’s string is converted first', () => {
    expect(isSen2Code(REQUEST_SOURCES, '5')).toBe(false);
    expect(isSen2Code(REQUEST_SOURCES, Number('5'))).toBe(true);
  });

  it('narrows the value to the list’s code type', () => {
    const value: unknown = 'ASD';
    if (!isSen2Code(SEN_TYPES, value)) throw new Error('expected a SEN type');
    const senType: (typeof SEN_TYPES)[number]['code'] = value;
    expect(senType).toBe('ASD');
  });
});

describe('sen2Label', () => {
  it('gives the label of a code', () => {
    expect(sen2Label(SEN_TYPES, 'SEMH')).toBe('Social, emotional and mental health');
    expect(sen2Label(CEASE_REASONS, 5)).toBe('Moved to another local authority in England');
    expect(sen2Label(ASSESSMENT_OUTCOMES, 'W')).toBe('Withdrawn or ceased before the decision');
  });

  it('refuses a code the list does not have', () => {
    expect(() => sen2Label(SEN_SETTINGS, 'XYZ' as never)).toThrow(RangeError);
  });
});
