/** Building and checking `IpcResult` envelopes (errors cross as data; see contract.ts). */
import type { Message } from '../i18n/index.js';
import { IPC_ERRORS, type IpcError, type IpcErrorCode, type IpcResult } from './contract.js';

export function ipcOk<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** An error result; without a message the code's standard sentence is used. `reason`: the catalogue's wording. */
export function ipcFail<T = never>(code: IpcErrorCode, message?: string, reason?: Message): IpcResult<T> {
  return { ok: false, error: { code, message: message ?? IPC_ERRORS[code], ...(reason ? { reason } : {}) } };
}

export function isIpcErrorCode(code: unknown): code is IpcErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(IPC_ERRORS, code);
}

/** Whether a value that crossed a process boundary has the envelope's shape. */
export function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: Partial<IpcError> };
  if (v.ok === true) return 'value' in v;
  return (
    v.ok === false &&
    typeof v.error === 'object' &&
    v.error !== null &&
    isIpcErrorCode(v.error.code) &&
    typeof v.error.message === 'string'
  );
}
