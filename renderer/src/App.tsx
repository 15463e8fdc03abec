/**
 * The application shell: loads settings and the overview, shows the first-run account form when there is no
 * account and it may be added here, else the skip link, the navigation (collapsible; collapsed by itself on
 * narrow windows), the current screen and the status bar. Pushed events keep the badge, the status bar and the
 * settings current; a clicked notification opens its decision. All words come from the catalogue (I18nProvider).
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { getApi, hasApi, type ConnectionStatus, type DataProblem, type SettingsView } from './api';
import type { IpcError } from '../../shared/ipc/contract.js';
import { DataProblemsBanner } from './components/DataProblemsBanner';
import { ErrorMessage } from './components/ErrorMessage';
import { NavBar, type ScreenName } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { useCalendarSync } from './calendars/useCalendarSync';
import { SignInBanner } from './accounts/SignInBanner';
import { FirstRunScreen } from './features/account/FirstRunScreen';
import { ActivityScreen } from './features/activity/ActivityScreen';
import { DecisionsScreen } from './features/decisions/DecisionsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { notifyInBrowser } from './lib/browserNotifications';
import { I18nProvider, useWords } from './lib/i18n';
import { useApiEvent } from './lib/useApiEvent';
import { useNarrow } from './lib/useNarrow';
import { Reminders } from './organize/Reminders';
import { UndoToast } from './organize/UndoToast';
import { errorText } from './lib/errorWords';

// FullCalendar is most of the bundle: load it when the calendar is first opened.
const CalendarScreen = lazy(async () => ({
  default: (await import('./features/calendar/CalendarScreen')).CalendarScreen,
}));

export function App() {
  return (
    <I18nProvider>
      <AppBody />
    </I18nProvider>
  );
}

function AppBody() {
  const w = useWords();
  if (!hasApi()) {
    return (
      <main className="screen missing-api">
        <h1>{w.t('ui.app.name')}</h1>
        <p>{w.t('ui.app.noApi')}</p>
      </main>
    );
  }
  return <Shell />;
}

/** Where a screen was opened from another one: the calendar at an event (from Activity). */
export interface CalendarTarget {
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly seq: number;
}

function Shell() {
  const w = useWords();
  const narrow = useNarrow();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);
  const [count, setCount] = useState(0);
  const [problems, setProblems] = useState<readonly DataProblem[]>([]);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [screen, setScreen] = useState<ScreenName>('decisions');
  const [skipFirstRun, setSkipFirstRun] = useState(false);
  const [collapsedByChoice, setCollapsed] = useState<boolean | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | null>(null);
  const [calendarTarget, setCalendarTarget] = useState<CalendarTarget | null>(null);
  const [repairAccount, setRepairAccount] = useState<{ id: string; seq: number } | null>(null);
  const focusHeading = useRef(false);
  const lastCount = useRef<number | null>(null);
  const collapsed = collapsedByChoice ?? narrow;
  const calendarSync = useCalendarSync();

  useEffect(() => {
    void (async () => {
      const [s, o] = await Promise.all([getApi().getSettings(), getApi().getOverview()]);
      if (s.ok) setSettings(s.value);
      else setLoadError(s.error);
      if (o.ok) {
        setConnection(o.value.connection);
        setCount(o.value.openDecisions);
        setProblems(o.value.dataProblems);
      }
    })();
  }, []);

  useApiEvent('decisionsChanged', ({ count: n }) => setCount(n));
  useApiEvent('connectionChanged', setConnection);
  useApiEvent('settingsChanged', setSettings);
  useApiEvent('decisionOpened', ({ id }) => {
    setScreen('decisions');
    setFocusRequest((prev) => ({ id, seq: (prev?.seq ?? 0) + 1 }));
  });

  useEffect(() => {
    document.title = w.t('ui.app.title', { count });
    if (lastCount.current !== null && count > lastCount.current)
      notifyInBrowser(w.t('ui.notify.title', { count }), () => setScreen('decisions'));
    lastCount.current = count;
  }, [count, w]);

  // After a navigation, move focus to the new screen's heading so screen-reader users hear where they are.
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    document.getElementById(`${screen}-heading`)?.focus();
  }, [screen]);

  const navigate = useCallback((next: ScreenName) => {
    focusHeading.current = true;
    setScreen(next);
  }, []);

  const showDecision = useCallback((id: string) => {
    setScreen('decisions');
    setFocusRequest((prev) => ({ id, seq: (prev?.seq ?? 0) + 1 }));
  }, []);

  const showInCalendar = useCallback((uid: string, recurrenceId: string | null) => {
    setCalendarTarget((prev) => ({ uid, recurrenceId, seq: (prev?.seq ?? 0) + 1 }));
    setScreen('calendar');
  }, []);

  if (!settings) {
    return (
      <main className="screen loading">
        {loadError ? (
          <ErrorMessage message={errorText(w, loadError)} />
        ) : (
          <p className="muted">{w.t('ui.app.loading')}</p>
        )}
      </main>
    );
  }

  if (settings.account === null && settings.canEditAccount && !skipFirstRun) {
    return (
      <div className="app first-run-layout">
        <main className="main" id="main">
          <FirstRunScreen me={settings.me} onDone={setSettings} onSkip={() => setSkipFirstRun(true)} />
        </main>
        <StatusBar connection={connection} calendars={calendarSync} />
      </div>
    );
  }

  return (
    <div className={collapsed ? 'app nav-collapsed' : 'app'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById(`${screen}-heading`)?.focus())}
      >
        {w.t('ui.app.skip')}
      </a>
      <NavBar
        current={screen}
        decisionCount={count}
        onNavigate={navigate}
        collapsed={collapsed}
        onToggle={() => setCollapsed(!collapsed)}
      />
      <main className="main" id="main">
        <DataProblemsBanner problems={problems} />
        <Reminders />
        <SignInBanner
          onRepair={(id) => (setRepairAccount((p) => ({ id, seq: (p?.seq ?? 0) + 1 })), navigate('settings'))}
        />
        {screen === 'decisions' ? <DecisionsScreen focusRequest={focusRequest} /> : null}
        {screen === 'calendar' ? (
          <Suspense fallback={<p className="screen muted">{w.t('ui.app.loadingCalendar')}</p>}>
            <CalendarScreen target={calendarTarget} />
          </Suspense>
        ) : null}
        {screen === 'activity' ? <ActivityScreen onShowEvent={showInCalendar} onShowDecision={showDecision} /> : null}
        {screen === 'settings' ? (
          <SettingsScreen
            key={repairAccount?.seq ?? 0}
            settings={settings}
            onSettings={setSettings}
            repairAccountId={repairAccount?.id ?? null}
          />
        ) : null}
      </main>
      <UndoToast />
      <StatusBar connection={connection} calendars={calendarSync} />
    </div>
  );
}
