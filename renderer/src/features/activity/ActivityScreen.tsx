/**
 * What the companion did, newest first: `listActivity({ limit: 200 })`, extended live by `activityAdded`, with a
 * filter (everything, what I decided, applied, waiting, set aside or failed) and a search over the words shown.
 * A row still waiting for me links to its decision card (where I can act; a forwarded invitation is not in the
 * calendar at all), every other row of an event to that event in the calendar.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { getApi, type ActivityEntry } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useWords, type Words } from '../../lib/i18n';
import { useApiEvent } from '../../lib/useApiEvent';
import { ActivityTable, describeEntry } from './ActivityTable';
import './activity.css';
import { errorText } from '../../lib/errorWords';

const LIMIT = 200;

export const FILTERS = ['all', 'you', 'applied', 'pending', 'problems'] as const;
export type ActivityFilter = (typeof FILTERS)[number];

export function matchesFilter(e: ActivityEntry, filter: ActivityFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'you':
      return e.source === 'you';
    case 'applied':
      return e.outcome === 'applied';
    case 'pending':
      return e.outcome === 'pending';
    case 'problems':
      return e.outcome === 'ignored' || e.outcome === 'error';
  }
}

function matchesSearch(w: Words, e: ActivityEntry, needle: string): boolean {
  if (!needle) return true;
  const d = describeEntry(w, e);
  return [d.time, d.by, d.kind, d.outcome, d.reason].join(' ').toLowerCase().includes(needle.toLowerCase());
}

export interface ActivityScreenProps {
  readonly onShowEvent?: (uid: string, recurrenceId: string | null) => void;
  /** Opens the decisions screen at this decision. */
  readonly onShowDecision?: (id: string) => void;
}

/** The open decisions by UID (and RECURRENCE-ID), for the links of rows still waiting for me. */
function useOpenDecisions(): ReadonlyMap<string, string> {
  const [open, setOpen] = useState<ReadonlyMap<string, string>>(new Map());
  const load = useCallback(async () => {
    const r = await getApi().listDecisions();
    if (r.ok) setOpen(new Map(r.value.map((d) => [decisionKey(d.uid, d.recurrenceId), d.id])));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('decisionsChanged', () => void load());
  return open;
}

export function decisionKey(uid: string, recurrenceId: string | null): string {
  return `${uid}|${recurrenceId ?? ''}`;
}

export function ActivityScreen({ onShowEvent, onShowDecision }: ActivityScreenProps) {
  const w = useWords();
  const id = useId();
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<ActivityFilter>('all');
  const [search, setSearch] = useState('');
  const openDecisions = useOpenDecisions();

  const load = useCallback(async () => {
    const result = await getApi().listActivity({ limit: LIMIT });
    if (result.ok) {
      setEntries(result.value);
      setError(null);
    } else {
      setError(errorText(w, result.error));
    }
  }, [w]);

  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('activityAdded', (entry) => setEntries((list) => (list ? [entry, ...list].slice(0, LIMIT) : list)));

  const shown = useMemo(
    () => (entries ?? []).filter((e) => matchesFilter(e, filter) && matchesSearch(w, e, search.trim())),
    [entries, filter, search, w],
  );

  return (
    <section className="screen activity-screen" aria-labelledby="activity-heading">
      <ScreenHeading id="activity-heading">{w.t('ui.activity.heading')}</ScreenHeading>
      <ErrorMessage message={error} />
      {entries === null && !error ? <p className="muted">{w.t('ui.app.loading')}</p> : null}
      {entries !== null && entries.length === 0 ? <p className="empty">{w.t('ui.activity.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <>
          <div className="activity-tools">
            <div className="field">
              <label htmlFor={`${id}-filter`}>{w.t('ui.activity.filter')}</label>
              <select id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as ActivityFilter)}>
                {FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {w.t(`ui.activity.filter.${f}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-search`}>{w.t('ui.activity.search')}</label>
              <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </div>
            <p className="activity-count" role="status">
              {w.t('ui.activity.count', { count: shown.length })}
            </p>
          </div>
          {shown.length === 0 ? (
            <p className="empty">{w.t('ui.activity.noMatch')}</p>
          ) : (
            <ActivityTable
              entries={shown}
              onShowEvent={onShowEvent}
              decisionOf={(e) =>
                e.outcome === 'pending' && e.uid ? openDecisions.get(decisionKey(e.uid, e.recurrenceId)) : undefined
              }
              onShowDecision={onShowDecision}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
