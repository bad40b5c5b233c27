/**
 * Local authorities by name, for the published tables that cannot be joined on their codes. The map is
 * built from the LA names and numbers of the release's own files (every LA row of caseload.csv,
 * requests.csv …), so it follows reorganisations as the DfE records them, plus a short curated list:
 * the other spellings the tribunal table prints, the county that kept its name when its area changed,
 * and the LA codes the tribunal table is known to print wrongly (ADR 18).
 */

export type LaRecord = {
  /** The three-digit LA number ("336"). */
  laNumber: string;
  /** The GSS code of the latest period the release has the LA in. */
  gssCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  /** The calendar years the release has figures for this LA in (a January census counts for its year). */
  years: number[];
};

/**
 * Codes the SEND Tribunal appeal-rate table prints that belong to another LA: Nottingham and
 * Nottinghamshire, and Cambridgeshire and Central Bedfordshire, swapped; Northamptonshire under
 * Nottingham's. Rows are joined on the name, so these are expected, not reported.
 */
export const KNOWN_WRONG_CODES: readonly { name: string; printed: string; laNumber: string }[] = [
  { name: 'Nottingham', printed: '891', laNumber: '892' },
  { name: 'Nottinghamshire', printed: '928', laNumber: '891' },
  { name: 'Northamptonshire', printed: '892', laNumber: '928' },
  { name: 'Cambridgeshire', printed: '823', laNumber: '873' },
  { name: 'Central Bedfordshire', printed: '873', laNumber: '823' },
];

/** Other names for an LA, after normalising, as the tribunal table and other publishers print them. */
const ALIASES: Record<string, string> = {
  durham: '840',
  herefordshire: '884',
  bristol: '801',
  'city of bristol': '801',
  hull: '810',
  'kingston upon hull': '810',
  'saint helens': '342',
  southend: '882',
};

/**
 * A name that two LAs had at different times: the LA number for the years up to `until`. Dorset was
 * LA 835 until Bournemouth, Christchurch and Poole was formed in April 2019; from 2019 it is LA 838.
 */
const BY_YEAR: readonly { name: string; until: number; laNumber: string }[] = [
  { name: 'dorset', until: 2018, laNumber: '835' },
];

/** Compared ignoring case, punctuation, "&" for "and", and footnote numbers printed after a name. */
export function normaliseLaName(name: string): string {
  return name
    .replace(/[\d,\s]+$/u, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,'’()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function yearOf(period: string): number {
  // "2024" a calendar year; "202425" an academic year, whose January census is in its second year.
  return period.length === 6 ? Number(period.slice(0, 4)) + 1 : Number(period.slice(0, 4));
}

export type LaNameMap = {
  /** Records an LA as one row of the release prints it. */
  add: (row: {
    laNumber: string;
    gssCode: string;
    name: string;
    regionCode: string;
    regionName: string;
    timePeriod: string;
  }) => void;
  byNumber: (laNumber: string) => LaRecord | undefined;
  /** The LA a name means in a given calendar year, or undefined when the name is not known. */
  lookup: (name: string, year: number) => LaRecord | undefined;
  all: () => LaRecord[];
};

export function createLaNameMap(): LaNameMap {
  type Building = LaRecord & { latest: string };
  const records = new Map<string, Building>();
  const byName = new Map<string, Set<string>>();

  const add: LaNameMap['add'] = (row) => {
    const year = yearOf(row.timePeriod);
    let record = records.get(row.laNumber);
    if (!record) {
      record = { ...row, years: [], latest: '' };
      records.set(row.laNumber, record);
    }
    if (!record.years.includes(year)) record.years.push(year);
    const latest = String(year);
    if (latest >= record.latest) {
      record.latest = latest;
      record.gssCode = row.gssCode;
      record.name = row.name;
      record.regionCode = row.regionCode;
      record.regionName = row.regionName;
    }
    const key = normaliseLaName(row.name);
    const numbers = byName.get(key) ?? new Set<string>();
    numbers.add(row.laNumber);
    byName.set(key, numbers);
  };

  const strip = (r: Building): LaRecord => ({
    laNumber: r.laNumber,
    gssCode: r.gssCode,
    name: r.name,
    regionCode: r.regionCode,
    regionName: r.regionName,
    years: [...r.years].sort((a, b) => a - b),
  });

  const lookup: LaNameMap['lookup'] = (name, year) => {
    const key = normaliseLaName(name);
    const dated = BY_YEAR.find((b) => b.name === key && year <= b.until);
    if (dated) {
      const r = records.get(dated.laNumber);
      return r ? strip(r) : undefined;
    }
    const numbers = [...(byName.get(key) ?? [])];
    const alias = ALIASES[key];
    if (numbers.length === 0 && alias) numbers.push(alias);
    const candidates = numbers.map((n) => records.get(n)).filter((r): r is Building => r !== undefined);
    if (candidates.length <= 1) return candidates[0] ? strip(candidates[0]) : undefined;
    // The same name for two LAs: the one the release has in that year, or else in the nearest year.
    const distance = (r: Building) => Math.min(...r.years.map((y) => Math.abs(y - year)));
    const best = [...candidates].sort(
      (a, b) => distance(a) - distance(b) || b.latest.localeCompare(a.latest),
    )[0];
    return best ? strip(best) : undefined;
  };

  return {
    add,
    byNumber: (n) => {
      const r = records.get(n);
      return r ? strip(r) : undefined;
    },
    lookup,
    all: () => [...records.values()].map(strip).sort((a, b) => a.laNumber.localeCompare(b.laNumber)),
  };
}
