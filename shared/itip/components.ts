/**
 * Small, typed accessors over ical.js components used throughout the engine: cloning, addresses, PARTSTAT,
 * SEQUENCE/DTSTAMP, and finding the component of one instance. Nothing here decides anything.
 */
import ICAL from 'ical.js';
import { normalizeAddress } from '../util/address.js';
import { timeKey } from '../ical/time.js';

export { cloneComponent } from '../ical/clone.js';

export type Comp = ICAL.Component;
export type Prop = ICAL.Property;

export function param(prop: Prop, name: string): string | null {
  const v = prop.getParameter(name) as unknown;
  if (Array.isArray(v)) return v.length ? String(v[0]) : null;
  return typeof v === 'string' ? v : null;
}

/** Multi-valued parameters such as DELEGATED-TO="mailto:a","mailto:b", normalised to bare addresses. */
export function addressListParam(prop: Prop, name: string): string[] {
  const v = prop.getParameter(name) as unknown;
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : [];
  return list.map((s) => normalizeAddress(s.replace(/^"|"$/g, ''))).filter((s) => s !== '');
}

export function textValue(c: Comp, name: string): string | null {
  const v = c.getFirstPropertyValue(name) as unknown;
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function timeValue(c: Comp, name: string): ICAL.Time | null {
  const v = c.getFirstPropertyValue(name) as unknown;
  return v instanceof ICAL.Time ? v : null;
}

/**
 * Who an ORGANIZER or ATTENDEE is: the EMAIL parameter when it has one (RFC 7986 §6.2), else the value. Apple's
 * servers write a principal (`urn:uuid:…`, `/principals/…`) or a per-message iMIP token
 * (`mailto:2_…@imip.me.com`) as the value and the person's address in EMAIL; compared by value, the same organizer
 * would look replaced with every update and an invited attendee like a stranger. Where mail for them goes is
 * `propRecipient`.
 */
export function propAddress(prop: Prop): string {
  const email = emailParam(prop);
  if (email !== '') return email;
  const v = prop.getFirstValue() as unknown;
  return normalizeAddress(typeof v === 'string' ? v : '');
}

/**
 * Where mail to an ORGANIZER or ATTENDEE goes (RFC 6047 §3: the calendar user address when it is a `mailto:` URI;
 * iCloud's token address routes a reply into the organizer's calendar), or the EMAIL parameter when the value is
 * no mail address (a principal URI).
 */
export function propRecipient(prop: Prop): string {
  const v = prop.getFirstValue() as unknown;
  const raw = typeof v === 'string' ? v.trim() : '';
  const email = emailParam(prop);
  if (email === '' || /^mailto:/i.test(raw) || (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && raw.includes('@')))
    return normalizeAddress(raw);
  return email;
}

/** The EMAIL parameter as an address, or '' when there is none or it is no address. */
function emailParam(prop: Prop): string {
  const params = (prop.jCal as unknown[])[1] as Record<string, unknown>;
  const e = params.email;
  if (typeof e !== 'string') return '';
  const a = normalizeAddress(e);
  return a.includes('@') ? a : '';
}

/**
 * Removes every property `drop` selects. ical.js hands out its live property array from `getAllProperties()`
 * without a name, and removing from it while walking it skips the property after each one removed; this walks a
 * snapshot.
 */
export function removePropertiesWhere(c: Comp, drop: (p: Prop) => boolean): void {
  for (const p of c.getAllProperties().slice()) if (drop(p)) c.removeProperty(p);
}

export function organizerProp(c: Comp): Prop | null {
  return c.getFirstProperty('organizer') ?? null;
}

export function organizerAddress(c: Comp): string | null {
  const p = organizerProp(c);
  const a = p ? propAddress(p) : '';
  return a === '' ? null : a;
}

export function attendeeProps(c: Comp): Prop[] {
  return c.getAllProperties('attendee');
}

/** The attendee who is `address`, by who they are or by where their mail goes (an EMAIL parameter may name either). */
export function findAttendee(c: Comp, address: string): Prop | null {
  const a = normalizeAddress(address);
  const props = attendeeProps(c);
  return props.find((p) => propAddress(p) === a) ?? props.find((p) => propRecipient(p) === a) ?? null;
}

export function findAttendeeOf(c: Comp, addresses: readonly string[]): Prop | null {
  const props = attendeeProps(c);
  for (const p of props) if (addresses.includes(propAddress(p))) return p;
  for (const p of props) if (addresses.includes(propRecipient(p))) return p;
  return null;
}

export function partstatOf(prop: Prop | null): string {
  return (prop ? param(prop, 'partstat') : null)?.toUpperCase() ?? 'NEEDS-ACTION';
}

/** SEQUENCE, falling back to Outlook's X-MICROSOFT-CDO-APPT-SEQUENCE when SEQUENCE is absent (Thunderbird does the same). */
/**
 * In my copy of an event I organize, the SEQUENCE from which attendees' answers count: the version that last asked
 * everyone again. A change that raises SEQUENCE without asking again (a new LOCATION) records the earlier value in
 * X-IMIP-ANSWERS-SINCE, so a REPLY to the version before it still counts; otherwise it is the current SEQUENCE.
 * Our bookkeeping: never sent (outgoing.ts drops X-IMIP- properties).
 */
export function answersSinceOf(c: Comp): number {
  const current = sequenceOf(c);
  const raw = c.getFirstPropertyValue(ANSWERS_SINCE) as unknown;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isFinite(n) && n >= 0 && n <= current ? n : current;
}

export const ANSWERS_SINCE = 'x-imip-answers-since';

/** STATUS:CANCELLED on this component (RFC 5545 §3.8.1.11). */
export function isCancelled(c: Comp): boolean {
  return (textValue(c, 'status') ?? '').toUpperCase() === 'CANCELLED';
}

export function sequenceOf(c: Comp): number {
  const raw = c.getFirstPropertyValue('sequence') as unknown;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  if (Number.isFinite(n) && c.hasProperty('sequence')) return Math.max(0, n);
  const cdo = c.getFirstPropertyValue('x-microsoft-cdo-appt-sequence') as unknown;
  const m = typeof cdo === 'number' ? cdo : typeof cdo === 'string' ? Number.parseInt(cdo, 10) : Number.NaN;
  return Number.isFinite(m) ? Math.max(0, m) : 0;
}

/** DTSTAMP as epoch ms; a missing or broken DTSTAMP counts as oldest. */
export function dtstampOf(c: Comp): number {
  const t = timeValue(c, 'dtstamp');
  if (!t) return 0;
  try {
    return t.toUnixTime() * 1000;
  } catch {
    return 0;
  }
}

export function recurrenceIdOf(c: Comp): ICAL.Time | null {
  return timeValue(c, 'recurrence-id');
}

export function isThisAndFuture(c: Comp): boolean {
  const p = c.getFirstProperty('recurrence-id');
  return !!p && (param(p, 'range') ?? '').toUpperCase() === 'THISANDFUTURE';
}

/** Instance key of a component: its RECURRENCE-ID's timeKey, or 'MASTER'. */
export function instanceKey(c: Comp): string {
  const cached = (c as Keyed)[INSTANCE_KEY];
  if (cached !== undefined) return cached;
  const rid = recurrenceIdOf(c);
  const key = rid ? timeKey(rid) : 'MASTER';
  if (INSTANCE_KEY in c) (c as Keyed)[INSTANCE_KEY] = key;
  else Object.defineProperty(c, INSTANCE_KEY, { value: key, writable: true });
  return key;
}

/**
 * Instance keys are looked up many times per message (every override lookup walks the components); a component's
 * RECURRENCE-ID is only set on fresh copies, and whoever sets it calls `forgetInstanceKey`. Kept on the component
 * under a symbol no enumeration sees: a WeakMap entry for each component of each message was work for the garbage
 * collector at every young collection.
 */
const INSTANCE_KEY = Symbol('instanceKey');
type Keyed = { [INSTANCE_KEY]?: string };

export function forgetInstanceKey(c: Comp): void {
  if (INSTANCE_KEY in c) (c as Keyed)[INSTANCE_KEY] = undefined;
}

export function eventsOf(vcalendar: Comp): Comp[] {
  return vcalendar.getAllSubcomponents('vevent');
}

export function masterOf(vcalendar: Comp): Comp | null {
  return eventsOf(vcalendar).find((e) => !e.hasProperty('recurrence-id')) ?? null;
}

export function overrideOf(vcalendar: Comp, key: string): Comp | null {
  if (key === 'MASTER') return masterOf(vcalendar);
  return eventsOf(vcalendar).find((e) => instanceKey(e) === key) ?? null;
}

/** Every address named as organizer, attendee, or SENT-BY anywhere in the calendar. */
export function addressesIn(vcalendar: Comp): Set<string> {
  const out = new Set<string>();
  for (const e of eventsOf(vcalendar)) {
    for (const p of [...attendeeProps(e), ...(organizerProp(e) ? [organizerProp(e) as Prop] : [])]) {
      const a = propAddress(p);
      if (a) out.add(a);
      const r = propRecipient(p);
      if (r && r !== a) out.add(r);
      const sb = param(p, 'sent-by');
      if (sb) out.add(normalizeAddress(sb));
    }
  }
  return out;
}
