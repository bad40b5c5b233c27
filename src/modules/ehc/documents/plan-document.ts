/**
 * An EHC plan as a document: the sections A to K as data for an accessible HTML page, and the same content as a
 * Word document (families and schools work in Word). Pure functions: no database, no HTTP. Text from the plan is
 * never treated as markup: the HTML templates escape it and docx writes it as XML text.
 */
import {
  AlignmentType,
  Document,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDate, isIsoDate } from '../../../lib/dates.ts';
import { formatNhsNumber } from '../domain/identifiers.ts';
import {
  PFA_DOMAINS,
  PLAN_SECTIONS,
  type PlanContent,
  type PlanNeed,
  type PlanOutcome,
  type PlanProvision,
  type PlanSectionKey,
  type ProvisionSection,
} from '../domain/plan-content.ts';

export type PlanDocumentInput = {
  councilName: string;
  serviceName: string;
  kind: 'draft' | 'final';
  /** YYYY-MM-DD, or null before the plan is issued. */
  issuedOn: string | null;
  caseReference: string;
  child: {
    fullName: string;
    preferredName: string | null;
    dateOfBirth: string;
    nhsNumber: string | null;
    upn: string | null;
  };
  content: PlanContent;
  /** The school, college or other institution named in section I of a final plan. */
  namedSetting: string | null;
};

export type PlanTable = { caption: string; head: string[]; rows: string[][] };

export type PlanSectionForDisplay = {
  key: PlanSectionKey;
  title: string;
  paragraphs: string[];
  tables?: PlanTable[];
};

export type PlanDetail = { label: string; value: string };

export const NONE_RECORDED = 'None recorded.';
export const DRAFT_NO_PLACEMENT =
  'The draft plan does not name a school or other institution (SEND Regulations 2014 regulation 13(1)).';
export const DRAFT_MARKING = 'Draft: not a final plan';

const PROVISION_HEAD = ['What', 'Who provides', 'How often', 'For how long', 'Meets'];

/** "Education, Health and Care plan", with "DRAFT " in front of a draft so it cannot be mistaken for a final plan. */
export function planTitle(kind: PlanDocumentInput['kind']): string {
  return `${kind === 'draft' ? 'DRAFT ' : ''}Education, Health and Care plan`;
}

/** Every section A to K in statutory order; an empty one says so, so that no heading ever goes missing. */
export function planSectionsForDisplay(input: PlanDocumentInput): PlanSectionForDisplay[] {
  return PLAN_SECTIONS.map(({ key, title }) => {
    const { paragraphs, tables } = sectionBody(key, title, input);
    if (paragraphs.length === 0 && tables.length === 0) return { key, title, paragraphs: [NONE_RECORDED] };
    return tables.length > 0 ? { key, title, paragraphs, tables } : { key, title, paragraphs };
  });
}

type SectionBody = { paragraphs: string[]; tables: PlanTable[] };

function sectionBody(key: PlanSectionKey, title: string, input: PlanDocumentInput): SectionBody {
  const { content } = input;
  switch (key) {
    case 'A':
      return text(content.views);
    case 'B':
    case 'C':
    case 'D':
      return { paragraphs: needsIn(content.needs, key).map((n) => n.text), tables: [] };
    case 'E':
      return { paragraphs: [], tables: content.outcomes.length > 0 ? [outcomesTable(content.outcomes)] : [] };
    case 'F':
    case 'G':
    case 'H1':
    case 'H2':
      return provisionBody(key, title, content);
    case 'I':
      return { paragraphs: placementParagraphs(input), tables: [] };
    case 'J':
      return text(content.personalBudget);
    case 'K':
      return {
        paragraphs: content.advice.map((a) => `${a.source} — received ${longDate(a.receivedOn)}`),
        tables: [],
      };
  }
}

/** Free text kept as the author wrote it, one paragraph per blank-line-separated block. */
function text(value: string): SectionBody {
  return { paragraphs: splitParagraphs(value), tables: [] };
}

