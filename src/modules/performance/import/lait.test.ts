import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { measure } from '../domain/catalogue.ts';
import { classifyArea, LAIT_MEASURES, LAIT_PART, parseLaitDataStore, parseValue } from './lait.ts';
import { PublishedFileError } from './types.ts';

describe('parseValue', () => {
  it('reads numbers as printed, without the binary noise of a ×100', () => {
    expect(parseValue('4.8')).toEqual({ value: 4.8, marker: null });
    expect(parseValue('0.70000000000000007')).toEqual({ value: 0.7, marker: null });
    expect(parseValue('4.0999999999999996')).toEqual({ value: 4.1, marker: null });
    expect(parseValue('638745')).toEqual({ value: 638745, marker: null });
    expect(parseValue('1,358')).toEqual({ value: 1358, marker: null });
    expect(parseValue('0.70%')).toEqual({ value: 0.7, marker: null });
    expect(parseValue(' -1.5 ')).toEqual({ value: -1.5, marker: null });
    expect(parseValue('0')).toEqual({ value: 0, marker: null });
    expect(parseValue(12.5)).toEqual({ value: 12.5, marker: null });
  });

  it.each(['x', 'c', 'z', '..', '-', '*', 'low', 'NA', 'NaN', ':'])(
    'keeps the marker %s with no value, never zero',
    (printed) => {
      expect(parseValue(printed)).toEqual({ value: null, marker: printed });
    },
  );

  it('gives an empty or missing cell the empty marker, and a NaN number the NaN marker', () => {
    expect(parseValue('')).toEqual({ value: null, marker: '' });
    expect(parseValue('  ')).toEqual({ value: null, marker: '' });
    expect(parseValue(null)).toEqual({ value: null, marker: '' });
    expect(parseValue(Number.NaN)).toEqual({ value: null, marker: 'NaN' });
  });
});

describe('classifyArea', () => {
  it('files England and the regions under their GSS codes, whatever LAIT numbers them', () => {
    expect(classifyArea('England', 970)).toMatchObject({
      geographicLevel: 'national',
      areaCode: 'E92000001',
      gssCode: 'E92000001',
      unknown: false,
    });
    expect(classifyArea('Yorkshire and the Humber', 982)).toMatchObject({
      geographicLevel: 'regional',
      areaCode: 'E12000003',
      areaName: 'Yorkshire and the Humber',
    });
    expect(classifyArea('West Midlands', 984).areaCode).toBe('E12000005');
    expect(classifyArea('London', 986).areaCode).toBe('E12000007');
    expect(classifyArea('London (Inner)', 987).areaCode).toBe('E13000001');
    expect(classifyArea('London (Outer)', 988).areaCode).toBe('E13000002');
  });

  it('files an LA under its three-digit number, former LAs included', () => {
    expect(classifyArea('Wolverhampton', 336)).toEqual({
      geographicLevel: 'local-authority',
      areaCode: '336',
      gssCode: null,
      areaName: 'Wolverhampton',
      laNumber: '336',
      unknown: false,
    });
    expect(classifyArea('Bournemouth (Pre LG)', 837).areaCode).toBe('837');
    expect(classifyArea('Wolverhampton', '336').areaCode).toBe('336');
  });

  it('keeps an area it cannot place under what was printed, marked unknown', () => {
    expect(classifyArea('Somewhere', null)).toMatchObject({
      geographicLevel: 'local-authority',
      areaCode: 'Somewhere',
      unknown: true,
    });
    expect(classifyArea('Midlands', 995)).toMatchObject({
      geographicLevel: 'regional',
      areaCode: '995',
      unknown: true,
    });
    expect(classifyArea('Oddtown', 12)).toMatchObject({ areaCode: '12', unknown: true });
    expect(classifyArea('Halfway', 336.5)).toMatchObject({ areaCode: '336.5', unknown: true });
    expect(classifyArea('A very long area name indeed', null).areaCode).toHaveLength(20);
  });
});

describe('LAIT_MEASURES', () => {
  it.each(LAIT_MEASURES.map((m) => [m.shortDesc, m] as const))(
    '%s is a catalogue measure, read by its period kind',
    (_, lait) => {
      const defined = measure(lait.measure);
      expect(defined, lait.measure).toBeDefined();
      expect(defined?.sources).toContain('published');
      expect(defined?.periodKind).toBe(lait.periodKind);
    },
  );

  it('reads SEN_NOT_ISSUE_PLAN_16WKS as the no-plan decisions within 16 weeks, and stores every store under one part', () => {
    expect(LAIT_MEASURES.find((m) => m.shortDesc === 'SEN_NOT_ISSUE_PLAN_16WKS')).toMatchObject({
      measure: 'no-plan-decisions-within-16-weeks',
      periodKind: 'calendar-year',
    });
    expect(LAIT_PART).toBe('LAIT data store');
  });

  it('maps each LAIT code to one measure and each measure from one code', () => {
    expect(new Set(LAIT_MEASURES.map((m) => m.shortDesc)).size).toBe(LAIT_MEASURES.length);
    expect(new Set(LAIT_MEASURES.map((m) => m.measure)).size).toBe(LAIT_MEASURES.length);
  });
});

describe('parseLaitDataStore refuses what is not the data store', () => {
  it('a CSV', async () => {
    const csv = strToU8('Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n');
    await expect(parseLaitDataStore({ name: 'lait.csv', bytes: csv })).rejects.toThrow(PublishedFileError);
    await expect(parseLaitDataStore({ name: 'lait.csv', bytes: csv })).rejects.toThrow(
      /lait\.csv is not the LAIT data store: expected .* a Parquet file with the columns Short Desc, Data item, Years/,
    );
  });

  it('a Parquet header with no footer (a cut-off download)', async () => {
    const bytes = strToU8('PAR1\u0015\u0004\u0015\u0010\u0015\u0014L\u0015\u0002\u0015\u0000');
    await expect(parseLaitDataStore({ name: 'lait_bds_long_0.parquet', bytes })).rejects.toThrow(
      /footer cannot be read .* truncated/,
    );
  });

  it('an empty file', async () => {
    await expect(parseLaitDataStore({ name: 'empty.parquet', bytes: new Uint8Array() })).rejects.toThrow(
      PublishedFileError,
    );
  });
});
