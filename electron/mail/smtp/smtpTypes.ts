/**
 * The plain data of sending: the account settings the user enters, the envelope, and what a send returns.
 * Nothing here touches a socket; errors are values with a code (shared/util/result.ts), so the agent, the IPC
 * layer and the queue can branch on them and show the `message` as is.
 */

export interface SmtpAccount {
  readonly host: string;
  readonly port: number;
  /**
   * 'tls': implicit TLS from the first byte (port 465, RFC 8314 §3.3). 'starttls': plain connect, then STARTTLS
   * is required, never skipped when the server does not offer it (RFC 3207 §4, downgrade protection; port 587,
   * RFC 6409). 'none': clear text, accepted only for a loopback host (a local relay or test server).
   */
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user?: string;
  readonly password?: string;
  /** XOAUTH2: asked for a fresh bearer token before every connection (the agent refreshes it). Needs `user`. */
  readonly accessToken?: () => Promise<string>;
  /** Extra trusted CA (PEM), for a server with a private CA. Verification stays on. */
  readonly ca?: string | Buffer;
  /** Turns certificate verification off. Only when the user said so explicitly; never a default. */
  readonly allowInsecureTls?: boolean;
}

/** RFC 5321 §3.3: MAIL FROM (reverse-path) and RCPT TO (forward-paths), independent of the headers. */
export interface SmtpEnvelope {
  readonly from: string;
  readonly to: readonly string[];
}

/**
 * - HOST_UNREACHABLE: no SMTP conversation (DNS, refused, timed out before the greeting). Temporary.
 * - TLS: the certificate was not trusted, or the server does not offer STARTTLS. Retrying will not help.
 * - AUTH: the server refused the login (RFC 4954 §6: 535, 534, 538) or requires one (530). Not retried blindly.
 * - REJECTED: the server refused this message (5yz to MAIL FROM, RCPT TO or DATA), or it has no envelope.
 * - TEMPORARY: a 4yz reply (RFC 5321 §4.2.1) or a connection lost mid-conversation.
 * - PROTOCOL: a reply the client cannot make sense of, or settings that cannot work.
 */
export type SmtpFailureCode = 'HOST_UNREACHABLE' | 'TLS' | 'AUTH' | 'REJECTED' | 'TEMPORARY' | 'PROTOCOL';

export interface SmtpSent {
  readonly ok: true;
  /** The server's final reply to the message, e.g. `250 2.0.0 Ok: queued as 4B61220E573`. */
  readonly response: string;
  readonly messageId: string | null;
  /** Recipients refused while others were accepted (RFC 5321 §3.3: the message still went to the rest). */
  readonly rejected?: readonly string[];
}

export interface SmtpFailure {
  readonly ok: false;
  readonly code: SmtpFailureCode;
  /** True when sending the same message the same way again cannot succeed without someone changing something. */
  readonly permanent: boolean;
  /** One sentence a person can act on, with the server's reply when there was one. */
  readonly message: string;
  /** The server's reply code (535, 550, 451, …) when the failure came from one. */
  readonly responseCode?: number | null;
  /** The server's reply line as received, when there was one. */
  readonly response?: string | null;
}

export type SmtpSendResult = SmtpSent | SmtpFailure;

export type SmtpTestResult = { readonly ok: true } | SmtpFailure;
