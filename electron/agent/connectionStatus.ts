/**
 * The status bar's sentence for the agent's connection: connected (and how many replies wait to be sent), offline
 * with the last error, or still connecting; with the problem's code (accountProblem.ts) so the app words it and
 * the account's health needs no server wording. A login the SMTP server refuses while the mailbox is watched is
 * an 'error': mail is read, answers wait.
 */
import type { ConnectionStatus } from '../../shared/ipc/contract.js';
import type { Message } from '../../shared/i18n/index.js';
import type { AccountProblem } from './accountProblem.js';
import type { SmtpProblem } from './smtpHealth.js';

export interface ConnectionFacts {
  readonly connected: boolean;
  readonly lastError: string | null;
  readonly queued: number;
  /** What the last connect or poll failed with (null: nothing, or not known). */
  readonly problem?: AccountProblem | null;
  /** The account's SMTP server refused the login, its TLS failed or it cannot be reached (smtpHealth.ts). */
  readonly smtp?: SmtpProblem | null;
}

const SERVER_LABEL = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP', oauth: 'oauth' } as const;

export function connectionStatusOf(
  s: ConnectionFacts,
  server: { readonly host: string; readonly user: string | null },
  since: string,
): ConnectionStatus {
  const account = `${server.user ?? ''}@${server.host}`;
  const smtp = s.smtp ?? null;
  if (s.connected && smtp) {
    return {
      state: 'error',
      message: `Watching ${account}; sending fails: ${smtp.message}`,
      code: smtp.code,
      server: 'smtp',
      since,
      details: [problemDetail(smtp, account, smtp.message)],
    };
  }
  const state: ConnectionStatus['state'] = s.connected ? 'connected' : s.lastError ? 'offline' : 'connecting';
  const waiting = s.queued ? `; ${s.queued} message${s.queued === 1 ? '' : 's'} waiting to be sent` : '';
  const message = s.connected
    ? `Watching ${account}${waiting}`
    : s.lastError
      ? `Cannot reach ${server.host}: ${s.lastError} (retrying)`
      : `Connecting to ${server.host}…`;
  const problem = state === 'offline' ? (s.problem ?? null) : null;
  const detail: Message = s.connected
    ? { key: 'ui.connection.watching', params: { account, queued: s.queued } }
    : s.lastError
      ? problem && problem.code !== 'CONNECT_FAILED'
        ? problemDetail(problem, account, s.lastError)
        : { key: 'ui.connection.unreachable', params: { host: server.host, error: s.lastError } }
      : connectingDetail(server.host);
  return {
    state,
    message,
    code: problem?.code ?? null,
    server: problem?.server ?? null,
    since,
    details: [detail],
  };
}

/** The catalogue's sentence for a problem (`accounts.problem.<code>`), the server's text as its detail. */
export function problemDetail(p: AccountProblem, account: string, detail: string): Message {
  return { key: `accounts.problem.${p.code}`, params: { account, server: SERVER_LABEL[p.server], detail } };
}

/** The catalogue message for an agent that has not reached its server yet. */
export function connectingDetail(host: string): Message {
  return { key: 'ui.connection.connecting', params: { host } };
}
