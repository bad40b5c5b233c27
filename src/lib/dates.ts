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
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function atNoon(isoDate: string): Date {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return new Date(`${isoDate}T12:00:00Z`);
}

export function addDays(isoDate: string, days: number): string {
  const d = atNoon(isoDate);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((atNoon(to).getTime() - atNoon(from).getTime()) / 86_400_000);
}

/** 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(isoDate: string): number {
  return atNoon(isoDate).getUTCDay();
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
