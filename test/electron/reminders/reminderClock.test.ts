/**
 * The reminder clock (electron/reminders/reminderClock.ts) under Node with an injected clock: one timer for the next
 * alarm, never longer than MAX_WAIT_MS; snooze and dismiss kept in the data dir, so nothing rings twice after a
 * restart; an alarm due while the app was closed rings once at the next start, marked missed; a slept machine
 * rings what fell due at its next wake-up; a cancelled event's reminder disappears. Alarms come from the real
 * shared/calendar/nextAlarms.ts over iCalendar text.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmsBetween } from '../../../shared/calendar/nextAlarms.js';
import type { ReminderView } from '../../../shared/ipc/contract.js';
import {
  MAX_WAIT_MS,
  ReminderClock,
  type ReminderClockDeps,
  type ReminderNotifier,
  type ReminderTimers,
} from '../../../electron/reminders/reminderClock.js';
import { ReminderState } from '../../../electron/reminders/reminderState.js';

const ME = 'me@example.com';
const T0 = Date.parse('2026-03-10T08:00:00Z');

/** Timers that run only when the test moves the clock; every pending timer is visible. */
class FakeTimers implements ReminderTimers {
  t = T0;
  #next = 1;
  readonly pending = new Map<number, { at: number; fn: () => void }>();
  /** What a timer's callback started has finished (the clock's `whenIdle`). */
  idle: () => Promise<void> = async () => undefined;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): number => {
    const id = this.#next++;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown): void => void this.pending.delete(h as number);
  /** The longest wait asked for right now. */
  waits(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.t);
  }
  /** Moves the clock to `to`, running each timer due on the way (as a machine that stays awake). */
  async advance(to: number): Promise<void> {
    for (;;) {
      const due = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!due || due[1].at > to) break;
      this.pending.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      await this.idle();
    }
    this.t = to;
  }
  /** The machine sleeps: the clock jumps, no timer runs until the wake-up. */
  sleepUntil(to: number): void {
    this.t = to;
  }
}

