/**
 * The common shape every per-method analyzer (methods/*.ts) returns, and the small shared steps they use: version
 * ordering (RFC 5546 §2.1.5: SEQUENCE first, then DTSTAMP, per instance), detecting a change of time, and turning a
 * working copy into the text the store writes.
 */
import ICAL from 'ical.js';
import type { Message } from '../i18n/index.js';
import type { Choice, EventView, MessageKind } from '../model/decisions.js';
import type { OutgoingItip } from '../model/outgoing.js';
import { endOf, governedInstance } from '../ical/recurrence.js';
import { toUtcMs } from '../ical/time.js';
import { sameZoneRules } from '../ical/zones.js';
import { zoneOffsetsFromComponent } from '../ical/zoneOffsets.js';
import { serializeCalendar } from '../ical/serialize.js';
import {
  dtstampOf,
  eventsOf,
  instanceKey,
  masterOf,
  overrideOf,
  recurrenceIdOf,
  sequenceOf,
  timeValue,
  type Comp,
} from './components.js';
import type { Originator, Verification } from './identity.js';
import type { ObsoletePending, StoreChange, Tombstone } from './types.js';

/** What carrying out an action changes. */
export interface Effect {
  readonly store: StoreChange | null;
  readonly outgoing: readonly OutgoingItip[];
  readonly reason: Message;
  readonly obsoletes?: readonly ObsoletePending[];
}

/**
 * What a held-back automatic change would do, for `reason.heldBack` ("A person can apply it (…) or ignore it"):
 * an action code the catalogue words, and the data it names.
 */
export interface HeldAction {
  readonly action:
    | 'storeOwnInvitation'
    | 'addInvitation'
    | 'moveEvent'
    | 'applyUpdate'
    | 'addPublished'
    | 'cancel'
    | 'addInstances'
    | 'askRefresh'
    | 'noteDeclineCounter'
    | 'recordReply'
    | 'sendEvent'
    | 'sendBusy';
  readonly summary?: string;
  /** An address: the replier, the attendee asking, the free/busy requester. */
  readonly who?: string;
  readonly partstat?: string;
  /** The PARTSTAT in lower case, for answers the catalogue has no word for. */
  readonly answer?: string;
  /** ISO instant of the one instance concerned, or 'all'. */
  readonly instance?: string;
}

export interface Analysis {
  readonly kind: MessageKind;
  /** Set when the message changes nothing (outdated, not for me, nothing to cancel): outcome 'ignored'. */
  readonly ignore?: Message;
  /** Who the message speaks for, and whether the mail's sender proved it. */
  readonly originator: Originator | null;
  readonly verification: Verification;
  /** True when the originator is me (my own invitation found in Sent): treated as known. */
  readonly fromMe?: boolean;
  /** A decision only a person can make (invitation, reschedule, party crasher, counter). */
  readonly person?: { readonly choices: readonly Choice[]; readonly reason: Message };
  /** What is applied automatically when policy allows (for person-decisions: the provisional copy, if any). */
  readonly auto?: () => Effect;
  /** What the automatic change does, named when policy holds it back. */
  readonly hold?: HeldAction;
  /**
   * The calendar already holds the copy the person is asked about, unanswered (a server that schedules by itself
   * delivered it): worded like a copy stored provisionally, whatever the policy, since nothing waits to be stored.
   */
  readonly inCalendar?: boolean;
  /** Carries out a person's choice. */
  readonly act: (choice: Choice, comment: string | null) => Effect;
  readonly attendee?: string | null;
  readonly identity?: string | null;
  readonly proposed?: EventView | null;
  readonly current?: EventView | null;
  readonly obsoletes?: readonly ObsoletePending[];
  readonly notes?: readonly Message[];
  readonly tombstone?: Tombstone;
}

export function noEffect(reason: Message): Effect {
  return { store: null, outgoing: [], reason };
}

/** "Nothing to do.": what acting on a message that changes nothing does. */
export const NOTHING: Message = { key: 'reason.nothingToDo' };

export function nothingToDo(): Effect {
  return noEffect(NOTHING);
}

/**
 * The store change for a working copy the engine built: its text, serialized once here and never again (the store
 * writes it as is). METHOD is dropped first: a stored object is not an iTIP message (RFC 5546 §1.4).
 */
export function putCalendar(uid: string, cal: Comp): StoreChange {
  if (cal.hasProperty('method')) cal.removeAllProperties('method');
  return { type: 'put', uid, ics: serializeCalendar(cal) };
}

