/**
 * Edits to a working copy of a stored calendar: merging an organizer's REQUEST into the attendee's copy, setting
 * my participation, creating an override for one instance. Callers pass clones; nothing here touches the store.
 */
import ICAL from 'ical.js';
import { carryAttendeeData } from './attendeeData.js';
import { endOf, governedInstance, seriesHasInstance, type GovernedInstance } from '../ical/recurrence.js';
import { forgetResolvedZones, referencedTzids, renameZone, sameZoneRules, zoneDefinition } from '../ical/zones.js';
import { exactTime, isFloating, timeFromWall, timeInZone, timeKey, toUtcMs, wallMs } from '../ical/time.js';
import {
  cloneComponent,
  forgetInstanceKey,
  eventsOf,
  findAttendee,
  instanceKey,
  isThisAndFuture,
  masterOf,
  partstatOf,
  propAddress,
  recurrenceIdOf,
  sequenceOf,
  timeValue,
  type Comp,
} from './components.js';
import { PRODID } from './outgoing.js';
import { isMyAddress } from '../util/address.js';

export function emptyCalendar(): Comp {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  return cal;
}

/**
 * Merges components of an organizer's message (`source`) into my copy (`target`) by `merge`, with their time
 * zones. The message's VTIMEZONE is what its components mean, so it goes into the calendar under its TZID. Where my
 * copy defines that TZID with other rules (Outlook writes every zone it cannot name as `Customized Time Zone`),
 * what my copy keeps of before — an override the update does not carry, the series an instance update leaves —
 * keeps its own definition under a new TZID: its instants stay, and the calendar keeps one VTIMEZONE per TZID
 * (RFC 5545 §3.6.5). Converting those times into the new zone instead would move a kept series' wall-clock
 * recurrence, and a kept override would carry the organizer's TZID with a meaning the organizer never gave it.
 */
export function mergeWithZones<T>(target: Comp, source: Comp, merge: () => T): T {
  const setAside = setAsideClashingZones(target, source);
  const result = merge();
  copyNeededZones(target, source);
  if (setAside.length > 0) {
    const used = referencedTzids(target);
    for (const tzid of setAside) {
      const zone = used.has(tzid) ? null : zoneDefinition(target, tzid);
      if (zone) target.removeSubcomponent(zone);
    }
  }
  return result;
}

/**
 * Renames each of `target`'s definitions that `source`'s components use by the same TZID with other rules, with
 * every reference to it; returns the new TZIDs (`Customized Time Zone (2)`).
 */
function setAsideClashingZones(target: Comp, source: Comp): string[] {
  const renamed: string[] = [];
  for (const tzid of referencedTzids(source)) {
    const mine = zoneDefinition(target, tzid);
    const theirs = zoneDefinition(source, tzid);
    if (!mine || !theirs || sameZoneRules(mine, theirs)) continue;
    const taken = new Set([
      ...referencedTzids(target),
      ...referencedTzids(source),
      ...zoneIds(target),
      ...zoneIds(source),
    ]);
    let n = 2;
    while (taken.has(`${tzid} (${n})`)) n++;
    renameZone(target, tzid, `${tzid} (${n})`);
    renamed.push(`${tzid} (${n})`);
  }
  return renamed;
}

function zoneIds(cal: Comp): string[] {
  return cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')));
}

/** Copies into `target` every VTIMEZONE from `source` that `target` references and lacks, before the events. */
function copyNeededZones(target: Comp, source: Comp): void {
  const have = new Set(zoneIds(target));
  const added: Comp[] = [];
  for (const tzid of referencedTzids(target)) {
    if (have.has(tzid)) continue;
    const z = zoneDefinition(source, tzid);
    if (!z) continue;
    added.push(cloneComponent(z));
    have.add(tzid);
  }
  if (added.length === 0) return;
  // Zones go first so that other tools reading the file meet the definitions before the events using them.
  const events = eventsOf(target);
  for (const e of events) target.removeSubcomponent(e);
  for (const z of added) target.addSubcomponent(z);
  for (const e of events) target.addSubcomponent(e);
  // A time read during the merge, before its zone was here, was resolved as floating.
  forgetResolvedZones(target);
}

