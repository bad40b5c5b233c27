/**
 * What an uploaded advice or consultation response really is, decided by its content, never by its name or
 * the type the browser claimed: a PDF, a Word document (.docx, a zip holding word/document.xml) or an older
 * Word 97-2003 document (an OLE compound file). Anything else is refused.
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type AcceptedFile = {
  mediaType:
    | 'application/pdf'
    | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    | 'application/msword';
  extension: 'pdf' | 'docx' | 'doc';
};

export type FileCheck = { ok: true; file: AcceptedFile } | { ok: false; message: string };

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The names of a zip's entries, read from its central directory (only names: nothing is unpacked). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record is in the last 22 + 65,535 bytes.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

export function checkAdviceFile(bytes: Uint8Array): FileCheck {
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty' };
  if (bytes.length > MAX_UPLOAD_BYTES)
    return { ok: false, message: 'The selected file must be smaller than 20MB' };
  if (startsWith(bytes, PDF)) return { ok: true, file: { mediaType: 'application/pdf', extension: 'pdf' } };
  if (startsWith(bytes, OLE))
    return { ok: true, file: { mediaType: 'application/msword', extension: 'doc' } };
  if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes);
    if (names?.includes('[Content_Types].xml') && names.includes('word/document.xml'))
      return {
        ok: true,
        file: {
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extension: 'docx',
        },
      };
  }
  return { ok: false, message: 'The selected file must be a PDF or a Word document' };
}

/** A file name safe to show and to offer for download: no path, no control or markup characters. */
export function safeFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '')
    .trim()
    .slice(0, 120);
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'advice';
  return `${stem}.${extension}`;
}
