/**
 * ImapSource against the loopback Dovecot: what is handed over (and what is not even downloaded), IDLE latency,
 * keywords and resume without SEARCH/FETCH, a new UIDVALIDITY, reconnect after a kick, the Sent folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImipMail } from '../../electron/mail/readImipMail.js';
import { deliver, doveadm, mailboxFlags, mailstackAvailable, waitFor } from '../helpers/mailstack.js';
import {
  accountFor,
  appendRaw,
  DAY,
  invitation,
  messageCount,
  newUser,
  plainMail,
  cleanedAfterEach,
  startSource,
  type Running,
} from '../electron/mail/imap/imapTestKit.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/eml');
const { started, freshState } = cleanedAfterEach();

async function delivered(user: string, n: number): Promise<void> {
  await waitFor(() => messageCount(user) >= n, { what: `${n} messages delivered to ${user}` });
}

async function idle(r: Running): Promise<void> {
  await waitFor(() => r.source.status().idle, { what: 'IDLE', intervalMs: 10 });
}

describe.skipIf(!mailstackAvailable())('ImapSource on Dovecot', () => {
  it('hands over invitations with the IncomingMail the engine needs, never downloads plain mail or old mail', async () => {
    const u = await newUser('imapscan');
    const auth = 'mx.example.test; spf=pass smtp.mailfrom=example.test; dkim=pass header.d=example.test; dmarc=pass';
    const inv = invitation({ to: u.address, authResults: auth });
    await deliver(inv.raw, 'organizer@example.test', u.address);
    await deliver(plainMail(u.address, 'Big plain mail', 300_000), 'friend@example.test', u.address);
    await delivered(u.user, 2);
    const latin1 = await readFile(path.join(FIXTURES, 'edge/latin1-ics-no-charset.eml'));
    await appendRaw(u, 'INBOX', [latin1]);
    const old = invitation({ to: u.address, summary: 'Long ago' });
    await appendRaw(u, 'INBOX', [old.raw], new Date(Date.now() - 60 * DAY));

    const r = await started(accountFor(u), { stateDir: await freshState() });
    await r.waitHandled(2);
    await idle(r);
    expect(r.handled.map((m) => m.mail.messageId)).toEqual(
      [inv.messageId.slice(1, -1), '4F2A.0001.juergen.mueller@groupware.example.com'].map((id) => `<${id}>`),
    );

    const [first, second] = r.handled;
    expect(first?.fromSent).toBe(false);
    expect(first?.mail.from).toEqual({ address: 'organizer@example.test', name: 'Organizer' });
    expect(first?.mail.authenticationResults[0]).toBe(auth);
    expect(first?.mail.calendarParts).toEqual([
      {
        contentType: 'text/calendar',
        method: 'REQUEST',
        filename: null,
        charset: 'utf-8',
        isAttachment: false,
        text: inv.ics,
      },
    ]);
    expect(Math.abs((first?.internalDate ?? 0) - Date.now())).toBeLessThan(60_000);
    // The Latin-1 attachment decodes exactly as the .eml reader decodes it (windows-1252 fallback, "Müller").
    const expected = await readImipMail(latin1);
    expect(expected.ok && second?.mail).toEqual(expected.ok ? { ...expected.value, textBody: null } : null);
    expect(second?.mail.calendarParts[0]?.text).toContain('Müller');

    const stats = r.source.stats();
    expect(stats.downloadedParts).toBe(2);
    expect(stats.searches).toBe(1);
    // The 300 kB plain mail's body never crossed the wire: everything received is far smaller.
    expect(stats.fetchedBytes).toBeLessThan(30_000);
  });

  it("fetches an invitation's HTML body with its calendar part and decodes it as the .eml reader does", async () => {
    const u = await newUser('imaphtml');
    const google = await readFile(path.join(FIXTURES, 'google/request.eml'));
    await appendRaw(u, 'INBOX', [google]);
    const r = await started(accountFor(u), { stateDir: await freshState() });
    await r.waitHandled(1);
    const expected = await readImipMail(google);
    if (!expected.ok) throw new Error(expected.error.message);
    expect(expected.value.htmlBody).toContain('Join with Google Meet');
    expect(r.handled[0]?.mail.htmlBody).toBe(expected.value.htmlBody);
  });

  it('IDLE: a message delivered while running is handed over at once, not at the next poll', async () => {
    const u = await newUser('imapidle');
    // The safety poll is ten minutes away: only the server's EXISTS can bring the message within the wait below.
    const r = await started(accountFor(u), { stateDir: await freshState(), pollSeconds: 600 });
    await idle(r);
    const inv = invitation({ to: u.address });
    const t0 = Date.now();
    await deliver(inv.raw, 'organizer@example.test', u.address);
    await r.waitHandled(1, 5_000);
    const ms = Date.now() - t0;
    console.info(`IDLE: SMTP delivery accepted → handed over in ${ms} ms`);
    expect(r.handled[0]?.mail.messageId).toBe(inv.messageId);
  });

  it('mark stores exactly one of our keywords; a restart with nothing new sends no SEARCH and no FETCH', async () => {
    const u = await newUser('imapmark');
    const a = invitation({ to: u.address });
    const b = invitation({ to: u.address });
    await appendRaw(u, 'INBOX', [a.raw, b.raw, plainMail(u.address)]);
    const dir = await freshState();
    const r1 = startSource(accountFor(u), { stateDir: dir }, async (m, s) => {
      await s.claim(m.ref);
      await s.mark(m.ref, m.mail.messageId === a.messageId ? 'processed' : 'analyzed');
    });
    await r1.waitHandled(2);
    await idle(r1);
    const second = r1.handled[1]?.ref;
    if (!second) throw new Error('no second message');
    await r1.source.mark(second, 'ignore'); // a person decided later: replaces $ITipAnalyzed
    await r1.source.stop();
    await r1.done;
    const flags = mailboxFlags(u.user).map((f) => f.flags.filter((x) => x.startsWith('$ITip')).sort());
    expect(flags).toEqual([['$ITipClaimed', '$ITipProcessed'], ['$ITipClaimed', '$ITipIgnore'], []]);

    const r2 = await started(accountFor(u), { stateDir: dir });
    await idle(r2);
    expect(r2.handled).toEqual([]);
    expect(r2.source.stats()).toMatchObject({ searches: 0, fetches: 0, downloadedParts: 0 });

    // Another device (no local state) finds nothing to hand over either: the keywords are on the server.
    const r3 = await started(accountFor(u), { stateDir: await freshState(), watchSent: false });
    await idle(r3);
    expect(r3.handled).toEqual([]);
    expect(r3.source.stats()).toMatchObject({ searches: 1, downloadedParts: 0 });
  });

  it('a new UIDVALIDITY drops the saved state and rescans', async () => {
    const u = await newUser('imapuidv');
    const inv = invitation({ to: u.address });
    await appendRaw(u, 'INBOX', [inv.raw]);
    const dir = await freshState();
    const r1 = startSource(accountFor(u), { stateDir: dir, watchSent: false });
    await r1.waitHandled(1);
    await idle(r1);
    await r1.source.stop();
    await r1.done;
    const before = JSON.parse(await readFile(path.join(dir, 'mailbox-INBOX.json'), 'utf8')) as {
      uidValidity: string;
      unfinished: string;
    };
    expect(before.unfinished).toBe(String(r1.handled[0]?.ref.uid));

    const next = String(Number(before.uidValidity) + 7);
    doveadm('mailbox', 'update', '-u', u.user, '--uid-validity', next, 'INBOX');
    const r2 = await started(accountFor(u), { stateDir: dir, watchSent: false });
    await r2.waitHandled(1);
    await idle(r2);
    expect(r2.handled[0]?.ref.uidValidity).toBe(next);
    expect(r2.source.stats().searches).toBe(1);
    const after = JSON.parse(await readFile(path.join(dir, 'mailbox-INBOX.json'), 'utf8')) as { uidValidity: string };
    expect(after.uidValidity).toBe(next);
  });

  it('reconnects after the server drops the connection, catches up, and stores a mark made while offline', async () => {
    const u = await newUser('imapkick');
    await appendRaw(u, 'INBOX', [invitation({ to: u.address }).raw]);
    const dir = await freshState();
    const r = await started(accountFor(u), { stateDir: dir });
    await r.waitHandled(1);
    await idle(r);
    doveadm('kick', u.user);
    await waitFor(() => !r.source.status().connected, { what: 'disconnect', intervalMs: 10 });
    const first = r.handled[0]?.ref;
    if (!first) throw new Error('no message');
    await r.source.mark(first, 'analyzed'); // offline: recorded locally, stored once the server is back
    const late = invitation({ to: u.address });
    await appendRaw(u, 'INBOX', [late.raw]);
    await r.waitHandled(2, 8_000);
    expect(r.handled[1]?.mail.messageId).toBe(late.messageId);
    expect(r.source.stats().connects).toBe(2);
    await idle(r);
    expect(r.source.status()).toEqual({ connected: true, lastError: null, lastErrorCode: null, idle: true });
    expect(mailboxFlags(u.user)[0]?.flags).toContain('$ITipAnalyzed');
    await r.source.stop();
    const saved = JSON.parse(await readFile(path.join(dir, 'mailbox-INBOX.json'), 'utf8')) as { local: object };
    expect(saved.local).toEqual({});
  });

  it('stop() lets the handler finish the message in hand, then logs out', async () => {
    const u = await newUser('imapstop');
    await appendRaw(
      u,
      'INBOX',
      [1, 2, 3].map(() => invitation({ to: u.address }).raw),
    );
    let finished = 0;
    const r = startSource(accountFor(u), { stateDir: await freshState() }, async () => {
      await new Promise((res) => setTimeout(res, 300));
      finished++;
    });
    await r.waitHandled(1);
    await r.source.stop();
    await r.done;
    expect([r.handled.length, finished]).toEqual([1, 1]);
    expect(r.source.status()).toMatchObject({ connected: false, idle: false });
  });

  it('Sent: appendToSent files our copy \\Seen and $ITipProcessed, never handed over; mail another client filed there is; Junk and Trash are never read', async () => {
    const u = await newUser('imapsent');
    const junk = invitation({ to: u.address, summary: 'spam' });
    const trash = invitation({ to: u.address, summary: 'deleted' });
    await appendRaw(u, 'Junk', [junk.raw]);
    await appendRaw(u, 'Trash', [trash.raw]);
    const stateDir = await freshState();
    const r = await started(accountFor(u), { stateDir });
    await idle(r);
    const mine = invitation({ to: 'someone@example.test', from: u.address });
    expect(await r.source.sentHasMessageId(mine.messageId)).toBe(false);
    await r.source.appendToSent(Buffer.from(mine.raw), mine.messageId);
    expect(await r.source.sentHasMessageId(mine.messageId)).toBe(true);
    expect(mailboxFlags(u.user, 'Sent')[0]?.flags).toEqual(expect.arrayContaining(['\\Seen', '$ITipProcessed']));
    await r.source.stop();
    await r.done;
    // Another mail client's invitation in Sent is news (the organizer's copy); ours is not even downloaded.
    const theirs = invitation({ to: 'someone@example.test', from: u.address, summary: 'sent from the phone' });
    await appendRaw(u, 'Sent', [theirs.raw]);
    const again = await started(accountFor(u), { stateDir });
    await again.waitHandled(1);
    await idle(again);
    expect(again.handled.map((m) => [m.mail.messageId, m.fromSent, m.ref.mailbox])).toEqual([
      [theirs.messageId, true, 'Sent'],
    ]);
    expect(again.source.stats().downloadedParts).toBe(1);
  });
});
