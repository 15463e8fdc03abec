/**
 * "Cancel this and all following": the series ends before the chosen occurrence. RFC 5546 §3.2.5 allows a CANCEL
 * with RECURRENCE-ID;RANGE=THISANDFUTURE, but Outlook and Google Calendar ignore RANGE (they cancel one occurrence
 * or nothing), so the series is shortened instead, as Thunderbird and Google do it themselves: the RRULE gets an
 * UNTIL just before the occurrence (RFC 5545 §3.3.10: UTC when DTSTART has a zone, a date for all-day series),
 * and the overrides, RDATEs and EXDATEs from it on go. The attendees get the shortened series as a REQUEST.
 */
import ICAL from 'ical.js';
import { timeKey } from '../../ical/time.js';
import { eventsOf, masterOf, recurrenceIdOf, type Comp } from '../components.js';

/**
 * Ends the series of `cal` (edited in place) before `rid`; false when nothing recurs from there (no RRULE and no
 * RDATE at or after it). RDATE periods (Lotus Notes writes a series as `RDATE;VALUE=PERIOD`) count by their start.
 */
export function endSeriesBefore(cal: Comp, rid: ICAL.Time): boolean {
  const master = masterOf(cal);
  const rruleProp = master?.getFirstProperty('rrule');
  const start = master?.getFirstPropertyValue('dtstart');
  if (!master || !(start instanceof ICAL.Time)) return false;
  const cut = rid.toUnixTime();
  if (cut <= start.toUnixTime()) return false;
  let ended = false;
  if (rruleProp) {
    const rule = rruleProp.getFirstValue() as ICAL.Recur;
    const until = start.isDate
      ? dayBefore(rid)
      : ICAL.Time.fromData({ ...utcParts(cut - 1), isDate: false }, ICAL.Timezone.utcTimezone);
    rule.until = until;
    rule.count = null as unknown as number;
    delete (rule as { count?: number }).count;
    rruleProp.setValue(rule);
    ended = true;
  }
  for (const name of ['rdate', 'exdate'])
    for (const p of master.getAllProperties(name)) {
      const values = p.getValues() as unknown[];
      const kept = values.filter((v) => {
        const t = v instanceof ICAL.Period ? v.start : v;
        return !(t instanceof ICAL.Time) || t.toUnixTime() < cut;
      });
      if (name === 'rdate' && kept.length !== values.length) ended = true;
      if (kept.length === 0) master.removeProperty(p);
      else if (kept.length !== values.length) p.setValues(kept);
    }
  if (!ended) return false;
  for (const e of eventsOf(cal)) {
    const r = recurrenceIdOf(e);
    if (r && timeKey(r) !== timeKey(start) && r.toUnixTime() >= cut) cal.removeSubcomponent(e);
  }
  return true;
}

function dayBefore(t: ICAL.Time): ICAL.Time {
  const d = ICAL.Time.fromData({ year: t.year, month: t.month, day: t.day, isDate: true });
  d.adjust(-1, 0, 0, 0);
  return d;
}

function utcParts(unix: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const d = new Date(unix * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}
