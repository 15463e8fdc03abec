/**
 * The error codes of the IMAP source, in one table, and the mapping from what Node, OpenSSL and imapflow throw
 * to those codes. Errors cross to the caller as data: `ImapError` carries a `code` the UI can branch on and a
 * sentence a person can act on.
 */
export const IMAP_ERRORS = {
  HOST_UNREACHABLE: 'The mail server cannot be reached',
  TLS: 'The secure connection to the mail server failed',
  AUTH: 'The mail server refused the user name or password',
  PROTOCOL: 'The mail server answered in a way this program does not understand',
  NOT_CONNECTED: 'There is no connection to the mail server right now',
  UIDVALIDITY_CHANGED: 'The mailbox was rebuilt on the server; the message reference is no longer valid',
  NO_SENT_FOLDER: 'The account has no Sent folder and the server refused to create one',
  SERVER_REFUSED: 'The mail server refused the command',
} as const;

export type ImapErrorCode = keyof typeof IMAP_ERRORS;
export type ConnectErrorCode = 'HOST_UNREACHABLE' | 'TLS' | 'AUTH' | 'PROTOCOL';

export class ImapError extends Error {
  readonly code: ImapErrorCode;
  constructor(code: ImapErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${IMAP_ERRORS[code]}: ${detail}` : `${IMAP_ERRORS[code]}.`, options);
    this.name = 'ImapError';
    this.code = code;
  }
}

interface ThrownShape {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
]);

/**
 * What failed, from an error thrown by `connect()`. OpenSSL's verification codes (DEPTH_ZERO_SELF_SIGNED_CERT,
 * UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID) and protocol mismatches
 * (ERR_SSL_WRONG_VERSION_NUMBER: TLS spoken to a plain port) are TLS; imapflow marks a NO to LOGIN/AUTHENTICATE
 * with `authenticationFailed` (RFC 5530 [AUTHENTICATIONFAILED]).
 */
export function classifyConnectError(e: unknown): { code: ConnectErrorCode; message: string; detail: string } {
  const shape = (typeof e === 'object' && e !== null ? e : {}) as ThrownShape;
  const code = typeof shape.code === 'string' ? shape.code : '';
  const text = typeof shape.message === 'string' ? shape.message : String(e);
  const detail = [code, typeof shape.responseText === 'string' ? shape.responseText : text].filter(Boolean).join(' ');
  const result = (c: ConnectErrorCode): { code: ConnectErrorCode; message: string; detail: string } => ({
    code: c,
    message: `${IMAP_ERRORS[c]}: ${detail}`,
    detail,
  });
  if (shape.authenticationFailed === true || shape.serverResponseCode === 'AUTHENTICATIONFAILED') return result('AUTH');
  if (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|STARTTLS/i.test(code) ||
    /certificate|STARTTLS|TLS/i.test(text)
  )
    return result('TLS');
  if (NETWORK_CODES.has(code)) return result('HOST_UNREACHABLE');
  return result('PROTOCOL');
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const extra = (e as ThrownShape).responseText;
    return typeof extra === 'string' && extra !== '' && !e.message.includes(extra)
      ? `${e.message} (${extra})`
      : e.message;
  }
  return String(e);
}

/** What crosses to the caller: an ImapError with a code (NOT_CONNECTED when the connection went away meanwhile). */
export function toImapError(e: unknown, connectionGone: boolean): ImapError {
  if (e instanceof ImapError) return e;
  const gone = connectionGone || classifyConnectError(e).code === 'HOST_UNREACHABLE';
  return new ImapError(gone ? 'NOT_CONNECTED' : 'SERVER_REFUSED', errorText(e), { cause: e });
}

/** RFC 3501 §2.3.1.1: a UID means nothing under another UIDVALIDITY. */
export function checkUidValidity(known: string | null, ref: { mailbox: string; uidValidity: string }): void {
  if (known !== null && known !== ref.uidValidity) {
    throw new ImapError(
      'UIDVALIDITY_CHANGED',
      `${ref.mailbox} has UIDVALIDITY ${known}, the reference ${ref.uidValidity}`,
    );
  }
}
