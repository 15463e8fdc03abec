/**
 * One stored event as the event dialog shows it: the series master, an override, or an instance of the series that
 * has no override (its own start and end, the master's other fields). RECURRENCE-IDs are matched by instant, not by
 * text, as the engine does (RFC 5545 §3.8.4.4: the value may be written in another zone than DTSTART).
 */
import type ICAL from 'ical.js';
import type { EventView } from '../model/decisions.js';
import { instantOf } from '../model/instant.js';
import { expandOccurrences } from '../ical/recurrence.js';
import { formatInstant, formatIso } from '../ical/time.js';
import { eventView, eventsOf, masterOf } from '../itip/index.js';
import { recurrenceIdOf } from '../itip/components.js';

const DAY = 86_400_000;

function sameInstance(rid: ICAL.Time, text: string, ms: number | null): boolean {
  const iso = formatIso(rid);
  return iso === text || (ms !== null && instantOf(iso) === ms);
}

export function findEventView(vcalendar: ICAL.Component, uid: string, recurrenceId: string | null): EventView | null {
  const events = eventsOf(vcalendar);
  if (recurrenceId === null) {
    const c = masterOf(vcalendar) ?? events[0];
    return c ? eventView(c, uid) : null;
  }
  const ms = instantOf(recurrenceId);
  for (const e of events) {
    const rid = recurrenceIdOf(e);
    if (rid && sameInstance(rid, recurrenceId, ms)) return eventView(e, uid);
  }
  if (ms === null || !masterOf(vcalendar)) return null;
  // An instance without an override starts at its RECURRENCE-ID; a day either side covers floating times.
  for (const o of expandOccurrences(vcalendar, ms - DAY, ms + DAY)) {
    if (!o.recurrenceId || !sameInstance(o.recurrenceId, recurrenceId, ms)) continue;
    return {
      ...eventView(o.component, uid),
      recurrenceId: formatIso(o.recurrenceId),
      start: formatInstant(o.startMs, o.start),
      end: formatInstant(o.endMs, o.end),
    };
  }
  return null;
}
