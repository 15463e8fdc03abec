/**
 * What the reminder clock remembers across restarts, in the data dir (`state/reminders.json`, written atomically):
 * each alarm that has rung (with its view, so a reminder still showing needs no recomputation), whether it was
 * dismissed or snoozed until when, and how far the clock has looked. Owns reading it tolerantly (a damaged file is
 * an empty state, never a crash) and forgetting alarms long past.
 *
 * Because every alarm that rang is recorded, one never rings twice (a restart, another tick, another app on the
 * same data dir: the clock reads the file again under a lock before each look), and because the file says how far
 * the clock had looked, an alarm due while the app was closed is found at the next start.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import type { AlarmView } from '../../shared/calendar/nextAlarms.js';

export interface RungAlarm {
  readonly alarm: AlarmView;
  /** Wall-clock epoch ms when it was shown (last time, after a snooze). */
  readonly firedAt: number;
  readonly missed: boolean;
  readonly dismissed: boolean;
  /** Epoch ms until which it is snoozed; null: not snoozed. */
  readonly snoozedUntil: number | null;
}

interface StateFile {
  readonly version: 1;
  /** Wall-clock epoch ms up to which alarms have been looked at. */
  readonly checkedUntil: number | null;
  readonly rung: Record<string, RungAlarm>;
}

/** Alarms are remembered this long after they were due: longer than the clock ever looks back. */
export const FORGET_AFTER_MS = 3 * 86_400_000;

export class ReminderState {
  checkedUntil: number | null;
  readonly rung: Map<string, RungAlarm>;

  private constructor(
    readonly file: string,
    data: StateFile,
    private readonly fsync: boolean,
  ) {
    this.checkedUntil = data.checkedUntil;
    this.rung = new Map(Object.entries(data.rung));
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'state', 'reminders.json');
  }

  static async open(file: string, opts: { fsync?: boolean } = {}): Promise<ReminderState> {
    const text = await readFile(file, 'utf8').catch(() => '');
    return new ReminderState(file, parseState(text), opts.fsync ?? true);
  }

  /** Reads the file again: another process on the same data dir may have rung, snoozed or dismissed since. */
  async reload(): Promise<void> {
    const data = parseState(await readFile(this.file, 'utf8').catch(() => ''));
    this.checkedUntil = data.checkedUntil;
    this.rung.clear();
    for (const [key, r] of Object.entries(data.rung)) this.rung.set(key, r);
  }

  /** Forgets alarms due long ago (they can no longer be looked at again, so they cannot ring twice). */
  prune(now: number): boolean {
    let changed = false;
    for (const [key, r] of this.rung)
      if (r.alarm.fireMs < now - FORGET_AFTER_MS && (r.snoozedUntil ?? 0) < now) {
        this.rung.delete(key);
        changed = true;
      }
    return changed;
  }

  async save(): Promise<void> {
    const data: StateFile = { version: 1, checkedUntil: this.checkedUntil, rung: Object.fromEntries(this.rung) };
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(data)}\n`, { fsync: this.fsync });
  }
}

function parseState(text: string): StateFile {
  const empty: StateFile = { version: 1, checkedUntil: null, rung: {} };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return empty;
  }
  if (typeof v !== 'object' || v === null || (v as { version?: unknown }).version !== 1) return empty;
  const s = v as Partial<StateFile>;
  const rung: Record<string, RungAlarm> = {};
  for (const [key, r] of Object.entries(s.rung ?? {})) if (isRung(r)) rung[key] = r;
  return { version: 1, checkedUntil: typeof s.checkedUntil === 'number' ? s.checkedUntil : null, rung };
}

function isRung(r: unknown): r is RungAlarm {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Partial<RungAlarm>;
  return (
    typeof x.firedAt === 'number' &&
    typeof x.dismissed === 'boolean' &&
    typeof x.missed === 'boolean' &&
    (x.snoozedUntil === null || typeof x.snoozedUntil === 'number') &&
    typeof x.alarm === 'object' &&
    x.alarm !== null &&
    typeof x.alarm.key === 'string' &&
    typeof x.alarm.fireMs === 'number'
  );
}
