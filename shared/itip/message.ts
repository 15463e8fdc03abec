/**
 * Parsing an iTIP message (RFC 5546 §1.4, §3): iCalendar text in, a validated `ItipMessage` out, or an error
 * with a code. Owns the structural checks (one UID, a METHOD, required properties) and the repairs real clients
 * need before anything else looks at the data (missing VTIMEZONEs, Microsoft leftovers).
 */
import ICAL from 'ical.js';
import { completeTimezones } from '../ical/zones.js';
import { parseIcs } from '../ical/parse.js';
import { hasControlCharacters } from '../ical/serialize.js';
import { err, ok, type Result } from '../util/result.js';
import type { ItipMethod } from '../model/outgoing.js';
import type { Message } from '../i18n/index.js';
import { itipError, type ItipError } from './errors.js';
import { attendeeProps, organizerProp, timeValue, textValue, type Comp } from './components.js';

/** Beyond this the data is not a meeting invitation but an attack or an export; refuse early. */
export const MAX_ITIP_CHARS = 4 * 1024 * 1024;
export const MAX_COMPONENTS = 2_000;

const METHODS: readonly ItipMethod[] = [
  'PUBLISH',
  'REQUEST',
  'REPLY',
  'ADD',
  'CANCEL',
  'REFRESH',
  'COUNTER',
  'DECLINECOUNTER',
];

export interface ItipMessage {
  readonly method: ItipMethod;
  /** The VCALENDAR, zones completed, Microsoft leftovers removed. The engine treats it as read-only. */
  readonly calendar: Comp;
  /** 'vevent' or 'vfreebusy': the only component kinds scheduled here. */
  readonly componentType: 'vevent' | 'vfreebusy';
  readonly uid: string;
  /** The VEVENTs (or the VFREEBUSY) of the message, in document order. */
  readonly components: readonly Comp[];
  /** Repairs and oddities noticed while parsing (`warning.*`). */
  readonly notes: readonly Message[];
  readonly prodid: string;
}

export type ParseFailure = ItipError;

/**
 * Parses and validates. `headerMethod` is the MIME `method=` parameter when the mail had one; the body METHOD wins
 * (RFC 6047 §2.4 requires them to agree; Proton Bridge drops the parameter, some clients lower-case it).
 */
export function parseItip(text: string, headerMethod: string | null = null): Result<ItipMessage, ParseFailure> {
  if (text.length > MAX_ITIP_CHARS) return err(itipError('ITIP_TOO_LARGE', { size: text.length, unit: 'characters' }));
  let calendar: Comp;
  try {
    const jcal = parseIcs(text.replace(/^\uFEFF/, ''));
    const first = Array.isArray(jcal) && typeof jcal[0] === 'string' ? jcal : Array.isArray(jcal) ? jcal[0] : null;
    if (!Array.isArray(first)) return err(itipError('ITIP_NOT_CALENDAR'));
    calendar = new ICAL.Component(first as unknown[]);
  } catch (e) {
    return err(itipError('ITIP_PARSE', { detail: e instanceof Error ? e.message : String(e) }));
  }
  if (calendar.name !== 'vcalendar') return err(itipError('ITIP_NOT_CALENDAR'));
  // Before any value is read: a UID or METHOD typed VALUE=DATE-TIME, or a bad RRULE, throws when ical.js decodes it.
  const undecodable = firstUndecodable(calendar);
  if (undecodable) return err(itipError('ITIP_BAD_VALUE', { property: undecodable.toUpperCase() }));
  const notes: Message[] = [];

  const bodyMethod = (textValue(calendar, 'method') ?? '').trim().toUpperCase();
  const hdr = (headerMethod ?? '').trim().toUpperCase();
  const method = bodyMethod || hdr;
  if (!bodyMethod && hdr) notes.push({ key: 'warning.headerMethodUsed', params: { method: headerMethod } });
  if (bodyMethod && hdr && bodyMethod !== hdr)
    notes.push({ key: 'warning.methodMismatch', params: { header: headerMethod, body: bodyMethod } });
  if (!method) return err(itipError('ITIP_NO_METHOD'));
  if (!METHODS.includes(method as ItipMethod)) {
    return err(itipError('ITIP_UNSUPPORTED', { method }));
  }

  const all = calendar.getAllSubcomponents();
  if (all.length > MAX_COMPONENTS) return err(itipError('ITIP_TOO_LARGE', { size: all.length, unit: 'components' }));
  const events = calendar.getAllSubcomponents('vevent');
  const freebusy = calendar.getAllSubcomponents('vfreebusy');
  let componentType: 'vevent' | 'vfreebusy';
  let components: Comp[];
  if (events.length > 0) {
    componentType = 'vevent';
    components = events;
  } else if (freebusy.length > 0) {
    componentType = 'vfreebusy';
    components = freebusy.slice(0, 1);
  } else {
    const other = all.find((c) => c.name === 'vtodo' || c.name === 'vjournal');
    if (other)
      return err({
        code: 'ITIP_UNSUPPORTED',
        message: { key: 'reason.error.unsupportedComponent', params: { component: other.name.toUpperCase() } },
      });
    return err(itipError('ITIP_NO_COMPONENT'));
  }

  const uids = new Set<string>();
  for (const c of components) {
    const uid = (textValue(c, 'uid') ?? '').trim();
    if (!uid && componentType === 'vevent') return err(itipError('ITIP_NO_UID'));
    uids.add(uid);
    // RFC 5545 §3.6.1: UID once per component. A second, different one is a second event to the store's scanner
    // (which then refused the file and the exception escaped processMail).
    for (const p of c.getAllProperties('uid').slice(1)) uids.add(String(p.getFirstValue() ?? '').trim());
  }
  if (uids.size > 1) return err(itipError('ITIP_MIXED_UID', { uids: [...uids].slice(0, 3).join(', ') }));
  const uid = [...uids][0] ?? '';
  if (hasControlCharacters(uid)) return err(itipError('ITIP_BAD_UID'));

  const unresolved = completeTimezones(calendar);
  if (unresolved.length)
    notes.push({ key: 'warning.unknownZones', params: { count: unresolved.length, zones: unresolved.join(', ') } });

  const prodid = textValue(calendar, 'prodid') ?? '';
  if (componentType === 'vevent') {
    components = repairMicrosoftLeftovers(components, prodid, notes, calendar);
    const bad = validateEvents(method as ItipMethod, components);
    if (bad) return err(bad);
  }
  return ok({ method: method as ItipMethod, calendar, componentType, uid, components, notes, prodid });
}

