/**
 * Instants and keys for iCalendar times. Owns: the UTC instant of a DATE-TIME (with its zone resolved inside its
 * calendar), the key used to match RECURRENCE-IDs written in different zones (sabre/vobject matches by instant,
 * not by text), and ISO 8601 output for views.
 */
import ICAL from 'ical.js';

/** Milliseconds since the epoch; floating times are read as UTC wall clock. */
export function toUtcMs(t: ICAL.Time): number {
  if (t.isDate) return Date.UTC(t.year, t.month - 1, t.day);
  return t.toUnixTime() * 1000;
}

/**
 * The identity of a recurrence instance: `D:YYYYMMDD` for all-day, `T:<epoch ms>` for date-times. Two
 * RECURRENCE-IDs denote the same instance exactly when their keys are equal.
 */
export function timeKey(t: ICAL.Time): string {
  if (t.isDate) return `D:${pad(t.year, 4)}${pad(t.month, 2)}${pad(t.day, 2)}`;
  return `T:${toUtcMs(t)}`;
}

/** ISO 8601 with the offset the time has in its own zone (`2026-03-01T10:00:00+01:00`), or `YYYY-MM-DD` for dates. */
export function formatIso(t: ICAL.Time): string {
  if (t.isDate) return `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}`;
  const ms = toUtcMs(t);
  const floating = t.zone === ICAL.Timezone.localTimezone || !t.zone;
  const offsetSec = floating || t.zone === ICAL.Timezone.utcTimezone ? 0 : t.utcOffset();
  return isoWithOffset(ms, offsetSec);
}

export function isoWithOffset(ms: number, offsetSec: number): string {
  const local = new Date(ms + offsetSec * 1000);
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec);
  const base = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}`;
  return offsetSec === 0 ? `${base}Z` : `${base}${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
}

/** iCalendar UTC DATE-TIME text for an instant (`20260301T090000Z`), as DTSTAMP needs. */
export function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}Z`;
}

export function icalTimeFromMs(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}
