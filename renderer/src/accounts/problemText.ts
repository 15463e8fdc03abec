/**
 * An account's problem as the list and the banner say it: the catalogue's sentence for its code
 * (`MailAccountView.reason`), then what the server said as detail; the server's text alone only where no code
 * came with it.
 */
import type { MailAccountView } from '../api';
import type { Words } from '../lib/i18n';

export function problemText(w: Words, a: Pick<MailAccountView, 'reason' | 'problem'>): string {
  if (!a.reason) return a.problem ?? '';
  const sentence = w.text(a.reason);
  // A provider's refusal is said in full by the sentence; its detail is our own English text.
  const fromServer = a.reason.params?.server !== 'oauth';
  return a.problem && fromServer ? `${sentence} ${w.t('accounts.problem.detail', { detail: a.problem })}` : sentence;
}
