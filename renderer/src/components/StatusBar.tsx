/** The connection state at the bottom of the window, in words and with a shaped dot (not colour alone). */
import type { ConnectionState, ConnectionStatus } from '../../../shared/ipc/contract.js';
import { useWords } from '../lib/i18n';

export interface StatusBarProps {
  readonly connection: ConnectionStatus | null;
}

const STATE_MARKS: Readonly<Record<ConnectionState, string>> = {
  'not-configured': '○',
  connecting: '◌',
  connected: '●',
  offline: '◐',
  error: '✕',
};

export function StatusBar({ connection }: StatusBarProps) {
  const w = useWords();
  return (
    <footer className="status-bar">
      <p role="status" className={connection ? `connection state-${connection.state}` : 'connection'}>
        {connection ? (
          <>
            <span className="state-mark" aria-hidden="true">
              {STATE_MARKS[connection.state]}
            </span>{' '}
            <span className="state-word">{w.t(`ui.status.${connection.state}`)}</span>
            {connection.message ? <span className="state-message"> · {w.text(connection.message)}</span> : null}
          </>
        ) : (
          w.t('ui.status.unknown')
        )}
      </p>
    </footer>
  );
}
