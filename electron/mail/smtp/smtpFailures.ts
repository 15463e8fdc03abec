/**
 * Turns whatever nodemailer rejects with into an SmtpFailure: one code, permanent or not, and a sentence.
 * Owns the mapping table; the shapes it reads were recorded against Postfix and Dovecot submission
 * (test/integration/smtpSender.integration.test.ts):
 *
 *   refused port          ESOCKET  command CONN  originalCode ECONNREFUSED
 *   unknown host          EDNS     command CONN  originalCode ENOTFOUND
 *   untrusted certificate ESOCKET  command CONN  originalCode DEPTH_ZERO_SELF_SIGNED_CERT
 *   no STARTTLS offered   ETLS     502 to STARTTLS
 *   wrong password        EAUTH    535 5.7.8 to AUTH PLAIN
 *   no login given        EENVELOPE 530 5.7.0 to MAIL FROM
 *   unknown recipient     EENVELOPE 550 5.1.1 to RCPT TO
 *   relaying refused      EENVELOPE 554 5.7.1 to RCPT TO
 */
import type { SmtpFailure, SmtpFailureCode } from './smtpTypes.js';

/** What nodemailer puts on its errors (nodemailer/lib/errors): all optional, read defensively. */
interface NodemailerErrorShape {
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
  readonly command?: unknown;
  readonly message?: unknown;
  readonly library?: unknown;
}

/** Node's TLS verification codes (tls.TLSSocket authorizationError) and OpenSSL handshake failures. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'INVALID_CA',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
]);

/** The socket never reached an SMTP greeting: the host is down, unknown or filtered. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRNOTAVAIL',
  'EPIPE',
  'EDNS',
]);

export function failure(
  code: SmtpFailureCode,
  permanent: boolean,
  message: string,
  responseCode: number | null = null,
  response: string | null = null,
): SmtpFailure {
  return { ok: false, code, permanent, message, responseCode, response };
}

/** Never throws: anything unrecognised becomes TEMPORARY, so a message is retried rather than dropped. */
export function classifySmtpError(e: unknown, where: { host: string; port: number }): SmtpFailure {
  const err: NodemailerErrorShape =
    typeof e === 'object' && e !== null ? (e as NodemailerErrorShape) : { message: String(e) };
  const code = str(err.code);
  const original = str(err.originalCode);
  const command = str(err.command).toUpperCase();
  const rc = typeof err.responseCode === 'number' ? err.responseCode : null;
  const reply = str(err.response) || str(err.message);
  const server = `${where.host}:${where.port}`;
  const f = classify(err, code, original, command, rc, reply, server);
  const response = str(err.response);
  return response && !f.response ? { ...f, response } : f;
}

function classify(
  err: NodemailerErrorShape,
  code: string,
  original: string,
  command: string,
  rc: number | null,
  reply: string,
  server: string,
): SmtpFailure {
  if (isTlsFailure(code, original, err)) {
    if (rc !== null && rc >= 400 && rc < 500) {
      // RFC 3207 §4: 454 "TLS not available due to temporary reason".
      return failure('TLS', false, `The server ${server} cannot start TLS right now (${reply}).`, rc);
    }
    if (command === 'STARTTLS') {
      return failure(
        'TLS',
        true,
        `The server ${server} does not offer STARTTLS (${reply}); the message is not sent in clear text. Use implicit TLS (usually port 465) or another port.`,
        rc,
      );
    }
    return failure(
      'TLS',
      true,
      `The TLS connection to ${server} was not trusted: ${str(err.message) || original}. Check the host name and port, or add the server's CA certificate.`,
      rc,
    );
  }
  if (
    code === 'EAUTH' ||
    code === 'ENOAUTH' ||
    code === 'EOAUTH2' ||
    rc === 530 ||
    (rc !== null && command.startsWith('AUTH'))
  ) {
    // RFC 4954 §6: 454 is a temporary authentication failure; 535/534/538/530 need the user to change something,
    // and repeating a wrong password gets accounts locked, so those are permanent.
    const temporary = rc !== null && rc >= 400 && rc < 500;
    const what = rc === 530 ? 'requires a login, but none is configured' : 'did not accept the login';
    return failure(
      'AUTH',
      !temporary,
      `The server ${server} ${what} (${reply}). Check the user name and password in the account settings.`,
      rc,
    );
  }
  if (rc !== null) return classifyReply(rc, command, reply, server);
  if (code === 'EENVELOPE') return failure('REJECTED', true, `The message cannot be sent: ${reply}.`);
  if (command === 'CONN' || code === 'EDNS' || UNREACHABLE_CODES.has(original) || UNREACHABLE_CODES.has(code)) {
    // Before the greeting nothing was sent; after it, a dropped connection is an interrupted conversation.
    if (command === 'CONN' || command === '' || code === 'EDNS') {
      return failure(
        'HOST_UNREACHABLE',
        false,
        `Cannot reach the mail server ${server}: ${str(err.message) || original || code}.`,
      );
    }
    return failure(
      'TEMPORARY',
      false,
      `The connection to ${server} was lost during ${command}: ${str(err.message) || code}.`,
    );
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT') {
    return failure('TEMPORARY', false, `The connection to ${server} was lost: ${str(err.message) || code}.`);
  }
  if (code === 'ECONFIG') return failure('PROTOCOL', true, `The SMTP settings cannot work: ${reply}.`);
  if (code === 'EPROTOCOL')
    return failure('PROTOCOL', false, `The server ${server} answered something unexpected: ${reply}.`);
  return failure('TEMPORARY', false, `Sending through ${server} failed: ${reply || 'unknown error'}.`);
}

/** RFC 5321 §4.2.1: the first digit decides; 4yz is transient, 5yz permanent. */
function classifyReply(rc: number, command: string, reply: string, server: string): SmtpFailure {
  if (rc === 421) {
    // RFC 5321 §3.8: the server is shutting the channel; nothing was wrong with the message.
    return failure(
      'TEMPORARY',
      false,
      `The server ${server} closed the connection (${reply}); it will be tried again.`,
      rc,
    );
  }
  if (rc >= 400 && rc < 500) {
    return failure(
      'TEMPORARY',
      false,
      `The server ${server} deferred the message (${reply}); it will be tried again.`,
      rc,
    );
  }
  if (rc === 503) {
    // Bad sequence of commands: the session was in the wrong state, not the message at fault.
    return failure('PROTOCOL', false, `The server ${server} refused a command out of sequence (${reply}).`, rc);
  }
  if (rc >= 500 && rc < 600) {
    const step =
      command === 'MAIL FROM' ? 'the sender address' : command === 'RCPT TO' ? 'the recipient' : 'the message';
    return failure('REJECTED', true, `The server ${server} refused ${step} (${reply}).`, rc);
  }
  return failure(
    'PROTOCOL',
    false,
    `The server ${server} answered ${command || 'a command'} unexpectedly (${reply}).`,
    rc,
  );
}

function isTlsFailure(code: string, original: string, err: NodemailerErrorShape): boolean {
  if (code === 'ETLS' || CERTIFICATE_CODES.has(original) || CERTIFICATE_CODES.has(code)) return true;
  // OpenSSL errors (e.g. implicit TLS against a plain-text port) carry `library: 'SSL routines'`.
  return typeof err.library === 'string' && /SSL/i.test(err.library);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}
