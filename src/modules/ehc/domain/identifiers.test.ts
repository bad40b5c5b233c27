import { describe, expect, it } from 'vitest';
import {
  CHILD_IDENTIFIERS,
  UNKNOWN_IDENTIFIER_REASONS,
  UPN_CHECK_LETTERS,
  formatNhsNumber,
  isTemporaryUpn,
  isUnknownIdentifierReason,
  nhsNumberCheckDigit,
  ulnCheckDigit,
  upnCheckLetter,
  validateIdentifierAnswer,
  validateNhsNumber,
  validateUln,
  validateUpn,
} from './identifiers.ts';

describe('NHS number', () => {
  // 9434765919: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
  // 4010232137: 4×10 + 0×9 + 1×8 + 0×7 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7.
  it.each(['9434765919', '4010232137'])('accepts %s', (nhsNumber) => {
    expect(validateNhsNumber(nhsNumber)).toEqual({ ok: true, value: nhsNumber });
  });

  it.each([
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['  401 023 2137 ', '4010232137'],
    ['401\t023\u00a02137', '4010232137'],
  ])('normalises %j to %s', (input, value) => {
    expect(validateNhsNumber(input)).toEqual({ ok: true, value });
  });

  it('computes the check digit from the first nine digits', () => {
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
    expect(nhsNumberCheckDigit('401023213')).toBe(7);
  });

  it('makes a check value of 11 into 0', () => {
    // 1×10 + 4×3 = 22; 22 mod 11 = 0; 11 − 0 = 11 → 0.
    expect(nhsNumberCheckDigit('100000040')).toBe(0);
    expect(validateNhsNumber('1000000400')).toEqual({ ok: true, value: '1000000400' });
  });

  it('rejects every number whose check value would be 10', () => {
    // 1×10 + 1×2 = 12; 12 mod 11 = 1; 11 − 1 = 10: no NHS number starts 100000001.
    expect(nhsNumberCheckDigit('100000001')).toBeUndefined();
    for (let last = 0; last <= 9; last++) {
      expect(validateNhsNumber(`100000001${last}`).ok).toBe(false);
    }
  });

  it('rejects a wrong check digit, and a transposition the check digit catches', () => {
    expect(validateNhsNumber('9434765918')).toEqual({
      ok: false,
      message: 'Enter a valid NHS number – check it against a letter from the GP or hospital',
    });
    expect(validateNhsNumber('4910232137').ok).toBe(false); // first two digits swapped
  });

  it('uses a format hint that is not itself a valid number', () => {
    // 485 777 3456 is the NHS design system's example: 312 mod 11 = 4, check 7, not 6.
    expect(validateNhsNumber('485 777 3456').ok).toBe(false);
  });

  it.each(['943476591', '94347659190', '943476591X', '943.476.5919', '+449434765919'])(
    'asks for 10 digits when given %j',
    (input) => {
      expect(validateNhsNumber(input)).toEqual({
        ok: false,
        message: 'Enter an NHS number with 10 digits, like 943 476 5919',
      });
    },
  );

  it.each(['', '   ', ' - '])('asks for a number when given %j', (input) => {
    expect(validateNhsNumber(input)).toEqual({ ok: false, message: 'Enter an NHS number' });
  });

  it('formats for display as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
  });

  it('refuses to format or check what is not the right number of digits', () => {
    expect(() => formatNhsNumber('94347659')).toThrow(RangeError);
    expect(() => nhsNumberCheckDigit('94347659')).toThrow(RangeError);
  });
});