/**
 * My copy as an organizer's message lets it be read: a TZID my copy uses without defining it (read as floating,
 * a zone no database knows) takes the definition the message gives it, so an occurrence is matched by the instant
 * the organizer means whichever of the two messages defined the zone. My copy itself when nothing is missing.
 */
export function withZonesFrom(stored: Comp, message: Comp): Comp {
  const have = new Set(zoneIds(stored));
  const missing = [...referencedTzids(stored)].some((t) => !have.has(t) && zoneDefinition(message, t));
  if (!missing) return stored;
  const copy = cloneComponent(stored);
  copyNeededZones(copy, message);
  return copy;
}

/** Removes VTIMEZONEs nothing references any more. */
export function dropUnusedZones(cal: Comp): void {
  const used = referencedTzids(cal);
  for (const z of cal.getAllSubcomponents('vtimezone'))
    if (!used.has(String(z.getFirstPropertyValue('tzid')))) cal.removeSubcomponent(z);
}

export interface MergeOptions {
  /** My addresses: my PARTSTAT from the stored copy survives a minor update. */
  readonly me: readonly string[];
  readonly keepMyPartstat: boolean;
  /**
   * For the organizer's own copy: the attendees' answers recorded in the calendar (replies applied since the message
   * was built) survive a message of the same or a lower SEQUENCE; only a new SEQUENCE (a real change) resets them.
   */
  readonly keepAttendeeAnswers?: boolean;
}

/**
 * Merges the organizer's components into the attendee's stored copy (RFC 5546 §3.2.2 REQUEST semantics).
 * A message with the master replaces the series; stored overrides it does not mention survive only when they are
 * at least as new as the new master and still belong to the series (Outlook sends exceptions separately).
 * A message of instances only replaces those instances. Local alarms and my answer on minor updates are kept.
 */
export function mergeRequest(stored: Comp | null, message: Comp, incoming: readonly Comp[], opts: MergeOptions): Comp {
  const cal = stored ? cloneComponent(stored) : emptyCalendar();
  cal.removeAllProperties('method');
  const oldByKey = new Map<string, Comp>();
  for (const e of eventsOf(cal)) oldByKey.set(instanceKey(e), e);
  const newMaster = incoming.find((c) => !c.hasProperty('recurrence-id')) ?? null;
  const incomingKeys = new Set(incoming.map(instanceKey));

  return mergeWithZones(cal, message, () => {
    const additions: Comp[] = [];
    for (const inc of incoming) {
      const copy = cloneComponent(inc);
      // A new override inherits what I set on the series: my alarms and (on minor updates) my answer.
      const old = oldByKey.get(instanceKey(inc)) ?? (stored ? seriesSourceOf(stored, inc) : null);
      if (old) carryLocalData(old, copy, opts);
      additions.push(copy);
    }
    for (const e of eventsOf(cal)) {
      const key = instanceKey(e);
      if (incomingKeys.has(key)) {
        cal.removeSubcomponent(e);
        continue;
      }
      if (newMaster && !keepOverride(e, newMaster)) cal.removeSubcomponent(e);
      else if (!newMaster && supersededByRange(e, incoming)) cal.removeSubcomponent(e);
    }
    for (const a of additions) cal.addSubcomponent(a);
    return cal;
  });
}

/** What a new override inherits from: the THISANDFUTURE override governing its instance, else the master. */
function seriesSourceOf(stored: Comp, inc: Comp): Comp | null {
  const rid = recurrenceIdOf(inc);
  if (!rid) return null;
  return governedInstance(eventsOf(stored), rid, { maxIterations: 50_000 })?.component ?? masterOf(stored);
}

function keepOverride(e: Comp, newMaster: Comp): boolean {
  if (!e.hasProperty('recurrence-id')) return false; // the old master
  const rid = recurrenceIdOf(e);
  if (!rid) return false;
  if (sequenceOf(e) < sequenceOf(newMaster)) return false;
  return seriesHasInstance(newMaster, rid, { maxIterations: 20_000 });
}

/** An instance REQUEST with RANGE=THISANDFUTURE replaces older overrides of later instances. */
function supersededByRange(e: Comp, incoming: readonly Comp[]): boolean {
  const rid = recurrenceIdOf(e);
  if (!rid) return false;
  for (const inc of incoming) {
    const r = recurrenceIdOf(inc);
    if (r && isThisAndFuture(inc) && toUtcMs(rid) > toUtcMs(r) && sequenceOf(e) <= sequenceOf(inc)) return true;
  }
  return false;
}

