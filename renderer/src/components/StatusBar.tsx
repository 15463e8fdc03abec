/** The connection state at the bottom of the window, in words and with a shaped dot (not colour alone). */
import type { ConnectionState, ConnectionStatus } from '../../../shared/ipc/contract.js';

export interface StatusBarProps {
  readonly connection: ConnectionStatus | null;
}

const STATE_WORDS: Readonly<Record<ConnectionState, string>> = {
  'not-configured': 'Not set up',
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline',
  error: 'Connection problem',
};

const STATE_MARKS: Readonly<Record<ConnectionState, string>> = {
  'not-configured': '○',
  connecting: '◌',
  connected: '●',
  offline: '◐',
  error: '✕',
};

export function StatusBar({ connection }: StatusBarProps) {
  return (
    <footer className="status-bar">
      <p role="status" className={connection ? `connection state-${connection.state}` : 'connection'}>
        {connection ? (
          <>
            <span className="state-mark" aria-hidden="true">
              {STATE_MARKS[connection.state]}
            </span>{' '}
            <span className="state-word">{STATE_WORDS[connection.state]}</span>
            {connection.message ? <span className="state-message"> · {connection.message}</span> : null}
          </>
        ) : (
          'Connection state unknown'
        )}
      </p>
    </footer>
  );
}
