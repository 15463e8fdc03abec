/**
 * Which single occurrences of a series a scheduling message changes, and how: for every instance the message names
 * (an override, RFC 5545 §3.8.4.4 RECURRENCE-ID, or a new EXDATE on the master) its time and place before (in my
 * calendar, or as the series' rule makes it) and after (as the message makes it, or gone). What a person reads on
 * an update card as "the meeting on Mon 16 Mar moves to Tue 17 Mar, 11:00". Pure: calendar components in, ISO
 * strings out; instances are matched by instant, not by text (a RECURRENCE-ID may be written in another zone).
 */
import ICAL from 'ical.js';
import { seriesHasInstance, endOf } from '../ical/recurrence.js';
import { formatIso, toUtcMs } from '../ical/time.js';
import { isCancelled, recurrenceIdOf, textValue, timeValue, type Comp } from '../itip/components.js';
import type { OccurrenceChange, OccurrenceState } from '../model/decisions.js';

export type { OccurrenceChange, OccurrenceState };

/** More than a person reads on a card; the list is cut there (the first ones by date). */
export const MAX_OCCURRENCE_CHANGES = 12;

function stateOf(c: Comp): OccurrenceState | null {
  const start = timeValue(c, 'dtstart');
  if (!start || isCancelled(c)) return null;
  return { start: formatIso(start), end: formatIso(endOf(c, start)), location: textValue(c, 'location') };
}

function exdateMs(master: Comp): Set<number> {
  const out = new Set<number>();
  for (const p of master.getAllProperties('exdate')) {
    for (const v of p.getValues()) if (v instanceof ICAL.Time) out.add(toUtcMs(v));
  }
  return out;
}

/** The instance the master's rule makes at `rid` (its start, the master's length and place), or null. */
function ruleInstance(master: Comp, rid: ICAL.Time): OccurrenceState | null {
  if (isCancelled(master) || exdateMs(master).has(toUtcMs(rid)) || !seriesHasInstance(master, rid)) return null;
  // The series' length from the instance's start, by our zone tables (exact for a DTEND, whole days on the wall
  // clock for a DURATION); ical.js' own date arithmetic works on the wall clock and walks its slow zone expansion.
  const end = endOf(master, rid);
  return { start: formatIso(rid), end: formatIso(end), location: textValue(master, 'location') };
}

/** The occurrence at `rid` in a calendar object: its override, else the master's instance. */
function occurrenceAt(events: readonly Comp[], rid: ICAL.Time): OccurrenceState | null {
  const ms = toUtcMs(rid);
  const override = events.find((e) => {
    const r = recurrenceIdOf(e);
    return !!r && toUtcMs(r) === ms;
  });
  if (override) return stateOf(override);
  const master = events.find((e) => !e.hasProperty('recurrence-id'));
  return master ? ruleInstance(master, rid) : null;
}

const sameState = (a: OccurrenceState | null, b: OccurrenceState | null): boolean =>
  a === b ||
  (!!a &&
    !!b &&
    Date.parse(a.start) === Date.parse(b.start) &&
    Date.parse(a.end) === Date.parse(b.end) &&
    (a.location ?? '') === (b.location ?? ''));

/** The instants (RECURRENCE-IDs) the message speaks about one by one. */
function namedInstances(message: readonly Comp[], stored: readonly Comp[] | null): ICAL.Time[] {
  const found = new Map<number, ICAL.Time>();
  for (const c of message) {
    const rid = safe(() => recurrenceIdOf(c));
    if (rid) found.set(toUtcMs(rid), rid);
  }
  const master = message.find((e) => !e.hasProperty('recurrence-id'));
  const before = stored?.find((e) => !e.hasProperty('recurrence-id')) ?? null;
  if (master) {
    const old = before ? exdateMs(before) : new Set<number>();
    for (const p of master.getAllProperties('exdate')) {
      for (const v of p.getValues()) if (v instanceof ICAL.Time && !old.has(toUtcMs(v))) found.set(toUtcMs(v), v);
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

/**
 * The occurrences `message` (the VEVENTs of a REQUEST, ADD or CANCEL) changes against `stored` (the VEVENTs in my
 * calendar for the same UID, or null when the event is new). `method` CANCEL takes every named occurrence away.
 * Only occurrences whose time, place or existence differ are listed.
 */
export function occurrenceChanges(
  message: readonly Comp[],
  stored: readonly Comp[] | null,
  method: string,
): OccurrenceChange[] {
  const out: OccurrenceChange[] = [];
  const messageMaster = message.find((e) => !e.hasProperty('recurrence-id')) ?? null;
  // With no copy of mine, "before" is what the message's own rule makes of the instance.
  const baseline = stored ?? (messageMaster ? [messageMaster] : null);
  for (const rid of namedInstances(message, stored)) {
    const before = safe(() => (baseline ? occurrenceAt(baseline, rid) : null));
    const after = method.toUpperCase() === 'CANCEL' ? null : safe(() => occurrenceAt(message, rid));
    if (sameState(before, after)) continue;
    out.push({ recurrenceId: formatIso(rid), allDay: rid.isDate, before, after });
    if (out.length >= MAX_OCCURRENCE_CHANGES) break;
  }
  return out;
}

/**
 * The occurrences my calendar's copy of a series no longer holds, by instant (ISO): the master's EXDATEs and the
 * overrides with STATUS:CANCELLED (what an organizer's CANCEL for one RECURRENCE-ID, RFC 5546 §3.2.5, leaves behind).
 * A card's "next meeting" skips them, however long after its invitation they were cancelled.
 */
export function cancelledOccurrences(stored: readonly Comp[]): string[] {
  const found = new Map<number, string>();
  const master = stored.find((e) => !e.hasProperty('recurrence-id'));
  if (master) {
    for (const p of master.getAllProperties('exdate'))
      for (const v of safe(() => p.getValues()) ?? []) if (v instanceof ICAL.Time) found.set(toUtcMs(v), formatIso(v));
  }
  for (const e of stored) {
    const rid = safe(() => recurrenceIdOf(e));
    if (rid && isCancelled(e)) found.set(toUtcMs(rid), formatIso(rid));
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, iso]) => iso);
}

function safe<T>(f: () => T | null): T | null {
  try {
    return f();
  } catch {
    // A malformed time or rule in one instance leaves that instance out, never the card.
    return null;
  }
}