/** The attendee's own data survives (attendeeData.ts); my answer survives minor updates. */
function carryLocalData(old: Comp, copy: Comp, opts: MergeOptions): void {
  carryAttendeeData(old, copy);
  carryMyAnswer(old, copy, opts);
  if (opts.keepAttendeeAnswers && sequenceOf(copy) <= sequenceOf(old)) carryAttendeeAnswers(old, copy);
}

/** Each attendee in both keeps the stored ATTENDEE line (PARTSTAT, RSVP, SCHEDULE-STATUS, X-RECEIVED-*) and comment. */
function carryAttendeeAnswers(old: Comp, copy: Comp): void {
  for (const a of copy.getAllProperties('attendee')) {
    const before = findAttendee(old, propAddress(a));
    if (!before) continue;
    copy.removeProperty(a);
    copy.addProperty(ICAL.Property.fromString(before.toICALString()));
  }
  copy.removeAllProperties('x-imip-attendee-comment');
  for (const c of old.getAllProperties('x-imip-attendee-comment'))
    copy.addProperty(ICAL.Property.fromString(c.toICALString()));
}

/**
 * My PARTSTAT is mine (RFC 5546 §3.2.2): on an update that does not ask me again, my copy keeps my answer whatever
 * the organizer's copy says — NEEDS-ACTION from an organizer that tracks no answers (Outlook), or an older answer
 * when the update was built before my last REPLY reached the organizer (Google).
 */
function carryMyAnswer(old: Comp, copy: Comp, opts: MergeOptions): void {
  if (!opts.keepMyPartstat) return;
  for (const me of opts.me) {
    const was = findAttendee(old, me);
    const now = findAttendee(copy, me);
    if (!was || !now) continue;
    const before = partstatOf(was);
    if (partstatOf(now) === before) continue;
    now.setParameter('partstat', before);
    if (before !== 'NEEDS-ACTION') now.removeParameter('rsvp');
  }
}

/**
 * Marks one component of my copy cancelled by an organizer's message (RFC 5546 §3.2.5): STATUS:CANCELLED, at least
 * the message's SEQUENCE and its DTSTAMP, so that older messages about it stay outdated.
 */
export function markCancelled(e: Comp, msg: Comp): void {
  e.updatePropertyWithValue('status', 'CANCELLED');
  e.updatePropertyWithValue('sequence', Math.max(sequenceOf(e), sequenceOf(msg)));
  const stamp = msg.getFirstPropertyValue('dtstamp');
  if (stamp instanceof ICAL.Time) e.updatePropertyWithValue('dtstamp', stamp.clone());
}

/** Sets my PARTSTAT on the given instances (keys), or on every component where I attend when keys is null. */
export function setMyPartstat(cal: Comp, me: string, partstat: string, keys: ReadonlySet<string> | null): number {
  let n = 0;
  for (const e of eventsOf(cal)) {
    if (keys && !keys.has(instanceKey(e))) continue;
    const a = findAttendee(e, me);
    if (!a) continue;
    a.setParameter('partstat', partstat);
    // RSVP=TRUE asked for this answer; RSVP=FALSE stays, so a later change of mind is not mailed either.
    if (!replyNotAsked(a)) a.removeParameter('rsvp');
    n++;
  }
  return n;
}

/**
 * Whether the organizer asked me for no answer: RSVP=FALSE written on my ATTENDEE (RFC 5545 §3.2.17; Outlook's
 * "Request responses" turned off). An absent RSVP is not read that way: organizers that want answers often omit it.
 */
export function replyNotAsked(attendee: ICAL.Property | null): boolean {
  const v = attendee?.getParameter('rsvp');
  return typeof v === 'string' && v.trim().toUpperCase() === 'FALSE';
}

/**
 * Every address of mine the components list as an attendee, `first` first: invited at two of my addresses (Gmail
 * sends one invitation to each), I answer from each, or the organizer keeps waiting for the other.
 */
export function myIdentities(components: readonly Comp[], me: readonly string[], first: string): string[] {
  const out = [first];
  for (const c of components)
    for (const p of c.getAllProperties('attendee')) {
      const a = propAddress(p);
      if (a && !out.includes(a) && isMyAddress(a, me)) out.push(a);
    }
  return out;
}

