/**
 * Times a person types (ISO 8601, with or without offset, or a date) turned into DTSTART/DTEND property text for
 * the event they organize: in the named zone (TZID + VTIMEZONE from the database), in UTC, or as dates.
 */
import ICAL from 'ical.js';
import { libraryVtimezone } from '../../ical/zones.js';
import { timeInZone } from '../../ical/time.js';

export interface TimeSpec {
  /** ISO 8601: `2026-03-10T10:00` (wall time in `tz`), `2026-03-10T09:00:00Z` / `+01:00`, or `2026-03-10`. */
  readonly iso: string;
  /** IANA or Windows zone name; null writes UTC. */
  readonly tz: string | null;
  readonly allDay: boolean;
}

/** A property ready to add: its value as iCalendar text and the TZID parameter, or null for an unreadable time. */
export interface TimeProp {
  readonly value: string;
  readonly tzid: string | null;
  readonly isDate: boolean;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** The zone's ical.js object from the database, or null when the name is unknown. */
export function zoneNamed(tz: string): ICAL.Timezone | null {
  const text = libraryVtimezone(tz);
  if (!text) return null;
  const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return new ICAL.Timezone(comp);
}

export function timeProp(spec: TimeSpec): TimeProp | null {
  const t = spec.iso.trim();
  const wall = WALL.exec(t);
  if (spec.allDay) {
    const d = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(t);
    return d ? { value: `${d[1]}${d[2]}${d[3]}`, tzid: null, isDate: true } : null;
  }
  // A wall time without offset is read in the event's zone (or as UTC when none is given).
  if (wall && wall[4] !== undefined) {
    const text = `${wall[1]}${wall[2]}${wall[3]}T${wall[4]}${wall[5]}${wall[6] ?? '00'}`;
    if (spec.tz && !zoneNamed(spec.tz)) return null;
    return spec.tz ? { value: text, tzid: spec.tz, isDate: false } : { value: `${text}Z`, tzid: null, isDate: false };
  }
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) return null;
  if (!spec.tz) return { value: utcText(ms), tzid: null, isDate: false };
  const zone = zoneNamed(spec.tz);
  if (!zone) return null;
  const local = timeInZone(ms, zone);
  return { value: local.toICALString().replace(/Z$/, ''), tzid: spec.tz, isDate: false };
}

function utcText(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Sets DTSTART/DTEND/RECURRENCE-ID-like property `name` on `c` from a `TimeProp`, replacing what was there. */
export function setTimeProp(c: ICAL.Component, name: string, t: TimeProp): void {
  c.removeAllProperties(name);
  const line = `${name.toUpperCase()}${t.tzid ? `;TZID=${t.tzid}` : ''}${t.isDate ? ';VALUE=DATE' : ''}:${t.value}`;
  c.addProperty(ICAL.Property.fromString(line));
}

/** How the component's DTSTART is written: its TZID (null for UTC or floating) and whether it is a date. */
export function startForm(c: ICAL.Component): { tz: string | null; allDay: boolean } {
  const p = c.getFirstProperty('dtstart');
  const tz = p?.getParameter('tzid');
  return { tz: typeof tz === 'string' && tz !== '' ? tz : null, allDay: p?.type === 'date' };
}
