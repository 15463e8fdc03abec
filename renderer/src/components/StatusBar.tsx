/** The connection state at the bottom of the window, in words and with a shaped dot (not colour alone). */
import type { ConnectionState, ConnectionStatus } from '../../../shared/ipc/contract.js';
import { useWords, type Words } from '../lib/i18n';

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

/** The connection in the person's language (catalogue messages); a host that sends only a sentence, as it came. */
function detailOf(connection: ConnectionStatus, w: Words): string {
  if (connection.details && connection.details.length > 0) return connection.details.map((d) => w.text(d)).join(' · ');
  return connection.message ? w.text(connection.message) : '';
}

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
            {detailOf(connection, w) ? <span className="state-message"> · {detailOf(connection, w)}</span> : null}
          </>
        ) : (
          w.t('ui.status.unknown')
        )}
      </p>
    </footer>
  );
}
