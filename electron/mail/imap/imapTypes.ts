/**
 * The plain-data contract of the IMAP mail source: the account, the options, what is handed to the agent and
 * the keywords we store. Owns no behaviour; everything that crosses from electron/mail/imap to its caller is
 * declared here (BigInt values from imapflow are converted to strings before they get this far).
 */
import type { IncomingMail } from '../../../shared/model/mail.js';

export interface ImapAccount {
  host: string;
  port: number;
  /** 'tls' = implicit TLS (993), 'starttls' = upgrade required, 'none' only for loopback tests */
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password?: string;
  /** OAuth providers: returns a fresh access token; used with XOAUTH2 instead of the password. */
  accessToken?: () => Promise<string>;
  /** A private CA (PEM) to trust in addition to the system store; verification stays on. */
  ca?: string | Buffer;
  /** Only when the caller explicitly opts in: accept any certificate. */
  allowInsecureTls?: boolean;
}

export type MessageState = 'processed' | 'analyzed' | 'ignore';

/** A message as IMAP names it (RFC 3501 §2.3.1.1: a UID is only meaningful together with its UIDVALIDITY). */
export interface MessageRef {
  mailbox: string;
  /** UIDVALIDITY as a decimal string (imapflow hands out a BigInt). */
  uidValidity: string;
  uid: number;
}

export interface FetchedMessage {
  ref: MessageRef;
  /** IMAP INTERNALDATE in epoch milliseconds. */
  internalDate: number;
  mail: IncomingMail;
  /** true when found in the Sent folder (my own outgoing mail) */
  fromSent: boolean;
}

export interface ImapSourceOptions {
  /** where to persist per-mailbox sync state and the local keyword record */
  stateDir: string;
  timeframeMs: number;
  now: () => number;
  /** used when the server has no IDLE (and as a safety poll); default 60 */
  pollSeconds?: number;
  /** messages per FETCH; default 50 */
  batchSize?: number;
  /** default true */
  watchSent?: boolean;
  log?: (line: string) => void;
}

/** Counters for tests, the benchmark and diagnostics; they only grow during the life of one ImapSource. */
export interface ImapStats {
  /** UID SEARCH commands sent. */
  searches: number;
  /** UID FETCH commands sent by the scanner (metadata and calendar parts). */
  fetches: number;
  /** Bytes received from the server over every connection (greeting, LOGIN, SELECT and all). */
  fetchedBytes: number;
  /** Calendar body parts downloaded. */
  downloadedParts: number;
  /** Decoded bytes of those calendar parts. */
  calendarBytes: number;
  /** Messages handed to the handler. */
  handed: number;
  /** Successful logins (the first one and every reconnect). */
  connects: number;
}

export interface ImapStatus {
  connected: boolean;
  lastError: string | null;
  /**
   * The last failure's code: an ImapError's (HOST_UNREACHABLE, TLS, AUTH, PROTOCOL, …), or the token source's own
   * (e.g. AUTH_SIGN_IN_AGAIN) when the login failed for want of an access token.
   */
  lastErrorCode?: string | null;
  idle: boolean;
}

/** Our keywords (RFC 3501 §2.3.2 keywords; the `$` prefix follows the convention of registered keywords). */
export const KEYWORDS = {
  processed: '$ITipProcessed',
  analyzed: '$ITipAnalyzed',
  ignore: '$ITipIgnore',
} as const satisfies Record<MessageState, string>;

/** Set by `claim`, so that a second device sees the message is taken before the state keyword lands. */
export const CLAIM_KEYWORD = '$ITipClaimed';

export const STATE_KEYWORDS: readonly string[] = Object.values(KEYWORDS);
