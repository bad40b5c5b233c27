import { describe, expect, it } from 'vitest';
import { createLaNameMap, KNOWN_WRONG_CODES, normaliseLaName } from './la-names.ts';

function releaseMap() {
  const map = createLaNameMap();
  const add = (laNumber: string, gssCode: string, name: string, timePeriod: string) =>
    map.add({ laNumber, gssCode, name, regionCode: 'E12000009', regionName: 'South West', timePeriod });
  add('835', 'E10000009', 'Dorset', '201819');
  add('838', 'E06000059', 'Dorset', '2019');
  add('838', 'E06000059', 'Dorset', '202425');
  add('840', 'E06000047', 'County Durham', '2024');
  add('884', 'E06000019', 'Herefordshire, County of', '2024');
  add('892', 'E06000018', 'Nottingham', '2024');
  add('891', 'E10000024', 'Nottinghamshire', '2024');
  add('342', 'E08000013', 'St. Helens', '2024');
  add('825', 'E06000060', 'Buckinghamshire', '2021');
  add('825', 'E10000002', 'Buckinghamshire', '202425');
  return map;
}

describe('normaliseLaName', () => {
  it('ignores case, punctuation, "&" and footnote numbers', () => {
    expect(normaliseLaName('Northamptonshire7')).toBe('northamptonshire');
    expect(normaliseLaName('"Bournemouth, Christchurch and Poole5"'.replace(/"/g, ''))).toBe(
      'bournemouth christchurch and poole',
    );
    expect(normaliseLaName('England Total4,9')).toBe('england total');
    expect(normaliseLaName('Westmorland & Furness')).toBe('westmorland and furness');
    expect(normaliseLaName('St. Helens')).toBe('st helens');
  });
});

describe('the LA name map', () => {
  it('finds an LA by the name the release uses, whatever code another table prints', () => {
    const map = releaseMap();
    expect(map.lookup('Nottingham', 2020)?.laNumber).toBe('892');
    expect(map.lookup('Nottinghamshire', 2020)?.laNumber).toBe('891');
    expect(map.lookup('St Helens', 2020)?.laNumber).toBe('342');
    expect(KNOWN_WRONG_CODES.map((k) => k.name)).toEqual([
      'Nottingham',
      'Nottinghamshire',
      'Northamptonshire',
      'Cambridgeshire',
      'Central Bedfordshire',
    ]);
  });

  it('knows the other spellings of the curated list', () => {
    const map = releaseMap();
    expect(map.lookup('Durham', 2024)?.laNumber).toBe('840');
    expect(map.lookup('Herefordshire', 2024)?.laNumber).toBe('884');
  });

  it('gives Dorset its number of the year: 835 until 2018, 838 from 2019', () => {
    const map = releaseMap();
    expect(map.lookup('Dorset6', 2018)?.laNumber).toBe('835');
    expect(map.lookup('Dorset6', 2018)?.gssCode).toBe('E10000009');
    expect(map.lookup('Dorset6', 2019)?.laNumber).toBe('838');
  });

  it('keeps the GSS code of the latest period, and does not know names it was not given', () => {
    const map = releaseMap();
    expect(map.byNumber('825')?.gssCode).toBe('E10000002');
    expect(map.byNumber('825')?.years).toEqual([2021, 2025]);
    expect(map.lookup('Atlantis', 2024)).toBeUndefined();
  });
});