describe('unique pupil number (UPN)', () => {
  it('has the 23-letter check table without I, O and S', () => {
    expect(UPN_CHECK_LETTERS).toHaveLength(23);
    expect(UPN_CHECK_LETTERS).not.toMatch(/[IOS]/);
  });

  it('computes the check letter from characters 2 to 13 weighted 2 to 13, modulo 23', () => {
    // 336 2001 24 001: 3×2 + 3×3 + 6×4 + 2×5 + 0×6 + 0×7 + 1×8 + 2×9 + 4×10 + 0×11 + 0×12 + 1×13 = 128;
    // 128 mod 23 = 13 → P.
    expect(upnCheckLetter('336200124001')).toBe('P');
    // 207 0000 16 049: 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266; 266 mod 23 = 13 → P.
    expect(upnCheckLetter('207000016049')).toBe('P');
  });

  it('counts a temporary UPN’s final letter at its value in the check table', () => {
    // 336 2001 24 00A: 128 − 1×13 + 0×13 = 115; 115 mod 23 = 0 → A.
    expect(upnCheckLetter('33620012400A')).toBe('A');
    // 336 2001 24 00Z: 115 + 22×13 = 401; 401 mod 23 = 10 → L.
    expect(upnCheckLetter('33620012400Z')).toBe('L');
  });

  it.each(['P336200124001', 'P207000016049', 'A33620012400A', 'L33620012400Z'])('accepts %s', (upn) => {
    expect(validateUpn(upn)).toEqual({ ok: true, value: upn });
  });

  it('normalises case, spaces and hyphens', () => {
    expect(validateUpn(' p336 2001 24 001 ')).toEqual({ ok: true, value: 'P336200124001' });
    expect(validateUpn('l336-2001-24-00z')).toEqual({ ok: true, value: 'L33620012400Z' });
  });

  it('rejects a wrong check letter', () => {
    // Q207000016049 is the corrected UPN in a widely copied census-error help page, whose sum is mis-added
    // as 267: the true sum is 266, so the check letter is P.
    expect(validateUpn('Q207000016049')).toEqual({
      ok: false,
      message: 'Enter a valid UPN – the first letter does not match the rest of the number',
    });
    expect(validateUpn('P336200124002').ok).toBe(false);
    expect(validateUpn('B33620012400A').ok).toBe(false);
  });

  const formatMessage =
    'Enter a UPN with 13 characters: a letter, 11 numbers, then a number (or a letter if the UPN is temporary)';
  it.each([
    ['P33620012400', 'too short'],
    ['P3362001240011', 'too long'],
    ['3336200124001', 'no check letter'],
    ['I336200124001', 'a check letter I is never used'],
    ['P33620012A001', 'a letter before character 13'],
    ['P33620012400O', 'a temporary letter outside the check table'],
    ['P33620012400S', 'a temporary letter outside the check table'],
  ])('asks for 13 characters when given %s (%s)', (input) => {
    expect(validateUpn(input)).toEqual({ ok: false, message: formatMessage });
  });

  it('asks for a UPN when given nothing', () => {
    expect(validateUpn(' ')).toEqual({ ok: false, message: 'Enter a unique pupil number (UPN)' });
  });

  it('tells a temporary UPN from a permanent one', () => {
    expect(isTemporaryUpn('A33620012400A')).toBe(true);
    expect(isTemporaryUpn('l336 2001 24 00z')).toBe(true);
    expect(isTemporaryUpn('P336200124001')).toBe(false);
  });

  it('refuses to compute a check letter for malformed input', () => {
    expect(() => upnCheckLetter('33620012400')).toThrow(RangeError);
    expect(() => upnCheckLetter('3362001240AA')).toThrow(RangeError);
  });
});

describe('unique learner number (ULN)', () => {
  it('computes the check digit as 10 − (weighted sum mod 11)', () => {
    // 1×10 + 2×9 + 3×8 + 4×7 + 5×6 + 6×5 + 7×4 + 8×3 + 9×2 = 210; 210 mod 11 = 1; 10 − 1 = 9.
    expect(ulnCheckDigit('123456789')).toBe(9);
    // 2×10 = 20; 20 mod 11 = 9; 10 − 9 = 1.
    expect(ulnCheckDigit('200000000')).toBe(1);
    // 1×10 = 10; 10 mod 11 = 10; 10 − 10 = 0.
    expect(ulnCheckDigit('100000000')).toBe(0);
  });

  it('has no check digit when the remainder is 0', () => {
    // 9×10 + 8×9 + 7×8 + 6×7 + 5×6 + 4×5 + 3×4 + 2×3 + 1×2 = 330; 330 mod 11 = 0.
    expect(ulnCheckDigit('987654321')).toBeUndefined();
    for (let last = 0; last <= 9; last++) {
      expect(validateUln(`987654321${last}`).ok).toBe(false);
    }
  });

  it.each(['1234567899', '2000000001', '1000000000'])('accepts %s', (uln) => {
    expect(validateUln(uln)).toEqual({ ok: true, value: uln });
  });

  it('normalises spaces and hyphens', () => {
    expect(validateUln(' 12345 67899 ')).toEqual({ ok: true, value: '1234567899' });
    expect(validateUln('123-456-7899')).toEqual({ ok: true, value: '1234567899' });
  });

  it('rejects a wrong check digit', () => {
    expect(validateUln('1234567898')).toEqual({
      ok: false,
      message: 'Enter a valid ULN – check it against a record from the school or college',
    });
    expect(validateUln('2134567899').ok).toBe(false); // first two digits swapped
  });

  it.each(['0123456789', '123456789', '12345678990', '123456789X'])(
    'asks for 10 digits not starting with 0 when given %s',
    (input) => {
      expect(validateUln(input)).toEqual({
        ok: false,
        message: 'Enter a ULN with 10 digits, not starting with 0',
      });
    },
  );

  it('turns away the ILR’s “not known” placeholder with a pointer to the reasons', () => {
    expect(validateUln('9999999999')).toEqual({
      ok: false,
      message: '9999999999 is not a ULN – if the ULN is not known, select why instead',
    });
  });

  it('asks for a ULN when given nothing', () => {
    expect(validateUln('')).toEqual({ ok: false, message: 'Enter a unique learner number (ULN)' });
  });

  it('refuses to compute a check digit for malformed input', () => {
    expect(() => ulnCheckDigit('12345678')).toThrow(RangeError);
  });
});

