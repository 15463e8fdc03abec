import { describe, expect, it } from 'vitest';
import { checkAccount, isLoopback, transportOptions } from '../../../../electron/mail/smtp/transportOptions.js';
import { SmtpSender } from '../../../../electron/mail/smtp/smtpSender.js';
import type { SmtpAccount } from '../../../../electron/mail/smtp/smtpTypes.js';

const account = (over: Partial<SmtpAccount> = {}): SmtpAccount => ({
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  user: 'bob',
  password: 'pw',
  ...over,
});

describe('transportOptions', () => {
  it('STARTTLS is required, never opportunistic (RFC 3207 §4), and certificates are verified', () => {
    const o = transportOptions(account(), null);
    expect(o).toMatchObject({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      auth: { user: 'bob', pass: 'pw' },
    });
    expect(o.tls).toMatchObject({ rejectUnauthorized: true, servername: 'smtp.example.com', minVersion: 'TLSv1.2' });
    expect(o.tls).not.toHaveProperty('ca');
  });

  it('implicit TLS for security "tls"; an extra CA keeps verification on; insecure only when asked', () => {
    expect(transportOptions(account({ security: 'tls', port: 465 }), null)).toMatchObject({
      secure: true,
      requireTLS: false,
    });
    expect(transportOptions(account({ ca: 'PEM' }), null).tls).toMatchObject({ ca: 'PEM', rejectUnauthorized: true });
    expect(transportOptions(account({ allowInsecureTls: true }), null).tls).toMatchObject({
      rejectUnauthorized: false,
    });
  });

  it('no SNI server name for an IP literal; XOAUTH2 with the fetched token', () => {
    expect(transportOptions(account({ host: '127.0.0.1' }), null).tls).not.toHaveProperty('servername');
    expect(transportOptions(account({ password: undefined }), 'tok').auth).toEqual({
      type: 'OAuth2',
      user: 'bob',
      accessToken: 'tok',
    });
  });

  it('no auth without a user (a local relay)', () => {
    expect(
      transportOptions(account({ user: undefined, password: undefined, security: 'none', host: 'localhost' }), null),
    ).not.toHaveProperty('auth');
  });
});

describe('checkAccount', () => {
  it('allows clear text only to loopback', () => {
    expect(checkAccount(account({ security: 'none' }))).toMatchObject({ code: 'TLS', permanent: true });
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) {
      expect(checkAccount(account({ security: 'none', host })), host).toBeNull();
    }
    expect(isLoopback('127.0.0.1.example.com')).toBe(false);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });

  it('reports a missing host, a bad port and credentials without a user', () => {
    expect(checkAccount(account({ host: ' ' }))).toMatchObject({ code: 'PROTOCOL', permanent: true });
    expect(checkAccount(account({ port: 0 }))).toMatchObject({ code: 'PROTOCOL' });
    expect(checkAccount(account({ user: undefined }))).toMatchObject({ code: 'AUTH', permanent: true });
  });
});

describe('SmtpSender without a server', () => {
  const raw = Buffer.from('From: bob@example.org\r\nTo: ann@example.com\r\nMessage-ID: <m1@example.org>\r\n\r\nhi\r\n');

  it('refuses clear text to a remote host before connecting', async () => {
    expect(await SmtpSender.testConnection(account({ security: 'none' }))).toMatchObject({ ok: false, code: 'TLS' });
    expect(await new SmtpSender(account({ security: 'none' })).send(raw)).toMatchObject({
      ok: false,
      code: 'TLS',
      permanent: true,
    });
  });

  it('a message without recipients is REJECTED, permanently, without connecting', async () => {
    const r = await new SmtpSender(account()).send(Buffer.from('From: bob@example.org\r\nSubject: x\r\n\r\nhi\r\n'));
    expect(r).toMatchObject({ ok: false, code: 'REJECTED', permanent: true });
  });

  it('a failing token provider is a temporary AUTH failure', async () => {
    const sender = new SmtpSender(
      account({ password: undefined, accessToken: () => Promise.reject(new Error('offline')) }),
    );
    expect(await sender.send(raw)).toMatchObject({
      ok: false,
      code: 'AUTH',
      permanent: false,
      message: expect.stringContaining('offline'),
    });
  });

  it('a closed sender does not open new connections', async () => {
    const sender = new SmtpSender(account());
    sender.close();
    expect(await sender.send(raw)).toMatchObject({ ok: false, code: 'PROTOCOL' });
  });
});
