import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, isZip, MAX_ENTRY_BYTES, openZip } from './zip.ts';
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

  it('refuses a file whose declared size is over the limit, before inflating it (a zip bomb)', () => {
    const bytes = archive();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Declare data/a.csv as 300 MB in its local header and in the table of contents, as a bomb would.
    const declared = 300_000_000;
    expect(declared).toBeGreaterThan(MAX_ENTRY_BYTES);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i += 1) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50 && view.getUint16(i + 26, true) === 10) {
        if (new TextDecoder().decode(bytes.subarray(i + 30, i + 40)) !== 'data/a.csv') continue;
        view.setUint32(i + 22, declared, true);
        patched += 1;
      }
      if (signature === 0x02014b50 && view.getUint16(i + 28, true) === 10) {
        if (new TextDecoder().decode(bytes.subarray(i + 46, i + 56)) !== 'data/a.csv') continue;
        view.setUint32(i + 24, declared, true);
        patched += 1;
      }
    }
    expect(patched).toBe(2);
    const zip = openZip(bytes, 'bomb.zip', 'the release');
    expect(zip.entries.find((e) => e.name === 'data/a.csv')?.size).toBe(declared);
    expect(() => zip.extract(['data/a.csv'])).toThrow(PublishedFileError);
    // Refused for its size, not found damaged after inflating (which the checksum check would report).
    expect(() => zip.extract(['data/a.csv'])).toThrow(
      /bomb.zip: data\/a.csv would unpack to 300 MB, more than the limit of 200 MB .* so it was not unpacked: expected the release/,
    );
    // The other files are still read.
    expect(new TextDecoder().decode(zip.extract(['data/b.csv']).get('data/b.csv'))).toBe(
      'stored, not deflated',
    );
  });

  it('says which file is missing', () => {
    expect(() => openZip(archive(), 'r.zip', 'the release').extract(['data/c.csv'])).toThrow(
      'r.zip has no data/c.csv: expected the release',
    );
  });
});
