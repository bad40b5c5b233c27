import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkAdviceFile, MAX_UPLOAD_BYTES, safeFileName, zipEntryNames } from './advice-file.ts';

/** A minimal real zip with the given entry names (stored, no compression). */
function zip(names: string[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const data = Buffer.from('<x/>');
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, centralDirectory, end]));
}

describe('checkAdviceFile', () => {
  it('accepts a PDF by its content', () => {
    expect(checkAdviceFile(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'))).toEqual({
      ok: true,
      file: { mediaType: 'application/pdf', extension: 'pdf' },
    });
  });

  it('accepts a Word document only when the zip holds word/document.xml', () => {
    expect(zipEntryNames(zip(['[Content_Types].xml', 'word/document.xml']))).toEqual([
      '[Content_Types].xml',
      'word/document.xml',
    ]);
    expect(checkAdviceFile(zip(['[Content_Types].xml', 'word/document.xml']))).toMatchObject({
      ok: true,
      file: { extension: 'docx' },
    });
    expect(checkAdviceFile(zip(['[Content_Types].xml', 'xl/workbook.xml'])).ok).toBe(false);
  });

  it('accepts a Word 97-2003 document by its compound file signature', () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(checkAdviceFile(doc)).toMatchObject({ ok: true, file: { extension: 'doc' } });
  });

  it('refuses text renamed as a PDF, an empty file, a broken zip and an oversized file', () => {
    expect(checkAdviceFile(new TextEncoder().encode('not really a pdf'))).toEqual({
      ok: false,
      message: 'The selected file must be a PDF or a Word document',
    });
    expect(checkAdviceFile(new Uint8Array())).toEqual({ ok: false, message: 'The selected file is empty' });
    expect(checkAdviceFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).ok).toBe(false);
    expect(checkAdviceFile(deflateRawSync(Buffer.alloc(10))).ok).toBe(false);
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(checkAdviceFile(big)).toEqual({
      ok: false,
      message: 'The selected file must be smaller than 20MB',
    });
  });
});

describe('safeFileName', () => {
  it('drops paths and markup and uses the extension the content showed', () => {
    expect(safeFileName('C:\\Users\\me\\advice <final>.PDF', 'pdf')).toBe('advice final.pdf');
    expect(safeFileName('../../etc/passwd', 'docx')).toBe('passwd.docx');
    expect(safeFileName('', 'pdf')).toBe('advice.pdf');
  });
});
