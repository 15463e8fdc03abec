/**
 * `MainApi` over Electron IPC, main side. Loops over MAIN_API_METHODS, so a method added to the contract is
 * registered (or fails the type-check) without touching this file. Each call is checked twice before the service
 * sees it (VS Code's validatedIpcMain idea): the sender must be the main window's top frame showing our own
 * app:// page, and the argument must match its schema. Electron keeps only an error's message across `invoke`, so
 * nothing is thrown: every answer is an IpcResult. Takes `IpcMainLike`, not Electron's ipcMain, so it is tested
 * in plain Node with an in-memory pair (test/electron/app/ipcPair.ts).
 */
import { MAIN_API_METHODS, OPEN_EXTERNAL_CHANNEL, channel, isOpenableUrl, type MainApi, type MainEventName, type MainEvents } from '../../../shared/ipc/contract.js';
import { ipcOk } from '../../../shared/ipc/results.js';
import { validateArg } from '../../../shared/ipc/schemas.js';
import { ipcFail, isIpcResult } from '../../../shared/ipc/results.js';
import type { EventHub } from '../../app/eventHub.js';

/** The parts of Electron's IpcMainInvokeEvent this module reads. */
export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, handler: (event: IpcInvokeEventLike, arg: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface SenderPolicy {
  /** The main window's webContents id (null before the window exists: every call is refused). */
  webContentsId(): number | null;
  /** Our page's origin, e.g. `app://companion`. */
  readonly origin: string;
}

/** Top frame of the main window, showing a page of our own origin (not an iframe, not a page navigated to). */
export function isTrustedSender(event: IpcInvokeEventLike, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || event.sender.id !== policy.webContentsId()) return false;
  try {
    const url = new URL(frame.url);
    // Origins of non-special schemes serialise as "null" in WHATWG URL, so compare scheme and host.
    return `${url.protocol}//${url.host}` === policy.origin;
  } catch {
    return false;
  }
}

/** Registers every method; returns a function that removes the handlers again. */
export function registerMainApi(ipc: IpcMainLike, service: MainApi, policy: SenderPolicy, log: (line: string) => void = () => undefined): () => void {
  for (const method of MAIN_API_METHODS) {
    ipc.handle(channel(method), async (event, raw) => {
      if (!isTrustedSender(event, policy)) {
        log(`IPC ${method} refused: sender ${event.senderFrame?.url ?? '(gone)'} is not the companion window`);
        return ipcFail('INVALID_ARGUMENT', 'Requests are accepted only from the companion window.');
      }
      const arg = validateArg(method, raw);
      if (!arg.ok) return arg;
      try {
        const result: unknown = await (service[method] as (a: unknown) => Promise<unknown>)(arg.value);
        return isIpcResult(result) ? result : ipcFail('INTERNAL', `${method} returned no result.`);
      } catch (e) {
        log(`IPC ${method} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return ipcFail('INTERNAL', `Something went wrong inside the companion: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }
  return () => {
    for (const method of MAIN_API_METHODS) ipc.removeHandler(channel(method));
  };
}

/** Sends every app event to the window as `webContents.send(channel(name), payload)`. */
export function forwardEvents(events: EventHub, send: <K extends MainEventName>(channelName: string, payload: MainEvents[K]) => void): () => void {
  return events.onAny((name, payload) => send(channel(name), payload));
}

/**
 * `openExternal` from the companion window: an http, https or mailto link from message content, handed to the
 * system (Electron's `shell.openExternal`) after the renderer showed the person where it leads.
 */
export function registerOpenExternal(ipc: IpcMainLike, policy: SenderPolicy, open: (url: string) => Promise<void>, log: (line: string) => void = () => undefined): () => void {
  ipc.handle(OPEN_EXTERNAL_CHANNEL, async (event, raw) => {
    if (!isTrustedSender(event, policy)) return ipcFail('INVALID_ARGUMENT', 'Requests are accepted only from the companion window.');
    const url = (raw as { url?: unknown } | null)?.url;
    if (!isOpenableUrl(url)) return ipcFail('INVALID_ARGUMENT', 'Only http, https and mailto links are opened.');
    try {
      await open(url);
      return ipcOk(null);
    } catch (e) {
      log(`openExternal failed: ${e instanceof Error ? e.message : String(e)}`);
      return ipcFail('INTERNAL', 'The link could not be opened.');
    }
  });
  return () => ipc.removeHandler(OPEN_EXTERNAL_CHANNEL);
}
