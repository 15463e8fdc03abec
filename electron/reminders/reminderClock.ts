/**
 * The reminder clock of the main process (desktop shell and web host alike): it asks which alarms are due
 * (`alarms`, the pure shared/calendar/nextAlarms.ts over the data dir), keeps one timer for the next one, and rings
 * each through a notifier seam (Electron's Notification in the desktop shell, an event pushed to the page in the web
 * host). Snooze and dismiss are kept in the data dir (reminderState.ts), so an alarm that rang never rings again
 * after a restart, and one due while the app was closed rings once at the next start, marked missed, as
 * Thunderbird's "missed reminders" do.
 *
 * Time comes from an injected clock. The timer never waits longer than `MAX_WAIT_MS`: every wake-up recomputes from
 * the wall clock, so a machine that slept (timers paused) or a clock that jumped rings what fell due meanwhile
 * at the next wake-up. The calendar changes under it (mail applied, a CalDAV sync, another process): the owner
 * calls `refresh()` on its events, and the periodic wake-up catches the rest.
 */
import type { AlarmView } from '../../shared/calendar/nextAlarms.js';
import type { ReminderView } from '../../shared/ipc/contract.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { waitForLock } from '../fsio/lockFile.js';
import { FORGET_AFTER_MS, ReminderState, type RungAlarm } from './reminderState.js';

export interface ReminderTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReminderNotifier {
  /** An alarm rang (or rang again after its snooze). */
  fired(reminder: ReminderView): void;
  /** The reminders showing changed. */
  changed(reminders: readonly ReminderView[]): void;
}

export interface ReminderClockDeps {
  /** The alarms firing in [fromMs, toMs), earliest first (nextAlarms.ts over the calendar as it is now). */
  readonly alarms: (fromMs: number, toMs: number) => Promise<readonly AlarmView[]>;
  readonly state: ReminderState;
  readonly timers: ReminderTimers;
  readonly notifier: ReminderNotifier;
  readonly log?: (line: string) => void;
  /**
   * Keeps other processes on the same data dir (the desktop app and a web host, two windows' hosts) out of the
   * reminders' state while one looks or changes it; the state is read again inside. Absent: this process alone.
   */
  readonly lock?: () => Promise<{ release(): Promise<void> }>;
}

/** How long a look waits for another process's look or change (each takes milliseconds). */
const LOCK_WAIT_MS = 10_000;

/** The longest single wait: a slept machine or a changed clock is noticed within this. */
export const MAX_WAIT_MS = 60_000;
/** How far ahead the next alarm is looked for (beyond it, the periodic wake-up looks again). */
const LOOK_AHEAD_MS = 24 * 3_600_000;
/** Without any record, the first start looks back this far (a fresh data dir does not ring yesterday's alarms). */
const FIRST_LOOK_BACK_MS = 15 * 60_000;
/** Alarms missed while closed are shown up to this long after they were due. */
const MISSED_LOOK_BACK_MS = 24 * 3_600_000;
/** An alarm shown later than this after its time is marked missed. */
const LATE_MS = 2 * 60_000;

export class ReminderClock {
  readonly #d: ReminderClockDeps;
  #timer: unknown = null;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;
  /** The rung alarms as this process last left them: a difference at the next look is another process's doing. */
  #known: string | null = null;

  constructor(deps: ReminderClockDeps) {
    this.#d = deps;
  }

  /**
   * The clock of a data dir: its state in `state/reminders.json`, shared with any other process ringing for the same
   * data dir through the lock file beside it, so an alarm rings in one of them, once, and shows in all.
   */
  static async open(
    dataDir: string,
    deps: Omit<ReminderClockDeps, 'state' | 'lock'>,
    opts: { fsync?: boolean } = {},
  ): Promise<ReminderClock> {
    const file = ReminderState.fileIn(dataDir);
    await mkdir(path.dirname(file), { recursive: true });
    const lockFile = path.join(path.dirname(file), 'reminders.lock');
    return new ReminderClock({
      ...deps,
      state: await ReminderState.open(file, opts),
      lock: () => waitForLock(lockFile, { waitMs: LOCK_WAIT_MS, pollMs: 20 }),
    });
  }

  /** Looks now (missed alarms ring at once), then keeps the timer. */
  start(): Promise<void> {
    this.#stopped = false;
    return this.refresh();
  }

  /** The calendar or the clock changed: look again now. */
  refresh(): Promise<void> {
    return this.#serial(() => this.#tick());
  }

