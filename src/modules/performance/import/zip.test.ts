import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, isZip, openZip } from './zip.ts';
import { PublishedFileError } from './types.ts';

const archive = () =>
  zipSync({
    'data/a.csv': strToU8('time_period\n2024\n'),
    'data/b.csv': [strToU8('stored, not deflated'), { level: 0 }],
  });

describe('crc32', () => {
  it('is the standard CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('openZip', () => {
  it('lists the files and extracts those asked for', () => {
    const zip = openZip(archive(), 'r.zip', 'the release');
    expect(zip.entries.map((e) => e.name)).toEqual(['data/a.csv', 'data/b.csv']);
    expect(zip.has('data/a.csv')).toBe(true);
    const files = zip.extract(['data/a.csv']);
    expect(new TextDecoder().decode(files.get('data/a.csv'))).toBe('time_period\n2024\n');
  });

  it('refuses what is not a zip', () => {
    expect(isZip(strToU8('time_period,la_name'))).toBe(false);
    expect(() => openZip(strToU8('time_period'), 'r.zip', 'the release zip')).toThrow(
      'r.zip is not a zip file: expected the release zip',
    );
  });

  it('refuses a zip cut short, whose table of contents is missing', () => {
    const bytes = archive();
    expect(() => openZip(bytes.subarray(0, bytes.length - 30), 'cut.zip', 'the release zip')).toThrow(
      /cut.zip is not a complete zip file .*cut short.*: expected the release zip/,
    );
  });

  it('refuses a damaged file inside the zip by its checksum', () => {
    const bytes = archive();
    const at = [...bytes].findIndex(
      (_, i) => new TextDecoder().decode(bytes.subarray(i, i + 6)) === 'stored',
    );
    const damaged = bytes.slice();
    damaged[at] = 'S'.charCodeAt(0);
    const zip = openZip(damaged, 'r.zip', 'the release');
    expect(() => zip.extract(['data/b.csv'])).toThrow(PublishedFileError);
    expect(() => zip.extract(['data/b.csv'])).toThrow(
      /r.zip is damaged: data\/b.csv does not match the checksum/,
    );
  });

  it('says which file is missing', () => {
    expect(() => openZip(archive(), 'r.zip', 'the release').extract(['data/c.csv'])).toThrow(
      'r.zip has no data/c.csv: expected the release',
    );
  });
});
