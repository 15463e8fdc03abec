/**
 * CardDAV address books (RFC 6352) as contacts for the `known` policy: every address book of the account is
 * synced (sync-collection, or ctag/ETag where the server has no tokens) into the contacts folder beside imported
 * vCards. Owns the href → UID record (`D/caldav/<account>-contacts.json`) that turns a deletion on the server
 * into removing that card here. Read-only: nothing is written to the server.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { ContactsStore } from '../store/contactsStore.js';
import { fetchChanges } from './collectionSync.js';
import type { DavAccount } from './davAccountConfig.js';
import { discover, type DavResolver } from './davDiscovery.js';
import { DavHttp, isOffline } from './davHttp.js';
import { DavSyncState } from './davSyncState.js';

export interface ContactsSyncReport {
  readonly addressBooks: number;
  readonly changed: number;
  readonly deleted: number;
  readonly offline: boolean;
  readonly problems: readonly string[];
}

export class CardDavContacts {
  readonly http: DavHttp;

  private constructor(
    private readonly store: ContactsStore | (() => ContactsStore),
    readonly state: DavSyncState,
    account: DavAccount,
    private readonly resolver: DavResolver | null,
  ) {
    this.http = new DavHttp(account);
  }

  static async open(opts: {
    account: DavAccount;
    root: string;
    contacts: ContactsStore | (() => ContactsStore);
    resolver?: DavResolver | null;
    fsync?: boolean;
  }): Promise<CardDavContacts> {
    const dir = path.join(opts.root, 'caldav');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const key = `${opts.account.user ?? ''}@${opts.account.url}`;
    const name = key
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/[^A-Za-z0-9@._-]+/g, '_')
      .slice(0, 100);
    const state = await DavSyncState.open(path.join(dir, `${name}-contacts.json`), key, opts.fsync ?? true);
    return new CardDavContacts(opts.contacts, state, opts.account, opts.resolver ?? null);
  }

  /** The contacts folder (a getter: a data dir reloaded after another process wrote has a new store). */
  private get contacts(): ContactsStore {
    return typeof this.store === 'function' ? this.store() : this.store;
  }

  async sync(): Promise<ContactsSyncReport> {
    const problems: string[] = [];
    let changed = 0;
    let deleted = 0;
    try {
      const d = await discover(this.http, 'carddav', this.resolver);
      this.state.setDiscovery(d.collections, null, d.davHeader, d.homes);
      for (const book of d.collections) {
        const changes = await fetchChanges(
          this.http,
          'carddav',
          book,
          this.state.collection(book.url),
          async (objs) => {
            for (const obj of objs) {
              const r = await this.contacts.importVcf(obj.data);
              if (!r.ok) {
                problems.push(`${obj.href}: ${r.error.message}`);
                continue;
              }
              for (const card of r.value) this.state.setObject(book.url, obj.href, { uid: card.uid, etag: obj.etag });
              changed += r.value.length;
            }
          },
        );
        // After the changes: a card that moved to another href is found there and stays.
        for (const href of changes.deleted) {
          const old = this.state.object(book.url, href);
          this.state.setObject(book.url, href, null);
          if (old && !this.state.locate(old.uid)) {
            await this.contacts.remove(old.uid);
            deleted++;
          }
        }
        const s = this.state.collection(book.url);
        s.syncToken = changes.syncToken;
        s.ctag = changes.ctag;
      }
      await this.state.save();
      return { addressBooks: d.collections.length, changed, deleted, offline: false, problems };
    } catch (e) {
      if (!isOffline(e)) throw e;
      return {
        addressBooks: this.state.collections.length,
        changed,
        deleted,
        offline: true,
        problems: [...problems, (e as Error).message],
      };
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
