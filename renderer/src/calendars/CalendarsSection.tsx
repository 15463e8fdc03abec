/**
 * The calendars part of Settings: for each calendar server, its sync state and its calendars with the one new
 * invitations go to; choosing another saves at once and applies to the next write (`chooseCalendar`). Read-only
 * and subscribed calendars are listed but cannot be chosen. The list is read again after each sync, so a server
 * added a moment ago shows its calendars once the first sync found them.
 */
import { useCallback, useEffect, useState } from 'react';
import { getApi, type CalendarChoiceView } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useApiEvent } from '../lib/useApiEvent';
import { useWords } from '../lib/i18n';
import { CalendarPicker } from './CalendarPicker';
import { CalendarSyncLine } from './CalendarSyncLine';
import { useCalendarSync } from './useCalendarSync';
import './calendars.css';

export function CalendarsSection() {
  const w = useWords();
  const sync = useCalendarSync();
  const [calendars, setCalendars] = useState<readonly CalendarChoiceView[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The choice being saved, shown at once (the radio group is controlled by the saved target). */
  const [picked, setPicked] = useState<{ account: string; href: string } | null>(null);
  const load = useCallback(() => {
    void getApi()
      .listCalendars()
      .then((r) => (r.ok ? setCalendars(r.value) : setError(r.error.message)));
  }, []);
  useEffect(load, [load]);
  useApiEvent('calendarSyncChanged', load);

  async function choose(account: string, href: string | null): Promise<void> {
    setError(null);
    setPicked(href === null ? null : { account, href });
    const r = await getApi().chooseCalendar({ account, href });
    setPicked(null);
    if (!r.ok) return setError(r.error.message);
    setCalendars(r.value);
    const target = r.value.find((c) => c.account === account && c.target);
    setStatus(
      href === null
        ? w.t('calendars.settings.cleared')
        : w.t('calendars.settings.saved', { name: target?.name ?? href }),
    );
  }

  if (calendars === null) return <ErrorMessage message={error} />;
  if (sync.length === 0 && calendars.length === 0) return <p className="muted">{w.t('calendars.settings.none')}</p>;
  const accounts = [...new Set([...sync.map((s) => s.account), ...calendars.map((c) => c.account)])];
  return (
    <>
      <p className="save-status" role="status">
        {status}
      </p>
      {accounts.map((account) => {
        const s = sync.find((x) => x.account === account);
        const list = calendars.filter((c) => c.account === account);
        const target = list.find((c) => c.target) ?? null;
        return (
          <div key={account} className="calendars-account">
            <h3>{w.t('calendars.settings.account', { server: s?.server ?? account, user: s?.user ?? '' })}</h3>
            {s ? <CalendarSyncLine view={s} /> : null}
            {list.length ? (
              <CalendarPicker
                calendars={list}
                selected={picked?.account === account ? picked.href : (target?.href ?? null)}
                defaultHref={list.some((c) => c.chosen) ? null : (target?.href ?? null)}
                legend={w.t('calendars.list.legend')}
                onSelect={(href) => void choose(account, href)}
              />
            ) : (
              <p className="muted">{w.t('calendars.settings.waiting')}</p>
            )}
            {list.some((c) => c.chosen) ? (
              <button type="button" className="button" onClick={() => void choose(account, null)}>
                {w.t('calendars.settings.useDefault')}
              </button>
            ) : null}
          </div>
        );
      })}
      <ErrorMessage message={error} />
    </>
  );
}
