/**
 * The letters that tell a family of a statutory decision, as structured data (for the screen and for plain-text
 * notifications) and as Word documents. A refusal must give reasons and the family's rights: appeal to the
 * First-tier Tribunal (SEND), the mediation certificate that appeal needs, the deadline, disagreement resolution
 * and the Information, Advice and Support Service (SEND Code of Practice chapter 11). Pure functions.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { formatDate } from '../../../lib/dates.ts';
import { docxStyles, docxTextParagraph } from './plan-document.ts';

export const LETTER_TYPES = [
  'decided-to-assess',
  'decided-not-to-assess',
  'decided-not-to-issue-plan',
  'final-plan-issued',
] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

/** How to reach each service, as one line of plain text (name, telephone, email or web address). */
export type LetterContacts = {
  informationAdviceAndSupport?: string;
  mediation?: string;
  disagreementResolution?: string;
};

export type DecisionLetterInput = {
  councilName: string;
  serviceName: string;
  letterType: LetterType;
  /** The date of the letter, YYYY-MM-DD: the 2-month appeal deadline runs from it. */
  date: string;
  recipientName: string;
  childName: string;
  caseReference: string;
  /** Required for 'decided-not-to-assess' and 'decided-not-to-issue-plan'; shown as written. */
  reasons?: string;
  /** The school, college or other institution named in section I of a final plan. */
  namedSetting?: string;
  /** Where the letter cannot give a contact, it points to the SEND Local Offer, which must publish them. */
  contacts?: LetterContacts;
};

export type LetterPart = { heading: string | null; paragraphs: string[] };

export type DecisionLetter = {
  councilName: string;
  serviceName: string;
  /** "3 March 2026". */
  date: string;
  caseReference: string;
  salutation: string;
  title: string;
  parts: LetterPart[];
  signOff: string[];
};

const LOCAL_OFFER = 'Their contact details are in our SEND Local Offer.';

/** Reasons are statutory for a refusal: a letter without them must not be produced. */
const NEEDS_REASONS: readonly LetterType[] = ['decided-not-to-assess', 'decided-not-to-issue-plan'];

export function decisionLetter(input: DecisionLetterInput): DecisionLetter {
  const reasons = input.reasons?.trim() ?? '';
  if (NEEDS_REASONS.includes(input.letterType) && reasons === '')
    throw new RangeError(`A '${input.letterType}' letter must give the reasons for the decision`);
  const date = formatDate(input.date);
  return {
    councilName: input.councilName,
    serviceName: input.serviceName,
    date,
    caseReference: input.caseReference,
    salutation: `Dear ${input.recipientName}`,
    title: titleOf(input),
    parts: [...bodyOf(input, reasons), ...rightsOf(input, date)],
    signOff: ['Yours sincerely', input.serviceName, input.councilName],
  };
}

/** The letter as a title and plain-text paragraphs, headings included as paragraphs of their own. */
export function letterContent(input: DecisionLetterInput): { title: string; paragraphs: string[] } {
  const letter = decisionLetter(input);
  return {
    title: letter.title,
    paragraphs: [
      letter.date,
      `Our reference: ${letter.caseReference}`,
      letter.salutation,
      ...letter.parts.flatMap((part) => [...(part.heading ? [part.heading] : []), ...part.paragraphs]),
      ...letter.signOff,
    ],
  };
}

function titleOf({ letterType, childName }: DecisionLetterInput): string {
  switch (letterType) {
    case 'decided-to-assess':
      return `Decision: we will carry out an education, health and care needs assessment for ${childName}`;
    case 'decided-not-to-assess':
      return `Decision: we will not carry out an education, health and care needs assessment for ${childName}`;
    case 'decided-not-to-issue-plan':
      return `Decision: we will not issue an education, health and care plan for ${childName}`;
    case 'final-plan-issued':
      return `The final education, health and care plan for ${childName}`;
  }
}

function bodyOf(input: DecisionLetterInput, reasons: string): LetterPart[] {
  const reasonsPart: LetterPart[] = reasons ? [{ heading: 'Our reasons', paragraphs: [reasons] }] : [];
  const { childName: child, caseReference: ref } = input;
  switch (input.letterType) {
    case 'decided-to-assess':
      return [
        intro(
          `We have considered the request for an education, health and care (EHC) needs assessment for ${child}. We have decided to carry out the assessment.`,
        ),
        ...reasonsPart,
        {
          heading: 'What happens next',
          paragraphs: [
            `We will ask for advice and information about ${child}'s needs, the support they need and the outcomes it should help them achieve: from you, from ${child}'s school or other setting, from an educational psychologist, and from health and social care services.`,
            'We will tell you whether we will issue an EHC plan within 16 weeks of the date we received the request. If we do, we will send you a draft plan to comment on first, and issue the final plan within 20 weeks of the request.',
            `You can send us your views, and any information you would like us to consider, at any time during the assessment. Please quote our reference ${ref}.`,
          ],
        },
        informationAdviceAndSupport(input),
      ];
    case 'decided-not-to-assess':
      return [
        intro(
          `We have considered the request for an education, health and care (EHC) needs assessment for ${child}. We have decided not to carry out the assessment.`,
        ),
        ...reasonsPart,
        intro(
          `If you would like to talk to us about this decision, please contact us and quote our reference ${ref}.`,
        ),
      ];
    case 'decided-not-to-issue-plan':
      return [
        intro(
          `We have finished the education, health and care (EHC) needs assessment for ${child}. We have decided not to issue an EHC plan.`,
        ),
        ...reasonsPart,
        intro(
          `We will send you the advice and information gathered during the assessment, if we have not already done so, so that it can help plan ${child}'s support. If you would like to talk to us about this decision, please contact us and quote our reference ${ref}.`,
        ),
      ];
    case 'final-plan-issued':
      return [
        intro(
          `We have issued the final education, health and care (EHC) plan for ${child}. It comes with this letter.`,
        ),
        ...(input.namedSetting?.trim()
          ? [intro(`Section I of the plan names ${input.namedSetting.trim()}.`)]
          : []),
        ...reasonsPart,
        intro('We will review the plan with you at least every 12 months.'),
      ];
  }
}

