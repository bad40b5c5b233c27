/** UK postcodes as families type them: any case, with or without the space. */

const OUTWARD = '(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)';
const FULL = new RegExp(`^(${OUTWARD})([0-9][A-Z]{2})$`);
const OUTWARD_ONLY = new RegExp(`^${OUTWARD}$`);

export type ParsedPostcode =
  | { kind: 'unit'; code: string; outward: string; display: string }
  | { kind: 'district'; code: string; outward: string; display: string };

/** A full postcode (WV1 1SH) or an outward code (WV1); undefined when it is neither. */
export function parsePostcode(input: string): ParsedPostcode | undefined {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length < 2 || compact.length > 7) return undefined;
  const full = FULL.exec(compact);
  if (full) {
    const outward = full[1] as string;
    const inward = full[2] as string;
    return { kind: 'unit', code: compact, outward, display: `${outward} ${inward}` };
  }
  if (OUTWARD_ONLY.test(compact))
    return { kind: 'district', code: compact, outward: compact, display: compact };
  return undefined;
}
