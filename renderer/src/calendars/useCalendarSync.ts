/**
 * Each calendar server's sync state, kept current: read once, replaced by every `calendarSyncChanged` push, and
 * read again when events changed (a write from this window may have queued or pushed).
 */
import { useCallback, useEffect, useState } from 'react';
import { getApi, hasApi, type CalendarSyncView } from '../api';
import { useApiEvent } from '../lib/useApiEvent';

export function useCalendarSync(): readonly CalendarSyncView[] {
  const [views, setViews] = useState<readonly CalendarSyncView[]>([]);
  const load = useCallback(() => {
    if (!hasApi()) return;
    void getApi()
      .getCalendarSync()
      .then((r) => r.ok && setViews(r.value));
  }, []);
  useEffect(load, [load]);
  useApiEvent('calendarSyncChanged', (p) => setViews(p.accounts));
  useApiEvent('eventsChanged', load);
  return views;
}
