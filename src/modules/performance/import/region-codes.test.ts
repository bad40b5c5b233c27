import { describe, expect, it } from 'vitest';
import { ENGLISH_REGIONS, isEnglandName, regionGssCode } from './region-codes.ts';

describe('regionGssCode', () => {
  it('gives the nine English regions E12000001 to E12000009', () => {
    expect(ENGLISH_REGIONS.map((r) => regionGssCode(r.name))).toEqual(
      Array.from({ length: 9 }, (_, i) => `E1200000${i + 1}`),
    );
  });

  it('reads the names as the LAIT and the tribunal table print them', () => {
    expect(regionGssCode('Yorkshire and the Humber')).toBe('E12000003');
    expect(regionGssCode('YORKSHIRE AND THE HUMBER')).toBe('E12000003');
    expect(regionGssCode('Yorkshire & Humber')).toBe('E12000003');
    expect(regionGssCode('EAST OF ENGLAND')).toBe('E12000006');
    expect(regionGssCode('East')).toBe('E12000006');
    expect(regionGssCode('  north   east ')).toBe('E12000001');
    expect(regionGssCode('London (Inner)')).toBe('E13000001');
    expect(regionGssCode('Outer London')).toBe('E13000002');
  });

  it('knows no LA as a region', () => {
    expect(regionGssCode('Wolverhampton')).toBeUndefined();
    expect(regionGssCode('West Midlands Combined Authority')).toBeUndefined();
    expect(regionGssCode('')).toBeUndefined();
  });

  it('knows England', () => {
    expect(isEnglandName('England')).toBe(true);
    expect(isEnglandName('ENGLAND')).toBe(true);
    expect(isEnglandName('England Total')).toBe(true);
    expect(isEnglandName('East of England')).toBe(false);
  });
});
