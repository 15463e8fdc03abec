/**
 * SmtpSender against the loopback servers (test/servers/mailstack.sh): Dovecot submission on :11587 (STARTTLS +
 * AUTH PLAIN, relaying to Postfix) and Postfix on :12525 (no AUTH, no STARTTLS). TLS is verified against the
 * stack's own CA, as a user with a private CA would configure it.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { SmtpSender } from '../../electron/mail/smtp/index.js';
import { buildImipMail } from '../../electron/mail/buildImipMail.js';
import { readImipMail } from '../../electron/mail/readImipMail.js';
import { DOMAIN, mailstackAvailable } from '../helpers/mailstack.js';
import { inbox, postfix, readyUser, replyFrom, submission } from '../electron/mail/smtp/smtpFixtures.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe.skipIf(!mailstackAvailable())('SmtpSender against Dovecot submission and Postfix', () => {
  it('sends an iMIP REPLY with STARTTLS + AUTH; the calendar part arrives byte for byte', async () => {
    const bob = await readyUser('bob');
    const ann = await readyUser('ann');
    const msg = replyFrom(bob, ann.address, `smtp-${Date.now()}@example.test`);
    const raw = await buildImipMail(msg, { messageId: `<reply-${Date.now()}@${DOMAIN}>`, date: new Date() });
    const logs: string[] = [];
    const sender = new SmtpSender(submission(bob), { log: (l) => logs.push(l) });
    const r = await sender.send(raw);
    sender.close();
    expect(r).toMatchObject({
      ok: true,
      response: expect.stringMatching(/^250 /),
      messageId: expect.stringMatching(/^<reply-/),
    });
    expect(logs.join('\n')).not.toContain(bob.pass);

    const [received] = await inbox(ann);
    // Everything after the header block is untouched (Dovecot stores LF line endings; nothing else differs).
    const body = raw
      .subarray(raw.indexOf('\r\n\r\n') + 4)
      .toString('utf8')
      .replace(/\r\n/g, '\n');
    expect(received?.endsWith(body)).toBe(true);
    const parsed = await readImipMail(Buffer.from((received ?? '').replace(/\r?\n/g, '\r\n')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.calendarParts[0]).toMatchObject({
      contentType: 'text/calendar',
      method: 'REPLY',
      text: msg.ics,
    });
    expect(parsed.value.messageId).toBe(r.ok ? r.messageId : null);
  });

  it('testConnection: ok with the right password; AUTH, permanent, with a wrong one', async () => {
    const bob = await readyUser('bob');
    expect(await SmtpSender.testConnection(submission(bob))).toEqual({ ok: true });
    const r = await SmtpSender.testConnection(submission(bob, { password: 'wrong' }));
    expect(r).toMatchObject({
      ok: false,
      code: 'AUTH',
      permanent: true,
      responseCode: 535,
      message: expect.stringContaining('535 5.7.8'),
    });
  });

  it('a wrong password on send is AUTH, permanent (not retried blindly), with the server answer', async () => {
    const bob = await readyUser('bob');
    const raw = await buildImipMail(replyFrom(bob, `ann@${DOMAIN}`, 'u-auth'));
    const r = await new SmtpSender(submission(bob, { password: 'wrong' })).send(raw);
    expect(r).toMatchObject({
      ok: false,
      code: 'AUTH',
      permanent: true,
      message: expect.stringContaining('user name and password'),
    });
  });

  it('no login where the server requires one (530) is AUTH', async () => {
    const bob = await readyUser('bob');
    const raw = await buildImipMail(replyFrom(bob, `ann@${DOMAIN}`, 'u-530'));
    const r = await new SmtpSender(submission(bob, { user: undefined, password: undefined })).send(raw);
    expect(r).toMatchObject({ ok: false, code: 'AUTH', permanent: true, responseCode: 530 });
  });

  it('an unknown recipient on Postfix is REJECTED, permanent, 550', async () => {
    const bob = await readyUser('bob');
    // The test Postfix accepts any [a-z0-9._+-] local part (Dovecot LMTP decides later); "=" is outside its table.
    const raw = await buildImipMail(replyFrom(bob, `no=body@${DOMAIN}`, 'u-550'));
    const r = await new SmtpSender(postfix).send(raw);
    expect(r).toMatchObject({
      ok: false,
      code: 'REJECTED',
      permanent: true,
      responseCode: 550,
      response: expect.stringContaining('User unknown'),
    });
  });

  it('relaying to a foreign domain through submission is REJECTED, permanent, 554', async () => {
    const bob = await readyUser('bob');
    const raw = await buildImipMail(replyFrom(bob, 'ann@elsewhere.invalid', 'u-554'));
    const r = await new SmtpSender(submission(bob)).send(raw);
    expect(r).toMatchObject({ ok: false, code: 'REJECTED', permanent: true, responseCode: 554 });
  });

  it('a refused connection is HOST_UNREACHABLE, temporary', async () => {
    const port = await freePort();
    const r = await new SmtpSender({ host: '127.0.0.1', port, security: 'none' }).send(
      Buffer.from('From: a@example.test\r\nTo: b@example.test\r\n\r\nx\r\n'),
    );
    expect(r).toMatchObject({
      ok: false,
      code: 'HOST_UNREACHABLE',
      permanent: false,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('the server certificate without its CA is TLS, permanent; trusted only when the user explicitly allows it', async () => {
    const bob = await readyUser('bob');
    const { ca: _ca, ...noCa } = submission(bob);
    const r = await SmtpSender.testConnection(noCa);
    expect(r).toMatchObject({
      ok: false,
      code: 'TLS',
      permanent: true,
      message: expect.stringContaining('self-signed'),
    });
    expect(await SmtpSender.testConnection({ ...noCa, allowInsecureTls: true })).toEqual({ ok: true });
    // The certificate names localhost and 127.0.0.1: a host name is verified too.
    expect(await SmtpSender.testConnection(submission(bob, { host: 'localhost' }))).toEqual({ ok: true });
  });

  it('STARTTLS required but not offered (Postfix here) is TLS: no fallback to clear text', async () => {
    const r = await SmtpSender.testConnection({ ...postfix, security: 'starttls' });
    expect(r).toMatchObject({
      ok: false,
      code: 'TLS',
      permanent: true,
      message: expect.stringContaining('does not offer STARTTLS'),
    });
  });

  it('implicit TLS against a STARTTLS port is TLS', async () => {
    const bob = await readyUser('bob');
    const r = await SmtpSender.testConnection(submission(bob, { security: 'tls' }));
    expect(r).toMatchObject({ ok: false, code: 'TLS' });
  });

  it('an explicit envelope wins over the header: Bcc-like delivery to a second mailbox', async () => {
    const bob = await readyUser('bob');
    const ann = await readyUser('ann');
    const carol = await readyUser('carol');
    const raw = await buildImipMail(replyFrom(bob, ann.address, 'u-env'));
    const r = await new SmtpSender(submission(bob)).send(raw, { from: bob.address, to: [carol.address] });
    expect(r.ok).toBe(true);
    expect(await inbox(carol)).toHaveLength(1);
  });
});
