const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** "22 November 2026 at 3:05pm", in Europe/London whatever the server's zone (GOV.UK style). */
export function formatDateTime(date: Date): string {
  const parts = Object.fromEntries(london.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase()}`;
}

/** "3:05pm" in Europe/London. */
export function formatTime(date: Date): string {
  const parts = Object.fromEntries(londonTime.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase()}`;
}

// Calendar dates ('YYYY-MM-DD') have no time zone: arithmetic is done at noon UTC so that no
// daylight-saving change can move a date.
/** The months in English, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The day number of a calendar date (days since 1970-01-01), or NaN when it is not one. Integer arithmetic on
 * the proleptic Gregorian calendar (H. Hinnant's days_from_civil), the calendar Date uses, without parsing a
 * Date from a string (which made date arithmetic most of the clock engine's time).
 */
function dayNumber(value: string): number {
  // 'YYYY-MM-DD', read digit by digit: as the pattern ^(\d{4})-(\d{2})-(\d{2})$ does, without a match array.
  if (typeof value !== 'string' || value.length !== 10) return NaN;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return NaN;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    if (i < 4) year = year * 10 + digit;
    else if (i < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  if (month < 1 || month > 12 || day < 1) return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day number (H. Hinnant's civil_from_days). */
function fromDayNumber(z: number): string {
  const shifted = z + 719_468;
  const era = Math.floor(shifted / 146_097);
  const doe = shifted - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Out of the calendar: day ${z}`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function checkedDayNumber(isoDate: string): number {
  const n = dayNumber(isoDate);
  if (Number.isNaN(n)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return n;
}

export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumber(value));
}

function atNoon(isoDate: string): Date {
  return new Date(checkedDayNumber(isoDate) * 86_400_000 + 43_200_000);
}

export function addDays(isoDate: string, days: number): string {
  const n = checkedDayNumber(isoDate);
  if (Number.isInteger(days)) return fromDayNumber(n + days);
  // As Date.setUTCDate did: the day of the month plus the days, truncated.
  const dayOfMonth = Number(isoDate.slice(8, 10));
  return fromDayNumber(n + Math.trunc(dayOfMonth + days) - dayOfMonth);
}

export function daysBetween(from: string, to: string): number {
  return checkedDayNumber(to) - checkedDayNumber(from);
}

/** 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(isoDate: string): number {
  // 1970-01-01 was a Thursday.
  return (((checkedDayNumber(isoDate) + 4) % 7) + 7) % 7;
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in England. */
export function londonToday(now: Date): string {
  return londonDate.format(now);
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const longDateWithDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "23 November 2026". */
export function formatDate(isoDate: string): string {
  return longDate.format(atNoon(isoDate));
}

/** "Monday 23 November 2026". */
export function formatDateWithDay(isoDate: string): string {
  return longDateWithDay.format(atNoon(isoDate)).replace(',', '');
}

/** "9:30am" from "09:30". */
export function formatClockTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const suffix = h >= 12 ? 'pm' : 'am';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}
