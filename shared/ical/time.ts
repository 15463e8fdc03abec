/**
 * Instants and keys for iCalendar times. Owns: the UTC instant of a DATE-TIME (with its zone resolved inside its
 * calendar, through the cached offset tables of zoneOffsets.ts), the key used to match RECURRENCE-IDs written in
 * different zones (sabre/vobject matches by instant, not by text), building ical.js times from instants, and
 * ISO 8601 output for views.
 *
 * Floating times (RFC 5545 §3.3.5 form #1) and DATE values are read on a UTC wall clock: their "instant" is the
 * wall time counted as UTC, which keeps them comparable without inventing a zone.
 */
import ICAL from 'ical.js';
import { MS_PER_DAY, fieldsFromWall, wallFromFields } from './civil.js';
import { zoneOffsetsFor } from './zoneOffsets.js';

/** The local date and time of `t` as milliseconds counted as if UTC (ignores the zone). */
export function wallMs(t: ICAL.Time): number {
  if (t.isDate) return wallFromFields(t.year, t.month, t.day);
  return wallFromFields(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/** Milliseconds since the epoch; floating times and dates are read as UTC wall clock. */
export function toUtcMs(t: ICAL.Time): number {
  const wall = wallMs(t);
  if (t.isDate) return wall;
  const offsets = zoneOffsetsFor(t.zone);
  return offsets ? offsets.utcFromWall(wall) : wall;
}

/** Whether `t` is floating (no zone, or a TZID ical.js could not resolve). */
export function isFloating(t: ICAL.Time): boolean {
  return !t.isDate && t.zone !== ICAL.Timezone.utcTimezone && !zoneOffsetsFor(t.zone);
}

/** Offset from UTC in seconds that `zone` has at an instant (0 for UTC, floating and unresolved zones). */
export function offsetSecondsAt(zone: ICAL.Timezone | null | undefined, utcMs: number): number {
  const offsets = zoneOffsetsFor(zone);
  return offsets ? Math.round(offsets.offsetAtUtc(utcMs) / 1000) : 0;
}

/**
 * The identity of a recurrence instance: `D:YYYYMMDD` for all-day, `T:<epoch ms>` for date-times. Two
 * RECURRENCE-IDs denote the same instance exactly when their keys are equal.
 */
export function timeKey(t: ICAL.Time): string {
  if (t.isDate) return dateKey(wallMs(t));
  return `T:${toUtcMs(t)}`;
}

/** `D:YYYYMMDD` for the local date of a wall time. */
export function dateKey(wall: number): string {
  const f = fieldsFromWall(wall);
  return `D:${pad(f.year, 4)}${pad(f.month, 2)}${pad(f.day, 2)}`;
}

/**
 * An ical.js time for a wall time in `zone` (null: floating). `utcMs`, when known, is stored as ical.js' cached
 * unix time so its own comparisons agree with ours (and skip its slow zone walk).
 */
export function timeFromWall(wall: number, zone: ICAL.Timezone | null, isDate: boolean, utcMs?: number): ICAL.Time {
  const f = fieldsFromWall(isDate ? Math.floor(wall / MS_PER_DAY) * MS_PER_DAY : wall);
  const t = new (ICAL.Time as unknown as new () => ICAL.Time)();
  // ical.js' data constructor walks its argument through property setters (about 2 µs per time, the largest cost
  // of an expansion); writing its field record directly is four times faster. Fall back if the layout changes.
  const fields = (t as unknown as { _time?: Record<string, number | boolean> })._time;
  if (fields && typeof fields === 'object' && 'isDate' in fields) {
    fields.year = f.year;
    fields.month = f.month;
    fields.day = f.day;
    fields.hour = isDate ? 0 : f.hour;
    fields.minute = isDate ? 0 : f.minute;
    fields.second = isDate ? 0 : f.second;
    fields.isDate = isDate;
  } else {
    t.resetTo(
      f.year,
      f.month,
      f.day,
      isDate ? 0 : f.hour,
      isDate ? 0 : f.minute,
      isDate ? 0 : f.second,
      ICAL.Timezone.localTimezone,
    );
    t.isDate = isDate;
  }
  t.zone = isDate ? ICAL.Timezone.localTimezone : (zone ?? ICAL.Timezone.localTimezone);
  t._cachedUnixTime = utcMs !== undefined && !isDate ? Math.floor(utcMs / 1000) : null;
  return t;
}

/** The ical.js time of an instant, expressed in `zone` (UTC when null or UTC). */
export function timeInZone(utcMs: number, zone: ICAL.Timezone | null): ICAL.Time {
  if (!zone || zone === ICAL.Timezone.utcTimezone) return timeFromWall(utcMs, ICAL.Timezone.utcTimezone, false, utcMs);
  const offsets = zoneOffsetsFor(zone);
  // A zone without a definition is floating: its wall clock is the UTC one by our convention.
  return timeFromWall(utcMs + (offsets ? offsets.offsetAtUtc(utcMs) : 0), zone, false, utcMs);
}

/**
 * ISO 8601 with the offset the time has in its own zone (`2026-03-01T10:00:00+01:00`), `Z` for UTC, no offset for
 * floating times (which is how ISO 8601 and JavaScript spell local time), or `YYYY-MM-DD` for dates.
 */
export function formatIso(t: ICAL.Time): string {
  if (t.isDate) return `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}`;
  const ms = toUtcMs(t);
  if (isFloating(t)) return isoWithOffset(ms, 0).slice(0, -1);
  return isoWithOffset(ms, offsetSecondsAt(t.zone, ms));
}

/**
 * formatIso of the instant `ms` in the zone `like` is written in, with the offset that zone has at that instant.
 * The second occurrence of a local time repeated when clocks go back has no spelling of its own in its zone
 * (RFC 5545 §3.3.5 reads a repeated local time as the first), so an occurrence's end there is formatted from its
 * instant, not from its wall time. Dates and floating times are formatted as they are.
 */
export function formatInstant(ms: number, like: ICAL.Time): string {
  if (like.isDate || isFloating(like)) return formatIso(like);
  return isoWithOffset(ms, offsetSecondsAt(like.zone, ms));
}

/**
 * `t` when it names the instant `ms`, else the UTC time of `ms`: a time worked out as an instant that falls on the
 * second occurrence of a repeated local time is written in UTC rather than read an hour early (see formatInstant).
 */
export function exactTime(t: ICAL.Time, ms: number): ICAL.Time {
  return t.isDate || toUtcMs(t) === ms ? t : icalTimeFromMs(ms);
}

export function isoWithOffset(ms: number, offsetSec: number): string {
  const f = fieldsFromWall(ms + offsetSec * 1000);
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec);
  const base = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  return offsetSec === 0
    ? `${base}Z`
    : `${base}${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
}

/** iCalendar UTC DATE-TIME text for an instant (`20260301T090000Z`), as DTSTAMP needs. */
export function utcStamp(ms: number): string {
  const f = fieldsFromWall(ms);
  return `${pad(f.year, 4)}${pad(f.month, 2)}${pad(f.day, 2)}T${pad(f.hour, 2)}${pad(f.minute, 2)}${pad(f.second, 2)}Z`;
}

/** The UTC ical.js time of an instant. */
export function icalTimeFromMs(ms: number): ICAL.Time {
  return timeFromWall(ms, ICAL.Timezone.utcTimezone, false, ms);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}
