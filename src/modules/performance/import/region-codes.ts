/**
 * England and its regions by GSS code, found from the names the published files print. The LAIT data
 * store names a region ("West Midlands") under a LAIT-only pseudo number (984), not its GSS code, and
 * spells some names its own way ("Yorkshire and the Humber", "London (Inner)"); the tribunal table prints
 * them in capitals. Names are compared ignoring case, spacing, "&" for "and", and brackets.
 */

export const ENGLAND = { gssCode: 'E92000001', name: 'England' } as const;

/** The nine English regions (ONS, E12), under the names the DfE uses. */
export const ENGLISH_REGIONS = [
  { gssCode: 'E12000001', name: 'North East' },
  { gssCode: 'E12000002', name: 'North West' },
  { gssCode: 'E12000003', name: 'Yorkshire and The Humber' },
  { gssCode: 'E12000004', name: 'East Midlands' },
  { gssCode: 'E12000005', name: 'West Midlands' },
  { gssCode: 'E12000006', name: 'East of England' },
  { gssCode: 'E12000007', name: 'London' },
  { gssCode: 'E12000008', name: 'South East' },
  { gssCode: 'E12000009', name: 'South West' },
] as const;

/**
 * Inner and Outer London (ONS, E13): not regions, but published beside them by the DfE and the LAIT,
 * so they are kept at the regional level under their own codes rather than dropped.
 */
export const LONDON_SUBREGIONS = [
  { gssCode: 'E13000001', name: 'Inner London' },
  { gssCode: 'E13000002', name: 'Outer London' },
] as const;

/** Other spellings seen in the published files, after normalising. */
const ALIASES: Record<string, string> = {
  east: 'E12000006',
  eastern: 'E12000006',
  'yorkshire and humber': 'E12000003',
  'yorkshire humber': 'E12000003',
  'london inner': 'E13000001',
  'london outer': 'E13000002',
};

export function normaliseAreaName(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
}

const BY_NAME = new Map<string, string>([
  ...[...ENGLISH_REGIONS, ...LONDON_SUBREGIONS].map((r) => [normaliseAreaName(r.name), r.gssCode] as const),
  ...Object.entries(ALIASES),
]);

/** The GSS code of an English region (or of Inner / Outer London) by its published name. */
export function regionGssCode(name: string): string | undefined {
  return BY_NAME.get(normaliseAreaName(name));
}

export function isEnglandName(name: string): boolean {
  const n = normaliseAreaName(name);
  return n === 'england' || n === 'england total';
}
