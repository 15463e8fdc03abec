/**
 * A decision card's view model (pure): the decision without the stored message text and envelope, my events that
 * overlap the proposed time, and the organizer's time zone when it is not the one the person's clock shows.
 */
import type { DecisionView } from '../ipc/contract.js';
import { instantOf } from '../model/instant.js';
import { listOccurrences, type CalendarEntries } from '../calendar/queries.js';
import { ianaCandidates } from '../ical/zones.js';
import type { MessageKind, OccurrenceChange, PendingDecision } from '../model/decisions.js';
import { parseItip } from '../itip/message.js';
import { eventsOf, type Comp } from '../itip/components.js';
import { cancelledOccurrences, occurrenceChanges } from './occurrenceChanges.js';

/** Kinds that put (or move) an event in my calendar, so a clash matters for the answer. */
const PROPOSES_TIME: readonly MessageKind[] = ['invitation', 'reschedule', 'update', 'counter', 'add'];

function conflictsOf(d: PendingDecision, entries: CalendarEntries, me: readonly string[]): DecisionView['conflicts'] {
  const p = d.proposed;
  if (!p?.start || !p.end || !PROPOSES_TIME.includes(d.kind)) return [];
  const from = instantOf(p.start);
  const to = instantOf(p.end);
  if (from === null || to === null || to <= from) return [];
  return listOccurrences(entries, from, to, me)
    .filter((o) => o.uid !== d.uid && o.partstat !== 'DECLINED' && (p.allDay || !o.allDay))
    .map((o) => ({ uid: o.uid, summary: o.summary, start: o.start, end: o.end }));
}

/** The IANA name Intl knows for a TZID as written in the event (IANA, libical-prefixed or Windows), or null. */
function ianaZone(tzid: string | null): string | null {
  if (!tzid) return null;
  for (const name of ianaCandidates(tzid)) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      /* not a zone this runtime knows: try the next candidate */
    }
  }
  return null;
}

/** The event's zone when it differs from `localZone` (the person's), else null. */
function organizerZoneOf(d: PendingDecision, localZone: string): string | null {
  const canonical = (z: string | null): string | null =>
    z === 'Etc/UTC' || z === 'Etc/GMT' || z === 'GMT' ? 'UTC' : z;
  const zone = canonical(ianaZone(d.proposed?.timezone ?? null));
  return zone && zone !== canonical(ianaZone(localZone)) ? zone : null;
}

/** Kinds whose message carries the event's instances (REQUEST, ADD, CANCEL), so single occurrences can change. */
const CARRIES_INSTANCES: readonly MessageKind[] = ['invitation', 'reschedule', 'update', 'add', 'cancel'];

const NAMES_AN_OCCURRENCE = /RECURRENCE-ID|EXDATE/i;
const FOLD = /\r?\n[ \t]/g;

/**
 * The single occurrences a decision's message changes against `stored` (my copy of the event, or null): what the
 * orchestrator records with a new decision, before a provisional copy replaces my calendar's version.
 */
export function changedOccurrencesOf(
  d: Pick<PendingDecision, 'kind' | 'message'>,
  stored: Comp | null,
): OccurrenceChange[] {
  if (!CARRIES_INSTANCES.includes(d.kind) || !d.message?.ics) return [];
  // Only a RECURRENCE-ID or an EXDATE in the message names an occurrence (occurrenceChanges): without either, in
  // the unfolded text, there is nothing to compare and nothing to parse.
  if (!NAMES_AN_OCCURRENCE.test(d.message.ics.replace(FOLD, ''))) return [];
  const parsed = parseItip(d.message.ics);
  if (!parsed.ok || parsed.value.componentType !== 'vevent') return [];
  try {
    return occurrenceChanges(parsed.value.components, stored ? eventsOf(stored) : null, parsed.value.method);
  } catch {
    // A calendar object the comparison cannot read costs the list, never the card.
    return [];
  }
}

/** Recorded with the decision; for decisions written before that, against the calendar as it is now. */
function changesFor(d: PendingDecision, entries: CalendarEntries): readonly OccurrenceChange[] {
  if (d.changedOccurrences) return d.changedOccurrences;
  if (!CARRIES_INSTANCES.includes(d.kind)) return [];
  for (const [uid, vcal] of entries) if (uid === d.uid) return changedOccurrencesOf(d, vcal);
  return changedOccurrencesOf(d, null);
}

/** The occurrences my calendar's current copy of the decision's event has cancelled (none without a copy). */
function cancelledFor(d: PendingDecision, entries: CalendarEntries): string[] {
  for (const [uid, vcal] of entries) {
    if (uid !== d.uid) continue;
    try {
      return cancelledOccurrences(eventsOf(vcal));
    } catch {
      return [];
    }
  }
  return [];
}

export function decisionView(
  d: PendingDecision,
  entries: CalendarEntries,
  me: readonly string[],
  localZone: string,
): DecisionView {
  // The message and its mailbox location stay with the engine: the renderer never reads them.
  const { message: _message, source: _source, mailHtml, ...card } = d;
  // Read twice below; callers may hand in a one-pass iterator.
  const all = Array.isArray(entries) ? (entries as readonly (readonly [string, Comp])[]) : [...entries];
  return {
    ...card,
    conflicts: conflictsOf(d, all, me),
    organizerZone: organizerZoneOf(d, localZone),
    changedOccurrences: changesFor(d, all),
    cancelledOccurrences: cancelledFor(d, all),
    ...(mailHtml ? { mailHtml } : {}),
  };
}
