/**
 * `window.api` for the Electron renderer, built on `ipcRenderer` but never exposing it: one function per
 * MAIN_API_METHODS entry (each invoking its `companion:` channel) and `on(event, listener)` for MAIN_EVENT_NAMES
 * only, whose listener gets the payload without Electron's event object and which returns an unsubscribe.
 * Takes `IpcRendererLike` so it is tested in plain Node; electron/preload/index.ts hands it the real one.
 */
import {
  MAIN_API_METHODS,
  MAIN_EVENT_NAMES,
  OPEN_EXTERNAL_CHANNEL,
  channel,
  isOpenableUrl,
  type HostInfo,
  type MainEventName,
  type WindowApi,
} from '../../shared/ipc/contract.js';
import { ipcFail, isIpcResult } from '../../shared/ipc/results.js';

export interface IpcRendererLike {
  invoke(channel: string, arg?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const DESKTOP: HostInfo = Object.freeze({
  kind: 'desktop',
  features: Object.freeze({ systemNotifications: true, startAtLogin: true, browserNotifications: false }),
});

/** What `window.api` holds besides MAIN_API_METHODS and `on`. */
export const WINDOW_EXTRAS = ['openExternal', 'host'] as const;

export function createWindowApi(ipc: IpcRendererLike): WindowApi {
  const api: Record<string, unknown> = {};
  for (const method of MAIN_API_METHODS) {
    api[method] = async (arg?: unknown) => {
      try {
        const result = await ipc.invoke(channel(method), arg);
        return isIpcResult(result) ? result : ipcFail('INTERNAL', `${method}: the main process gave no result.`);
      } catch (e) {
        // Only when the main process has no handler (starting up, shutting down) or the argument cannot be cloned.
        return ipcFail('INTERNAL', `${method}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  }
  api.on = (name: MainEventName, listener: (payload: unknown) => void): (() => void) => {
    if (!(MAIN_EVENT_NAMES as readonly string[]).includes(name))
      throw new TypeError(`window.api.on: unknown event "${String(name)}"`);
    if (typeof listener !== 'function') throw new TypeError('window.api.on: the listener must be a function');
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipc.on(channel(name), wrapped);
    return () => {
      ipc.removeListener(channel(name), wrapped);
    };
  };
  api.openExternal = async (arg: { url: string }) => {
    if (!isOpenableUrl(arg?.url)) return ipcFail('INVALID_ARGUMENT', 'Only http, https and mailto links are opened.');
    try {
      const result = await ipc.invoke(OPEN_EXTERNAL_CHANNEL, { url: arg.url });
      return isIpcResult(result) ? result : ipcFail('INTERNAL', 'openExternal: the main process gave no result.');
    } catch (e) {
      return ipcFail('INTERNAL', `openExternal: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  api.host = DESKTOP;
  return Object.freeze(api) as unknown as WindowApi;
}
