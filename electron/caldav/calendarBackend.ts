/**
 * The seam between the scheduling flow and where the calendar lives. The flow reads the local vdir
 * (`CalendarStore`) as always; it writes through a `CalendarBackend`: the local one writes the vdir and nothing
 * else (the behaviour without a `caldav` block), the CalDAV one writes the vdir as the offline cache and pushes
 * the change to the server, re-applying the change on the server's newer copy when another client changed it.
 */
import type ICAL from 'ical.js';
import type { CalendarStore } from '../store/calendarStore.js';

export type StoreChange = { readonly type: 'put'; readonly calendar: ICAL.Component } | { readonly type: 'delete' };

/**
 * Computes the change again on the server's current copy (null: the object is gone). The engine is
 * deterministic, so the caller re-runs it; returning null means "nothing to change any more".
 */
export type Reapply = (current: ICAL.Component | null) => StoreChange | null;

export interface WriteResult {
  /**
   * pushed: on the server; queued: in the durable queue until the server is back; local: only in the cache
   * (no server, or a read-only calendar); conflict: the server's copy was kept and ours set aside;
   * unchanged: after re-applying on the server's copy nothing was left to change.
   */
  readonly state: 'pushed' | 'queued' | 'local' | 'conflict' | 'unchanged';
  readonly message: string | null;
}

export interface SyncReport {
  readonly changed: number;
  readonly deleted: number;
  readonly pushed: number;
  readonly queued: number;
  readonly conflicts: number;
  /** The server could not be reached; the cache was used as it is. */
  readonly offline: boolean;
  readonly problems: readonly string[];
}

export interface CalendarBackend {
  readonly kind: 'local' | 'caldav';
  /** The read side: the vdir (for CalDAV, the offline cache). */
  readonly cache: CalendarStore;
  apply(uid: string, change: StoreChange, reapply?: Reapply): Promise<WriteResult>;
  /** Brings the cache up to date and pushes queued writes; the local backend has nothing to do. */
  sync(): Promise<SyncReport>;
  close(): Promise<void>;
}

export const EMPTY_SYNC: SyncReport = {
  changed: 0,
  deleted: 0,
  pushed: 0,
  queued: 0,
  conflicts: 0,
  offline: false,
  problems: [],
};

export class LocalCalendarBackend implements CalendarBackend {
  readonly kind = 'local' as const;

  constructor(readonly cache: CalendarStore) {}

  async apply(uid: string, change: StoreChange): Promise<WriteResult> {
    if (change.type === 'put') await this.cache.put(uid, change.calendar);
    else await this.cache.delete(uid);
    return { state: 'local', message: null };
  }

  async sync(): Promise<SyncReport> {
    return EMPTY_SYNC;
  }

  async close(): Promise<void> {}
}
