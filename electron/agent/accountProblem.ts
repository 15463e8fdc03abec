/**
 * An account's problem as a code the app words from its catalogue: from what the transports and the token source
 * throw (ImapError, Pop3Error, SmtpFailure and AccountError codes), never from a server's wording. Owns the
 * mapping; the agents keep the code beside the server's text, which follows as detail.
 */
import type { AccountProblemCode, AccountServerKind } from '../../shared/ipc/contract.js';

export interface AccountProblem {
  readonly code: AccountProblemCode;
  readonly server: AccountServerKind;
}

/** The token source's codes (electron/accounts/accountError.ts): the provider, not the mail server, failed. */
const TOKEN_CODES: Readonly<Record<string, AccountProblemCode>> = {
  AUTH_SIGN_IN_AGAIN: 'AUTH_SIGN_IN_AGAIN',
  AUTH_NO_STORE: 'AUTH_SIGN_IN_AGAIN',
  AUTH_UNREACHABLE: 'CONNECT_FAILED',
  AUTH_PROVIDER: 'SERVER_FAILED',
  CONFIG_INVALID: 'SERVER_FAILED',
};

/** The transports' connect codes, shared by IMAP (imapErrors.ts), POP3 (pop3Error.ts) and SMTP (smtpTypes.ts). */
const TRANSPORT_CODES: Readonly<Record<string, AccountProblemCode>> = {
  AUTH: 'AUTH_REFUSED',
  TLS: 'TLS_FAILED',
  HOST_UNREACHABLE: 'CONNECT_FAILED',
  NOT_CONNECTED: 'CONNECT_FAILED',
};

function stringCode(e: unknown): string | null {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

/**
 * The code of what a connect or poll threw: a token source's refusal wherever it is wrapped (imapflow's login
 * wraps it as AUTH with the AccountError as `cause`), else the transport's code; anything unknown is SERVER_FAILED.
 */
export function problemOfError(e: unknown, server: 'imap' | 'pop3'): AccountProblem {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const token = TOKEN_CODES[stringCode(cur) ?? ''];
    if (token) return { code: token, server: 'oauth' };
    cur = (cur as { cause?: unknown }).cause;
  }
  return { code: TRANSPORT_CODES[stringCode(e) ?? ''] ?? 'SERVER_FAILED', server };
}

/** A transport's own code (ImapSource keeps it as text); null for none. */
export function problemOfCode(code: string | null, server: 'imap' | 'pop3'): AccountProblem | null {
  if (code === null) return null;
  const token = TOKEN_CODES[code];
  if (token) return { code: token, server: 'oauth' };
  return { code: TRANSPORT_CODES[code] ?? 'SERVER_FAILED', server };
}

/**
 * What an SMTP result says about the account (not about one message): a refused login, TLS, an unreachable server.
 * A refused recipient or a temporary 4yz answer is the message's trouble, not the account's: null.
 */
export function problemOfSmtp(code: string): AccountProblem | null {
  if (code === 'AUTH' || code === 'TLS' || code === 'HOST_UNREACHABLE') {
    return { code: TRANSPORT_CODES[code] as AccountProblemCode, server: 'smtp' };
  }
  return null;
}
