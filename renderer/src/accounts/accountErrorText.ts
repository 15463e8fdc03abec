/**
 * An account form's error in the person's language: the service's own wording (`IpcError.reason`, from the
 * catalogue) with its detail after it, else the code's sentence (lib/errorWords.ts). Never the English text alone.
 */
import type { IpcError } from '../../../shared/ipc/contract.js';
import { errorText } from '../lib/errorWords';
import type { Words } from '../lib/i18n';

export function accountErrorText(w: Words, error: IpcError): string {
  if (!error.reason) return errorText(w, error);
  const sentence = w.text(error.reason);
  const detail = error.reason.params?.detail;
  return typeof detail === 'string' && detail ? w.t('accounts.form.withDetail', { sentence, detail }) : sentence;
}
