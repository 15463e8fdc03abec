/** The connection state at the bottom of the window, in words and with a shaped dot (not colour alone). */
import type { ConnectionState, ConnectionStatus } from '../../../shared/ipc/contract.js';
import type { CalendarSyncView } from '../../../shared/ipc/contract.js';
import { useWords, type Words } from '../lib/i18n';
import { CalendarSyncLine } from '../calendars/CalendarSyncLine';

export interface StatusBarProps {
  readonly connection: ConnectionStatus | null;
  /** Each calendar server's sync state (none without one). */
  readonly calendars?: readonly CalendarSyncView[];
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

export function StatusBar({ connection, calendars = [] }: StatusBarProps) {
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
      {calendars.length ? (
        // Not a live region: the time of the last sync changes at every poll and must not be read out each time.
        <div className="calendar-sync-lines">
          {calendars.map((c) => (
            <CalendarSyncLine key={c.account} view={c} />
          ))}
        </div>
      ) : null}
    </footer>
  );
}