  /** Settles when the looks and changes asked for so far are done (tests; an orderly shutdown). */
  whenIdle(): Promise<void> {
    return this.#queue;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#d.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** The reminders showing now: rung, not dismissed, not snoozed. */
  showing(): ReminderView[] {
    const now = this.#d.timers.now();
    return [...this.#d.state.rung.values()]
      .filter((r) => !r.dismissed && (r.snoozedUntil === null || r.snoozedUntil <= now))
      .sort((a, b) => a.alarm.fireMs - b.alarm.fireMs || a.alarm.key.localeCompare(b.alarm.key))
      .map(viewOf);
  }

  snooze(key: string, minutes: number): Promise<ReminderView[]> {
    return this.#serial(async () => {
      const done = await this.#shared(async () => {
        const r = this.#d.state.rung.get(key);
        if (!r || r.dismissed) return false;
        this.#d.state.rung.set(key, { ...r, snoozedUntil: this.#d.timers.now() + minutes * 60_000 });
        await this.#d.state.save();
        this.#known = this.#snapshot();
        return true;
      });
      if (!done) return;
      this.#d.notifier.changed(this.showing());
      await this.#tick();
    }).then(() => this.showing());
  }

  dismiss(key: string): Promise<ReminderView[]> {
    return this.#serial(async () => {
      const done = await this.#shared(async () => {
        const r = this.#d.state.rung.get(key);
        if (!r || r.dismissed) return false;
        this.#d.state.rung.set(key, { ...r, dismissed: true, snoozedUntil: null });
        await this.#d.state.save();
        this.#known = this.#snapshot();
        return true;
      });
      if (done) this.#d.notifier.changed(this.showing());
    }).then(() => this.showing());
  }

  /** `fn` with the state as the file holds it now, no other process looking or changing it meanwhile. */
  async #shared<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.#d.lock) return fn();
    const held = await this.#d.lock();
    try {
      await this.#d.state.reload();
      return await fn();
    } finally {
      await held.release();
    }
  }

  /** One unit at a time: ticks, snoozes and dismissals never interleave their reads and writes of the state. */
  #serial(fn: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch((e: unknown) => this.#d.log?.(`reminders: ${String(e)}`));
    return next;
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    const { timers, notifier } = this.#d;
    const now = timers.now();
    let looked;
    try {
      looked = await this.#shared(() => this.#look(now));
    } catch (e) {
      // The calendar or the state could not be read now (another process holding the lock too long, a full disk):
      // the timer still runs, so the next wake-up tries again.
      this.#arm(now, []);
      throw e;
    }
    // Stopped meanwhile (the app closing, its data dir perhaps gone): nothing more is told.
    if (!looked || this.#stopped) return;
    for (const r of looked.rang) notifier.fired(r);
    if (looked.changed) notifier.changed(this.showing());
    this.#arm(now, looked.list);
  }

  /** Rings what is due in the state: what to tell, and the alarms ahead for the timer; null when stopped meanwhile. */
  async #look(now: number): Promise<{ rang: ReminderView[]; changed: boolean; list: readonly AlarmView[] } | null> {
    const { state } = this.#d;
    const outside = this.#known !== null && this.#known !== this.#snapshot();
    const from = Math.max(state.checkedUntil ?? now - FIRST_LOOK_BACK_MS, now - MISSED_LOOK_BACK_MS);
    const open = [...state.rung.values()].filter((r) => !r.dismissed);
    // Reminders still showing are checked against the calendar too: an event cancelled, declined or moved since.
    const lo = Math.min(from, ...open.map((r) => r.alarm.fireMs), now - MISSED_LOOK_BACK_MS);
    const list = await this.#d.alarms(Math.max(lo, now - FORGET_AFTER_MS), now + LOOK_AHEAD_MS);
    const keys = new Set(list.map((a) => a.key));
    let changed = state.prune(now);
    const rang: ReminderView[] = [];
    for (const r of open)
      if (!keys.has(r.alarm.key)) {
        state.rung.delete(r.alarm.key);
        changed = true;
      }
    for (const a of list) {
      if (a.fireMs > now) break;
      const had = state.rung.get(a.key);
      // Not looked at before (`from`), or added since with its time already past (an invitation accepted after its
      // reminder time): rings late while the occurrence is still ahead, as Thunderbird's and Outlook's do.
      const upcoming = Date.parse(a.start) > now && a.fireMs >= now - MISSED_LOOK_BACK_MS;
      if (!had && (a.fireMs >= from || upcoming)) {
        const r: RungAlarm = {
          alarm: a,
          firedAt: now,
          missed: now - a.fireMs > LATE_MS,
          dismissed: false,
          snoozedUntil: null,
        };
        state.rung.set(a.key, r);
        rang.push(viewOf(r));
      } else if (had && !had.dismissed && had.snoozedUntil !== null && had.snoozedUntil <= now) {
        const r: RungAlarm = { ...had, alarm: a, firedAt: now, snoozedUntil: null };
        state.rung.set(a.key, r);
        rang.push(viewOf(r));
      }
    }
    if (rang.length || state.checkedUntil === null) changed = true;
    // Kept in memory at every look and written with the next change: a restart then looks back a little further,
    // and what rang in between is recorded, so nothing rings twice.
    state.checkedUntil = now;
    if (this.#stopped) return null;
    if (changed) await state.save();
    this.#known = this.#snapshot();
    // What another process rang, snoozed or dismissed since this one last looked shows here too.
    return { rang, changed: changed || outside, list };
  }

  #snapshot(): string {
    return JSON.stringify([...this.#d.state.rung.entries()]);
  }

  /** One timer: the next alarm or snooze end, never further away than MAX_WAIT_MS. */
  #arm(now: number, list: readonly AlarmView[]): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#d.timers.clearTimeout(this.#timer);
    const nextAlarm = list.find((a) => a.fireMs > now)?.fireMs ?? Infinity;
    const snoozes = [...this.#d.state.rung.values()]
      .map((r) => (r.dismissed ? null : r.snoozedUntil))
      .filter((t): t is number => t !== null && t > now);
    const next = Math.min(nextAlarm, ...snoozes);
    const wait = Math.max(0, Math.min(next - now, MAX_WAIT_MS));
    this.#timer = this.#d.timers.setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, wait);
  }
}

function viewOf(r: RungAlarm): ReminderView {
  return { ...r.alarm, firedAt: new Date(r.firedAt).toISOString(), missed: r.missed };
}
