/**
 * Proleptic Gregorian calendar arithmetic on plain numbers. Owns: day numbers (days since 1970-01-01), "wall"
 * milliseconds (a local date and time counted as if it were UTC, the form every iCalendar local time is
 * computed in before its zone is applied), ISO 8601 week numbers with any week start (RFC 5545 §3.3.10 WKST),
 * and reading jCal date/date-time strings.
 *
 * Everything here is allocation-light and never consults the clock or the host time zone: `Date.UTC` is avoided
 * because it maps years 0–99 to 1900–1999.
 */

export const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface WallFields extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Day number of a civil date (1970-01-01 is 0). Months outside 1–12 roll over into neighbouring years. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const m0 = month - 1;
  let y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  // Count years from March so the leap day is the last day of the counted year.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number. */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Day of the week, 0 = Sunday … 6 = Saturday (the numbering ical.js and JavaScript use, minus one for ical.js). */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 30;
}

export function wallFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

export function fieldsFromWall(wall: number): WallFields {
  const dayNumber = Math.floor(wall / MS_PER_DAY);
  const { year, month, day } = civilFromDays(dayNumber);
  const secs = Math.floor((wall - dayNumber * MS_PER_DAY) / 1000);
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor((secs % 3600) / 60), second: secs % 60 };
}

/** Approximate calendar year of a millisecond value; off by at most one near New Year, which callers allow for. */
export function approximateYear(ms: number): number {
  return 1970 + Math.floor(ms / 31_556_952_000);
}

/** First day (day number) of the week containing `dayNumber`, for a week starting on `wkst` (0 = Sunday). */
export function weekStartOf(dayNumber: number, wkst: number): number {
  return dayNumber - ((weekdayOf(dayNumber) - wkst + 7) % 7);
}

export interface WeekNumber {
  /** 1-based week number within its week-numbering year. */
  readonly week: number;
  /** How many weeks that week-numbering year has (52 or 53). */
  readonly weeksInYear: number;
  readonly weekYear: number;
}

/**
 * ISO 8601 week number with an arbitrary week start (RFC 5545 §3.3.10 BYWEEKNO and WKST): week 1 is the first
 * week with at least four days in the calendar year, i.e. the week containing 4 January. A week belongs to the
 * year that holds its fourth day, so late-December days can be in week 1 of the next year and early-January
 * days in the last week of the previous one.
 */
export function weekNumberOf(dayNumber: number, wkst: number): WeekNumber {
  const start = weekStartOf(dayNumber, wkst);
  const weekYear = civilFromDays(start + 3).year;
  const week1 = weekStartOf(daysFromCivil(weekYear, 1, 4), wkst);
  const nextWeek1 = weekStartOf(daysFromCivil(weekYear + 1, 1, 4), wkst);
  return { week: (start - week1) / 7 + 1, weeksInYear: (nextWeek1 - week1) / 7, weekYear };
}

export interface ParsedDateTime {
  /** Wall milliseconds (for a UTC value this is the UTC instant). */
  readonly wall: number;
  readonly isDate: boolean;
  readonly isUtc: boolean;
}

const JCAL_DATE_TIME = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(Z)?)?$/;

/** Reads a jCal (`2026-03-29T02:00:00`) or iCalendar (`20260329T020000Z`) date or date-time; null when malformed. */
export function parseDateTimeText(text: unknown): ParsedDateTime | null {
  if (typeof text !== 'string') return null;
  const m = JCAL_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, z] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (h === undefined) return { wall: wallFromFields(Number(y), month, day), isDate: true, isUtc: false };
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 24 || minute > 59 || second > 60) return null;
  return { wall: wallFromFields(Number(y), month, day, hour, minute, second), isDate: false, isUtc: z === 'Z' };
}