function intro(paragraph: string): LetterPart {
  return { heading: null, paragraphs: [paragraph] };
}

/** Refusals and final plans carry the same rights; only what may be appealed differs. */
function rightsOf(input: DecisionLetterInput, date: string): LetterPart[] {
  if (input.letterType === 'decided-to-assess') return [];
  return [
    { heading: 'Your right to appeal', paragraphs: appealParagraphs(input.letterType, date) },
    mediation(input),
    disagreementResolution(input),
    informationAdviceAndSupport(input),
  ];
}

function appealParagraphs(letterType: Exclude<LetterType, 'decided-to-assess'>, date: string): string[] {
  const what =
    letterType === 'final-plan-issued'
      ? [
          'You have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability) about the special educational needs described in section B of the plan, the special educational provision in section F, and the school or other institution named in section I (or its type, or that none is named).',
          'If you appeal about section B, F or I, you can also ask the Tribunal to make recommendations about the health and social care needs and provision in sections C, D, G, H1 and H2.',
        ]
      : [
          'You have the right to appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability).',
        ];
  return [
    ...what,
    `You must register an appeal within 2 months of the date of this letter (${date}), or within 1 month of the date of your mediation certificate, whichever is later.`,
    'You can find out how to appeal at www.gov.uk/special-educational-needs-disability-tribunal.',
  ];
}

function mediation(input: DecisionLetterInput): LetterPart {
  const placementOnly =
    input.letterType === 'final-plan-issued'
      ? 'the school or other institution named in section I'
      : 'the school or other institution named in a plan';
  return {
    heading: 'Mediation',
    paragraphs: [
      'Before you can appeal, you must contact a mediation adviser and consider mediation. You do not have to take part in mediation, but you will need a mediation certificate from the adviser to register an appeal.',
      `You do not need a mediation certificate if your appeal is only about ${placementOnly}, or its type.`,
      contactLine('Contact the mediation adviser', input.contacts?.mediation),
    ],
  };
}

function disagreementResolution(input: DecisionLetterInput): LetterPart {
  return {
    heading: 'Disagreement resolution',
    paragraphs: [
      'You can also use our disagreement resolution service at any time, whether or not you appeal. It is free and independent of the council, and helps resolve disagreements about special educational needs and provision with us, with education settings and with health services. Using it does not affect your right to appeal.',
      contactLine('Contact the disagreement resolution service', input.contacts?.disagreementResolution),
    ],
  };
}

function informationAdviceAndSupport(input: DecisionLetterInput): LetterPart {
  const about =
    input.letterType === 'decided-to-assess' ? 'the assessment' : 'this decision, mediation and appeals';
  return {
    heading: 'Free, impartial advice',
    paragraphs: [
      `The local Special Educational Needs and Disability Information, Advice and Support Service (SENDIASS) gives free, impartial and confidential advice to children, young people and parents, including about ${about}.`,
      contactLine('Contact SENDIASS', input.contacts?.informationAdviceAndSupport),
    ],
  };
}

function contactLine(lead: string, contact: string | undefined): string {
  return contact?.trim() ? `${lead}: ${contact.trim()}` : LOCAL_OFFER;
}

// ---------------------------------------------------------------------------------------------------------
// Word
// ---------------------------------------------------------------------------------------------------------

export async function letterToDocx(input: DecisionLetterInput): Promise<Buffer> {
  const letter = decisionLetter(input);
  const document = new Document({
    title: letter.title,
    creator: letter.councilName,
    lastModifiedBy: letter.councilName,
    styles: docxStyles(),
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: letter.councilName, bold: true })] }),
          new Paragraph({ text: letter.serviceName }),
          new Paragraph({ text: letter.date, spacing: { before: 240 } }),
          new Paragraph({ text: `Our reference: ${letter.caseReference}` }),
          new Paragraph({ text: letter.salutation, spacing: { before: 240 } }),
          new Paragraph({ text: letter.title, heading: HeadingLevel.HEADING_1 }),
          ...letter.parts.flatMap((part) => [
            ...(part.heading ? [new Paragraph({ text: part.heading, heading: HeadingLevel.HEADING_2 })] : []),
            ...part.paragraphs.map((p) => docxTextParagraph(p)),
          ]),
          ...letter.signOff.map(
            (line, i) => new Paragraph({ text: line, ...(i === 0 ? { spacing: { before: 240 } } : {}) }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
