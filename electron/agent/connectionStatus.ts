/**
 * The status bar's sentence for the agent's connection: connected (and how many replies wait to be sent), offline
 * with the last error, or still connecting.
 */
import type { ConnectionStatus } from '../../shared/ipc/contract.js';

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
  return { state, message, since };
}
