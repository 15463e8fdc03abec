/** What the companion did, newest first: `listActivity({ limit: 200 })`, extended live by `activityAdded`. */
import { useCallback, useEffect, useState } from 'react';
import { getApi, type ActivityEntry } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useApiEvent } from '../../lib/useApiEvent';
import { ActivityTable } from './ActivityTable';

const LIMIT = 200;

export function ActivityScreen() {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().listActivity({ limit: LIMIT });
    if (result.ok) {
      setEntries(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('activityAdded', (entry) => setEntries((list) => (list ? [entry, ...list].slice(0, LIMIT) : list)));

  return (
    <section className="screen activity-screen" aria-labelledby="activity-heading">
      <ScreenHeading id="activity-heading">Activity</ScreenHeading>
      <ErrorMessage message={error} />
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries !== null && entries.length === 0 ? <p className="empty">Nothing has happened yet.</p> : null}
      {entries && entries.length > 0 ? <ActivityTable entries={entries} /> : null}
    </section>
  );
}
