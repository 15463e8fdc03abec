/**
 * The one boundary between a transport (Electron IPC, the web host's HTTP API) and the app service: the argument
 * is validated against its schema (shared/ipc/schemas.ts) and the answer enveloped as an `IpcResult` here, once,
 * whichever transport carried the call. Behind it the service's methods take checked arguments, return plain
 * values and throw `IpcFailure` for an expected failure; anything else thrown becomes `INTERNAL` (and is logged).
 */
import {
  MAIN_API_METHODS,
  type IpcErrorCode,
  type IpcResult,
  type MainApi,
  type MainApiMethod,
} from '../../shared/ipc/contract.js';
import type { Message } from '../../shared/i18n/index.js';
import { validateArg, type ArgOf, type ValueOf } from '../../shared/ipc/schemas.js';
import { ipcFail, ipcOk } from '../../shared/ipc/results.js';

/** `MainApi` as the service implements it: checked arguments in, plain values out. */
export type MainApiHandlers = {
  readonly [K in MainApiMethod]: (...args: Parameters<MainApi[K]>) => Promise<ValueOf<K>>;
};

/** An expected failure inside a method: becomes `{ ok: false, error: { code, message } }`. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    /** The catalogue's wording of this failure, for the person (the message stays English, for the log). */
    readonly reason?: Message,
  ) {
    super(message);
  }
}

/** Validates `raw`, runs the handler and envelopes what it returns or throws. Never throws. */
export async function serveMainApi<K extends MainApiMethod>(
  handlers: MainApiHandlers,
  method: K,
  raw: unknown,
  log: (line: string) => void = () => undefined,
): Promise<IpcResult<ValueOf<K>>> {
  const arg = validateArg(method, raw);
  if (!arg.ok) return arg;
  try {
    return ipcOk(await (handlers[method] as unknown as (a: ArgOf<K>) => Promise<ValueOf<K>>)(arg.value));
  } catch (e) {
    if (e instanceof IpcFailure) return ipcFail(e.code, e.message, e.reason);
    log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return ipcFail(
      'INTERNAL',
      `Something went wrong inside the companion: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The handlers seen as the renderer sees them (every call enveloped): for in-process callers and tests. */
export function enveloped(handlers: MainApiHandlers, log?: (line: string) => void): MainApi {
  return Object.fromEntries(
    MAIN_API_METHODS.map((m) => [m, (raw?: unknown) => serveMainApi(handlers, m, raw, log)]),
  ) as unknown as MainApi;
}
