/**
 * Turns an SmtpAccount into nodemailer transport options, and refuses settings that would leak a password or
 * a meeting in clear text. Owns the TLS policy: verified certificates by default (an extra `ca` for a private
 * CA), no silent STARTTLS downgrade, clear text only to a loopback address.
 */
import net from 'node:net';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { SmtpAccount, SmtpFailure } from './smtpTypes.js';
import { failure } from './smtpFailures.js';

/** Generous but bounded: a hung server must not hold the message lock for long (see electron/fsio/lockFile.ts). */
export const TIMEOUTS = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 120_000 } as const;

/** Checks the settings without connecting; null when they can work. */
export function checkAccount(account: SmtpAccount): SmtpFailure | null {
  const host = account.host?.trim() ?? '';
  if (host === '') return failure('PROTOCOL', true, 'No SMTP server is configured.');
  if (!Number.isInteger(account.port) || account.port < 1 || account.port > 65535) {
    return failure('PROTOCOL', true, `The SMTP port ${String(account.port)} is not a port number.`);
  }
  if (account.security === 'none' && !isLoopback(host)) {
    return failure(
      'TLS',
      true,
      `Refusing to send to ${host} without TLS: unencrypted SMTP is only allowed to this computer (127.0.0.1, ::1, localhost). Choose STARTTLS or TLS.`,
    );
  }
  if ((account.password !== undefined || account.accessToken) && !account.user) {
    return failure('AUTH', true, 'A password or access token is configured without a user name.');
  }
  return null;
}

/**
 * `accessToken` is the token already fetched for this connection (XOAUTH2, RFC 7628-style bearer over SASL);
 * fetching it is the sender's job so a failure to get one is reported as AUTH, not as a crash inside nodemailer.
 */
export function transportOptions(account: SmtpAccount, accessToken: string | null): SMTPTransportOptions {
  const host = account.host.trim();
  const options: SMTPTransportOptions = {
    host,
    port: account.port,
    // RFC 8314 §3.3: implicit TLS; the rest start in clear text (RFC 5321) and upgrade (RFC 3207).
    secure: account.security === 'tls',
    // RFC 3207 §4: a client that requires TLS must not continue when STARTTLS is missing or fails; nodemailer's
    // default (opportunistic) would send the password in clear text after a stripped EHLO.
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    connectionTimeout: TIMEOUTS.connectionMs,
    greetingTimeout: TIMEOUTS.greetingMs,
    socketTimeout: TIMEOUTS.socketMs,
    logger: false,
    debug: false,
    tls: {
      rejectUnauthorized: account.allowInsecureTls !== true,
      minVersion: 'TLSv1.2',
      ...(account.ca !== undefined ? { ca: account.ca } : {}),
      // SNI and the certificate name check use the host name; an IP literal has no SNI (RFC 6066 §3).
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
    },
  };
  if (accessToken !== null && account.user) {
    options.auth = { type: 'OAuth2', user: account.user, accessToken };
  } else if (account.user) {
    // RFC 4954: nodemailer picks PLAIN or LOGIN from the EHLO AUTH line; both only ever run inside TLS here
    // (or to loopback), which RFC 4954 §4 requires for PLAIN.
    options.auth = { user: account.user, pass: account.password ?? '' };
  }
  return options;
}

export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}
