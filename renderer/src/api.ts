/**
 * The renderer's one way to the main process (or the web host): `window.api`, typed by the shared contract.
 * Every call resolves to an IpcResult: a rejected promise (a dropped WebSocket, a preload bug) is turned into
 * an `INTERNAL` error value here so screens only ever handle `{ ok, value | error }`.
 */
import { MAIN_API_METHODS } from '../../shared/ipc/contract.js';
import type { IpcResult, WindowApi } from '../../shared/ipc/contract.js';

declare global {
  interface Window {
    /** Provided by the Electron preload or the web host's bootstrap script. */
    api?: WindowApi;
  }
}

const wrapped = new WeakMap<WindowApi, WindowApi>();

type AnyCall = (args?: unknown) => Promise<IpcResult<unknown>>;

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function wrap(raw: WindowApi): WindowApi {
  const safe: Record<string, unknown> = {
    on: raw.on.bind(raw),
  };
  for (const method of MAIN_API_METHODS) {
    const call = (raw[method] as AnyCall).bind(raw);
    safe[method] = async (args?: unknown): Promise<IpcResult<unknown>> => {
      try {
        return await call(args);
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: errorMessage(e) } };
      }
    };
  }
  return safe as unknown as WindowApi;
}

/** Whether a host provided `window.api` (false when the built page is opened on its own). */
export function hasApi(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}

/** What the host offers besides MainApi: `openExternal` (desktop) and what it is (`host`); empty without a host. */
export function windowExtras(): Pick<WindowApi, 'openExternal' | 'host'> {
  const raw = typeof window !== 'undefined' ? window.api : undefined;
  if (!raw) return {};
  return { ...(raw.openExternal ? { openExternal: raw.openExternal.bind(raw) } : {}), ...(raw.host ? { host: raw.host } : {}) };
}

/** The typed, never-throwing accessor for `window.api`. */
export function getApi(): WindowApi {
  const raw = window.api;
  if (!raw) throw new Error('window.api is missing: this page must be opened by the desktop app or the web host.');
  let safe = wrapped.get(raw);
  if (!safe) {
    safe = wrap(raw);
    wrapped.set(raw, safe);
  }
  return safe;
}

export type {
  AccountInput,
  AccountView,
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
  Security,
  ServerSettings,
  SettingsPatch,
  SettingsView,
  WindowApi,
} from '../../shared/ipc/contract.js';
export type { Choice, EventView, MessageKind, Outcome, Policy } from '../../shared/model/decisions.js';
