/**
 * Recurrence expansion for one stored calendar object (one UID: a master and/or overrides).
 * Owns: turning RRULE/RDATE/EXDATE plus RECURRENCE-ID overrides into concrete occurrences inside a window,
 * bounded so an absurd rule can never hang the process.
 */
import ICAL from 'ical.js';
import { timeKey, toUtcMs } from './time.js';

export interface Occurrence {
  /** RECURRENCE-ID of the instance; null for a non-recurring event. */
  readonly recurrenceId: ICAL.Time | null;
  /** timeKey of the RECURRENCE-ID (or of DTSTART for a single event). */
  readonly key: string;
  readonly start: ICAL.Time;
  readonly end: ICAL.Time;
  readonly startMs: number;
  readonly endMs: number;
  /** The component describing the instance: the override, or the master. */
  readonly component: ICAL.Component;
  readonly isOverride: boolean;
}

export interface ExpandOptions {
  /** Upper bound on occurrences returned (default 10,000). */
  readonly maxOccurrences?: number;
  /** Upper bound on candidate instances examined before giving up (default 100,000). */
  readonly maxIterations?: number;
}

/** Occurrences overlapping [fromMs, toMs), sorted by start. */
export function expandOccurrences(vcalendar: ICAL.Component, fromMs: number, toMs: number, opts: ExpandOptions = {}): Occurrence[] {
  const maxOcc = opts.maxOccurrences ?? 10_000;
  const maxIter = opts.maxIterations ?? 100_000;
  const events = vcalendar.getAllSubcomponents('vevent');
  const master = events.find((e) => !e.hasProperty('recurrence-id')) ?? null;
  const overrides = new Map<string, ICAL.Component>();
  for (const e of events) {
    const rid = e.getFirstPropertyValue('recurrence-id');
    if (rid instanceof ICAL.Time) overrides.set(timeKey(rid), e);
  }
  const out: Occurrence[] = [];
  const push = (comp: ICAL.Component, rid: ICAL.Time | null, isOverride: boolean): void => {
    const start = comp.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) return;
    const end = endOf(comp, start);
    const startMs = toUtcMs(start);
    const endMs = Math.max(toUtcMs(end), startMs);
    if (endMs < fromMs || startMs >= toMs || (endMs === fromMs && endMs !== startMs)) return;
    out.push({ recurrenceId: rid, key: timeKey(rid ?? start), start, end, startMs, endMs, component: comp, isOverride });
  };
  const seen = new Set<string>();
  if (master) {
    const dtstart = master.getFirstPropertyValue('dtstart');
    if (dtstart instanceof ICAL.Time) {
      const recurring = master.hasProperty('rrule') || master.hasProperty('rdate');
      if (!recurring) {
        push(master, null, false);
      } else {
        const duration = toUtcMs(endOf(master, dtstart)) - toUtcMs(dtstart);
        const it = new ICAL.Event(master).iterator();
        let n = 0;
        for (let next = it.next(); next; next = it.next()) {
          if (++n > maxIter || out.length >= maxOcc) break;
          const ms = toUtcMs(next);
          if (ms >= toMs) break;
          const key = timeKey(next);
          seen.add(key);
          const ov = overrides.get(key);
          if (ov) {
            push(ov, next, true);
            continue;
          }
          if (ms + duration < fromMs) continue;
          const end = next.clone();
          end.addDuration(ICAL.Duration.fromSeconds(Math.round(duration / 1000)));
          const startMs = ms;
          const endMs = startMs + duration;
          if (endMs < fromMs || (endMs === fromMs && duration !== 0)) continue;
          out.push({ recurrenceId: next, key, start: next, end, startMs, endMs, component: master, isOverride: false });
        }
      }
    }
  }
  // Overrides whose RECURRENCE-ID the series does not generate (moved instances, naked recurrences).
  for (const [key, ov] of overrides) {
    if (seen.has(key)) continue;
    const rid = ov.getFirstPropertyValue('recurrence-id');
    if (rid instanceof ICAL.Time) push(ov, rid, true);
  }
  out.sort((a, b) => a.startMs - b.startMs);
  return out.length > maxOcc ? out.slice(0, maxOcc) : out;
}

/** DTEND, or DTSTART + DURATION, or the RFC 5545 §3.6.1 default (one day for dates, zero otherwise). */
export function endOf(comp: ICAL.Component, start: ICAL.Time): ICAL.Time {
  const dtend = comp.getFirstPropertyValue('dtend');
  if (dtend instanceof ICAL.Time) return dtend;
  const dur = comp.getFirstPropertyValue('duration');
  const end = start.clone();
  if (dur instanceof ICAL.Duration) end.addDuration(dur);
  else if (start.isDate) end.day += 1;
  return end;
}

/** Whether the master's recurrence set (RRULE/RDATE minus EXDATE) contains an instance with this RECURRENCE-ID. */
export function seriesHasInstance(master: ICAL.Component, rid: ICAL.Time, opts: ExpandOptions = {}): boolean {
  const dtstart = master.getFirstPropertyValue('dtstart');
  if (!(dtstart instanceof ICAL.Time)) return false;
  const target = toUtcMs(rid);
  const key = timeKey(rid);
  if (!master.hasProperty('rrule') && !master.hasProperty('rdate')) return timeKey(dtstart) === key;
  const it = new ICAL.Event(master).iterator();
  const maxIter = opts.maxIterations ?? 100_000;
  let n = 0;
  for (let next = it.next(); next; next = it.next()) {
    if (++n > maxIter) return false;
    if (timeKey(next) === key) return true;
    if (toUtcMs(next) > target && !rid.isDate) return false;
  }
  return false;
}
