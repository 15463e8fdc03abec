/**
 * Read-only views over the whole calendar: occurrences in a window (for `events` and the calendar view),
 * busy periods (for free/busy replies), and the export of everything as one iCalendar object.
 */
import ICAL from 'ical.js';
import { expandSeries, MAX_OCCURRENCES, type Occurrence } from '../ical/recurrence.js';
import type { Message } from '../i18n/index.js';
import { formatInstant, formatIso } from '../ical/time.js';
import { serializeCalendar } from '../ical/serialize.js';
import { cloneComponent } from '../ical/clone.js';
import { zoneSourceText } from '../ical/parse.js';
import { referencedTzids, renameZone, sameZoneRules, zoneDefinition } from '../ical/zones.js';
import { findAttendeeOf, isCancelled, partstatOf, propAddress, textValue, type Comp } from '../itip/components.js';
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

function occurrenceCancelled(o: Occurrence, vcal: Comp): boolean {
  if (isCancelled(o.component)) return true;
  const master = vcal.getAllSubcomponents('vevent').find((e) => !e.hasProperty('recurrence-id'));
  return !o.isOverride && !!master && isCancelled(master);
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
      const cancelled = occurrenceCancelled(o, vcal);
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

/**
 * The whole calendar as one VCALENDAR (no METHOD), each time zone definition once. Events stored apart may define
 * one TZID with other rules (Outlook calls every zone it has no name for "Customized Time Zone"): such a definition
 * is written under a TZID of its own (`Customized Time Zone (2)`), with its event's references, on a copy.
 */
export function exportCalendar(entries: CalendarEntries): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  const calendars = Array.from(entries, ([, vcal]) => vcal);
  const zones = new ExportedZones(calendars);
  const events: Comp[] = [];
  for (const vcal of calendars) events.push(...zones.add(vcal).getAllSubcomponents('vevent'));
  for (const z of zones.written)
    cal.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(z.jCal)) as unknown[]));
  for (const e of events) cal.addSubcomponent(new ICAL.Component(JSON.parse(JSON.stringify(e.jCal)) as unknown[]));
  return serializeCalendar(cal);
}

/** A definition written to the export: under which TZID, and its text for the cheap comparison. */
interface ExportedZone {
  readonly tzid: string;
  readonly zone: Comp;
  readonly text: string;
}

/** The definitions an export writes, by the TZID the calendars gave them. */
class ExportedZones {
  readonly written: Comp[] = [];
  private readonly byTzid = new Map<string, ExportedZone[]>();
  /** Every TZID a calendar defines or refers to: a new one must name none of them. */
  private readonly taken = new Set<string>();

  constructor(calendars: readonly Comp[]) {
    for (const vcal of calendars) {
      referencedTzids(vcal, this.taken);
      for (const z of vcal.getAllSubcomponents('vtimezone')) this.taken.add(tzidOf(z));
    }
  }

  /** Records `vcal`'s definitions; returns it, or a copy whose zones (and references) were renamed. */
  add(vcal: Comp): Comp {
    let out = vcal;
    const seen = new Set<string>();
    for (const z of vcal.getAllSubcomponents('vtimezone')) {
      const tzid = tzidOf(z);
      if (seen.has(tzid)) continue;
      seen.add(tzid);
      const text = zoneSourceText(z.jCal) ?? JSON.stringify(z.jCal);
      const variants = this.byTzid.get(tzid) ?? [];
      this.byTzid.set(tzid, variants);
      const same = variants.find((v) => v.text === text || sameZoneRules(v.zone, z));
      const name = same?.tzid ?? (variants.length === 0 ? tzid : this.newName(tzid));
      if (name !== tzid) {
        if (out === vcal) out = cloneComponent(vcal);
        renameZone(out, tzid, name);
      }
      if (same) continue;
      const zone = zoneDefinition(out, name) ?? z;
      variants.push({ tzid: name, zone, text });
      this.written.push(zone);
    }
    return out;
  }

  private newName(tzid: string): string {
    let n = 2;
    while (this.taken.has(`${tzid} (${n})`)) n++;
    const name = `${tzid} (${n})`;
    this.taken.add(name);
    return name;
  }
}

function tzidOf(z: Comp): string {
  return String(z.getFirstPropertyValue('tzid'));
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
