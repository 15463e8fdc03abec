/**
 * Read-only views over the whole calendar: occurrences in a window (for `events` and the calendar view),
 * busy periods (for free/busy replies), and the export of everything as one iCalendar object.
 */
import ICAL from 'ical.js';
import { expandSeries, MAX_OCCURRENCES, type Occurrence } from '../ical/recurrence.js';
import type { Message } from '../i18n/index.js';
import { formatInstant, formatIso } from '../ical/time.js';
import { serializeCalendar } from '../ical/serialize.js';
import { findAttendeeOf, partstatOf, propAddress, textValue, type Comp } from '../itip/components.js';
import { joinUrlOf } from '../itip/views.js';
import { PRODID } from '../itip/outgoing.js';
import type { BusyPeriod } from '../itip/types.js';

export interface OccurrenceView {
  readonly uid: string;
  /** ISO form of the instance's RECURRENCE-ID; null for a non-recurring event. */
  readonly recurrenceId: string | null;
  readonly start: string;
  readonly end: string;
  readonly allDay: boolean;
  readonly summary: string;
  readonly status: string | null;
  /** My PARTSTAT where I attend, else null. */
  readonly partstat: string | null;
  readonly location: string | null;
  readonly organizer: string | null;
  /** TRANSP:TRANSPARENT (RFC 5545 §3.8.2.7): the event does not block time (free/busy, conflicts). */
  readonly transparent: boolean;
  /** The https link that joins the online meeting (`joinUrlOf`), or null. */
  readonly joinUrl?: string | null;
  readonly startMs: number;
  readonly endMs: number;
}

export type CalendarEntries = Iterable<readonly [string, Comp]>;

