/**
 * Reminders: which alarms fire in a window of time, as plain data for the shell to show as notifications. Pure: the
 * window (and so "now") is an argument; the shell asks again as time passes and remembers what it has shown.
 *
 * RFC 5545 §3.6.6 / §3.8.6.3: a VALARM's TRIGGER is a duration relative to the occurrence's start (or its end with
 * RELATED=END), or an absolute UTC date-time; REPEAT with DURATION fires it again that many times. Only DISPLAY and
 * AUDIO alarms are shown (EMAIL alarms would mail people, which a calendar client must not do on its own). Cancelled
 * occurrences and those I declined ring no alarm. An optional default reminder stands in for events I attend or
 * organize that carry no alarm of their own (as Outlook's and Thunderbird's "default reminder" setting does).
 */
import ICAL from 'ical.js';
import { expandSeries, type Occurrence } from '../ical/recurrence.js';
import { formatIso } from '../ical/time.js';
import { findAttendeeOf, isCancelled, organizerAddress, partstatOf, textValue, type Comp } from '../itip/components.js';
import type { CalendarEntries } from './queries.js';

export interface AlarmView {
  /** Stable for one alarm of one occurrence: the shell's key for "shown", "dismissed" and "snoozed". */
  readonly key: string;
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly summary: string;
  readonly location: string | null;
  readonly action: 'DISPLAY' | 'AUDIO';
  /** The alarm's own DESCRIPTION (DISPLAY), else null. */
  readonly description: string | null;
  readonly fireAt: string;
  readonly fireMs: number;
  readonly start: string;
  readonly allDay: boolean;
}

export interface AlarmOptions {
  /** Minutes before the start for events I attend or organize without an alarm of their own; null: none. */
  readonly defaultMinutes?: number | null;
}

/** How far around the window occurrences are looked at: triggers rarely reach more than a week before the start. */
const LOOK_BEHIND_MS = 2 * 86_400_000;
const LOOK_AHEAD_MS = 8 * 86_400_000;
/** REPEAT is capped: a hostile invitation must not make one event ring thousands of times. */
const MAX_REPEAT = 10;

/** Every alarm firing in [fromMs, toMs), earliest first. */
export function alarmsBetween(
  entries: CalendarEntries,
  fromMs: number,
  toMs: number,
  me: readonly string[],
  opts: AlarmOptions = {},
): AlarmView[] {
  const out: AlarmView[] = [];
  for (const [uid, vcal] of entries) {
    let occurrences: Occurrence[];
    try {
      occurrences = expandSeries(vcal, fromMs - LOOK_BEHIND_MS, toMs + LOOK_AHEAD_MS).occurrences;
    } catch {
      continue; // an event that cannot be expanded rings nothing; `check` reports the file
    }
    for (const o of occurrences) {
      if (!rings(o.component, vcal, me)) continue;
      for (const alarm of alarmsOf(o, uid, me, opts))
        if (alarm.fireMs >= fromMs && alarm.fireMs < toMs) out.push(alarm);
    }
  }
  return out.sort((a, b) => a.fireMs - b.fireMs || a.key.localeCompare(b.key));
}

function rings(c: Comp, vcal: Comp, me: readonly string[]): boolean {
  const master = vcal.getAllSubcomponents('vevent').find((e) => !e.hasProperty('recurrence-id'));
  if (isCancelled(c) || isCancelled(master ?? c)) return false;
  const mine = findAttendeeOf(c, me);
  return !mine || partstatOf(mine) !== 'DECLINED';
}

function alarmsOf(o: Occurrence, uid: string, me: readonly string[], opts: AlarmOptions): AlarmView[] {
  const rid = o.recurrenceId ? formatIso(o.recurrenceId) : null;
  const base = {
    uid,
    recurrenceId: rid,
    summary: textValue(o.component, 'summary') ?? '(no title)',
    location: textValue(o.component, 'location'),
    start: formatIso(o.start),
    allDay: o.start.isDate,
  };
  const valarms = o.component.getAllSubcomponents('valarm');
  const views: AlarmView[] = [];
  valarms.forEach((a, index) => {
    const action = (textValue(a, 'action') ?? '').toUpperCase();
    if (action !== 'DISPLAY' && action !== 'AUDIO') return;
    const first = triggerMs(a, o);
    if (first === null) return;
    for (const [n, fireMs] of repeats(a, first).entries())
      views.push({
        ...base,
        key: `${uid}|${rid ?? ''}|${index}|${n}|${fireMs}`,
        action,
        description: action === 'DISPLAY' ? textValue(a, 'description') : null,
        fireAt: new Date(fireMs).toISOString(),
        fireMs,
      });
  });
  const minutes = opts.defaultMinutes;
  if (valarms.length === 0 && typeof minutes === 'number' && minutes >= 0 && isMine(o.component, me)) {
    const fireMs = o.startMs - minutes * 60_000;
    views.push({
      ...base,
      key: `${uid}|${rid ?? ''}|default|0|${fireMs}`,
      action: 'DISPLAY',
      description: null,
      fireAt: new Date(fireMs).toISOString(),
      fireMs,
    });
  }
  return views;
}

/** Events I organize, or attend and have accepted or tentatively accepted. */
function isMine(c: Comp, me: readonly string[]): boolean {
  const org = organizerAddress(c);
  if (org && me.includes(org)) return true;
  const mine = findAttendeeOf(c, me);
  const p = mine ? partstatOf(mine) : null;
  return p === 'ACCEPTED' || p === 'TENTATIVE';
}

function triggerMs(a: Comp, o: Occurrence): number | null {
  const prop = a.getFirstProperty('trigger');
  if (!prop) return null;
  const value: unknown = prop.getFirstValue();
  if (value instanceof ICAL.Time) return value.toUnixTime() * 1000;
  if (!(value instanceof ICAL.Duration)) return null;
  const related = String(prop.getParameter('related') ?? 'START').toUpperCase();
  return (related === 'END' ? o.endMs : o.startMs) + value.toSeconds() * 1000;
}

function repeats(a: Comp, first: number): number[] {
  const times = [first];
  const count = Number(a.getFirstPropertyValue('repeat') ?? 0);
  const gap: unknown = a.getFirstPropertyValue('duration');
  if (!Number.isInteger(count) || count <= 0 || !(gap instanceof ICAL.Duration)) return times;
  const step = gap.toSeconds() * 1000;
  if (step <= 0) return times;
  for (let i = 1; i <= Math.min(count, MAX_REPEAT); i++) times.push(first + i * step);
  return times;
}
