import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyState, SyncStateStore } from '../../../../electron/mail/imap/syncState.js';
import { formatUidSet, parseUidSet } from '../../../../electron/mail/imap/uidSet.js';
import { isUnchanged } from '../../../../electron/mail/imap/mailboxScanner.js';
import { MailboxBook } from '../../../../electron/mail/imap/mailboxBook.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function dir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'imip-imapstate-'));
  dirs.push(d);
  return d;
}

describe('UID sets (RFC 3501 sequence-set syntax)', () => {
  it('compresses runs and reads them back', () => {
    expect(formatUidSet([5, 1, 2, 3, 9, 10, 3])).toBe('1:3,5,9:10');
    expect([...parseUidSet('1:3,5,9:10')]).toEqual([1, 2, 3, 5, 9, 10]);
    expect(formatUidSet([])).toBe('');
  });

  it('skips what it cannot read', () => {
    expect([...parseUidSet('4,x,7:6,,0:abc')]).toEqual([4, 6, 7]);
    expect(parseUidSet(42).size).toBe(0);
  });
});

describe('SyncStateStore', () => {
  it('round-trips a mailbox state with UIDVALIDITY and HIGHESTMODSEQ as strings', async () => {
    const store = new SyncStateStore(await dir());
    const s = emptyState('INBOX', '1795241368');
    s.uidNext = 42;
    s.highestModseq = '18446744073709551615';
    s.notOurs = new Set([1, 2, 3, 7]);
    s.unfinished = new Set([41]);
    s.local.set(9, { state: 'processed' });
    s.local.set(10, { state: 'analyzed', queued: true });
    await store.save(s, { durable: true });
    expect(await store.load('INBOX')).toEqual(s);
    expect(JSON.parse(await readFile(store.fileFor('INBOX'), 'utf8'))).toMatchObject({
      notOurs: '1:3,7',
      local: { '9': { s: 'processed' }, '10': { s: 'analyzed', q: 1 } },
    });
  });

  it('a missing, damaged or foreign-version file means "scan again", never a crash', async () => {
    const d = await dir();
    const store = new SyncStateStore(d);
    expect(await store.load('Sent')).toEqual(emptyState('Sent'));
    await writeFile(store.fileFor('Sent'), '{ not json');
    expect(await store.load('Sent')).toEqual(emptyState('Sent'));
    await writeFile(store.fileFor('Sent'), JSON.stringify({ version: 99, uidValidity: '1' }));
    expect(await store.load('Sent')).toEqual(emptyState('Sent'));
  });

  it('mailbox names become safe file names', async () => {
    const store = new SyncStateStore(await dir());
    expect(path.basename(store.fileFor('INBOX/Gesendete Objekte'))).toBe('mailbox-INBOX%2FGesendete%20Objekte.json');
  });
});

describe('isUnchanged: when a start may skip SEARCH and FETCH', () => {
  const synced = (): ReturnType<typeof emptyState> =>
    Object.assign(emptyState('INBOX', '7'), { uidNext: 100, highestModseq: '500' });

  it('same UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ: nothing to do', () => {
    expect(isUnchanged(synced(), '7', 100, 500n)).toBe(true);
  });

  it('new mail, flag changes, a new UIDVALIDITY: look', () => {
    expect(isUnchanged(synced(), '7', 101, 500n)).toBe(false);
    expect(isUnchanged(synced(), '7', 100, 501n)).toBe(false);
    expect(isUnchanged(synced(), '8', 100, 500n)).toBe(false);
  });

  it('without CONDSTORE only UIDNEXT counts', () => {
    expect(isUnchanged(synced(), '7', 100, null)).toBe(true);
  });

  it('messages handed over but not marked are looked at again after a restart, not on the same connection', () => {
    const s = synced();
    s.unfinished.add(99);
    expect(isUnchanged(s, '7', 100, 500n)).toBe(false);
    expect(isUnchanged(s, '7', 100, 500n, new Set(['INBOX/7/99']))).toBe(true);
  });

  it('marks queued while offline must reach the server first', () => {
    const s = synced();
    s.local.set(5, { state: 'processed', queued: true });
    expect(isUnchanged(s, '7', 100, 500n)).toBe(false);
  });
});

describe("MailboxBook: our own STOREs keep the state in sync, anyone else's do not", () => {
  it('advances to the MODSEQ of our STORE answers after a scan', async () => {
    const book = new MailboxBook(await dir());
    const s = await book.state('INBOX');
    s.uidValidity = '7';
    book.beginScan('INBOX', '7', 500n);
    book.noteOwnStore(s, new Map([[1, 501n]]));
    book.noteOwnStore(s, new Map([[2, 503n]])); // Dovecot may spend two on one STORE
    expect(book.endScan('INBOX', 500n)).toBe('503');
    book.noteOwnStore(s, new Map([[3, 504n]]));
    expect(s.highestModseq).toBe('504');
    await book.flush();
  });

  it('a flag change by another client makes the scan keep the HIGHESTMODSEQ it started from', async () => {
    const book = new MailboxBook(await dir());
    const s = await book.state('INBOX');
    s.uidValidity = '7';
    book.beginScan('INBOX', '7', 500n);
    book.noteOwnStore(s, new Map([[1, 501n]]));
    book.noteForeignChange('INBOX');
    book.noteOwnStore(s, new Map([[2, 503n]]));
    expect(book.endScan('INBOX', 500n)).toBe('500');
  });
});
