/**
 * The return as one zip: a CSV file per module, the code lists, and a README naming the collection, the census
 * date, the local authority, the software and when it was generated. fflate's zipSync: the whole return is in
 * memory, which one local authority's return (tens of thousands of plans at the most) fits easily.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { formatDate } from '../../../../lib/dates.ts';
import type { Sen2Return } from './build.ts';
import { codeListsCsv } from './code-lists.ts';
import { moduleCsv } from './csv.ts';
import { LOCAL_COLUMNS, MODULES } from './modules.ts';

export const README_NAME = 'README.txt';
export const CODE_LISTS_NAME = 'code-lists.csv';

export type Sen2PackageOptions = {
  laName: string;
  councilName: string;
  /** The software's name and release, for the README (the header module carries them too). */
  softwareName: string;
  issueCount: number;
};

export function sen2FileName(laNumber: string, censusDate: string): string {
  return `SEN2-${laNumber}-${censusDate}.zip`;
}

export function sen2Readme(ret: Sen2Return, options: Sen2PackageOptions): string {
  const { census, collectionYear, modules } = ret;
  const counts = MODULES.map(
    (spec) => `  ${spec.fileName.padEnd(26)} ${spec.title}: ${modules[spec.key].length} records`,
  );
  const lines = [
    'SEN2: special educational needs person level survey',
    '',
    `Collection:        SEN2 ${census.censusDate.slice(0, 4)}`,
    `Census date:       ${formatDate(census.censusDate)} (${census.censusDate})`,
    `Collection year:   1 January to 31 December ${collectionYear.year}`,
    `Local authority:   ${options.laName} (${census.laNumber}), ${options.councilName}`,
    `Software:          ${options.softwareName} ${census.release}`,
    `Serial number:     ${census.serialNo ?? 'not given'}`,
    `Generated at:      ${census.generatedAt} (time in England)`,
    `Checks failed:     ${options.issueCount} (see the validation report on the SEN2 page)`,
    '',
    'Files',
    ...counts,
    `  ${CODE_LISTS_NAME.padEnd(26)} The codes used in the modules, with their meanings`,
    '',
    'What is in the return',
    '  Every request for an EHC needs assessment received in the collection year; every request received',
    '  earlier that was still open on 1 January of the collection year; and every request whose final plan was',
    '  issued by the census date (an active plan at the census date). Outcomes are as they stood on the census',
    '  date: anything dated after it had not happened yet.',
    '',
    'How to read the files',
    `  The columns ${LOCAL_COLUMNS.join(', ')} are not SEN2 items: they link the files together`,
    '  (PersonID is the person, RequestID the case reference) and name the setting. Every other column is',
    '  the SEN2 item of that name, in the order of the module.',
    '  Dates are YYYY-MM-DD. An empty cell is an item the casework does not hold: nothing is invented to fill',
    '  it. The validation report lists each empty item a check needs, with a link to the case to fix it.',
    '  Not held by the casework, so always empty: RYA, mediation and tribunal items, PlanRes, PlanWBP, PB,',
    '  OA, DP, CeaseDate, CeaseReason, UKPRN, SENsetting, SENsettingOther, SEN unit and resourced',
    '  provision indicators, every active plans item (transfers, reviews, phase transfers), EntryDate,',
    '  LeavingDate, RES, WBP, and the header items DMO, DCO and DSCO. Exported is empty too: a move out of',
    '  the area before the assessment finished is returned as outcome W, but the references give no code',
    '  for Exported itself.',
    '  UPNunknown holds the reason the casework records (see code-lists.csv): the platform uses its own',
    '  reasons, so map them to the DfE codes of the year before the file is sent.',
    '  Placement detail is the setting on the child or young person’s record now; for a census date in the',
    '  past it may have changed since.',
    '  A text cell starting with = + - or @ has an apostrophe put before it, so that a spreadsheet does not',
    '  run it as a formula.',
    '',
    'This file holds personal data about children and young people. Keep it only where the council’s',
    'data protection rules allow, and delete it once the return has been sent.',
    '',
  ];
  return lines.join('\r\n');
}

/** The zip's files, in the order they are listed. */
export function sen2Files(ret: Sen2Return, options: Sen2PackageOptions): Record<string, string> {
  const files: Record<string, string> = { [README_NAME]: sen2Readme(ret, options) };
  for (const spec of MODULES) files[spec.fileName] = moduleCsv(spec, ret.modules[spec.key]);
  files[CODE_LISTS_NAME] = codeListsCsv();
  return files;
}

export function sen2Zip(ret: Sen2Return, options: Sen2PackageOptions & { modifiedAt: Date }): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(sen2Files(ret, options)))
    zippable[name] = [strToU8(text), { mtime: options.modifiedAt }];
  return zipSync(zippable, { level: 6 });
}
