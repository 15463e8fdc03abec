/**
 * Which open decisions the person has not been told about yet: one desktop notification per new decision, none for
 * the ones already open when the app started or already notified, none again after a decision comes back with the
 * same id (the store's id is a hash of what it is about).
 */
import type { PendingDecision } from '../../shared/model/decisions.js';
import { english } from '../../shared/i18n/index.js';

export class DecisionNotifier {
  #seen: Set<string>;

  constructor(alreadyOpen: readonly PendingDecision[]) {
    this.#seen = new Set(alreadyOpen.map((d) => d.id));
  }

  /** The decisions in `open` not seen before, oldest first; remembers them. */
  next(open: readonly PendingDecision[]): PendingDecision[] {
    const fresh = open.filter((d) => !this.#seen.has(d.id));
    for (const d of fresh) this.#seen.add(d.id);
    return fresh;
  }
}

/** Title and body of a decision's notification (plain text; the platform renders it). */
export function notificationText(d: PendingDecision): { title: string; body: string } {
  const what: Partial<Record<PendingDecision['kind'], string>> = {
    invitation: 'Invitation',
    reschedule: 'Meeting moved',
    update: 'Meeting changed',
    'party-crasher': 'Uninvited attendee',
    counter: 'New time proposed',
    cancel: 'Meeting cancelled',
  };
  const first = d.warnings[0];
  const warning = first ? ` ⚠ ${english.render(first)}` : '';
  return {
    title: `${what[d.kind] ?? 'Decision needed'}: ${d.summary}`,
    body: `${english.render(d.reason)}${warning}`.slice(0, 300),
  };
}

export function trayTooltip(count: number): string {
  return count === 0
    ? 'iMIP Companion: nothing to decide'
    : `iMIP Companion: ${count} open decision${count === 1 ? '' : 's'}`;
}