function isCancelled(o: Occurrence, vcal: Comp): boolean {
  const status = (textValue(o.component, 'status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return true;
  const master = vcal.getAllSubcomponents('vevent').find((e) => !e.hasProperty('recurrence-id'));
  return !o.isOverride && !!master && (textValue(master, 'status') ?? '').toUpperCase() === 'CANCELLED';
}

/** Occurrences overlapping [fromMs, toMs), cancelled ones left out, sorted by start. */
export function listOccurrences(
  entries: CalendarEntries,
  fromMs: number,
  toMs: number,
  me: readonly string[],
): OccurrenceView[] {
  return occurrencesIn(entries, fromMs, toMs, me).occurrences;
}

export interface OccurrenceList {
  readonly occurrences: OccurrenceView[];
  /** UIDs whose expansion hit its cap (10,000 occurrences or the iteration budget): their list is incomplete. */
  readonly truncated: string[];
  /** One message per truncated UID, for the person (`ical.expansionTruncated`). */
  readonly warnings: Message[];
}

/**
 * listOccurrences, saying which events were cut short by the expansion's bounds. With `includeCancelled`, cancelled
 * occurrences stay in the list with status CANCELLED (a called-off meeting is still worth seeing until removed).
 */
export function occurrencesIn(
  entries: CalendarEntries,
  fromMs: number,
  toMs: number,
  me: readonly string[],
  opts: { includeCancelled?: boolean } = {},
): OccurrenceList {
  const out: OccurrenceView[] = [];
  const truncated: string[] = [];
  // Every occurrence of a series shares its component: its join link is read once.
  const links = new Map<Comp, string | null>();
  const joinOf = (c: Comp): string | null => {
    let url = links.get(c);
    if (url === undefined) links.set(c, (url = joinUrlOf(c)));
    return url;
  };
  for (const [uid, vcal] of entries) {
    let occ: Occurrence[];
    try {
      const expansion = expandSeries(vcal, fromMs, toMs);
      occ = expansion.occurrences;
      if (expansion.truncated) truncated.push(uid);
    } catch {
      continue;
    }
    for (const o of occ) {
      const cancelled = isCancelled(o, vcal);
      if (cancelled && !opts.includeCancelled) continue;
      const mine = findAttendeeOf(o.component, me);
      const org = o.component.getFirstProperty('organizer');
      out.push({
        uid,
        recurrenceId: o.recurrenceId ? formatIso(o.recurrenceId) : null,
        start: formatInstant(o.startMs, o.start),
        end: formatInstant(o.endMs, o.end),
        allDay: o.start.isDate,
        summary: textValue(o.component, 'summary') ?? '(no title)',
        status: cancelled ? 'CANCELLED' : (textValue(o.component, 'status')?.toUpperCase() ?? null),
        partstat: mine ? partstatOf(mine) : null,
        location: textValue(o.component, 'location'),
        organizer: org ? propAddress(org) || null : null,
        transparent: (textValue(o.component, 'transp') ?? '').trim().toUpperCase() === 'TRANSPARENT',
        joinUrl: joinOf(o.component),
        startMs: o.startMs,
        endMs: o.endMs,
      });
    }
  }
  out.sort((a, b) => a.startMs - b.startMs || a.uid.localeCompare(b.uid));
  const warnings = truncated.map((uid): Message => ({
    key: 'ical.expansionTruncated',
    params: { uid, count: MAX_OCCURRENCES },
  }));
  return { occurrences: out, truncated, warnings };
}

/**
 * Busy time for free/busy (RFC 5545 §3.8.2.6): events I have not declined and that are not TRANSPARENT;
 * tentative or unanswered ones count as BUSY-TENTATIVE.
 */
export function busyPeriods(
  entries: CalendarEntries,
  fromMs: number,
  toMs: number,
  me: readonly string[],
): BusyPeriod[] {
  const out: BusyPeriod[] = [];
  for (const o of listOccurrences(entries, fromMs, toMs, me)) {
    if (o.partstat === 'DECLINED' || o.allDay || o.transparent) continue;
    const type =
      o.partstat === 'TENTATIVE' || o.partstat === 'NEEDS-ACTION' || o.status === 'TENTATIVE'
        ? 'BUSY-TENTATIVE'
        : 'BUSY';
    out.push({ startMs: Math.max(o.startMs, fromMs), endMs: Math.min(o.endMs, toMs), type });
  }
  return out;
}

/** The whole calendar as one VCALENDAR (no METHOD), each VTIMEZONE once. */
export function exportCalendar(entries: CalendarEntries): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  const zones = new Map<string, Comp>();
  const events: Comp[] = [];
  for (const [, vcal] of entries) {
    for (const z of vcal.getAllSubcomponents('vtimezone')) {
      const id = String(z.getFirstPropertyValue('tzid'));
      if (!zones.has(id)) zones.set(id, z);
    }
    events.push(...vcal.getAllSubcomponents('vevent'));
  }
  for (const z of zones.values())
    cal.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(z.jCal)) as unknown[]));
  for (const e of events) cal.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(e.jCal)) as unknown[]));
  return serializeCalendar(cal);
}

/**
 * Splits an .ics file (any number of UIDs, with or without METHOD) into one VCALENDAR per UID, each with the
 * VTIMEZONEs it uses: the store's one-object-per-UID layout.
 */
export function splitByUid(vcal: Comp): Map<string, Comp> {
  const byUid = new Map<string, Comp>();
  const zones = vcal.getAllSubcomponents('vtimezone');
  for (const e of vcal.getAllSubcomponents('vevent')) {
    const uid = (textValue(e, 'uid') ?? '').trim();
    if (!uid) continue;
    let target = byUid.get(uid);
    if (!target) {
      target = new ICAL.Component(['vcalendar', [], []]);
      target.addPropertyWithValue('prodid', textValue(vcal, 'prodid') ?? PRODID);
      target.addPropertyWithValue('version', '2.0');
      byUid.set(uid, target);
    }
    target.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(e.jCal)) as unknown[]));
  }
  for (const target of byUid.values()) {
    const used = new Set<string>();
    for (const e of target.getAllSubcomponents('vevent'))
      for (const p of e.getAllProperties()) {
        const tz = p.getParameter('tzid');
        if (typeof tz === 'string') used.add(tz);
      }
    const events = target.getAllSubcomponents('vevent');
    for (const e of events) target.removeSubcomponent(e);
    for (const z of zones)
      if (used.has(String(z.getFirstPropertyValue('tzid'))))
        target.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(z.jCal)) as unknown[]));
    for (const e of events) target.addSubcomponent(e);
  }
  return byUid;
}
