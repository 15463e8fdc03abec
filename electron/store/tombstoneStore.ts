/**
 * Cancellations received for events the calendar never had (`D/state/cancelled.json`): UID → the CANCEL's
 * SEQUENCE and DTSTAMP. Mail arrives out of order; this keeps a late invitation for a cancelled event from
 * showing up as live. Bounded: the oldest entries go once it holds more than MAX_ENTRIES.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Tombstone } from '../../shared/model/tombstone.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';

const MAX_ENTRIES = 5_000;

export class TombstoneStore {
  readonly #file: string;
  readonly #map: Map<string, Tombstone>;
  readonly #fsync: boolean;

  private constructor(file: string, map: Map<string, Tombstone>, fsync: boolean) {
    this.#file = file;
    this.#map = map;
    this.#fsync = fsync;
  }

  static async open(stateDir: string, opts: { fsync?: boolean } = {}): Promise<TombstoneStore> {
    const file = path.join(stateDir, 'cancelled.json');
    const map = new Map<string, Tombstone>();
    try {
      const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      for (const [uid, v] of Object.entries(raw)) {
        const t = v as Partial<Tombstone>;
        if (typeof t.sequence === 'number' && typeof t.dtstamp === 'number')
          map.set(uid, { sequence: t.sequence, dtstamp: t.dtstamp });
      }
    } catch {
      // Missing or unreadable: start empty. It is a cache of what was cancelled, never the only copy of anything.
    }
    return new TombstoneStore(file, map, opts.fsync ?? true);
  }

  get(uid: string): Tombstone | null {
    return this.#map.get(uid) ?? null;
  }

  async record(uid: string, t: Tombstone): Promise<void> {
    const old = this.#map.get(uid);
    if (old && (old.sequence > t.sequence || (old.sequence === t.sequence && old.dtstamp >= t.dtstamp))) return;
    this.#map.delete(uid);
    this.#map.set(uid, t);
    while (this.#map.size > MAX_ENTRIES) {
      const first = this.#map.keys().next();
      if (first.done) break;
      this.#map.delete(first.value);
    }
    await writeFileAtomic(this.#file, JSON.stringify(Object.fromEntries(this.#map)), { fsync: this.#fsync });
  }
}
