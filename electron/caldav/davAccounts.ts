/**
 * The companion's CalDAV and CardDAV side, as one object every root can hold: opens one calendar backend per
 * CalDAV account the configuration names (the file's top-level `caldav` block and each mail account's own),
 * the contacts sync, and polls them every `pollSeconds` under the data dir's lock. `forAccount(id)` is one mail
 * account's view: its writes go to its own CalDAV account, an event already on another one stays there
 * (calendarRouter.ts). Without any `caldav`/`carddav` block it holds nothing and the agent behaves exactly as
 * before.
 */
import dns from 'node:dns/promises';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import type { CalDavBackend } from './calDavBackend.js';
import type { CalendarBackend } from './calendarBackend.js';
import { CalendarRouter } from './calendarRouter.js';
import type { CardDavContacts } from './cardDavContacts.js';
import type { DavAccount } from './davAccountConfig.js';
import { DavSyncStatusBoard } from './davSyncStatus.js';

export interface DavAccountsConfig {
  readonly caldav?: DavAccount | null;
  readonly carddav?: DavAccount | null;
  readonly pollSeconds: number;
  /** Mail accounts with their own `caldav` block (null: they use the file's). */
  readonly accounts?: readonly { readonly id: string; readonly caldav?: DavAccount | null }[];
}

export interface DavAccountsOptions {
  /** The person's choice of target calendar for a CalDAV account (its key, `user@url`), read at each write. */
  readonly chosenTarget?: (accountKey: string) => string | null;
}

/** What every view of one configuration shares. */
class DavCore {
  last = Number.NEGATIVE_INFINITY;
  readonly routers = new Map<string, CalendarBackend>();
  readonly status = new DavSyncStatusBoard();

  constructor(
    readonly backends: readonly CalDavBackend[],
    /** Mail account id → its CalDAV account; absent: the file's top-level one. */
    readonly byAccount: ReadonlyMap<string, CalDavBackend>,
    readonly fallback: CalDavBackend | null,
    readonly contacts: CardDavContacts | null,
    readonly shared: SharedDataDir,
    readonly pollMs: number,
    readonly log: (line: string) => void,
  ) {}
}

export class DavAccounts {
  private constructor(
    private readonly core: DavCore,
    private readonly accountId: string | null,
  ) {}

  static async open(
    config: DavAccountsConfig,
    shared: SharedDataDir,
    log: (line: string) => void,
    opts: DavAccountsOptions = {},
  ): Promise<DavAccounts> {
    const blocks = [
      ...(config.caldav ? [config.caldav] : []),
      ...(config.accounts ?? []).flatMap((a) => (a.caldav ? [a.caldav] : [])),
    ];
    const opened = new Map<string, CalDavBackend>();
    if (blocks.length) {
      // The DAV client (tsdav and its XML parser) is loaded only for a configuration with a caldav block.
      const { CalDavBackend, davAccountKey } = await import('./calDavBackend.js');
      for (const account of blocks) {
        const key = davAccountKey(account);
        if (opened.has(key)) continue;
        opened.set(
          key,
          await CalDavBackend.open({
            account,
            root: shared.root,
            cache: () => shared.current.calendar,
            resolver: dns,
            log,
            ...(opts.chosenTarget ? { chosenTarget: () => opts.chosenTarget?.(key) ?? null } : {}),
          }),
        );
      }
    }
    const keyOf = (a: DavAccount): string => `${a.user ?? ''}@${a.url}`;
    const byAccount = new Map<string, CalDavBackend>();
    for (const a of config.accounts ?? []) {
      const b = a.caldav ? opened.get(keyOf(a.caldav)) : undefined;
      if (b) byAccount.set(a.id, b);
    }
    const fallback = config.caldav ? (opened.get(keyOf(config.caldav)) ?? null) : null;
    const contacts = config.carddav
      ? await (
          await import('./cardDavContacts.js')
        ).CardDavContacts.open({
          account: config.carddav,
          root: shared.root,
          contacts: () => shared.current.contacts,
          resolver: dns,
        })
      : null;
    const core = new DavCore(
      [...opened.values()],
      byAccount,
      fallback,
      contacts,
      shared,
      config.pollSeconds * 1000,
      log,
    );
    return new DavAccounts(core, null);
  }

  /** One mail account's view: same backends and polling, its own CalDAV account for new events. */
  forAccount(id: string): DavAccounts {
    return new DavAccounts(this.core, id);
  }

  /** Every CalDAV account of the configuration, once each. */
  get backends(): readonly CalDavBackend[] {
    return this.core.backends;
  }

  /** The CalDAV account new events of this view go to: the mail account's own, else the file's, else the first. */
  get own(): CalDavBackend | null {
    const c = this.core;
    return (
      (this.accountId !== null ? c.byAccount.get(this.accountId) : undefined) ?? c.fallback ?? c.backends[0] ?? null
    );
  }

  /** The calendar backend the orchestrator writes through (null: the local vdir only). */
  get calendar(): CalendarBackend | null {
    const own = this.own;
    if (!own || this.core.backends.length === 1) return own;
    const key = this.accountId ?? '';
    let router = this.core.routers.get(key);
    if (!router) this.core.routers.set(key, (router = new CalendarRouter(this.core.backends, own)));
    return router;
  }

  /** What each CalDAV account's last poll came to (for the app's sync state). */
  get status(): DavSyncStatusBoard {
    return this.core.status;
  }

  get contacts(): CardDavContacts | null {
    return this.core.contacts;
  }

  /** Syncs when a poll is due (or `force`); failures are logged, never thrown: the cache keeps working. */
  async poll(now: number, force = false): Promise<void> {
    const c = this.core;
    if (!c.backends.length && !c.contacts) return;
    if (!force && now - c.last < c.pollMs) return;
    c.last = now;
    for (const calendar of c.backends) await this.#pollCalendar(calendar);
    const contacts = c.contacts;
    if (contacts) {
      await c.shared
        .run(() => contacts.sync())
        .then(
          (r) => r.problems.forEach((p) => c.log(`carddav: ${p}`)),
          (e: unknown) => c.log(`carddav: ${(e as Error).message}`),
        );
    }
  }

  async #pollCalendar(calendar: CalDavBackend): Promise<void> {
    const c = this.core;
    // With several CalDAV accounts each line says which one it is about.
    const who = c.backends.length > 1 ? ` ${calendar.key}` : '';
    if (!(await calendar.hasWork())) return c.status.synced(calendar.key, Date.now(), false);
    await c.shared
      .run(() => calendar.sync())
      .then(
        (r) => {
          const problem = r.offline ? (r.problems.at(-1) ?? null) : null;
          c.status.synced(calendar.key, Date.now(), r.offline, problem, r.changed + r.deleted > 0);
          if (r.changed || r.deleted || r.pushed)
            c.log(`caldav${who}: ${r.changed} changed, ${r.deleted} deleted, ${r.pushed} pushed, ${r.queued} queued`);
          if (r.offline) c.log(`caldav${who}: server unreachable, working from the cache (${r.queued} writes queued)`);
          for (const p of r.problems) c.log(`caldav${who}: ${p}`);
        },
        (e: unknown) => {
          c.status.failed(calendar.key, e);
          c.log(`caldav${who}: ${(e as Error).message}`);
        },
      );
  }

  /** Closes every backend; a view made by `forAccount` closes the whole configuration's side. */
  async close(): Promise<void> {
    for (const b of this.core.backends) await b.close();
    await this.core.contacts?.close();
  }
}
