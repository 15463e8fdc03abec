/**
 * Reminders while the app runs: the alarms due (`listAlarms`, computed by the pure shared/calendar/nextAlarms.ts
 * with the time passed in) are shown in a reminder strip with Snooze (5 minutes) and Dismiss, and as a system
 * notification through the Notification API where the person allowed it (in the desktop shell Electron shows it
 * as the system's notification; in the web host, the browser's). What was dismissed is kept in this profile, so a
 * reload does not ring again.
 */
import { useCallback, useEffect, useState } from 'react';
import { getApi } from '../api';
import type { AlarmView } from '../../../shared/ipc/contract.js';
import { useWords } from '../lib/i18n';

const POLL_MS = 30_000;
/** Alarms missed while the app was closed or asleep are still shown if they are this recent. */
const LATE_MS = 15 * 60_000;
const SNOOZE_MS = 5 * 60_000;
const DISMISSED_KEY = 'imip-companion.dismissedAlarms';

function loadDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(window.localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function saveDismissed(keys: Set<string>): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, JSON.stringify([...keys].slice(-500)));
  } catch {
    /* private mode: reminders may ring again after a reload */
  }
}

function notifySystem(title: string, body: string): void {
  try {
    if ('Notification' in window && Notification.permission === 'granted')
      new Notification(title, { body, tag: title });
  } catch {
    /* notifications refused by the platform: the strip still shows it */
  }
}

export function Reminders() {
  const w = useWords();
  const [due, setDue] = useState<readonly AlarmView[]>([]);
  const [dismissed, setDismissed] = useState<Set<string>>(loadDismissed);
  const [snoozed, setSnoozed] = useState<ReadonlyMap<string, number>>(new Map());
  const [rung, setRung] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => Date.now());

  const check = useCallback(async () => {
    const at = Date.now();
    const r = await getApi().listAlarms({
      from: new Date(at - LATE_MS).toISOString(),
      to: new Date(at + 1000).toISOString(),
    });
    setNow(at);
    if (r.ok) setDue(r.value);
  }, []);

  useEffect(() => {
    void check();
    const timer = window.setInterval(() => void check(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [check]);

  const showing = due.filter((a) => !dismissed.has(a.key) && (snoozed.get(a.key) ?? 0) <= now);

  useEffect(() => {
    const fresh = showing.filter((a) => !rung.has(a.key));
    if (fresh.length === 0) return;
    for (const a of fresh) notifySystem(a.summary, w.time.span({ start: a.start, end: null, allDay: a.allDay }));
    setRung(new Set([...rung, ...fresh.map((a) => a.key)]));
  }, [showing, rung, w]);

  if (showing.length === 0) return null;
  return (
    <section className="reminders" aria-label={w.t('ui.organize.reminders')} role="region">
      {showing.map((a) => (
        <div key={a.key} className="reminder" role="alert">
          <span className="reminder-text">
            <strong>{a.summary}</strong> · {w.time.span({ start: a.start, end: null, allDay: a.allDay })}
            {a.location ? ` · ${a.location}` : ''}
            {a.description && a.description !== a.summary ? ` — ${a.description}` : ''}
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setSnoozed(new Map([...snoozed, [a.key, Date.now() + SNOOZE_MS]]));
              setRung(new Set([...rung].filter((k) => k !== a.key)));
              window.setTimeout(() => void check(), SNOOZE_MS + 500);
            }}
          >
            {w.t('ui.organize.snooze')}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              const next = new Set([...dismissed, a.key]);
              setDismissed(next);
              saveDismissed(next);
            }}
          >
            {w.t('ui.organize.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
