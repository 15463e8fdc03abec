import { describe, expect, it } from 'vitest';
import { imapFlowOptions } from '../../../../electron/mail/imap/clientOptions.js';
import { classifyConnectError, ImapError } from '../../../../electron/mail/imap/imapErrors.js';
import { readFetchItems, responseCode } from '../../../../electron/mail/imap/rawCommands.js';
import { decodeQuotedPrintable, decodeTransfer } from '../../../../electron/mail/imap/transferDecoding.js';
import { Backoff, Signal } from '../../../../electron/mail/imap/backoff.js';

describe('TLS policy (imapFlowOptions)', () => {
  const base = { host: 'imap.example.com', port: 993, user: 'u', password: 'p' };

  it('verifies certificates by default and adds a private CA without turning verification off', async () => {
    const o = await imapFlowOptions({ ...base, security: 'tls', ca: 'PEM' });
    expect(o).toMatchObject({
      secure: true,
      tls: { rejectUnauthorized: true, ca: 'PEM' },
      auth: { user: 'u', pass: 'p' },
    });
  });

  it('accepts any certificate only when the caller says allowInsecureTls', async () => {
    expect((await imapFlowOptions({ ...base, security: 'tls', allowInsecureTls: true })).tls).toEqual({
      rejectUnauthorized: false,
    });
  });

  it('starttls requires the upgrade; none is for loopback only', async () => {
    expect(await imapFlowOptions({ ...base, port: 143, security: 'starttls' })).toMatchObject({
      secure: false,
      doSTARTTLS: true,
    });
    await expect(imapFlowOptions({ ...base, port: 143, security: 'none' })).rejects.toMatchObject({ code: 'TLS' });
    expect(await imapFlowOptions({ ...base, host: '127.0.0.1', port: 143, security: 'none' })).toMatchObject({
      secure: false,
      doSTARTTLS: false,
    });
  });

  it('OAuth: a fresh token per connection, used instead of the password (XOAUTH2)', async () => {
    let n = 0;
    const o = await imapFlowOptions({ ...base, security: 'tls', accessToken: async () => `tok${++n}` });
    expect(o.auth).toEqual({ user: 'u', accessToken: 'tok1' });
    expect((await imapFlowOptions({ ...base, security: 'tls', accessToken: async () => `tok${++n}` })).auth).toEqual({
      user: 'u',
      accessToken: 'tok2',
    });
  });
});

describe('classifyConnectError', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'HOST_UNREACHABLE'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND imap.example.invalid' }, 'HOST_UNREACHABLE'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'TLS'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, 'TLS'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }, 'TLS'],
    [{ message: 'Command failed', authenticationFailed: true, responseText: 'Authentication failed.' }, 'AUTH'],
    [{ message: 'Unexpected greeting' }, 'PROTOCOL'],
  ])('%j → %s', (thrown, code) => {
    const got = classifyConnectError(thrown);
    expect(got.code).toBe(code);
    expect(got.message.length).toBeGreaterThan(20);
  });

  it('ImapError carries its code and a sentence', () => {
    const e = new ImapError('NO_SENT_FOLDER');
    expect(e.code).toBe('NO_SENT_FOLDER');
    expect(e.message).toMatch(/Sent folder/);
  });
});

describe('reading raw answers (rawCommands)', () => {
  it('finds [MODIFIED] in a tagged OK as imapflow parses it (RFC 7162 §3.1.3)', () => {
    const modified = {
      command: 'OK',
      attributes: [
        {
          type: 'ATOM',
          value: '',
          section: [
            { type: 'ATOM', value: 'MODIFIED' },
            { type: 'ATOM', value: '1' },
          ],
        },
        { type: 'TEXT', value: 'Conditional store failed' },
      ],
    };
    expect(responseCode(modified)).toBe('MODIFIED');
    expect(responseCode({ command: 'OK', attributes: [{ type: 'TEXT', value: 'Store completed' }] })).toBeNull();
  });

  it('reads UID and MODSEQ from an untagged FETCH (RFC 7162 §3.1.4.1)', () => {
    const list = [
      { type: 'ATOM', value: 'UID' },
      { type: 'ATOM', value: '12' },
      { type: 'ATOM', value: 'MODSEQ' },
      [{ type: 'ATOM', value: '90071992547409931' }],
      { type: 'ATOM', value: 'FLAGS' },
      [],
    ];
    expect(readFetchItems(list)).toEqual({ uid: 12, modseq: 90071992547409931n });
    expect(readFetchItems(undefined)).toEqual({ uid: null, modseq: null });
  });
});

describe('transfer decoding without BINARY (RFC 2045 §6)', () => {
  it('quoted-printable: =XX, soft breaks, trailing blanks', () => {
    expect(
      decodeQuotedPrintable(Buffer.from('SUMMARY:M=FCller =\r\nTreffen  \r\nA=3DB=\nC', 'latin1')).toString('latin1'),
    ).toBe('SUMMARY:Müller Treffen\r\nA=BC');
    expect(decodeQuotedPrintable(Buffer.from('a = b')).toString()).toBe('a = b');
  });

  it('base64 across lines; 7bit/8bit unchanged', () => {
    expect(decodeTransfer(Buffer.from('QkVHSU46\r\nVkNBTEVOREFS\r\n'), 'base64').toString()).toBe('BEGIN:VCALENDAR');
    expect(decodeTransfer(Buffer.from('x\r\n'), '8bit').toString()).toBe('x\r\n');
  });
});

describe('reconnect timing', () => {
  it('1 s doubling to 60 s, reset after a good connection', () => {
    const b = new Backoff();
    expect(Array.from({ length: 8 }, () => b.take())).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    b.reset();
    expect(b.take()).toBe(1000);
  });

  it('a wait ends at notify() without leaving its timer behind', async () => {
    const s = new Signal();
    // Were notify() lost, the 60 s wait would outlast the test's timeout.
    const waiting = s.wait(60_000);
    s.notify();
    await waiting;
    await s.wait(5);
  });
});
