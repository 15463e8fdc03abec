/**
 * One calendar server's sync state in a sentence: when it was last synced, "offline, 3 changes waiting", or the
 * server's error worded from the catalogue with its fix. A mark in front says the same without colour.
 */
import type { CalendarSyncView } from '../api';
import { useWords, type Words } from '../lib/i18n';

const MARKS: Readonly<Record<CalendarSyncView['state'], string>> = { never: '○', ok: '●', offline: '◐', error: '✕' };

export function calendarSyncText(w: Words, v: CalendarSyncView): string {
  const server = v.server;
  const time = v.lastSync ? w.time.instant(v.lastSync) : 'none';
  const waiting = v.queued > 0 ? ` · ${w.t('calendars.sync.waiting', { queued: v.queued })}` : '';
  switch (v.state) {
    case 'never':
      return w.t('calendars.sync.never', { server }) + waiting;
    case 'ok':
      return w.t('calendars.sync.ok', { server, time }) + waiting;
    case 'offline':
      return w.t('calendars.sync.offline', { server, queued: v.queued, time });
    case 'error':
      return w.t('calendars.sync.error', { server, problem: w.text(v.problem) }) + waiting;
  }
}

export function CalendarSyncLine({ view }: { readonly view: CalendarSyncView }) {
  const w = useWords();
  return (
    <p className={`calendar-sync state-${view.state}`}>
      <span className="state-mark" aria-hidden="true">
        {MARKS[view.state]}
      </span>{' '}
      {calendarSyncText(w, view)}
    </p>
  );
}