function event(uid: string, start: string, extra: string[] = [], status = 'ACCEPTED'): ICAL.Component {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    `DTSTART:${start}`,
    'DURATION:PT1H',
    `SUMMARY:${uid}`,
    'ORGANIZER:mailto:olga@example.org',
    `ATTENDEE;PARTSTAT=${status}:mailto:${ME}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Soon',
    'TRIGGER:-PT15M',
    'END:VALARM',
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

let dir: string;
let timers: FakeTimers;
let calendar: Map<string, ICAL.Component>;
let fired: ReminderView[];
let showing: (readonly ReminderView[])[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-reminders-'));
  timers = new FakeTimers();
  calendar = new Map();
  fired = [];
  showing = [];
});

/** A clock on the test's data dir, not started; by default it tells `fired` and `showing`. */
function newClock(
  opts: {
    notifier?: ReminderNotifier;
    alarms?: ReminderClockDeps['alarms'];
    log?: (line: string) => void;
  } = {},
): Promise<ReminderClock> {
  return ReminderClock.open(
    dir,
    {
      alarms: opts.alarms ?? (async (from, to) => alarmsBetween(calendar, from, to, [ME])),
      timers,
      notifier: opts.notifier ?? { fired: (r) => fired.push(r), changed: (list) => showing.push(list) },
      ...(opts.log ? { log: opts.log } : {}),
    },
    { fsync: false },
  );
}

async function openClock(): Promise<ReminderClock> {
  const clock = await newClock();
  timers.idle = () => clock.whenIdle();
  await clock.start();
  return clock;
}

describe('the reminder clock', () => {
  it('rings once at the alarm time through one timer that never waits longer than a minute', async () => {
    calendar.set('standup', event('standup', '20260310T090000Z')); // alarm 08:45
    const clock = await openClock();
    expect(fired).toEqual([]);
    expect(timers.pending.size).toBe(1);
    expect(Math.max(...timers.waits())).toBeLessThanOrEqual(MAX_WAIT_MS);
    await timers.advance(Date.parse('2026-03-10T08:44:59Z'));
    expect(fired).toEqual([]);
    await timers.advance(Date.parse('2026-03-10T08:45:00Z'));
    expect(fired.map((r) => [r.uid, r.fireAt, r.missed])).toEqual([['standup', '2026-03-10T08:45:00.000Z', false]]);
    expect(clock.showing().map((r) => r.uid)).toEqual(['standup']);
    await timers.advance(Date.parse('2026-03-10T10:00:00Z'));
    expect(fired).toHaveLength(1);
    expect(timers.pending.size).toBe(1);
    clock.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('snooze rings again after the snooze; dismiss ends it; both survive a restart', async () => {
    calendar.set('review', event('review', '20260310T081000Z')); // alarm 07:55, rings at start as recent
    const clock = await openClock();
    expect(fired.map((r) => r.uid)).toEqual(['review']);
    const key = fired[0]!.key;
    expect(await clock.snooze(key, 5)).toEqual([]);
    expect(showing.at(-1)).toEqual([]);
    await timers.advance(T0 + 4 * 60_000);
    expect(fired).toHaveLength(1);
    await timers.advance(T0 + 5 * 60_000);
    expect(fired).toHaveLength(2);
    expect(clock.showing().map((r) => r.key)).toEqual([key]);

    // Snoozed again, then the app closes; the snooze ends while closed: it rings at the next start.
    await clock.snooze(key, 10);
    clock.stop();
    timers.sleepUntil(T0 + 30 * 60_000);
    fired = [];
    const again = await openClock();
    expect(fired.map((r) => r.key)).toEqual([key]);
    expect(await again.dismiss(key)).toEqual([]);
    again.stop();

    fired = [];
    const third = await openClock();
    expect(fired).toEqual([]);
    expect(third.showing()).toEqual([]);
    const saved = JSON.parse(readFileSync(ReminderState.fileIn(dir), 'utf8')) as { rung: Record<string, unknown> };
    expect(saved.rung[key]).toMatchObject({ dismissed: true });
  });

  it('an alarm due while the app was closed rings once at the next start, marked missed (as Thunderbird does)', async () => {
    calendar.set('early', event('early', '20260310T083000Z')); // alarm 08:15
    const first = await openClock();
    first.stop(); // closed at 08:00
    timers.sleepUntil(Date.parse('2026-03-10T11:00:00Z'));
    const clock = await openClock();
    expect(fired.map((r) => [r.uid, r.missed])).toEqual([['early', true]]);
    clock.stop();
    fired = [];
    const next = await openClock();
    expect(fired).toEqual([]);
    expect(next.showing().map((r) => r.uid)).toEqual(['early']);
  });

  it('after the machine slept, the next wake-up rings what fell due, recomputed from the wall clock', async () => {
    calendar.set('a', event('a', '20260310T100000Z')); // 09:45
    calendar.set('b', event('b', '20260310T110000Z')); // 10:45
    const clock = await openClock();
    timers.sleepUntil(Date.parse('2026-03-10T11:30:00Z'));
    // The one timer was set for at most a minute after 08:00: it runs at the wake-up.
    await timers.advance(timers.t);
    expect(fired.map((r) => [r.uid, r.missed])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    clock.stop();
  });

  it("the calendar changes under it: a new event's alarm is found by refresh; a cancelled one's reminder goes", async () => {
    const clock = await openClock();
    calendar.set('new', event('new', '20260310T081500Z')); // 08:00: due now
    await clock.refresh();
    expect(fired.map((r) => r.uid)).toEqual(['new']);
    calendar.set('new', event('new', '20260310T081500Z', ['STATUS:CANCELLED']));
    await clock.refresh();
    expect(clock.showing()).toEqual([]);
    expect(showing.at(-1)).toEqual([]);
    clock.stop();
  });

  it('an invitation accepted after its reminder time rings at once while the meeting is still ahead', async () => {
    const clock = await openClock();
    await timers.advance(T0 + 10 * 60_000);
    // 08:10: a meeting at 08:20 with a 15-minute reminder (08:05, before the clock last looked) arrives now.
    calendar.set('late', event('late', '20260310T082000Z'));
    // And one that already started rings nothing: its time has passed.
    calendar.set('started', event('started', '20260310T080500Z'));
    await clock.refresh();
    expect(fired.map((r) => [r.uid, r.missed])).toEqual([['late', true]]);
    clock.stop();
  });

  it('a first start does not ring the alarms of yesterday; a declined meeting never rings', async () => {
    calendar.set('yesterday', event('yesterday', '20260309T090000Z'));
    calendar.set('declined', event('declined', '20260310T081000Z', [], 'DECLINED'));
    const clock = await openClock();
    expect(fired).toEqual([]);
    clock.stop();
  });

  it('a damaged state file is an empty state, never a crash', async () => {
    mkdirSync(path.dirname(ReminderState.fileIn(dir)), { recursive: true });
    writeFileSync(ReminderState.fileIn(dir), '{"version":1,"rung":{"x":{"alarm":null}}');
    calendar.set('now', event('now', '20260310T081000Z'));
    const clock = await openClock();
    expect(fired.map((r) => r.uid)).toEqual(['now']);
    clock.stop();
  });

  it('two apps on one data dir: an alarm rings in one of them, once, shows in both; a dismissal in one ends it in both', async () => {
    calendar.set('standup', event('standup', '20260310T090000Z')); // alarm 08:45
    const one = await openClock();
    const otherFired: ReminderView[] = [];
    const otherShowing: (readonly ReminderView[])[] = [];
    const other = await newClock({
      notifier: { fired: (r) => otherFired.push(r), changed: (list) => otherShowing.push(list) },
    });
    await other.start();
    timers.idle = async () => {
      await one.whenIdle();
      await other.whenIdle();
    };
    await timers.advance(Date.parse('2026-03-10T08:45:00Z'));
    await one.refresh();
    await other.refresh();
    expect([...fired, ...otherFired].map((r) => r.uid)).toEqual(['standup']);
    expect(one.showing().map((r) => r.uid)).toEqual(['standup']);
    expect(other.showing().map((r) => r.uid)).toEqual(['standup']);
    // The one that did not ring is told it shows now.
    const quiet = fired.length ? otherShowing : showing;
    expect(quiet.at(-1)?.map((r) => r.uid)).toEqual(['standup']);

    const key = (fired[0] ?? otherFired[0])!.key;
    expect(await other.dismiss(key)).toEqual([]);
    await one.refresh();
    expect(one.showing()).toEqual([]);
    expect(showing.at(-1)).toEqual([]);
    await timers.advance(Date.parse('2026-03-10T10:00:00Z'));
    expect([...fired, ...otherFired]).toHaveLength(1);
    one.stop();
    other.stop();
  });

  it('a look that fails (the calendar unreadable for a moment) keeps the timer: the next wake-up rings', async () => {
    calendar.set('standup', event('standup', '20260310T090000Z')); // alarm 08:45
    let failing = false;
    const logged: string[] = [];
    const clock = await newClock({
      alarms: async (from, to) => {
        if (failing) throw new Error('calendar unreadable');
        return alarmsBetween(calendar, from, to, [ME]);
      },
      log: (l) => logged.push(l),
    });
    timers.idle = () => clock.whenIdle();
    await clock.start();
    failing = true;
    await timers.advance(Date.parse('2026-03-10T08:45:00Z'));
    expect(fired).toEqual([]);
    expect(logged).toContainEqual(expect.stringMatching(/calendar unreadable/));
    expect(timers.pending.size).toBe(1);
    failing = false;
    await timers.advance(Date.parse('2026-03-10T08:46:00Z'));
    expect(fired.map((r) => r.uid)).toEqual(['standup']);
    clock.stop();
  });
});
