/**
 * `MainApi` over Electron IPC, main side. Loops over MAIN_API_METHODS, so a method added to the contract is
 * registered (or fails the type-check) without touching this file. The sender must be the main window's top frame
 * showing our own app:// page (VS Code's validatedIpcMain idea); then serveMainApi.ts validates the argument and
 * envelopes the answer. Electron keeps only an error's message across `invoke`, so nothing is thrown: every answer
 * is an IpcResult. Takes `IpcMainLike`, not Electron's ipcMain, so it is tested in plain Node with an in-memory
 * pair (test/electron/ipc/ipcPair.ts).
 */
import {
  MAIN_API_METHODS,
  OPEN_EXTERNAL_CHANNEL,
  channel,
  isOpenableUrl,
  type MainEventName,
  type MainEvents,
} from '../../shared/ipc/contract.js';
import { ipcFail, ipcOk } from '../../shared/ipc/results.js';
import type { EventHub } from '../app/eventHub.js';
import { serveMainApi, type MainApiHandlers } from '../app/serveMainApi.js';

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
function isTrustedSender(event: IpcInvokeEventLike, policy: SenderPolicy): boolean {
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
export function registerMainApi(
  ipc: IpcMainLike,
  handlers: MainApiHandlers,
  policy: SenderPolicy,
  log: (line: string) => void = () => undefined,
): () => void {
  for (const method of MAIN_API_METHODS) {
    ipc.handle(channel(method), async (event, raw) => {
      if (!isTrustedSender(event, policy)) {
        log(`IPC ${method} refused: sender ${event.senderFrame?.url ?? '(gone)'} is not the companion window`);
        return ipcFail('INVALID_ARGUMENT', 'Requests are accepted only from the companion window.');
      }
      return serveMainApi(handlers, method, raw, (line) => log(`IPC ${line}`));
    });
  }
  return () => {
    for (const method of MAIN_API_METHODS) ipc.removeHandler(channel(method));
  };
}

/** Sends every app event to the window as `webContents.send(channel(name), payload)`. */
export function forwardEvents(
  events: EventHub,
  send: <K extends MainEventName>(channelName: string, payload: MainEvents[K]) => void,
): () => void {
  return events.onAny((name, payload) => send(channel(name), payload));
}

/**
 * `openExternal` from the companion window: an http, https or mailto link from message content, handed to the
 * system (Electron's `shell.openExternal`) after the renderer showed the person where it leads.
 */
export function registerOpenExternal(
  ipc: IpcMainLike,
  policy: SenderPolicy,
  open: (url: string) => Promise<void>,
  log: (line: string) => void = () => undefined,
): () => void {
  ipc.handle(OPEN_EXTERNAL_CHANNEL, async (event, raw) => {
    if (!isTrustedSender(event, policy))
      return ipcFail('INVALID_ARGUMENT', 'Requests are accepted only from the companion window.');
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
