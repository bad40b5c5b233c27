import { unzipSync } from 'fflate';
import { PublishedFileError } from './types.ts';

/**
 * Reading a zip as published: its table of contents (the central directory at the end, so a download
 * cut short has none and is refused), and the files asked for, each checked against the CRC-32 and size
 * the directory records, since fflate inflates without checking either and a damaged byte in the middle
 * would otherwise pass as a different number.
 */

export type ZipEntry = { name: string; crc32: number; size: number };

/**
 * No file of a published release unpacks to more than this (the largest CSV of the 2025 release is 6.4 MB):
 * an entry that says it would is a zip bomb or the wrong file, refused before anything is inflated. As
 * xlsx.ts caps a workbook's parts.
 */
export const MAX_ENTRY_BYTES = 200_000_000;

export type ZipArchive = {
  entries: ZipEntry[];
  has: (name: string) => boolean;
  /** The files named, decompressed and checked. */
  extract: (names: readonly string[]) => Map<string, Uint8Array>;
};

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i += 1)
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** The central directory: every file's name, CRC-32 and size. Undefined when there is none to be found. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || count === 0xffff) return undefined; // zip64: not a file the DfE publishes
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const flags = view.getUint16(offset + 8, true);
    const crc = view.getUint32(offset + 16, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const rawName = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    entries.push({ name, crc32: crc, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function openZip(bytes: Uint8Array, fileLabel: string, expected: string): ZipArchive {
  if (!isZip(bytes)) throw new PublishedFileError(`${fileLabel} is not a zip file: expected ${expected}`);
  const entries = centralDirectory(bytes);
  if (!entries) {
    throw new PublishedFileError(
      `${fileLabel} is not a complete zip file (its table of contents is missing: the download may have been cut short): expected ${expected}`,
    );
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    entries,
    has: (name) => byName.has(name),
    extract: (names) => {
      const wanted = new Set(names);
      // The sizes the table of contents declares, checked before inflating: fflate makes a buffer of the
      // declared size for each file, so a file declaring gigabytes would be allocated before any check.
      for (const name of names) {
        const entry = byName.get(name);
        if (entry && entry.size > MAX_ENTRY_BYTES) throw tooLarge(fileLabel, name, entry.size, expected);
      }
      let files: Record<string, Uint8Array>;
      let oversized: { name: string; size: number } | undefined;
      try {
        files = unzipSync(bytes, {
          filter: (f) => {
            if (!wanted.has(f.name)) return false;
            // fflate reads the sizes again as it goes: a second check on what it will inflate.
            if (f.originalSize > MAX_ENTRY_BYTES) oversized ??= { name: f.name, size: f.originalSize };
            return oversized === undefined;
          },
        });
      } catch (error) {
        throw new PublishedFileError(
          `${fileLabel} is damaged (${(error as Error).message}): expected ${expected}`,
        );
      }
      if (oversized) throw tooLarge(fileLabel, oversized.name, oversized.size, expected);
      const out = new Map<string, Uint8Array>();
      for (const name of names) {
        const data = files[name];
        const entry = byName.get(name);
        if (!data || !entry)
          throw new PublishedFileError(`${fileLabel} has no ${name}: expected ${expected}`);
        if (data.length !== entry.size || crc32(data) !== entry.crc32) {
          throw new PublishedFileError(
            `${fileLabel} is damaged: ${name} does not match the checksum the zip records for it. Download the file again.`,
          );
        }
        out.set(name, data);
      }
      return out;
    },
  };
}

function tooLarge(fileLabel: string, name: string, size: number, expected: string): PublishedFileError {
  return new PublishedFileError(
    `${fileLabel}: ${name} would unpack to ${Math.round(size / 1e6).toLocaleString('en-GB')} MB, more than the limit of ${MAX_ENTRY_BYTES / 1e6} MB (no published file comes near it), so it was not unpacked: expected ${expected}`,
  );
}
