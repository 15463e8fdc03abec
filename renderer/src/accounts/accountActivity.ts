/**
 * How the activity list words an account's entry (source 'account'): a login or sign-in that started failing, or
 * works again. The reason is the catalogue's sentence (`accounts.problem.<code>`, `accounts.activity.restored.*`);
 * the server's own text, where there is one, follows as detail.
 */
import type { ActivityEntry } from '../api';
import type { Words } from '../lib/i18n';

export function describeAccountEntry(
  w: Words,
  e: ActivityEntry,
): { time: string; by: string; kind: string; outcome: string; reason: string } {
  const sentence = w.text(e.reason);
  const detail = e.reason.params?.detail;
  const failed = e.outcome === 'error';
  return {
    time: w.time.instant(e.at),
    by: String(e.reason.params?.account ?? e.account ?? ''),
    kind: w.t('accounts.activity.kind'),
    outcome: failed ? w.t('accounts.activity.failed') : w.t('accounts.activity.restored'),
    reason:
      failed && typeof detail === 'string' && detail && e.reason.params?.server !== 'oauth'
        ? `${sentence} ${w.t('accounts.problem.detail', { detail })}`
        : sentence,
  };
}