/**
 * The override for one instance, created from the master when it does not exist yet (RFC 5545 §3.8.4.4):
 * same properties, DTSTART at the instance, DTEND/DURATION kept, RRULE/RDATE/EXDATE removed.
 * Returns null when the series has no such instance (and no override exists).
 */
export function ensureOverride(cal: Comp, rid: ICAL.Time): Comp | null {
  const key = timeKey(rid);
  const existing = eventsOf(cal).find((e) => instanceKey(e) === key);
  if (existing) return existing;
  // After a split (RANGE=THISANDFUTURE) the instance is what the range override made of it, not the master's.
  const governed = governedInstance(eventsOf(cal), rid, { maxIterations: 50_000 });
  if (governed) return overrideFromRange(cal, governed);
  const master = masterOf(cal);
  if (!master) return null;
  if (!seriesHasInstance(master, rid, { maxIterations: 50_000 })) return null;
  const start = timeValue(master, 'dtstart');
  if (!start) return null;
  const o = cloneComponent(master);
  for (const name of ['rrule', 'rdate', 'exdate', 'exrule']) o.removeAllProperties(name);
  o.removeAllSubcomponents('valarm');
  for (const a of master.getAllSubcomponents('valarm')) o.addSubcomponent(cloneComponent(a));
  const instStart = instanceInMasterZone(rid, start);
  o.updatePropertyWithValue('dtstart', instStart);
  setTzid(o, 'dtstart', instStart);
  if (o.hasProperty('dtend')) {
    // The master's length from the instance's start: exact for a DTEND, so an instance ending in the hour
    // repeated when clocks go back ends an hour after it starts, not at the same wall time.
    const end = endOf(master, instStart);
    o.updatePropertyWithValue('dtend', end.clone());
    setTzid(o, 'dtend', end);
  }
  o.updatePropertyWithValue('recurrence-id', instStart.clone());
  setTzid(o, 'recurrence-id', instStart);
  forgetInstanceKey(o);
  cal.addSubcomponent(o);
  return o;
}

/**
 * The override for one instance governed by a THISANDFUTURE override: that override's properties (SUMMARY,
 * SEQUENCE, attendees, alarms), the instance's moved start and end, and its own RECURRENCE-ID without RANGE.
 */
function overrideFromRange(cal: Comp, g: GovernedInstance): Comp {
  const o = cloneComponent(g.component);
  for (const name of ['rrule', 'rdate', 'exdate', 'exrule']) o.removeAllProperties(name);
  o.updatePropertyWithValue('dtstart', g.start.clone());
  setTzid(o, 'dtstart', g.start);
  if (o.hasProperty('dtend')) {
    o.updatePropertyWithValue('dtend', g.end.clone());
    setTzid(o, 'dtend', g.end);
  }
  o.removeAllProperties('recurrence-id');
  o.addPropertyWithValue('recurrence-id', g.recurrenceId.clone());
  setTzid(o, 'recurrence-id', g.recurrenceId);
  forgetInstanceKey(o);
  cal.addSubcomponent(o);
  return o;
}

/** The instance's time written like the master's DTSTART (same zone), as sabre/vobject does for new overrides. */
function instanceInMasterZone(rid: ICAL.Time, masterStart: ICAL.Time): ICAL.Time {
  if (rid.isDate || masterStart.isDate) {
    const d = rid.clone();
    d.isDate = masterStart.isDate;
    return d;
  }
  if (!masterStart.zone || rid.zone === masterStart.zone) return rid.clone();
  // A floating RECURRENCE-ID on a zoned series means the series' wall clock (recurrenceSet.valueInstance).
  if (isFloating(rid)) return timeFromWall(wallMs(rid), masterStart.zone, false);
  const ms = toUtcMs(rid);
  return exactTime(timeInZone(ms, masterStart.zone), ms);
}

function setTzid(c: Comp, name: string, like: ICAL.Time): void {
  const p = c.getFirstProperty(name);
  if (!p) return;
  const tz =
    like.zone && like.zone !== ICAL.Timezone.utcTimezone && like.zone !== ICAL.Timezone.localTimezone
      ? like.zone.tzid
      : null;
  if (tz && !like.isDate) p.setParameter('tzid', tz);
  else p.removeParameter('tzid');
}
