/**
 * A child's or young person's national identifiers, as the person record and the SEN2 person module hold them
 * (statistics-and-sen2.md: "UPN, ULN, reason UPN/ULN unknown"; issue 5: "NHS number with its modulus-11 check,
 * with reasons when unknown"). Each validator takes what someone typed and returns the normalised value to
 * store, or a GOV.UK-style error message to show beside the field.
 *
 * Sources of the check-digit rules:
 * - NHS number: NHS Data Dictionary, "NHS Number" attribute (modulus 11, weights 10 to 2; 11 becomes 0; 10 is
 *   never issued). https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 * - UPN: DfE, "Unique pupil numbers (UPNs): guidance for schools and local authorities", check letter
 *   calculation, as applied by the school census validation rule 1510 ("UPN invalid (wrong check letter at
 *   character 1)"): characters 2 to 13 weighted 2 to 13, a letter in character 13 (a temporary UPN) counted as
 *   its value in the check-letter table, the sum taken modulo 23 and looked up in that table (no I, O or S).
 * - ULN: ESFA Individualised Learner Record validation, derived data DD01 "Checksum digit for unique learner
 *   number" (used by rule ULN_04): (10×d1 + 9×d2 + … + 2×d9) mod 11; a remainder of 0 is invalid, otherwise
 *   the check digit is 10 − remainder.
 *   https://guidance.submit-learner-data.service.gov.uk/24-25/validation-rules/rule/DD01
 */

export type IdentifierValidation = { ok: true; value: string } | { ok: false; message: string };

/** The identifiers a person record holds, each of which may be unknown for a reason. */
export const CHILD_IDENTIFIERS = ['nhs-number', 'upn', 'uln'] as const;
export type ChildIdentifier = (typeof CHILD_IDENTIFIERS)[number];

const IDENTIFIER_NAMES: Readonly<Record<ChildIdentifier, string>> = {
  'nhs-number': 'NHS number',
  upn: 'unique pupil number (UPN)',
  uln: 'unique learner number (ULN)',
};

/** Spaces and hyphens are how people copy these numbers from letters and systems: accept them, keep neither. */
function compact(input: string): string {
  return input.replace(/[\s-]+/g, '');
}

function digitsOf(text: string): number[] {
  return [...text].map(Number);
}

// ---------------------------------------------------------------------------------------------------------
// NHS number
// ---------------------------------------------------------------------------------------------------------

/**
 * The check digit for the first nine digits of an NHS number, or undefined when the weighted sum leaves a
 * check value of 10: no NHS number is issued with those nine digits.
 */
export function nhsNumberCheckDigit(firstNineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(firstNineDigits)) throw new RangeError('nhsNumberCheckDigit needs exactly nine digits');
  const sum = digitsOf(firstNineDigits).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function validateNhsNumber(input: string): IdentifierValidation {
  const value = compact(input);
  if (value === '') return { ok: false, message: 'Enter an NHS number' };
  if (!/^\d{10}$/.test(value)) {
    return { ok: false, message: 'Enter an NHS number with 10 digits, like 943 476 5919' };
  }
  if (nhsNumberCheckDigit(value.slice(0, 9)) !== Number(value[9])) {
    return {
      ok: false,
      message: 'Enter a valid NHS number – check it against a letter from the GP or hospital',
    };
  }
  return { ok: true, value };
}

/** "9434765919" → "943 476 5919", the 3-3-4 grouping the NHS uses wherever a number is shown. */
export function formatNhsNumber(nhsNumber: string): string {
  const value = compact(nhsNumber);
  if (!/^\d{10}$/.test(value)) throw new RangeError('formatNhsNumber needs a 10-digit NHS number');
  return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Unique pupil number (UPN)
// ---------------------------------------------------------------------------------------------------------

/** DfE's check-letter table: remainder 0 is A … 22 is Z, leaving out I, O and S. */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Characters 2–4: the DfE LA number; 5–8: the establishment number; 9–10: the year of allocation; 11–13: a
 * serial number, whose last character is a letter from the check-letter table in a temporary UPN.
 */
const UPN_PATTERN = new RegExp(`^[${UPN_CHECK_LETTERS}]\\d{11}[\\d${UPN_CHECK_LETTERS}]$`);

/** The check letter for characters 2 to 13 of a UPN (the 12 characters after the check letter). */
export function upnCheckLetter(lastTwelveCharacters: string): string {
  const body = lastTwelveCharacters.toUpperCase();
  if (!new RegExp(`^\\d{11}[\\d${UPN_CHECK_LETTERS}]$`).test(body)) {
    throw new RangeError('upnCheckLetter needs 11 digits then a digit or check-table letter');
  }
  const sum = [...body].reduce((total, character, index) => {
    // A temporary UPN's final letter counts as its position in the check-letter table.
    const value = /\d/.test(character) ? Number(character) : UPN_CHECK_LETTERS.indexOf(character);
    return total + value * (index + 2);
  }, 0);
  return UPN_CHECK_LETTERS[sum % 23] as string;
}

export function validateUpn(input: string): IdentifierValidation {
  const value = compact(input).toUpperCase();
  if (value === '') return { ok: false, message: 'Enter a unique pupil number (UPN)' };
  if (!UPN_PATTERN.test(value)) {
    return {
      ok: false,
      message:
        'Enter a UPN with 13 characters: a letter, 11 numbers, then a number (or a letter if the UPN is temporary)',
    };
  }
  if (upnCheckLetter(value.slice(1)) !== value[0]) {
    return {
      ok: false,
      message: 'Enter a valid UPN – the first letter does not match the rest of the number',
    };
  }
  return { ok: true, value };
}

/** A temporary UPN ends in a letter; the school replaces it with a permanent one when it can. */
export function isTemporaryUpn(upn: string): boolean {
  return /[A-Z]$/.test(compact(upn).toUpperCase());
}

// ---------------------------------------------------------------------------------------------------------
// Unique learner number (ULN)
// ---------------------------------------------------------------------------------------------------------

/** The check digit for the first nine digits of a ULN, or undefined when the remainder is 0 (no such ULN). */
export function ulnCheckDigit(firstNineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(firstNineDigits)) throw new RangeError('ulnCheckDigit needs exactly nine digits');
  const sum = digitsOf(firstNineDigits).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const remainder = sum % 11;
  return remainder === 0 ? undefined : 10 - remainder;
}

