/**
 * ImapSource.testConnection ("Test connection" in the settings) against the loopback Dovecot: every failure
 * says what failed, with a code the UI can branch on; TLS stays verified.
 */
import { describe, expect, it } from 'vitest';
import { ImapSource } from '../../electron/mail/imap/index.js';
import { ca, mailstackAvailable, PORTS } from '../helpers/mailstack.js';

const alice = { host: '127.0.0.1', user: 'alice', password: 'alice-secret' };

describe.skipIf(!mailstackAvailable())('ImapSource.testConnection', () => {
  it('succeeds over implicit TLS and over STARTTLS with the private CA trusted', async () => {
    expect(await ImapSource.testConnection({ ...alice, port: PORTS.imaps, security: 'tls', ca: ca() })).toEqual({
      ok: true,
    });
    expect(await ImapSource.testConnection({ ...alice, port: PORTS.imap, security: 'starttls', ca: ca() })).toEqual({
      ok: true,
    });
  });

  it('wrong password → AUTH', async () => {
    const res = await ImapSource.testConnection({
      ...alice,
      password: 'wrong',
      port: PORTS.imaps,
      security: 'tls',
      ca: ca(),
    });
    expect(res).toMatchObject({ ok: false, code: 'AUTH' });
  });

  it('nothing listening → HOST_UNREACHABLE', async () => {
    const res = await ImapSource.testConnection({ ...alice, port: 1, security: 'tls', ca: ca() });
    expect(res).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
  });

  it('a certificate nobody vouches for → TLS, for implicit TLS and STARTTLS alike; allowInsecureTls is an explicit opt-in', async () => {
    const tls = await ImapSource.testConnection({ ...alice, port: PORTS.imaps, security: 'tls' });
    expect(tls).toMatchObject({ ok: false, code: 'TLS' });
    expect(tls.ok ? '' : tls.message).toMatch(/certificate/i);
    expect(await ImapSource.testConnection({ ...alice, port: PORTS.imap, security: 'starttls' })).toMatchObject({
      ok: false,
      code: 'TLS',
    });
    expect(
      await ImapSource.testConnection({ ...alice, port: PORTS.imaps, security: 'tls', allowInsecureTls: true }),
    ).toEqual({ ok: true });
  });

  it('TLS spoken to the plain port → TLS; no TLS at all is refused for a host that is not loopback', async () => {
    expect(await ImapSource.testConnection({ ...alice, port: PORTS.imap, security: 'tls', ca: ca() })).toMatchObject({
      ok: false,
      code: 'TLS',
    });
    expect(
      await ImapSource.testConnection({ ...alice, host: 'mail.example.test', port: PORTS.imap, security: 'none' }),
    ).toMatchObject({ ok: false, code: 'TLS' });
    expect(await ImapSource.testConnection({ ...alice, port: PORTS.imap, security: 'none' })).toEqual({ ok: true });
  });
});
