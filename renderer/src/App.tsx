/**
 * The application shell: loads settings and the overview, shows the first-run account form when there is no
 * account and it may be added here, else the navigation, the current screen and the status bar. Pushed events
 * keep the badge, the status bar and the settings current; a clicked notification opens its decision.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { getApi, hasApi, type ConnectionStatus, type DataProblem, type SettingsView } from './api';
import { DataProblemsBanner } from './components/DataProblemsBanner';
import { ErrorMessage } from './components/ErrorMessage';
import { NavBar, type ScreenName } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { FirstRunScreen } from './features/account/FirstRunScreen';
import { ActivityScreen } from './features/activity/ActivityScreen';
import { DecisionsScreen } from './features/decisions/DecisionsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { useApiEvent } from './lib/useApiEvent';

// FullCalendar is most of the bundle: load it when the calendar is first opened.
const CalendarScreen = lazy(async () => ({ default: (await import('./features/calendar/CalendarScreen')).CalendarScreen }));

export function App() {
  if (!hasApi()) {
    return (
      <main className="screen missing-api">
        <h1>iMIP Companion</h1>
        <p>This page needs the companion behind it: open it from the desktop app or the address the web host printed.</p>
      </main>
    );
  }
  return <Shell />;
}

function Shell() {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);
  const [count, setCount] = useState(0);
  const [problems, setProblems] = useState<readonly DataProblem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [screen, setScreen] = useState<ScreenName>('decisions');
  const [skipFirstRun, setSkipFirstRun] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | null>(null);
  const focusHeading = useRef(false);

  useEffect(() => {
    void (async () => {
      const [s, o] = await Promise.all([getApi().getSettings(), getApi().getOverview()]);
      if (s.ok) setSettings(s.value);
      else setLoadError(s.error.message);
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
    document.title = count > 0 ? `(${count}) iMIP Companion` : 'iMIP Companion';
  }, [count]);

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

  if (!settings) {
    return (
      <main className="screen loading">
        {loadError ? <ErrorMessage message={loadError} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }

  if (settings.account === null && settings.canEditAccount && !skipFirstRun) {
    return (
      <div className="app first-run-layout">
        <main className="main">
          <FirstRunScreen me={settings.me} onDone={setSettings} onSkip={() => setSkipFirstRun(true)} />
        </main>
        <StatusBar connection={connection} />
      </div>
    );
  }

  return (
    <div className="app">
      <NavBar current={screen} decisionCount={count} onNavigate={navigate} />
      <main className="main">
        <DataProblemsBanner problems={problems} />
        {screen === 'decisions' ? <DecisionsScreen focusRequest={focusRequest} /> : null}
        {screen === 'calendar' ? (
          <Suspense fallback={<p className="screen muted">Loading the calendar…</p>}>
            <CalendarScreen />
          </Suspense>
        ) : null}
        {screen === 'activity' ? <ActivityScreen /> : null}
        {screen === 'settings' ? <SettingsScreen settings={settings} onSettings={setSettings} /> : null}
      </main>
      <StatusBar connection={connection} />
    </div>
  );
}
