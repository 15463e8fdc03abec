/**
 * An error from the main process or the web host in the person's language: its own catalogue message where it
 * carries one (`reason`: a setting refused with what is wrong), else the catalogue's sentence for its code, with the
 * host's own detail after it where that says more (an SMTP server's answer, what failed inside). The sentence the
 * host sends is English and stays the log's; the code and the reason are what the screen words.
 */
import { IPC_ERRORS, type IpcError } from '../../../shared/ipc/contract.js';
import type { Words } from './i18n';

/** Codes whose message from the host carries a detail worth showing beside the sentence. */
const WITH_DETAIL: ReadonlySet<string> = new Set(['DECISION_FAILED', 'CONNECTION_FAILED', 'INTERNAL', 'NOT_FOUND']);

export function errorText(
  w: Words,
  error: Pick<IpcError, 'code' | 'message' | 'reason'> | { code: string; message: string; reason?: undefined },
): string {
  if (error.reason) return w.text(error.reason);
  const code = error.code as keyof typeof IPC_ERRORS;
  if (!(code in IPC_ERRORS)) return w.text(error.message);
  const sentence = w.t(`ui.error.${code}`);
  const detail = error.message?.trim();
  if (!WITH_DETAIL.has(code) || !detail || detail === IPC_ERRORS[code]) return sentence;
  return w.t('ui.error.withDetail', { sentence, detail: w.text(detail) });
}
