/**
 * The status bar's sentence for the agent's connection: connected (and how many replies wait to be sent), offline
 * with the last error, or still connecting.
 */
import type { ConnectionStatus } from '../../shared/ipc/contract.js';
import type { Message } from '../../shared/i18n/index.js';

export interface ConnectionFacts {
  readonly connected: boolean;
  readonly lastError: string | null;
  readonly queued: number;
}

export function connectionStatusOf(
  s: ConnectionFacts,
  server: { readonly host: string; readonly user: string | null },
  since: string,
): ConnectionStatus {
  const state: ConnectionStatus['state'] = s.connected ? 'connected' : s.lastError ? 'offline' : 'connecting';
  const waiting = s.queued ? `; ${s.queued} message${s.queued === 1 ? '' : 's'} waiting to be sent` : '';
  const message = s.connected
    ? `Watching ${server.user ?? ''}@${server.host}${waiting}`
    : s.lastError
      ? `Cannot reach ${server.host}: ${s.lastError} (retrying)`
      : `Connecting to ${server.host}…`;
  const account = `${server.user ?? ''}@${server.host}`;
  const detail: Message = s.connected
    ? { key: 'ui.connection.watching', params: { account, queued: s.queued } }
    : s.lastError
      ? { key: 'ui.connection.unreachable', params: { host: server.host, error: s.lastError } }
      : connectingDetail(server.host);
  return { state, message, since, details: [detail] };
}

/** The catalogue message for an agent that has not reached its server yet. */
export function connectingDetail(host: string): Message {
  return { key: 'ui.connection.connecting', params: { host } };
}
