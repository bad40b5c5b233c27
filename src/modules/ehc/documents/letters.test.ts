import { inflateRawSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import {
  decisionLetter,
  LETTER_TYPES,
  letterContent,
  letterToDocx,
  type DecisionLetterInput,
  type LetterType,
} from './letters.ts';

/** One file from a zip, read through its central directory, so the test does not trust docx to read itself. */
function unzipEntry(zip: Buffer, name: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Not a zip: no end of central directory');
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i += 1) {
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`No ${name} in the zip`);
}

function decode(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphsStyled(xml: string, style: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => decode([...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

const REASONS =
  "The evidence shows Sam's needs are being met through SEN support: he has made expected progress in reading & maths over two terms.";

function letter(letterType: LetterType, overrides: Partial<DecisionLetterInput> = {}): DecisionLetterInput {
  return {
    councilName: 'Anyshire County Council',
    serviceName: 'SEND Service',
    letterType,
    date: '2026-03-03',
    recipientName: 'Alex Example',
    childName: 'Sam Example',
    caseReference: 'EHC-2026-0001',
    ...(letterType === 'decided-to-assess' || letterType === 'final-plan-issued' ? {} : { reasons: REASONS }),
    ...overrides,
  };
}

function text(input: DecisionLetterInput): string {
  return letterContent(input).paragraphs.join('\n');
}

const REFUSALS = ['decided-not-to-assess', 'decided-not-to-issue-plan'] as const;

describe('letterContent', () => {
  it.each(LETTER_TYPES)('%s: opens with the date, reference and salutation and signs off', (type) => {
    const { title, paragraphs } = letterContent(letter(type));
    expect(title).toContain('Sam Example');
    expect(paragraphs.slice(0, 3)).toEqual([
      '3 March 2026',
      'Our reference: EHC-2026-0001',
      'Dear Alex Example',
    ]);
    expect(paragraphs.slice(-3)).toEqual(['Yours sincerely', 'SEND Service', 'Anyshire County Council']);
    expect(paragraphs.join('')).not.toMatch(/<[a-z/]/i);
  });

  it.each(REFUSALS)('%s: gives the reasons verbatim under their own heading', (type) => {
    const reasons = 'First reason.\nSecond reason, with <angle brackets> & an ampersand.';
    const { paragraphs } = letterContent(letter(type, { reasons }));
    expect(paragraphs[paragraphs.indexOf('Our reasons') + 1]).toBe(reasons);
  });

  it.each(REFUSALS)('%s: will not be written without reasons', (type) => {
    expect(() => letterContent(letter(type, { reasons: '  ' }))).toThrow(RangeError);
    expect(() => letterContent(letter(type, { reasons: undefined }))).toThrow(/must give the reasons/);
  });

  it.each(REFUSALS)(
    '%s: sets out the appeal rights, mediation, deadline, disagreement resolution and IASS',
    (type) => {
      const body = text(letter(type));
      expect(body).toContain(
        'You have the right to appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability).',
      );
      expect(body).toContain(
        'Before you can appeal, you must contact a mediation adviser and consider mediation. You do not have to take part in mediation, but you will need a mediation certificate from the adviser to register an appeal.',
      );
      expect(body).toContain(
        'You do not need a mediation certificate if your appeal is only about the school or other institution named in a plan, or its type.',
      );
      expect(body).toContain(
        'You must register an appeal within 2 months of the date of this letter (3 March 2026), or within 1 month of the date of your mediation certificate, whichever is later.',
      );
      expect(body).toContain('disagreement resolution service');
      expect(body).toContain('Information, Advice and Support Service (SENDIASS)');
      for (const heading of [
        'Your right to appeal',
        'Mediation',
        'Disagreement resolution',
        'Free, impartial advice',
      ])
        expect(letterContent(letter(type)).paragraphs).toContain(heading);
    },
  );

  it('points to the Local Offer for contacts it was not given, and gives those it was', () => {
    const without = letterContent(letter('decided-not-to-assess')).paragraphs;
    expect(without.filter((p) => p === 'Their contact details are in our SEND Local Offer.')).toHaveLength(3);
    const body = text(
      letter('decided-not-to-assess', {
        contacts: {
          informationAdviceAndSupport: 'Anyshire SENDIASS, 01234 567890',
          mediation: 'Anyshire Mediation, 01234 000111',
          disagreementResolution: 'Anyshire Disagreement Resolution, 01234 000222',
        },
      }),
    );
    expect(body).toContain('Contact SENDIASS: Anyshire SENDIASS, 01234 567890');
    expect(body).toContain('Contact the mediation adviser: Anyshire Mediation, 01234 000111');
    expect(body).toContain(
      'Contact the disagreement resolution service: Anyshire Disagreement Resolution, 01234 000222',
    );
    expect(body).not.toContain('Local Offer');
  });

  it('decided-to-assess: explains what happens next, with no appeal rights', () => {
    const body = text(letter('decided-to-assess'));
    expect(body).toContain('We have decided to carry out the assessment.');
    expect(body).toContain('within 16 weeks');
    expect(body).toContain('SENDIASS');
    expect(body).not.toContain('appeal');
    expect(body).not.toContain('Our reasons');
  });

  it('decided-not-to-issue-plan: says the assessment is finished and no plan will be issued', () => {
    expect(letterContent(letter('decided-not-to-issue-plan')).title).toBe(
      'Decision: we will not issue an education, health and care plan for Sam Example',
    );
    expect(text(letter('decided-not-to-issue-plan'))).toContain('We have decided not to issue an EHC plan.');
  });

  it('final-plan-issued: names the setting and gives appeal rights about sections B, F and I', () => {
    const body = text(letter('final-plan-issued', { namedSetting: 'Oak Tree Primary School' }));
    expect(body).toContain('Section I of the plan names Oak Tree Primary School.');
    expect(body).toContain(
      'You have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability) about the special educational needs described in section B of the plan, the special educational provision in section F, and the school or other institution named in section I',
    );
    expect(body).toContain(
      'You do not need a mediation certificate if your appeal is only about the school or other institution named in section I, or its type.',
    );
    expect(body).toContain('within 2 months of the date of this letter (3 March 2026)');
    expect(body).not.toContain('Our reasons');
  });

  it('is built from decisionLetter, whose parts keep their headings', () => {
    const structured = decisionLetter(letter('decided-not-to-assess'));
    expect(structured.date).toBe('3 March 2026');
    expect(structured.parts.map((p) => p.heading)).toEqual([
      null,
      'Our reasons',
      null,
      'Your right to appeal',
      'Mediation',
      'Disagreement resolution',
      'Free, impartial advice',
    ]);
  });
});

describe('letterToDocx', () => {
  it.each(LETTER_TYPES)('%s: is a .docx with the title as Heading 1 and the council named', async (type) => {
    const docx = await letterToDocx(letter(type));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = unzipEntry(docx, 'word/document.xml');
    expect(paragraphsStyled(xml, 'Heading1')).toEqual([letterContent(letter(type)).title]);
    expect(decode(xml)).toContain('Anyshire County Council');
    expect(unzipEntry(docx, 'docProps/core.xml')).toContain(
      '<dc:creator>Anyshire County Council</dc:creator>',
    );
    expect(unzipEntry(docx, 'word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
  });

  it('puts the reasons and the appeal rights in the Word document, with the rights under Heading 2', async () => {
    const xml = unzipEntry(await letterToDocx(letter('decided-not-to-assess')), 'word/document.xml');
    expect(decode(xml)).toContain(REASONS);
    expect(paragraphsStyled(xml, 'Heading2')).toEqual([
      'Our reasons',
      'Your right to appeal',
      'Mediation',
      'Disagreement resolution',
      'Free, impartial advice',
    ]);
    expect(decode(xml)).toContain('whichever is later');
  });

  it('writes field text as text, never as markup', async () => {
    const xml = unzipEntry(
      await letterToDocx(letter('decided-not-to-assess', { reasons: '<script>alert(1)</script>' })),
      'word/document.xml',
    );
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
  });
});
