/**
 * The calendar backend of one mail account when the configuration names several CalDAV accounts (an account's own
 * `caldav` block, the file's top-level one). Owns one rule: an event is written where it already is — the server
 * whose last sync or write placed the UID there, or whose queue holds a write for it — and a new event goes to the
 * mail account's own CalDAV account. All accounts share the data dir's one vdir as their cache, so the engine
 * compares an incoming message with the event wherever it lives.
 */
import type { CalendarStore } from '../store/calendarStore.js';
import type { CalDavBackend } from './calDavBackend.js';
import {
  EMPTY_SYNC,
  type CalendarBackend,
  type Reapply,
  type StoreChange,
  type SyncReport,
} from './calendarBackend.js';
import type { WriteResult } from './calendarBackend.js';

export class CalendarRouter implements CalendarBackend {
  readonly kind = 'caldav' as const;

  constructor(
    private readonly all: readonly CalDavBackend[],
    private readonly own: CalDavBackend,
  ) {}

  get cache(): CalendarStore {
    return this.own.cache;
  }

  /** The backend that holds the UID, else the mail account's own. */
  async backendFor(uid: string): Promise<CalDavBackend> {
    for (const b of this.all) await b.refresh();
    return this.all.find((b) => b.holds(uid)) ?? this.own;
  }

  async apply(uid: string, change: StoreChange, reapply?: Reapply): Promise<WriteResult> {
    return (await this.backendFor(uid)).apply(uid, change, reapply);
  }

  async sync(): Promise<SyncReport> {
    let total: SyncReport = EMPTY_SYNC;
    for (const b of this.all) {
      const r = await b.sync();
      total = {
        changed: total.changed + r.changed,
        deleted: total.deleted + r.deleted,
        pushed: total.pushed + r.pushed,
        queued: total.queued + r.queued,
        conflicts: total.conflicts + r.conflicts,
        offline: total.offline || r.offline,
        problems: [...total.problems, ...r.problems],
      };
    }
    return total;
  }

  /** The backends belong to DavAccounts, which closes them. */
  async close(): Promise<void> {}
}
