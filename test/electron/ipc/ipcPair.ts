/**
 * An in-memory Electron IPC pair (VS Code's QueueProtocol idea): `main` stands in for ipcMain (handle /
 * removeHandler), `renderer` for ipcRenderer (invoke / on / removeListener), `send` for webContents.send. Values
 * are structured-cloned on the way, as Electron does, so a class instance or a function that would not survive the
 * real boundary fails here too. The sender frame of every call can be set, to test the sender check.
 */
import type { IpcInvokeEventLike, IpcMainLike } from '../../../electron/ipc/registerMainApi.js';
import type { IpcRendererLike } from '../../../electron/preload/windowApi.js';

type Handler = (event: IpcInvokeEventLike, arg: unknown) => Promise<unknown>;
type Listener = (event: unknown, payload: unknown) => void;

export const WINDOW_ID = 7;

export class IpcPair {
  readonly #handlers = new Map<string, Handler>();
  readonly #listeners = new Map<string, Set<Listener>>();
  /** What the next invoke reports as its sender; default: the main window's top frame on our page. */
  sender: IpcInvokeEventLike = {
    sender: { id: WINDOW_ID },
    senderFrame: { url: 'app://companion/index.html', parent: null },
  };
  readonly invoked: string[] = [];

  readonly main: IpcMainLike = {
    handle: (ch, handler) => {
      if (this.#handlers.has(ch)) throw new Error(`Attempted to register a second handler for '${ch}'`);
      this.#handlers.set(ch, handler);
    },
    removeHandler: (ch) => void this.#handlers.delete(ch),
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (ch, arg) => {
      this.invoked.push(ch);
      const handler = this.#handlers.get(ch);
      if (!handler) throw new Error(`Error invoking remote method '${ch}': Error: No handler registered for '${ch}'`);
      return structuredClone(await handler(this.sender, structuredClone(arg)));
    },
    on: (ch, listener) => {
      let set = this.#listeners.get(ch);
      if (!set) this.#listeners.set(ch, (set = new Set()));
      set.add(listener);
    },
    removeListener: (ch, listener) => void this.#listeners.get(ch)?.delete(listener),
  };

  /** webContents.send */
  send = (ch: string, payload: unknown): void => {
    for (const l of [...(this.#listeners.get(ch) ?? [])]) l({ sender: 'ipc-renderer-event' }, structuredClone(payload));
  };

  get channels(): string[] {
    return [...this.#handlers.keys()];
  }

  listenerCount(ch: string): number {
    return this.#listeners.get(ch)?.size ?? 0;
  }
}
