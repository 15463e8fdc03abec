/**
 * The loopback servers themselves: a message delivered over SMTP lands in a fresh user's INBOX, over verified TLS.
 */
import { describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { ca, deliver, mailboxFlags, mailstackAvailable, PORTS, readyMailUser, waitFor } from '../helpers/mailstack.js';

describe.skipIf(!mailstackAvailable())('loopback mail servers', () => {
  it('deliver over SMTP, read over IMAPS with the test CA trusted', async () => {
    // Dovecot re-reads its passwd-file at most once a second: a user delivered to at once can be refused.
    const bob = await readyMailUser('bob');
    await deliver('From: a@example.test\r\nTo: x\r\nSubject: hello\r\n\r\nhi\r\n', 'a@example.test', bob.address);
    await waitFor(
      () => {
        try {
          return mailboxFlags(bob.user).length === 1;
        } catch {
          return false;
        }
      },
      { what: 'delivery' },
    );
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: PORTS.imaps,
      secure: true,
      auth: { user: bob.user, pass: bob.pass },
      tls: { ca: ca() },
      logger: false,
    });
    await client.connect();
    const status = await client.status('INBOX', { messages: true });
    expect(status && status.messages).toBe(1);
    await client.logout();
  });
});
