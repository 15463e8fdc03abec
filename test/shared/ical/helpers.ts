/**
 * Builders for the shared/ical tests: calendars from a few lines of iCalendar text, the VTIMEZONE fixtures in
 * test/fixtures/ical/, and compact renderings of occurrences to compare against expected lists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { completeTimezones, formatIso, type Occurrence } from '../../../shared/ical/index.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ical');

/** A VTIMEZONE fixture's text (CRLF lines, no VCALENDAR wrapper). */
export function zoneFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, `${name}.vtimezone`), 'utf8').trim();
}

/** Parses a VCALENDAR built from body lines (leading spaces trimmed, CRLF joined). Zones are not completed. */
export function parseCalendar(...bodies: string[]): ICAL.Component {
  const lines = bodies
    .join('\n')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//shared-ical//EN',
    ...lines,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return new ICAL.Component(ICAL.parse(text));
}

/** parseCalendar followed by completeTimezones, as the product does right after parsing. */
export function calendar(...bodies: string[]): ICAL.Component {
  const cal = parseCalendar(...bodies);
  completeTimezones(cal);
  return cal;
}

/** A VEVENT block from property lines, with UID and DTSTAMP filled in. */
export function vevent(...props: string[]): string {
  return ['BEGIN:VEVENT', 'UID:test-event@example.org', 'DTSTAMP:20260101T000000Z', ...props, 'END:VEVENT'].join('\n');
}

export function utc(iso: string): number {
  return Date.parse(iso);
}

/** Local start times as `YYYY-MM-DDTHH:MM:SS` (or `YYYY-MM-DD`), the way RFC 5545 lists its examples. */
export function localStarts(occs: readonly Occurrence[]): string[] {
  return occs.map((o) => (o.start.isDate ? formatIso(o.start) : formatIso(o.start).slice(0, 19)));
}

/** Start instants as ISO UTC strings. */
export function utcStarts(occs: readonly Occurrence[]): string[] {
  return occs.map((o) => new Date(o.startMs).toISOString().replace('.000Z', 'Z'));
}

export function summaryOf(occ: Occurrence): unknown {
  return occ.component.getFirstPropertyValue('summary');
}
