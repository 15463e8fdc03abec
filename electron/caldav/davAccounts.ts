/**
 * The agent's CalDAV and CardDAV side, as one object it can hold: opens the calendar backend and the contacts
 * sync for the configured accounts, and polls them every `pollSeconds` under the data dir's lock. Without a
 * `caldav`/`carddav` block it holds nothing and the agent behaves exactly as before.
 */
import dns from 'node:dns/promises';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import type { CalDavBackend } from './calDavBackend.js';
import type { CardDavContacts } from './cardDavContacts.js';
import type { DavAccount } from './davAccountConfig.js';

export class DavAccounts {
  #last = Number.NEGATIVE_INFINITY;

  private constructor(
    readonly calendar: CalDavBackend | null,
    readonly contacts: CardDavContacts | null,
    private readonly shared: SharedDataDir,
    private readonly pollMs: number,
    private readonly log: (line: string) => void,
  ) {}

  static async open(
    config: { caldav?: DavAccount | null; carddav?: DavAccount | null; pollSeconds: number },
    shared: SharedDataDir,
    log: (line: string) => void,
  ): Promise<DavAccounts> {
    // The DAV client (tsdav and its XML parser) is loaded only for an account that has a caldav/carddav block.
    const calendar = config.caldav
      ? await (
          await import('./calDavBackend.js')
        ).CalDavBackend.open({
          account: config.caldav,
          root: shared.root,
          cache: () => shared.current.calendar,
          resolver: dns,
          log,
        })
      : null;
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
    return new DavAccounts(calendar, contacts, shared, config.pollSeconds * 1000, log);
  }

  /** Syncs when a poll is due (or `force`); failures are logged, never thrown: the cache keeps working. */
  async poll(now: number, force = false): Promise<void> {
    if (!this.calendar && !this.contacts) return;
    if (!force && now - this.#last < this.pollMs) return;
    this.#last = now;
    const calendar = this.calendar;
    const contacts = this.contacts;
    if (calendar && (await calendar.hasWork())) {
      await this.shared
        .run(() => calendar.sync())
        .then(
          (r) => {
            if (r.changed || r.deleted || r.pushed)
              this.log(`caldav: ${r.changed} changed, ${r.deleted} deleted, ${r.pushed} pushed, ${r.queued} queued`);
            if (r.offline) this.log(`caldav: server unreachable, working from the cache (${r.queued} writes queued)`);
            for (const p of r.problems) this.log(`caldav: ${p}`);
          },
          (e: unknown) => this.log(`caldav: ${(e as Error).message}`),
        );
    }
    if (contacts) {
      await this.shared
        .run(() => contacts.sync())
        .then(
          (r) => r.problems.forEach((p) => this.log(`carddav: ${p}`)),
          (e: unknown) => this.log(`carddav: ${(e as Error).message}`),
        );
    }
  }

  async close(): Promise<void> {
    await this.calendar?.close();
    await this.contacts?.close();
  }
}
