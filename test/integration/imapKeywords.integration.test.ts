/**
 * Keyword-less server (user `nokw`: PERMANENTFLAGS without `\*`, a STORE is answered OK and ignored) and the
 * two-device claim (RFC 7162 conditional STORE), of one message and of a group, against the loopback Dovecot.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchedMessage, ImapSource } from '../../electron/mail/imap/index.js';
import { connectOrExplain } from '../../electron/mail/imap/clientOptions.js';
import { uidStore } from '../../electron/mail/imap/rawCommands.js';
import { deliver, mailboxFlags, mailstackAvailable, waitFor } from '../helpers/mailstack.js';
import {
  accountFor,
  appendRaw,
  invitation,
  newUser,
  plainMail,
  cleanedAfterEach,
  startSource,
} from '../electron/mail/imap/imapTestKit.js';

const NOKW = { user: 'nokw', pass: 'nokw-secret', address: 'nokw@example.test' };
const { started, freshState } = cleanedAfterEach();

describe.skipIf(!mailstackAvailable())('keywords and claims on Dovecot', () => {
  it('a server without keywords: mark goes to the local record and the message is not handed over again', async () => {
    const inv = invitation({ to: NOKW.address });
    await deliver(inv.raw, 'organizer@example.test', NOKW.address);
    const dir = await freshState();
    const r1 = startSource(accountFor(NOKW), { stateDir: dir, watchSent: false }, async (m, s) => {
      if (m.mail.messageId !== inv.messageId) return s.mark(m.ref, 'ignore'); // other runs' leftovers in the shared mailbox
      expect(await s.claim(m.ref)).toBe(true); // no keywords: the local record is the only guard
      expect(await s.claim(m.ref)).toBe(true); // claimed by us already (a restart between claim and mark)
      await s.mark(m.ref, 'processed');
      expect(await s.claim(m.ref)).toBe(false); // done on this device
    });
    await waitFor(() => r1.handled.some((m) => m.mail.messageId === inv.messageId), { what: 'the nokw invitation' });
    await r1.source.stop();
    await r1.done;
    const mine = r1.handled.find((m) => m.mail.messageId === inv.messageId);
    if (!mine) throw new Error('not handed');
    const onServer = mailboxFlags(NOKW.user).find((f) => f.uid === mine.ref.uid);
    expect(onServer?.flags.filter((f) => f.startsWith('$'))).toEqual([]);
    const saved = JSON.parse(await readFile(path.join(dir, 'mailbox-INBOX.json'), 'utf8')) as {
      local: Record<string, { s: string }>;
    };
    expect(saved.local[String(mine.ref.uid)]).toEqual({ s: 'processed' });

    const r2 = await started(accountFor(NOKW), { stateDir: dir, watchSent: false });
    await waitFor(() => r2.source.status().idle, { what: 'IDLE' });
    expect(r2.handled.map((m) => m.ref.uid)).not.toContain(mine.ref.uid);
  });

  it('a server without keywords: our copy in Sent goes to the local record and is never handed over', async () => {
    const dir = await freshState();
    const mine = invitation({ to: 'someone@example.test', from: NOKW.address, summary: 'filed by us' });
    // Leftovers of other runs in the shared mailbox are marked and left alone.
    const ignore = async (m: FetchedMessage, s: ImapSource): Promise<void> => s.mark(m.ref, 'ignore');
    const r1 = startSource(accountFor(NOKW), { stateDir: dir }, ignore);
    await waitFor(() => r1.source.status().idle, { what: 'IDLE' });
    await r1.source.appendToSent(Buffer.from(mine.raw), mine.messageId);
    await r1.source.stop();
    await r1.done;
    const saved = JSON.parse(await readFile(path.join(dir, 'mailbox-Sent.json'), 'utf8')) as {
      local: Record<string, { s: string }>;
    };
    expect(Object.values(saved.local)).toContainEqual({ s: 'processed' });

    const r2 = startSource(accountFor(NOKW), { stateDir: dir }, ignore);
    await waitFor(() => r2.source.status().idle, { what: 'IDLE' });
    await r2.source.stop();
    await r2.done;
    expect([...r1.handled, ...r2.handled].map((m) => m.mail.messageId)).not.toContain(mine.messageId);
  });

  it('two devices claim one message: exactly one wins when they claim one after the other', async () => {
    const u = await newUser('imapclaim');
    await appendRaw(u, 'INBOX', [invitation({ to: u.address }).raw]);
    const a = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    const b = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    await a.waitHandled(1);
    await b.waitHandled(1);
    const ref = a.handled[0]?.ref;
    if (!ref) throw new Error('no message');
    expect(await a.source.claim(ref)).toBe(true);
    expect(await b.source.claim(ref)).toBe(false);
    expect(await a.source.claim(ref)).toBe(true);
    expect(mailboxFlags(u.user)[0]?.flags).toContain('$ITipClaimed');
  });

  it('two devices claim 20 messages at the same moment: never both lose; double wins are counted', async () => {
    const u = await newUser('imaprace');
    const a = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    const b = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    await waitFor(() => a.source.status().connected && b.source.status().connected, { what: 'both connected' });
    const { uids, uidValidity } = await appendRaw(
      u,
      'INBOX',
      Array.from({ length: 20 }, () => plainMail(u.address, 'race', 10)),
    );
    const tally = { aWon: 0, bWon: 0, both: 0, none: 0 };
    for (const uid of uids) {
      const ref = { mailbox: 'INBOX', uidValidity, uid };
      const [wa, wb] = await Promise.all([a.source.claim(ref), b.source.claim(ref)]);
      if (wa && wb) tally.both++;
      else if (wa) tally.aWon++;
      else if (wb) tally.bWon++;
      else tally.none++;
    }
    console.info(`concurrent claims, 20 races: ${JSON.stringify(tally)}`);
    expect(tally.none).toBe(0);
    expect(tally.aWon + tally.bWon + tally.both).toBe(20);
  });

  it('a group claim: what another device took first is lost, the rest of the set won, and stays ours', async () => {
    const u = await newUser('imapgroup');
    const a = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    const b = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    const { uids, uidValidity } = await appendRaw(
      u,
      'INBOX',
      Array.from({ length: 10 }, () => plainMail(u.address, 'group', 10)),
    );
    // Both have seen the new mail (a plain mail is remembered as not ours, never claimed by the scan itself).
    await waitFor(() => a.source.stats().fetches > 0 && b.source.stats().fetches > 0, { what: 'both scanned' });
    const refs = uids.map((uid) => ({ mailbox: 'INBOX', uidValidity, uid }));
    const taken = refs.slice(2, 5);
    expect(await b.source.claimAll(taken)).toEqual(taken);
    const won = await a.source.claimAll(refs);
    expect(won).toEqual([...refs.slice(0, 2), ...refs.slice(5)]);
    expect(await a.source.claimAll(refs)).toEqual(won); // claimed by this device before: still ours
    expect(await b.source.claimAll(refs)).toEqual(taken);
    expect(mailboxFlags(u.user).every((m) => m.flags.includes('$ITipClaimed'))).toBe(true);
  });

  it('one UNCHANGEDSINCE for a set: only the message changed after the FETCH fails, listed in [MODIFIED]', async () => {
    const u = await newUser('imapmodified');
    const { uids } = await appendRaw(
      u,
      'INBOX',
      Array.from({ length: 3 }, () => plainMail(u.address, 'modified', 10)),
    );
    const client = await connectOrExplain(accountFor(u));
    try {
      await client.mailboxOpen('INBOX');
      const before = await client.fetchAll(uids.join(','), { uid: true, flags: true }, { uid: true });
      const highest = before.reduce((m, x) => (typeof x.modseq === 'bigint' && x.modseq > m ? x.modseq : m), 0n);
      expect(highest).toBeGreaterThan(0n);
      const [first, middle, last] = uids as [number, number, number];
      // Another client changes the middle message after our FETCH.
      expect((await uidStore(client, { uid: middle, op: '+FLAGS', flags: ['$Other'] })).kind).toBe('ok');
      const res = await uidStore(client, { uid: uids, op: '+FLAGS', flags: ['$ITipClaimed'], unchangedSince: highest });
      expect(res.kind).toBe('modified');
      if (res.kind !== 'modified') return;
      expect([...res.uids]).toEqual([middle]);
      expect([...res.modseqs.keys()].sort((x, y) => x - y)).toEqual([first, last]);
      const flags = new Map(mailboxFlags(u.user).map((m) => [m.uid, m.flags]));
      expect(flags.get(first)).toContain('$ITipClaimed');
      expect(flags.get(middle)).not.toContain('$ITipClaimed');
      expect(flags.get(last)).toContain('$ITipClaimed');
    } finally {
      await client.logout().catch(() => client.close());
    }
  });
});
