/**
 * The one error type of account handling (sign-in, tokens, discovery, the accounts file, POP3). Errors are data
 * with a code the app can branch on (a banner for AUTH_SIGN_IN_AGAIN, a form hint for CONFIG_INVALID) and a
 * sentence a person can act on; `messageKey` names the catalogue entry (shared/i18n, group `accounts`).
 */
import type { Message } from '../../shared/i18n/index.js';

export type AccountErrorCode =
  /** The refresh token was revoked or expired (RFC 6749 §5.2 invalid_grant): the person signs in again. */
  | 'AUTH_SIGN_IN_AGAIN'
  /** The person closed or refused the sign-in (RFC 6749 §4.1.2.1 access_denied) or it timed out. */
  | 'AUTH_CANCELLED'
  /** The provider answered something the sign-in cannot use (wrong state, no refresh token, bad discovery). */
  | 'AUTH_PROVIDER'
  /** No token store can keep the refresh token here (no keychain, read-only environment variable). */
  | 'AUTH_NO_STORE'
  /** The provider could not be reached (network, DNS, TLS). Temporary. */
  | 'AUTH_UNREACHABLE'
  /** A setting is missing or wrong (no client ID, unknown provider). */
  | 'CONFIG_INVALID';

export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'AccountError';
  }

  /** The catalogue key for this code (see shared/i18n/messages/en/accounts.ts). */
  get messageKey(): `accounts.error.${AccountErrorCode}` {
    return `accounts.error.${this.code}`;
  }

  /** The sentence for a person, from the catalogue, about the account named `account`. */
  toMessage(account: string): Message {
    return { key: this.messageKey, params: { account, detail: this.message } };
  }

  /** Plain data for IPC and JSON output. */
  toJSON(): { code: AccountErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isAccountError(e: unknown, code?: AccountErrorCode): e is AccountError {
  return e instanceof AccountError && (code === undefined || e.code === code);
}