describe('reasons an identifier is not known', () => {
  it('has a closed list for every identifier, each code unique and labelled', () => {
    for (const identifier of CHILD_IDENTIFIERS) {
      const reasons = UNKNOWN_IDENTIFIER_REASONS[identifier];
      expect(reasons.length).toBeGreaterThan(0);
      expect(new Set(reasons.map((reason) => reason.code)).size).toBe(reasons.length);
      for (const reason of reasons) expect(reason.label.trim()).not.toBe('');
    }
  });

  it('holds the reasons the casework needs', () => {
    expect(UNKNOWN_IDENTIFIER_REASONS['nhs-number'].map((reason) => reason.label)).toEqual([
      'Not yet known',
      'Not registered with a GP in England',
      'Declined to give',
    ]);
    expect(UNKNOWN_IDENTIFIER_REASONS.upn.map((reason) => reason.label)).toEqual([
      'Not in a state-funded school',
      'Not yet allocated',
    ]);
    expect(UNKNOWN_IDENTIFIER_REASONS.uln.map((reason) => reason.label)).toEqual([
      'Not yet 14',
      'Not yet allocated',
    ]);
  });

  it('accepts a reason only for the identifier it belongs to', () => {
    expect(isUnknownIdentifierReason('uln', 'not-yet-14')).toBe(true);
    expect(isUnknownIdentifierReason('upn', 'not-yet-14')).toBe(false);
    expect(isUnknownIdentifierReason('nhs-number', 'declined-to-give')).toBe(true);
    expect(isUnknownIdentifierReason('nhs-number', undefined)).toBe(false);
  });
});

describe('an identifier or the reason it is not known', () => {
  it('takes a valid identifier, normalised', () => {
    expect(validateIdentifierAnswer('nhs-number', { value: '943 476 5919', reasonUnknown: '' })).toEqual({
      ok: true,
      value: { value: '9434765919', reasonUnknown: null },
    });
  });

  it('takes a reason from the identifier’s list', () => {
    expect(
      validateIdentifierAnswer('upn', { value: '', reasonUnknown: 'not-in-state-funded-school' }),
    ).toEqual({
      ok: true,
      value: { value: null, reasonUnknown: 'not-in-state-funded-school' },
    });
    expect(validateIdentifierAnswer('uln', { reasonUnknown: 'not-yet-14' }).ok).toBe(true);
  });

  it('passes on the identifier’s own error', () => {
    expect(validateIdentifierAnswer('uln', { value: '1234567898' })).toEqual({
      ok: false,
      message: 'Enter a valid ULN – check it against a record from the school or college',
    });
  });

  it('asks for one or the other when given neither', () => {
    expect(validateIdentifierAnswer('upn', { value: '  ', reasonUnknown: null })).toEqual({
      ok: false,
      message: 'Enter the unique pupil number (UPN) or select why it is not known',
    });
  });

  it('refuses both', () => {
    expect(
      validateIdentifierAnswer('nhs-number', { value: '9434765919', reasonUnknown: 'not-yet-known' }),
    ).toEqual({ ok: false, message: 'Enter the NHS number or select why it is not known, not both' });
  });

  it('refuses a reason from another identifier’s list', () => {
    expect(validateIdentifierAnswer('nhs-number', { reasonUnknown: 'not-yet-14' })).toEqual({
      ok: false,
      message: 'Select why the NHS number is not known',
    });
  });
});
