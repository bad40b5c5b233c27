/**
 * The child or young person as a person: who decides, and the ethnicity codes the DfE's census returns use.
 * Pure functions over calendar dates.
 */
import { addDays, dayOfWeek } from '../../../lib/dates.ts';

/**
 * Ethnicity: the DfE's main ethnicity codes (Common Basic Data Set), which SEN2's person module shares with the
 * school census. The references in shared/ do not list them (sen2-codes.ts), so they are kept here, apart from
 * the SEN2 lists, with REFU (refused) and NOBT (not yet obtained) for when the family has not given it.
 */
export const ETHNICITIES = [
  { code: 'WBRI', label: 'White - British' },
  { code: 'WIRI', label: 'White - Irish' },
  { code: 'WIRT', label: 'Traveller of Irish heritage' },
  { code: 'WOTH', label: 'Any other White background' },
  { code: 'WROM', label: 'Gypsy / Roma' },
  { code: 'MWBC', label: 'White and Black Caribbean' },
  { code: 'MWBA', label: 'White and Black African' },
  { code: 'MWAS', label: 'White and Asian' },
  { code: 'MOTH', label: 'Any other mixed background' },
  { code: 'AIND', label: 'Indian' },
  { code: 'APKN', label: 'Pakistani' },
  { code: 'ABAN', label: 'Bangladeshi' },
  { code: 'AOTH', label: 'Any other Asian background' },
  { code: 'BCRB', label: 'Black Caribbean' },
  { code: 'BAFR', label: 'Black - African' },
  { code: 'BOTH', label: 'Any other Black background' },
  { code: 'CHNE', label: 'Chinese' },
  { code: 'OOTH', label: 'Any other ethnic group' },
  { code: 'REFU', label: 'Refused' },
  { code: 'NOBT', label: 'Information not yet obtained' },
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number]['code'];

export function isEthnicity(value: unknown): value is Ethnicity {
  return ETHNICITIES.some((e) => e.code === value);
}

export function ethnicityLabel(code: string | null): string {
  if (code === null) return 'Not recorded';
  return ETHNICITIES.find((e) => e.code === code)?.label ?? code;
}

/** The last Friday of June of a year: the school leaving date (Education (Start of Compulsory School Age and School Leaving Date) Order 1997). */
export function schoolLeavingDate(year: number): string {
  const june30 = `${year}-06-30`;
  // Friday is 5: step back from 30 June to the nearest Friday on or before it.
  return addDays(june30, -((dayOfWeek(june30) - 5 + 7) % 7));
}

/**
 * The end of compulsory school age (Education Act 1996 s.8(3)-(4)): the school leaving date of the school year
 * (1 September to 31 August) in which the person turns 16, even when the birthday falls after that date in July
 * or August. From the next day the young person, not the parent, makes the decisions under Part 3 of the
 * Children and Families Act 2014 (s.80 and Code of Practice 8.13), subject to their capacity.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: string): string {
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const birthMonth = Number(dateOfBirth.slice(5, 7));
  const sixteenth = birthYear + 16;
  // A birthday from September on falls in the school year that ends the following summer.
  return schoolLeavingDate(birthMonth >= 9 ? sixteenth + 1 : sixteenth);
}

export type DecisionMaker = 'parent' | 'young-person';

/** Who makes the decisions on a date: the parent until the end of compulsory school age, then the young person. */
export function decisionMaker(dateOfBirth: string, on: string): DecisionMaker {
  return on > endOfCompulsorySchoolAge(dateOfBirth) ? 'young-person' : 'parent';
}

/** Age in whole years on a date (a 29 February birthday counts from 1 March in other years). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}