/** RFC 5546 §3.2: DTSTART is required in PUBLISH, REQUEST, ADD and COUNTER; when present it must be readable. */
function validateEvents(method: ItipMethod, events: readonly Comp[]): ItipError | null {
  const needsStart = method === 'PUBLISH' || method === 'REQUEST' || method === 'ADD' || method === 'COUNTER';
  for (const e of events) {
    const hasStart = e.hasProperty('dtstart');
    let startYear: number | null = null;
    try {
      // Instants are computed later, only when needed, because resolving a zone offset is the expensive part of
      // handling a message; here each value only has to be readable.
      startYear = yearOf(e, 'dtstart');
      for (const name of ['dtend', 'recurrence-id', 'dtstamp']) {
        if (e.hasProperty(name) && yearOf(e, name) === null)
          return itipError('ITIP_BAD_VALUE', { property: name.toUpperCase() });
      }
    } catch {
      return { code: 'ITIP_BAD_VALUE', message: { key: 'reason.error.unreadableTime' } };
    }
    if ((needsStart || hasStart) && startYear === null) return itipError('ITIP_NO_DTSTART');
    if (startYear !== null && (startYear < 1000 || startYear > 9999))
      return {
        code: 'ITIP_NO_DTSTART',
        message: { key: 'reason.error.yearOutOfRange', params: { year: String(startYear) } },
      };
  }
  return null;
}

/** A well-formed DATE or DATE-TIME as jCal holds it (what ical.js certainly reads). */
const PLAIN_TIME = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\dZ?)?$/;

/**
 * The year of a date or time property, null when the property is missing or holds no date or time; throws on a
 * value ical.js cannot read. Well-formed values are checked on the jCal text without building an ICAL.Time.
 */
function yearOf(e: Comp, name: string): number | null {
  const p = e.getFirstProperty(name);
  if (!p) return null;
  const v = (p.jCal as unknown[])[3];
  if ((p.type === 'date-time' || p.type === 'date') && typeof v === 'string' && PLAIN_TIME.test(v))
    return Number(v.slice(0, 4));
  return timeValue(e, name)?.year ?? null;
}

/**
 * Outlook/Exchange sometimes ship override components stripped of ORGANIZER and ATTENDEE (leftovers of deleted
 * exceptions), and sometimes bare overrides that should inherit them. Open-Xchange patches both when PRODID names
 * Microsoft; we do the same for any sender, because the repair is harmless when the data is well-formed.
 */
