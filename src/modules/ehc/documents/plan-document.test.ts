import { inflateRawSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import {
  emptyPlanContent,
  PLAN_SECTIONS,
  type PlanContent,
  type PlanProvision,
} from '../domain/plan-content.ts';
import {
  DRAFT_NO_PLACEMENT,
  meets,
  NONE_RECORDED,
  planDetails,
  planSectionsForDisplay,
  planToDocx,
  type PlanDocumentInput,
} from './plan-document.ts';

/** One file from a zip, read through its central directory, so the test does not trust docx to read itself. */
function unzipEntry(zip: Buffer, name: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
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

/** The text of each paragraph with the given style, in document order. */
function paragraphsStyled(xml: string, style: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => decode([...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

const SPEECH_THERAPY: PlanProvision = {
  id: 'p1',
  section: 'F',
  what: 'Speech and language therapy programme',
  whoProvides: 'Speech and language therapist',
  howOften: '30 minutes weekly',
  forHowLong: '12 months',
  meetsNeedIds: ['n1', 'gone'],
  meetsOutcomeIds: ['o1', 'also-gone'],
};

function content(overrides: Partial<PlanContent> = {}): PlanContent {
  return {
    views: 'Sam loves trains.\n\nSam wants to go to the same school as his sister.',
    needs: [
      {
        id: 'n1',
        section: 'B',
        text: 'Sam finds it hard to follow spoken instructions in a busy classroom.',
      },
      { id: 'n2', section: 'C', text: 'Sam has epilepsy, controlled with medication.' },
    ],
    outcomes: [{ id: 'o1', text: 'Sam will follow a two-step instruction', byWhen: 'By July 2027' }],
    provision: [SPEECH_THERAPY],
    placement: '',
    personalBudget: '',
    advice: [{ source: 'Educational psychologist', receivedOn: '2026-03-03' }],
    ...overrides,
  };
}

function input(overrides: Partial<PlanDocumentInput> = {}): PlanDocumentInput {
  return {
    councilName: 'Anyshire County Council',
    serviceName: 'SEND Service',
    kind: 'final',
    issuedOn: '2026-04-20',
    caseReference: 'EHC-2026-0001',
    child: {
      fullName: 'Samuel Example',
      preferredName: 'Sam',
      dateOfBirth: '2018-09-01',
      nhsNumber: '9434765919',
      upn: 'A123456789012',
    },
    content: content(),
    namedSetting: 'Oak Tree Primary School',
    ...overrides,
  };
}

function section(sections: ReturnType<typeof planSectionsForDisplay>, key: string) {
  const found = sections.find((s) => s.key === key);
  if (!found) throw new Error(`No section ${key}`);
  return found;
}

describe('planSectionsForDisplay', () => {
  it('gives every section in the statutory order of PLAN_SECTIONS', () => {
    const sections = planSectionsForDisplay(input());
    expect(sections.map((s) => [s.key, s.title])).toEqual(PLAN_SECTIONS.map((s) => [s.key, s.title]));
  });

  it('keeps every heading for an empty plan, each saying "None recorded."', () => {
    const sections = planSectionsForDisplay(input({ content: emptyPlanContent() }));
    expect(sections).toHaveLength(PLAN_SECTIONS.length);
    for (const s of sections.filter((s) => s.key !== 'I')) {
      expect(s.paragraphs).toEqual([NONE_RECORDED]);
      expect(s.tables).toBeUndefined();
    }
  });

  it('splits section A into paragraphs at blank lines and lists needs in B, C and D by section', () => {
    const sections = planSectionsForDisplay(input());
    expect(section(sections, 'A').paragraphs).toEqual([
      'Sam loves trains.',
      'Sam wants to go to the same school as his sister.',
    ]);
    expect(section(sections, 'B').paragraphs).toEqual([
      'Sam finds it hard to follow spoken instructions in a busy classroom.',
    ]);
    expect(section(sections, 'C').paragraphs).toEqual(['Sam has epilepsy, controlled with medication.']);
    expect(section(sections, 'D').paragraphs).toEqual([NONE_RECORDED]);
  });

  it('tabulates outcomes with by when, adding the preparing-for-adulthood column only when a domain is set', () => {
    const without = section(planSectionsForDisplay(input()), 'E').tables?.[0];
    expect(without).toEqual({
      caption: 'Outcomes',
      head: ['Outcome', 'By when'],
      rows: [['Sam will follow a two-step instruction', 'By July 2027']],
    });
    const withDomain = planSectionsForDisplay(
      input({
        content: content({
          outcomes: [
            {
              id: 'o1',
              text: 'Travel to college alone',
              byWhen: 'By July 2030',
              pfaDomain: 'independent-living',
            },
            { id: 'o2', text: 'Read a bus timetable', byWhen: 'By July 2029' },
          ],
        }),
      }),
    );
    expect(section(withDomain, 'E').tables?.[0]?.head).toEqual([
      'Outcome',
      'By when',
      'Preparing for adulthood',
    ]);
    expect(section(withDomain, 'E').tables?.[0]?.rows).toEqual([
      ['Travel to college alone', 'By July 2030', 'Independent living'],
      ['Read a bus timetable', 'By July 2029', ''],
    ]);
  });

  it('tabulates provision in its own section with what, who, how often, for how long and what it meets', () => {
    const sections = planSectionsForDisplay(input());
    expect(section(sections, 'F').tables).toEqual([
      {
        caption: 'Special educational provision',
        head: ['What', 'Who provides', 'How often', 'For how long', 'Meets'],
        rows: [
          [
            'Speech and language therapy programme',
            'Speech and language therapist',
            '30 minutes weekly',
            '12 months',
            'Need (B): Sam finds it hard to follow spoken instructions in a busy…; Outcome: Sam will follow a two-step instruction',
          ],
        ],
      },
    ]);
    for (const key of ['G', 'H1', 'H2']) expect(section(sections, key).paragraphs).toEqual([NONE_RECORDED]);
  });

  it('lists the advice in section K with the date received written out', () => {
    expect(section(planSectionsForDisplay(input()), 'K').paragraphs).toEqual([
      'Educational psychologist — received 3 March 2026',
    ]);
  });
});

describe('meets', () => {
  it('resolves linked ids to the texts, shortened, and ignores ids that no longer exist', () => {
    const long = 'A'.repeat(80);
    const c = content({ needs: [{ id: 'n1', section: 'D', text: long }] });
    const item = { ...SPEECH_THERAPY, meetsNeedIds: ['missing', 'n1'], meetsOutcomeIds: ['missing'] };
    expect(meets(item, c)).toBe(`Need (D): ${'A'.repeat(59)}…`);
  });

  it('says "None recorded." when nothing linked resolves', () => {
    const c = content();
    expect(meets({ ...SPEECH_THERAPY, meetsNeedIds: ['x'], meetsOutcomeIds: [] }, c)).toBe(NONE_RECORDED);
  });
});

describe('section I (placement)', () => {
  const placementOf = (overrides: Partial<PlanDocumentInput>) =>
    section(planSectionsForDisplay(input(overrides)), 'I').paragraphs;

  it('names the setting in a final plan', () => {
    expect(placementOf({ kind: 'final' })).toEqual(['Oak Tree Primary School']);
    expect(
      placementOf({
        kind: 'final',
        content: content({ placement: 'Mainstream primary school with support' }),
      }),
    ).toEqual(['Oak Tree Primary School', 'Mainstream primary school with support']);
  });

  it('falls back to the placement text in a final plan with no named setting', () => {
    expect(
      placementOf({ namedSetting: null, content: content({ placement: 'Special school (SLCN)' }) }),
    ).toEqual(['Special school (SLCN)']);
  });

  it('never names a school in a draft, citing the regulation, even if a named setting is passed', () => {
    expect(placementOf({ kind: 'draft' })).toEqual([DRAFT_NO_PLACEMENT]);
    expect(DRAFT_NO_PLACEMENT).toBe(
      'The draft plan does not name a school or other institution (SEND Regulations 2014 regulation 13(1)).',
    );
  });

  it('gives a type of setting in a draft when the placement text gives one', () => {
    expect(
      placementOf({ kind: 'draft', content: content({ placement: 'Mainstream secondary school' }) }),
    ).toEqual(['Mainstream secondary school']);
  });
});

describe('planDetails', () => {
  it('formats the NHS number 3-3-4 and dates in words', () => {
    expect(planDetails(input())).toEqual([
      { label: 'Name', value: 'Samuel Example' },
      { label: 'Preferred name', value: 'Sam' },
      { label: 'Date of birth', value: '1 September 2018' },
      { label: 'NHS number', value: '943 476 5919' },
      { label: 'Unique pupil number (UPN)', value: 'A123456789012' },
      { label: 'Case reference', value: 'EHC-2026-0001' },
      { label: 'Date issued', value: '20 April 2026' },
    ]);
  });

  it('says what is not known rather than leaving blanks', () => {
    const details = planDetails(
      input({
        issuedOn: null,
        child: { ...input().child, preferredName: null, nhsNumber: null, upn: null },
      }),
    );
    expect(details.map((d) => d.label)).not.toContain('Preferred name');
    expect(Object.fromEntries(details.map((d) => [d.label, d.value]))).toMatchObject({
      'NHS number': 'Not known',
      'Unique pupil number (UPN)': 'Not known',
      'Date issued': 'Not issued yet',
    });
  });
});

describe('planToDocx', () => {
  it('is a zip (a .docx) whose headings are the sections in statutory order, in Heading 1 style', async () => {
    const docx = await planToDocx(input());
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = unzipEntry(docx, 'word/document.xml');
    expect(paragraphsStyled(xml, 'Heading1')).toEqual(PLAN_SECTIONS.map((s) => s.title));
    expect(paragraphsStyled(xml, 'Title')).toEqual(['Education, Health and Care plan']);
    expect(decode(xml)).toContain('Anyshire County Council');
    expect(decode(xml)).toContain('943 476 5919');
    expect(xml).not.toContain('Draft');
  });

  it('marks header rows of tables as headers', async () => {
    const xml = unzipEntry(await planToDocx(input()), 'word/document.xml');
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    // The details table, the outcomes in E and the provision in F.
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).join('')).not.toContain('tblHeader');
    }
  });

  it('marks a draft as a draft in the title, the body and the page header', async () => {
    const docx = await planToDocx(input({ kind: 'draft' }));
    const xml = unzipEntry(docx, 'word/document.xml');
    expect(paragraphsStyled(xml, 'Title')).toEqual(['DRAFT Education, Health and Care plan']);
    expect(xml).toContain('Draft: not a final plan');
    expect(unzipEntry(docx, 'word/header1.xml')).toContain('Draft: not a final plan');
    expect(decode(xml)).not.toContain('Oak Tree Primary School');
  });

  it('keeps every section heading in an empty plan', async () => {
    const xml = unzipEntry(await planToDocx(input({ content: emptyPlanContent() })), 'word/document.xml');
    expect(paragraphsStyled(xml, 'Heading1')).toEqual(PLAN_SECTIONS.map((s) => s.title));
  });

  it('sets the language to en-GB and the title and author properties', async () => {
    const docx = await planToDocx(input({ kind: 'draft' }));
    expect(unzipEntry(docx, 'word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
    const core = unzipEntry(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>DRAFT Education, Health and Care plan</dc:title>');
    expect(core).toContain('<dc:creator>Anyshire County Council</dc:creator>');
  });

  it('writes field text as text, never as markup', async () => {
    const c = content({
      needs: [{ id: 'n1', section: 'B', text: '<script>alert("x")</script> & <w:p/>' }],
    });
    const xml = unzipEntry(await planToDocx(input({ content: c })), 'word/document.xml');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;w:p/&gt;');
    expect(decode(xml)).toContain('<script>alert("x")</script> & <w:p/>');
  });

  it('keeps line breaks inside a paragraph', async () => {
    const c = content({ views: 'First line\nSecond line' });
    const xml = unzipEntry(await planToDocx(input({ content: c })), 'word/document.xml');
    expect(xml).toMatch(
      /First line<\/w:t><\/w:r><w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)?<w:br\/><w:t[^>]*>Second line/,
    );
  });
});
