/**
 * The code lists that go with the return (code-lists.csv in the zip): the SEN2 lists of
 * statistics-and-sen2.md, as the EHC casework holds them (ehc/domain/sen2-codes.ts: one copy, not two), the
 * Week20 flag, the DfE ethnicity codes the person module shares with the school census, and — marked as the
 * platform's own — the reasons an identifier is not known, which the references give no SEN2 codes for.
 */
import { csvLine } from '../../../../lib/csv.ts';
import { UNKNOWN_IDENTIFIER_REASONS } from '../../../ehc/domain/identifiers.ts';
import { ETHNICITIES } from '../../../ehc/domain/person.ts';
import {
  ASSESSMENT_OUTCOMES,
  CEASE_REASONS,
  REQUEST_OUTCOMES,
  REQUEST_SOURCES,
  REVIEW_OUTCOMES,
  SEN_NEED_RANKS,
  SEN_SETTINGS,
  SEN_TYPES,
} from '../../../ehc/domain/sen2-codes.ts';
import { BYTE_ORDER_MARK } from './csv.ts';

/** Week20 on the assessment module: 1 = 20-week exceptions apply (statistics-and-sen2.md). */
export const WEEK20_CODES = [
  { code: 0, label: 'No 20-week exception applies' },
  { code: 1, label: '20-week exceptions apply' },
] as const;

export type CodeList = {
  /** The module and item the list is for. */
  item: string;
  /** Where the codes come from. */
  source: 'SEN2' | 'DfE common basic data set' | 'This platform (not an SEN2 code list)';
  codes: readonly { code: string | number; label: string }[];
};

export const SEN2_RETURN_CODE_LISTS: readonly CodeList[] = [
  { item: 'Requests: RequestSource', source: 'SEN2', codes: REQUEST_SOURCES },
  { item: 'Requests: RequestOutcome', source: 'SEN2', codes: REQUEST_OUTCOMES },
  { item: 'Assessment: AssessmentOutcome', source: 'SEN2', codes: ASSESSMENT_OUTCOMES },
  { item: 'Assessment: Week20', source: 'SEN2', codes: WEEK20_CODES },
  { item: 'Named plan: CeaseReason', source: 'SEN2', codes: CEASE_REASONS },
  { item: 'Plan detail and placement detail: SENsetting', source: 'SEN2', codes: SEN_SETTINGS },
  { item: 'Active plans: ReviewOutcome', source: 'SEN2', codes: REVIEW_OUTCOMES },
  { item: 'SEN need: SENtype', source: 'SEN2', codes: SEN_TYPES },
  { item: 'SEN need: SENtypeRank', source: 'SEN2', codes: SEN_NEED_RANKS },
  { item: 'Person: Ethnicity', source: 'DfE common basic data set', codes: ETHNICITIES },
  {
    item: 'Person: UPNunknown (UPN)',
    source: 'This platform (not an SEN2 code list)',
    codes: UNKNOWN_IDENTIFIER_REASONS.upn,
  },
  {
    item: 'Person: UPNunknown (ULN)',
    source: 'This platform (not an SEN2 code list)',
    codes: UNKNOWN_IDENTIFIER_REASONS.uln,
  },
];

export function codeListsCsv(lists: readonly CodeList[] = SEN2_RETURN_CODE_LISTS): string {
  const lines = [BYTE_ORDER_MARK, csvLine(['Item', 'Source', 'Code', 'Meaning'])];
  for (const list of lists)
    for (const entry of list.codes) lines.push(csvLine([list.item, list.source, entry.code, entry.label]));
  return lines.join('');
}