/** -1 when a is older than b, 0 when the same version, 1 when newer. */
export function compareVersion(a: Comp, b: Comp): number {
  const sa = sequenceOf(a);
  const sb = sequenceOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const da = dtstampOf(a);
  const db = dtstampOf(b);
  return da === db ? 0 : da < db ? -1 : 1;
}

/** The stored component an incoming one is measured against: the same instance, else the master. */
export function counterpartOf(stored: Comp | null, incoming: Comp): Comp | null {
  if (!stored) return null;
  const own = overrideOf(stored, instanceKey(incoming));
  if (own) return own;
  // An instance after a split belongs to the THISANDFUTURE override (its SEQUENCE is the one to beat), not the master.
  const rid = recurrenceIdOf(incoming);
  const governed = rid ? governedInstance(eventsOf(stored), rid, { maxIterations: 50_000 }) : null;
  return governed?.component ?? masterOf(stored);
}

/**
 * True when an incoming component moves its instance. An override the calendar does not have yet is measured against
 * the occurrence the master generates there (start = RECURRENCE-ID, the master's length), not against the master
 * itself, whose DTSTART and RRULE belong to the whole series (RFC 5545 §3.8.4.4).
 */
export function movesInstance(stored: Comp, incoming: Comp): boolean {
  const own = overrideOf(stored, instanceKey(incoming));
  if (own) return reschedules(own, incoming);
  const master = masterOf(stored);
  const rid = recurrenceIdOf(incoming);
  if (!master) return false;
  if (!rid) return reschedules(master, incoming);
  const start = timeValue(incoming, 'dtstart');
  // After a split the instance stands where the THISANDFUTURE override moved it.
  const governed = governedInstance(eventsOf(stored), rid, { maxIterations: 50_000 });
  if (governed)
    return (
      !start ||
      start.isDate !== governed.start.isDate ||
      toUtcMs(start) !== toUtcMs(governed.start) ||
      toUtcMs(endOf(incoming, start)) !== toUtcMs(governed.end)
    );
  const masterStart = timeValue(master, 'dtstart');
  if (!start || !masterStart) return !!start !== !!masterStart;
  if (start.isDate !== rid.isDate || toUtcMs(start) !== toUtcMs(rid)) return true;
  const length = (c: Comp, t: ICAL.Time): number => toUtcMs(endOf(c, t)) - toUtcMs(t);
  return length(incoming, start) !== length(master, masterStart);
}

/** When the instance an incoming component describes started before it: the stored override, the RECURRENCE-ID, or the master. */
export function previousStart(stored: Comp, incoming: Comp): ICAL.Time | null {
  const own = overrideOf(stored, instanceKey(incoming));
  if (own) return timeValue(own, 'dtstart');
  const rid = recurrenceIdOf(incoming);
  if (rid) return governedInstance(eventsOf(stored), rid, { maxIterations: 50_000 })?.start ?? rid;
  const master = masterOf(stored);
  return master ? timeValue(master, 'dtstart') : null;
}

/** True when start, end or the recurrence set differ (a reschedule, RFC 5546 §2.1.4), compared by instant. */
export function timeChanged(before: Comp, after: Comp): boolean {
  if (startOrEndChanged(before, after)) return true;
  for (const name of ['rrule', 'rdate', 'exdate']) if (valueSet(before, name) !== valueSet(after, name)) return true;
  return false;
}

/**
 * True when the new version puts me somewhere I did not agree to be: its start or end moved, or its recurrence set
 * gains instances. A series that only loses instances — a new EXDATE (an occurrence cancelled before, as Outlook
 * sends the series again), an earlier UNTIL (macOS ending a series at a split), a lower COUNT, an RDATE dropped —
 * moves none of those that remain.
 */
function reschedules(before: Comp, after: Comp): boolean {
  return startOrEndChanged(before, after) || gainsInstances(before, after) || seriesZoneChanged(before, after);
}

/**
 * A series moved into another zone with the same first instant (Google, Outlook: "change time zone") repeats on
 * another wall clock: where the two zones' offsets drift apart (a daylight-saving change on another date, or in
 * one zone only) its occurrences move by an hour, some of them for weeks. Zones whose offsets keep the same
 * distance while the series runs (the same rules under another name, Paris and London) move nothing.
 */
