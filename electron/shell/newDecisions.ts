/**
 * Which open decisions the person has not been told about yet: one desktop notification per new decision, none for
 * the ones already open when the app started or already notified, none again after a decision comes back with the
 * same id (the store's id is a hash of what it is about).
 */
import type { PendingDecision } from '../../shared/model/decisions.js';
import type { Translator } from '../../shared/i18n/index.js';

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

/** Title and body of a decision's notification in the person's language (plain text; the platform renders it). */
export function notificationText(d: PendingDecision, t: Translator): { title: string; body: string } {
  const first = d.warnings[0];
  const warning = first ? ` ⚠ ${t.render(first)}` : '';
  return {
    title: t.t('desktop.decision.title', { kind: t.t(`ui.kind.${d.kind}`), summary: d.summary }),
    body: `${t.render(d.reason)}${warning}`.slice(0, 300),
  };
}

/** The tray's tooltip and the labels of its menu. */
export function trayWords(
  count: number,
  t: Translator,
): { tooltip: string; status: string; open: string; quit: string } {
  return {
    tooltip: t.t('desktop.tray.tooltip', { count }),
    status: t.t('desktop.tray.status', { count }),
    open: t.t('desktop.tray.open'),
    quit: t.t('desktop.tray.quit'),
  };
}