function splitParagraphs(value: string): string[] {
  return value
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function needsIn(needs: PlanNeed[], section: PlanNeed['section']): PlanNeed[] {
  return needs.filter((n) => n.section === section && n.text.trim() !== '');
}

function outcomesTable(outcomes: PlanOutcome[]): PlanTable {
  // The preparing-for-adulthood column is only shown where some outcome has a domain (from year 9).
  const withDomain = outcomes.some((o) => o.pfaDomain);
  const head = ['Outcome', 'By when', ...(withDomain ? ['Preparing for adulthood'] : [])];
  const rows = outcomes.map((o) => [o.text, o.byWhen, ...(withDomain ? [pfaLabel(o.pfaDomain)] : [])]);
  return { caption: 'Outcomes', head, rows };
}

function pfaLabel(code: PlanOutcome['pfaDomain']): string {
  return PFA_DOMAINS.find((d) => d.code === code)?.label ?? '';
}

function provisionBody(section: ProvisionSection, title: string, content: PlanContent): SectionBody {
  const items = content.provision.filter((p) => p.section === section);
  if (items.length === 0) return { paragraphs: [], tables: [] };
  const rows = items.map((p) => [p.what, p.whoProvides, p.howOften, p.forHowLong, meets(p, content)]);
  return { paragraphs: [], tables: [{ caption: captionOf(title), head: PROVISION_HEAD, rows }] };
}

/** "Section F: Special educational provision" → "Special educational provision". */
function captionOf(title: string): string {
  return title.replace(/^Section \w+: /, '');
}

/**
 * What an item of provision meets, by the texts of its linked needs and outcomes. Ids that no longer resolve
 * (a need removed since) are left out rather than shown as ids nobody can read.
 */
export function meets(item: PlanProvision, content: PlanContent): string {
  const needs = item.meetsNeedIds.flatMap((id) => content.needs.filter((n) => n.id === id));
  const outcomes = item.meetsOutcomeIds.flatMap((id) => content.outcomes.filter((o) => o.id === id));
  const parts = [
    ...needs.map((n) => `Need (${n.section}): ${short(n.text)}`),
    ...outcomes.map((o) => `Outcome: ${short(o.text)}`),
  ];
  return parts.length > 0 ? parts.join('; ') : NONE_RECORDED;
}

/** Up to 60 characters, cut at a word where there is one, so that a table cell stays readable. */
function short(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= 60) return flat;
  const cut = flat.slice(0, 59);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * Section I. A final plan names the setting. A draft must not name one, so it never shows `namedSetting`; it may
 * still give a type of setting, which is what placement text on a draft is taken to be.
 */
function placementParagraphs(input: PlanDocumentInput): string[] {
  const placement = splitParagraphs(input.content.placement);
  if (input.kind === 'draft') return placement.length > 0 ? placement : [DRAFT_NO_PLACEMENT];
  const named = input.namedSetting?.trim();
  if (!named) return placement;
  const sameAsNamed = (p: string) => p.toLowerCase() === named.toLowerCase();
  return [named, ...placement.filter((p) => !sameAsNamed(p))];
}

/** The identifying details at the top of the plan, shared by the HTML page and the Word document. */
export function planDetails(input: PlanDocumentInput): PlanDetail[] {
  const { child } = input;
  return [
    { label: 'Name', value: child.fullName },
    ...(child.preferredName?.trim() ? [{ label: 'Preferred name', value: child.preferredName.trim() }] : []),
    { label: 'Date of birth', value: longDate(child.dateOfBirth) },
    { label: 'NHS number', value: child.nhsNumber ? nhsNumber(child.nhsNumber) : 'Not known' },
    { label: 'Unique pupil number (UPN)', value: child.upn?.trim() || 'Not known' },
    { label: 'Case reference', value: input.caseReference },
    { label: 'Date issued', value: input.issuedOn ? longDate(input.issuedOn) : 'Not issued yet' },
  ];
}

/** "3 March 2026"; a value that is not a calendar date is shown as stored rather than failing the document. */
function longDate(isoDate: string): string {
  return isIsoDate(isoDate) ? formatDate(isoDate) : isoDate;
}

function nhsNumber(value: string): string {
  return /^\d{10}$/.test(value.replace(/[\s-]+/g, '')) ? formatNhsNumber(value) : value;
}

// ---------------------------------------------------------------------------------------------------------
// Word
// ---------------------------------------------------------------------------------------------------------

/** The plan as a .docx: real heading styles for Word's navigation pane and screen readers, en-GB throughout. */
export async function planToDocx(input: PlanDocumentInput): Promise<Buffer> {
  const draft = input.kind === 'draft';
  const title = planTitle(input.kind);
  const sections = planSectionsForDisplay(input);
  const document = new Document({
    title,
    creator: input.councilName,
    lastModifiedBy: input.councilName,
    styles: docxStyles(),
    sections: [
      {
        // A page header repeats the marking on every printed page; the body says it too for screen readers.
        ...(draft ? { headers: { default: new Header({ children: [draftMarking()] }) } } : {}),
        children: [
          new Paragraph({ children: [new TextRun({ text: input.councilName, bold: true })] }),
          new Paragraph({ text: input.serviceName }),
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          ...(draft ? [draftMarking()] : []),
          ...docxTable({
            caption: 'Details',
            head: ['Detail', 'Recorded'],
            rows: planDetails(input).map((d) => [d.label, d.value]),
          }),
          ...sections.flatMap((s) => sectionToDocx(s)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * en-GB for spelling and screen-reader voices; headings carry outline levels so Word's navigation pane and
 * assistive technology see the structure, in near-black rather than the default light blue for contrast.
 */
export function docxStyles() {
  const heading = (size: number, outlineLevel: number) => ({
    paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: 360, after: 120 } },
    run: { bold: true, size, color: '0B0C0C' },
  });
  return {
    default: {
      document: {
        run: { language: { value: 'en-GB' }, font: 'Arial', size: 24 },
        paragraph: { spacing: { after: 160 } },
      },
      title: { run: { bold: true, size: 48, color: '0B0C0C' } },
      heading1: heading(32, 0),
      heading2: heading(28, 1),
    },
  };
}

function draftMarking(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: DRAFT_MARKING, bold: true, size: 28 })],
  });
}

function sectionToDocx(section: PlanSectionForDisplay): (Paragraph | Table)[] {
  return [
    new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1 }),
    ...section.paragraphs.map((p) => docxTextParagraph(p)),
    ...(section.tables ?? []).flatMap((t) => docxTable(t)),
  ];
}

/** A paragraph whose single line breaks survive: docx would otherwise write "\n" as plain whitespace. */
export function docxTextParagraph(value: string, bold = false): Paragraph {
  const lines = value.split(/\r?\n/);
  return new Paragraph({
    children: lines.map(
      (line, i) => new TextRun({ text: line, ...(bold ? { bold } : {}), ...(i > 0 ? { break: 1 } : {}) }),
    ),
  });
}

/** A captioned table whose first row is marked as a header row, so it repeats on each page and is announced. */
function docxTable(table: PlanTable): (Paragraph | Table)[] {
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: true,
      children: cells.map((cell) => new TableCell({ children: [docxTextParagraph(cell, header)] })),
    });
  return [
    new Paragraph({ text: table.caption, style: 'Caption' }),
    new Table({
      width: { size: '100%', type: WidthType.PERCENTAGE },
      rows: [row(table.head, true), ...table.rows.map((r) => row(r, false))],
    }),
  ];
}
