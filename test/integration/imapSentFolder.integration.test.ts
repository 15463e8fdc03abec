/**
 * An account without a Sent folder gets one, as mail clients create it, and the Sent copy lands there: against
 * the real Dovecot, with a throwaway user whose namespace has no Sent folder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ImapSource } from '../../electron/mail/imap/imapSource.js';
import { ImapFlow } from 'imapflow';
import { ca, doveadm, mailboxTexts, mailstackAvailable, newMailUserWithoutSent, PORTS } from '../helpers/mailstack.js';
import { accountFor, FRAME, invitation } from '../electron/mail/imap/imapTestKit.js';

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe.skipIf(!mailstackAvailable())('the Sent folder on Dovecot', () => {
  it('creates a missing Sent folder (flagged \\Sent) and appends the copy there', async () => {
    const u = newMailUserWithoutSent('nosent');
    // Dovecot's passwd-file driver re-reads the file at most once a second.
    await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));
    expect(doveadm('mailbox', 'list', '-u', u.user).split('\n')).not.toContain('Sent');
    dir = await mkdtemp(path.join(os.tmpdir(), 'imip-sent-'));
    const source = new ImapSource(accountFor(u), { stateDir: dir, timeframeMs: FRAME, now: () => Date.now() });
    const mail = invitation({ to: u.address });
    await source.appendToSent(Buffer.from(mail.raw), mail.messageId);
    expect(doveadm('mailbox', 'list', '-u', u.user, '-s').split('\n')).toContain('Sent');
    expect(doveadm('mailbox', 'status', '-u', u.user, 'messages', 'Sent').trim()).toMatch(/messages=1$/);
    expect(mailboxTexts(u.user, 'Sent')[0]).toContain(mail.messageId);
    // The server reports it with the special-use flag (RFC 6154), so every client sees it as the Sent folder.
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: PORTS.imaps,
      secure: true,
      auth: { user: u.user, pass: u.pass },
      tls: { ca: ca() },
      logger: false,
    });
    await client.connect();
    try {
      const listed = (await client.list()).find((f) => f.path === 'Sent');
      expect(listed).toMatchObject({ specialUse: '\\Sent', specialUseSource: 'extension' });
    } finally {
      await client.logout();
    }
    expect(await source.sentHasMessageId(mail.messageId)).toBe(true);
  });
});