/** The ILR's "ULN not known" placeholder: it is not a ULN, and here a reason takes its place. */
const ILR_UNKNOWN_ULN = '9999999999';

export function validateUln(input: string): IdentifierValidation {
  const value = compact(input);
  if (value === '') return { ok: false, message: 'Enter a unique learner number (ULN)' };
  if (value === ILR_UNKNOWN_ULN) {
    return { ok: false, message: '9999999999 is not a ULN – if the ULN is not known, select why instead' };
  }
  if (!/^[1-9]\d{9}$/.test(value)) {
    return { ok: false, message: 'Enter a ULN with 10 digits, not starting with 0' };
  }
  if (ulnCheckDigit(value.slice(0, 9)) !== Number(value[9])) {
    return { ok: false, message: 'Enter a valid ULN – check it against a record from the school or college' };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------
// Reasons an identifier is not known
// ---------------------------------------------------------------------------------------------------------

/**
 * Why an identifier is not recorded: the platform's own closed lists (SEN2 asks for a reason when UPN or ULN
 * is missing; the references give no SEN2 code list for it, so these are not SEN2 codes).
 */
export const UNKNOWN_IDENTIFIER_REASONS = {
  'nhs-number': [
    { code: 'not-yet-known', label: 'Not yet known' },
    { code: 'not-registered-with-gp-in-england', label: 'Not registered with a GP in England' },
    { code: 'declined-to-give', label: 'Declined to give' },
  ],
  upn: [
    { code: 'not-in-state-funded-school', label: 'Not in a state-funded school' },
    { code: 'not-yet-allocated', label: 'Not yet allocated' },
  ],
  uln: [
    { code: 'not-yet-14', label: 'Not yet 14' },
    { code: 'not-yet-allocated', label: 'Not yet allocated' },
  ],
} as const satisfies Record<ChildIdentifier, readonly { code: string; label: string }[]>;

export type UnknownIdentifierReason<I extends ChildIdentifier = ChildIdentifier> =
  (typeof UNKNOWN_IDENTIFIER_REASONS)[I][number]['code'];

export function isUnknownIdentifierReason<I extends ChildIdentifier>(
  identifier: I,
  value: unknown,
): value is UnknownIdentifierReason<I> {
  const reasons: readonly { code: string }[] = UNKNOWN_IDENTIFIER_REASONS[identifier];
  return reasons.some((reason) => reason.code === value);
}

export type IdentifierAnswer<I extends ChildIdentifier = ChildIdentifier> =
  { value: string; reasonUnknown: null } | { value: null; reasonUnknown: UnknownIdentifierReason<I> };

/**
 * A form's answer for one identifier: the identifier, or why it is not known, never both and never neither,
 * so a missing UPN or ULN always carries the reason SEN2 asks for.
 */
export function validateIdentifierAnswer<I extends ChildIdentifier>(
  identifier: I,
  answer: { value?: string | null; reasonUnknown?: string | null },
): { ok: true; value: IdentifierAnswer<I> } | { ok: false; message: string } {
  const name = IDENTIFIER_NAMES[identifier];
  const typed = compact(answer.value ?? '');
  const reason = answer.reasonUnknown ?? '';
  if (typed !== '' && reason !== '') {
    return { ok: false, message: `Enter the ${name} or select why it is not known, not both` };
  }
  if (typed === '' && reason === '') {
    return { ok: false, message: `Enter the ${name} or select why it is not known` };
  }
  if (reason !== '') {
    if (!isUnknownIdentifierReason(identifier, reason)) {
      return { ok: false, message: `Select why the ${name} is not known` };
    }
    return { ok: true, value: { value: null, reasonUnknown: reason } };
  }
  const validators: Record<ChildIdentifier, (input: string) => IdentifierValidation> = {
    'nhs-number': validateNhsNumber,
    upn: validateUpn,
    uln: validateUln,
  };
  const result = validators[identifier](typed);
  return result.ok ? { ok: true, value: { value: result.value, reasonUnknown: null } } : result;
}
