/**
 * The renderer's one way to the main process (or the web host): `window.api`, typed by the shared contract. Both
 * providers — the Electron preload (electron/preload/windowApi.ts) and the web host's bridge (src/bridge/) — answer
 * every call with an IpcResult and never reject, so screens only ever handle `{ ok, value | error }`.
 */
import type { WindowApi } from '../../shared/ipc/contract.js';

declare global {
  interface Window {
    /** Provided by the Electron preload or the web host's bridge module. */
    api?: WindowApi;
  }
}

/** Whether a host provided `window.api` (false when the built page is opened on its own). */
export function hasApi(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}

/** What the host offers besides MainApi: `openExternal` (desktop) and what it is (`host`); empty without a host. */
export function windowExtras(): Pick<WindowApi, 'openExternal' | 'host'> {
  const raw = typeof window !== 'undefined' ? window.api : undefined;
  if (!raw) return {};
  return {
    ...(raw.openExternal ? { openExternal: raw.openExternal.bind(raw) } : {}),
    ...(raw.host ? { host: raw.host } : {}),
  };
}

/** The typed accessor for `window.api`. */
export function getApi(): WindowApi {
  const api = window.api;
  if (!api) throw new Error('window.api is missing: this page must be opened by the desktop app or the web host.');
  return api;
}

export type {
  AccountHealth,
  AccountInput,
  AccountsView,
  AccountView,
  CalDavInput,
  CalDavSettingsView,
  CalendarChoiceView,
  CalendarProbeView,
  CalendarSyncView,
  CalendarTag,
  DiscoveryView,
  MailAccountInput,
  MailAccountView,
  MailProtocol,
  OAuthChoice,
  SignInDone,
  ActivityEntry,
  CalendarEventView,
  ConnectionStatus,
  ConnectionTestResult,
  DecisionOutcome,
  DecisionView,
  HostInfo,
  IpcResult,
  MainEventName,
  MainEvents,
  Overview,
  DataProblem,
  Security,
  ServerSettings,
  SettingsPatch,
  SettingsView,
  WindowApi,
} from '../../shared/ipc/contract.js';
export type { Choice, EventView, MessageKind, Outcome, Policy } from '../../shared/model/decisions.js';
