/**
 * An action's result in words: the engine's reason, and for the organizer's operations who was not mailed
 * because the iMIP address patterns leave them out (they are on the meeting, but were told nothing).
 */
import type { ActionOutcome } from '../../../shared/ipc/contract.js';
import type { Words } from '../lib/i18n';

export function outcomeWords(w: Words, o: ActionOutcome): string {
  const reason = w.text(o.reason);
  const skipped = o.notMailed ?? [];
  if (!skipped.length) return reason;
  return `${reason} ${w.t('ui.organize.notMailed', { count: skipped.length, addresses: skipped.join(', ') })}`;
}
