/**
 * The error shapes below were recorded from nodemailer 10 against the loopback Postfix and Dovecot submission
 * (see the module header of smtpFailures.ts); the integration tests check the same cases end to end.
 */
import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../../electron/mail/smtp/smtpFailures.js';

const at = { host: 'mail.example.test', port: 587 };
const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'x')), fields);

describe('classifySmtpError', () => {
  it.each([
    [
      'refused port',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      'HOST_UNREACHABLE',
      false,
    ],
    [
      'unknown host',
      { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN', message: 'getaddrinfo ENOTFOUND x.invalid' },
      'HOST_UNREACHABLE',
      false,
    ],
    [
      'greeting timeout',
      { code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' },
      'HOST_UNREACHABLE',
      false,
    ],
    [
      'self-signed certificate',
      {
        code: 'ESOCKET',
        originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        command: 'CONN',
        message: 'self-signed certificate',
      },
      'TLS',
      true,
    ],
    ['name mismatch', { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID', command: 'CONN' }, 'TLS', true],
    [
      'implicit TLS on a plain port',
      { code: 'ESOCKET', library: 'SSL routines', command: 'CONN', message: 'wrong version number' },
      'TLS',
      true,
    ],
    [
      'no STARTTLS offered',
      { code: 'ETLS', responseCode: 502, command: 'STARTTLS', response: '502 5.5.1 Error: command not implemented' },
      'TLS',
      true,
    ],
    [
      'TLS temporarily unavailable',
      { code: 'ETLS', responseCode: 454, command: 'STARTTLS', response: '454 4.7.0 TLS not available' },
      'TLS',
      false,
    ],
    [
      'wrong password',
      { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', response: '535 5.7.8 Authentication failed.' },
      'AUTH',
      true,
    ],
    [
      'temporary auth failure',
      {
        code: 'EAUTH',
        responseCode: 454,
        command: 'AUTH PLAIN',
        response: '454 4.7.0 Temporary authentication failure',
      },
      'AUTH',
      false,
    ],
    [
      'login required',
      { code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM', response: '530 5.7.0 Authentication required.' },
      'AUTH',
      true,
    ],
    [
      'unknown recipient',
      {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
        response: '550 5.1.1 <x@example.test>: Recipient address rejected',
      },
      'REJECTED',
      true,
    ],
    [
      'relay denied',
      { code: 'EENVELOPE', responseCode: 554, command: 'RCPT TO', response: '554 5.7.1 Relay access denied' },
      'REJECTED',
      true,
    ],
    [
      'message too big',
      { code: 'EMESSAGE', responseCode: 552, command: 'DATA', response: '552 5.3.4 Message size exceeds fixed limit' },
      'REJECTED',
      true,
    ],
    [
      'greylisted',
      { code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO', response: '450 4.2.0 Greylisted' },
      'TEMPORARY',
      false,
    ],
    [
      'service closing',
      { code: 'EMESSAGE', responseCode: 421, command: 'DATA', response: '421 4.3.2 Shutting down' },
      'TEMPORARY',
      false,
    ],
    [
      'lost after the greeting',
      { code: 'ECONNECTION', command: 'DATA', message: 'Connection closed unexpectedly' },
      'TEMPORARY',
      false,
    ],
    [
      'bad sequence',
      { code: 'EPROTOCOL', responseCode: 503, command: 'RCPT TO', response: '503 5.5.1 Error: need MAIL command' },
      'PROTOCOL',
      false,
    ],
    ['garbage reply', { code: 'EPROTOCOL', command: 'EHLO', message: 'Invalid greeting' }, 'PROTOCOL', false],
    [
      'no recipients (local)',
      { code: 'EENVELOPE', command: 'API', message: 'No recipients defined' },
      'REJECTED',
      true,
    ],
  ])('%s', (_name, fields, code, permanent) => {
    const f = classifySmtpError(err(fields), at);
    expect(f).toMatchObject({ ok: false, code, permanent });
    // A local refusal (nothing was sent to a server) names no server.
    if (fields.command !== 'API') expect(f.message).toContain('mail.example.test:587');
  });

  it('keeps the server reply and code for the record', () => {
    const f = classifySmtpError(
      err({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 unknown' }),
      at,
    );
    expect(f).toMatchObject({ responseCode: 550, response: '550 5.1.1 unknown' });
    expect(f.message).toContain('550 5.1.1 unknown');
  });

  it('never throws, whatever is thrown', () => {
    expect(classifySmtpError('boom', at)).toMatchObject({ code: 'TEMPORARY', permanent: false });
    expect(classifySmtpError(null, at)).toMatchObject({ code: 'TEMPORARY' });
  });
});
