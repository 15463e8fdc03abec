/**
 * The next occurrence of a repeating event from now, so a weekly meeting whose first date has passed is shown
 * at the date a person will attend next. Steps through the rule in the event's own zone (Temporal), so the wall
 * time holds across daylight-saving changes (RFC 5545 §3.3.10). Covers the common rules: DAILY, WEEKLY (with
 * BYDAY weekdays), MONTHLY and YEARLY without BY parts, INTERVAL, COUNT, UNTIL; anything else gives null and the
 * first date is shown as before. Changed or cancelled single occurrences are not known here.
 */
import { Temporal } from 'temporal-polyfill';

export interface RepeatingEvent {
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly timezone: string | null;
  readonly rrule?: string | null;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const MAX_STEPS = 5000;

function parts(rrule: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const piece of rrule.split(';')) {
    const [k, v] = piece.split('=');
    if (k && v) map.set(k.toUpperCase(), v.toUpperCase());
  }
  return map;
}

function untilInstant(text: string | undefined): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(text ?? '');
  if (!m) return null;
  // A date-only UNTIL includes that whole day.
  return m[4]
    ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4], +m[5]!, +m[6]!)
    : Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 23, 59, 59);
}

/** Candidate starts in order (unbounded; the caller stops). */
function* candidates(first: Temporal.ZonedDateTime, rule: Map<string, string>): Generator<Temporal.ZonedDateTime> {
  const freq = rule.get('FREQ');
  const interval = Math.max(1, Number(rule.get('INTERVAL') ?? '1') || 1);
  const days = (rule.get('BYDAY') ?? '').split(',').filter(Boolean);
  if (freq === 'WEEKLY' && days.length > 0) {
    const offsets = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
    const monday = first.subtract({ days: first.dayOfWeek - 1 });
    for (let week = 0; ; week += interval) {
      for (const offset of offsets) {
        const c = monday.add({ weeks: week, days: offset });
        if (Temporal.ZonedDateTime.compare(c, first) >= 0) yield c;
      }
    }
  }
  const unit = freq === 'DAILY' ? 'days' : freq === 'WEEKLY' ? 'weeks' : freq === 'MONTHLY' ? 'months' : 'years';
  for (let i = 0; ; i += interval) yield first.add({ [unit]: i });
}

function supported(rule: Map<string, string>): boolean {
  const freq = rule.get('FREQ');
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return false;
  const allowed = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', ...(freq === 'WEEKLY' ? ['BYDAY'] : [])]);
  if ([...rule.keys()].some((k) => !allowed.has(k))) return false;
  return (rule.get('BYDAY') ?? '')
    .split(',')
    .filter(Boolean)
    .every((d) => WEEKDAYS.includes(d));
}

/** The first occurrence that has not ended by `nowMs`, or null (not repeating, over, or a rule not covered). */
export function nextOccurrence(event: RepeatingEvent, nowMs: number): { start: string; end: string | null } | null {
  if (!event.rrule || !event.start || event.allDay) return null;
  const rule = parts(event.rrule);
  if (!supported(rule)) return null;
  try {
    const startMs = Date.parse(event.start);
    const durationMs = event.end ? Date.parse(event.end) - startMs : 0;
    if (startMs + durationMs > nowMs) return null;
    const first = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(
      event.timezone && event.timezone !== 'UTC' ? event.timezone : 'UTC',
    );
    const count = rule.has('COUNT') ? Number(rule.get('COUNT')) : Infinity;
    const until = untilInstant(rule.get('UNTIL'));
    let n = 0;
    for (const c of candidates(first, rule)) {
      const ms = c.epochMilliseconds;
      n += 1;
      if (n > count || n > MAX_STEPS || (until !== null && ms > until)) return null;
      if (ms + durationMs > nowMs)
        return { start: new Date(ms).toISOString(), end: event.end ? new Date(ms + durationMs).toISOString() : null };
    }
    return null;
  } catch {
    // An unknown zone name or a rule the stepping cannot follow: show the first date.
    return null;
  }
}
