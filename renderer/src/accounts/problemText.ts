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
  return a.problem ? `${sentence} ${w.t('accounts.problem.detail', { detail: a.problem })}` : sentence;
}
