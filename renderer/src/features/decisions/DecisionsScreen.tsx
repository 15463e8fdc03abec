/**
 * The decisions waiting for me: loads `listDecisions`, reloads on `decisionsChanged`, carries out a choice with
 * `decide`, removes the card and announces the engine's outcome. Focus moves to the next card (or the heading)
 * so a keyboard user is never dropped on <body>, and to a given card when a notification was clicked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../../../shared/i18n/catalogue.js';
import { getApi, type Choice, type DecisionView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useWords } from '../../lib/i18n';
import { useApiEvent } from '../../lib/useApiEvent';
import { DecisionCard } from './DecisionCard';
import './decisions.css';
import { offerUndo } from '../../organize/undoOffer';
import { errorText } from '../../lib/errorWords';

export interface DecisionsScreenProps {
  /** Set when a notification was clicked; `seq` changes for every click so the same id can be focused again. */
  readonly focusRequest: { readonly id: string; readonly seq: number } | null;
}

export function DecisionsScreen({ focusRequest }: DecisionsScreenProps) {
  const w = useWords();
  const [decisions, setDecisions] = useState<DecisionView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | 'heading' | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().listDecisions();
    if (result.ok) {
      setDecisions(result.value);
      setLoadError(null);
    } else {
      setLoadError(errorText(w, result.error));
    }
  }, [w]);

  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('decisionsChanged', () => void load());

  useEffect(() => {
    if (focusRequest) {
      pendingFocus.current = focusRequest.id;
      void load();
    }
  }, [focusRequest, load]);

  // Carry out a focus request once the card (or the heading) is in the DOM.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || !decisions) return;
    if (target === 'heading') {
      headingRef.current?.focus();
      pendingFocus.current = null;
      return;
    }
    const cards = listRef.current?.querySelectorAll<HTMLElement>('[data-decision-id]') ?? [];
    const card = Array.from(cards).find((el) => el.dataset.decisionId === target);
    if (card) {
      card.focus();
      card.scrollIntoView?.({ block: 'nearest' });
      pendingFocus.current = null;
    }
  });

  const decide = useCallback(
    async (decision: DecisionView, choice: Choice, comment: string | null): Promise<string | null> => {
      const result = await getApi().decide({ id: decision.id, choice, comment });
      if (!result.ok) return errorText(w, result.error);
      setAnnouncement(w.text(result.value.reason as string | Message));
      offerUndo(result.value.undo, w.text(result.value.reason as string | Message));
      setDecisions((list) => {
        if (!list) return list;
        const index = list.findIndex((d) => d.id === decision.id);
        const rest = list.filter((d) => d.id !== decision.id);
        const next = rest[index] ?? rest[index - 1];
        pendingFocus.current = next ? next.id : 'heading';
        return rest;
      });
      return null;
    },
    [w],
  );

  return (
    <section className="screen decisions-screen" aria-labelledby="decisions-heading">
      <ScreenHeading id="decisions-heading" ref={headingRef}>
        {w.t('ui.decisions.heading')}
      </ScreenHeading>
      {decisions && decisions.length > 0 ? (
        <p className="muted zone-note">{w.t('ui.time.yourZone', { zone: w.time.zoneName(w.time.myZone) })}</p>
      ) : null}
      <p className="confirmation" role="status" aria-live="polite">
        {announcement ? (
          <>
            <span aria-hidden="true">✓ </span>
            {announcement}
          </>
        ) : null}
      </p>
      <ErrorMessage message={loadError} />
      {decisions === null && !loadError ? <p className="muted">{w.t('ui.app.loading')}</p> : null}
      {decisions !== null && decisions.length === 0 ? <p className="empty">{w.t('ui.decisions.empty')}</p> : null}
      <div className="card-list" ref={listRef}>
        {decisions?.map((d) => (
          <DecisionCard key={d.id} decision={d} onDecide={(choice, comment) => decide(d, choice, comment)} />
        ))}
      </div>
    </section>
  );
}