function repairMicrosoftLeftovers(events: Comp[], prodid: string, notes: Message[], calendar: Comp): Comp[] {
  const master = events.find((e) => !e.hasProperty('recurrence-id'));
  const masterOrganizer = master ? organizerProp(master) : null;
  if (!master || !masterOrganizer) return events;
  const kept: Comp[] = [];
  for (const e of events) {
    if (e === master || organizerProp(e)) {
      kept.push(e);
      continue;
    }
    if (attendeeProps(e).length === 0 && /microsoft/i.test(prodid) && !e.hasProperty('dtstart')) {
      calendar.removeSubcomponent(e);
      notes.push({ key: 'warning.outlookLeftoverDropped' });
      continue;
    }
    // Bare override: inherit the organizer (and attendees when it has none) from the master.
    e.addProperty(ICAL.Property.fromString(masterOrganizer.toICALString()));
    if (attendeeProps(e).length === 0)
      for (const a of attendeeProps(master)) e.addProperty(ICAL.Property.fromString(a.toICALString()));
    notes.push({ key: 'warning.organizerInherited' });
    kept.push(e);
  }
  return kept;
}

const LATE_DECODED = new Set(['rrule', 'exrule', 'rdate', 'exdate']);

/**
 * ical.js turns DATE-TIME text into its jCal form by position (`20260211T15021 1Z` became `2026-02-11T15:02:1 `)
 * and reads it leniently (`15:02:1 ` as 15:02:01), but the writer stores `20260211T15021`, which no longer reads:
 * the next update of the event threw comparing versions. A value not in the canonical jCal form is refused.
 */
const JCAL_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?$/;
const JCAL_DATE = /^\d{4}-\d\d-\d\d$/;

function canonicalTimes(raw: readonly unknown[], type: string): boolean {
  const form = type === 'date' ? JCAL_DATE : JCAL_DATE_TIME;
  for (let i = 3; i < raw.length; i++) if (typeof raw[i] !== 'string' || !form.test(raw[i] as string)) return false;
  return true;
}

/**
 * ical.js decodes lazily: a bad UNTIL, or VALUE=DATE-TIME on UID or STATUS, threw later inside the analyzers (or
 * here, reading the UID). Decodes now only what can throw that way (recurrence values and values typed away from
 * their default), in the calendar and every component but time zones (read by the zone code, which has its own
 * fallbacks), so the common message pays nothing extra. Returns the first property that cannot be decoded.
 */
function firstMalformedTime(c: Comp): string | null {
  for (const raw of (c.jCal as unknown[])[1] as readonly (readonly unknown[])[]) {
    const type = raw[2];
    if ((type === 'date-time' || type === 'date') && !canonicalTimes(raw, type)) return raw[0] as string;
  }
  return null;
}

function firstUndecodable(c: Comp): string | null {
  const malformed = firstMalformedTime(c);
  if (malformed) return malformed;
  const late = lateDecodedNames(c);
  if (late)
    for (const name of late)
      try {
        for (const p of c.getAllProperties(name)) p.getValues();
      } catch {
        return name;
      }
  for (const sub of c.getAllSubcomponents()) {
    // A zone's rules are read by our own tables; only its TZID is read through ical.js everywhere (a TZID typed
    // VALUE=DURATION threw from the zone lookup).
    if (sub.name === 'vtimezone') {
      if (sub.getAllProperties('tzid').some((p) => p.type !== 'text')) return 'tzid';
      continue;
    }
    const bad = firstUndecodable(sub);
    if (bad) return bad;
  }
  return null;
}

/**
 * Names of the properties whose value ical.js parses only when read (recurrence values, or a VALUE= other than the
 * property's default), from the component's jCal; null when there are none.
 */
function lateDecodedNames(e: Comp): Set<string> | null {
  let out: Set<string> | null = null;
  const props = (e.jCal as unknown[])[1] as readonly (readonly unknown[])[];
  const design = ICAL.design.defaultSet.property as Record<string, { defaultType?: string } | undefined>;
  for (const raw of props) {
    const name = raw[0] as string;
    const type = raw[2] as string;
    // Text and addresses first: most properties are one of them and are never decoded late.
    if (type === 'text' || type === 'cal-address') continue;
    if (LATE_DECODED.has(name) || type !== (design[name]?.defaultType ?? 'unknown')) (out ??= new Set()).add(name);
  }
  return out;
}