function seriesZoneChanged(before: Comp, after: Comp): boolean {
  const rule = after.getFirstPropertyValue('rrule');
  if (!(rule instanceof ICAL.Recur)) return false;
  const s1 = timeValue(before, 'dtstart');
  const s2 = timeValue(after, 'dtstart');
  const z1 = s1?.zone;
  const z2 = s2?.zone;
  if (!s2 || !z1 || !z2 || z1.tzid === z2.tzid) return false;
  const c1 = (z1 as { component?: ICAL.Component | null }).component;
  const c2 = (z2 as { component?: ICAL.Component | null }).component;
  if (!c1 || !c2) return true;
  if (sameZoneRules(c1, c2)) return false;
  const from = toUtcMs(s2);
  const to = rule.until ? toUtcMs(rule.until) : from + SERIES_HORIZON_MS;
  const o1 = zoneOffsetsFromComponent(c1);
  const o2 = zoneOffsetsFromComponent(c2);
  const points = [from];
  for (const t of o1.transitionsBetween(from, to)) points.push(t.utc);
  for (const t of o2.transitionsBetween(from, to)) points.push(t.utc);
  const distance = o1.offsetAtUtc(from) - o2.offsetAtUtc(from);
  return points.some((p) => o1.offsetAtUtc(p) - o2.offsetAtUtc(p) !== distance);
}

/** How far a series without UNTIL is followed when comparing zones: ten years. */
const SERIES_HORIZON_MS = 10 * 366 * 86_400_000;

function startOrEndChanged(before: Comp, after: Comp): boolean {
  const s1 = timeValue(before, 'dtstart');
  const s2 = timeValue(after, 'dtstart');
  if (!s1 || !s2) return !!s1 !== !!s2;
  if (s1.isDate !== s2.isDate || toUtcMs(s1) !== toUtcMs(s2)) return true;
  return toUtcMs(endOf(before, s1)) !== toUtcMs(endOf(after, s2));
}

/**
 * Whether the recurrence set of `after` may hold an instance `before` did not, read from the properties without
 * expanding: the same rules bounded no later, RDATEs a subset, EXDATEs a superset. Anything else counts as a gain.
 */
function gainsInstances(before: Comp, after: Comp): boolean {
  const rules1 = recurs(before);
  const rules2 = recurs(after);
  if (rules2.length > 0) {
    if (rules1.length !== rules2.length) return true;
    if (rules2.length > 1) return valueSet(before, 'rrule') !== valueSet(after, 'rrule');
    const [r1, r2] = [rules1[0] as ICAL.Recur, rules2[0] as ICAL.Recur];
    if (unbounded(r1) !== unbounded(r2) || !boundedNoLater(r1, r2)) return true;
  }
  const rdates = new Set(values(before, 'rdate'));
  if (values(after, 'rdate').some((v) => !rdates.has(v))) return true;
  const exdates = new Set(values(after, 'exdate'));
  return values(before, 'exdate').some((v) => !exdates.has(v));
}

function recurs(c: Comp): ICAL.Recur[] {
  return c
    .getAllProperties('rrule')
    .map((p) => p.getFirstValue())
    .filter((v): v is ICAL.Recur => v instanceof ICAL.Recur);
}

/** The rule without its bound, in canonical form. */
function unbounded(r: ICAL.Recur): string {
  return normalizeRecur(r)
    .split(';')
    .filter((p) => !p.startsWith('UNTIL=') && !p.startsWith('COUNT='))
    .join(';');
}

/** True when `after` ends no later than `before`: an UNTIL no later, a COUNT no higher, or a bound where none was. */
function boundedNoLater(before: ICAL.Recur, after: ICAL.Recur): boolean {
  if (!before.until && !before.count) return true;
  if (before.until && after.until) return toUtcMs(after.until) <= toUtcMs(before.until);
  if (before.count && after.count) return after.count <= before.count;
  return false;
}

function values(c: Comp, name: string): string[] {
  const out: string[] = [];
  for (const p of c.getAllProperties(name))
    for (const v of p.getValues() as unknown[]) out.push(v instanceof ICAL.Time ? String(toUtcMs(v)) : String(v));
  return out;
}

function valueSet(c: Comp, name: string): string {
  const values: string[] = [];
  for (const p of c.getAllProperties(name)) {
    for (const v of p.getValues() as unknown[]) {
      if (v instanceof ICAL.Time) values.push(String(toUtcMs(v)));
      else if (v instanceof ICAL.Recur) values.push(normalizeRecur(v));
      else values.push(String(v));
    }
  }
  return values.sort().join('|');
}

/** RRULE parts in a canonical order, INTERVAL=1 dropped (sabre/vobject BrokerSignificantChangesTest). */
function normalizeRecur(r: ICAL.Recur): string {
  return r
    .toString()
    .split(';')
    .filter((p) => p !== 'INTERVAL=1')
    .sort()
    .join(';');
}
