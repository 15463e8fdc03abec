/**
 * One meeting of a series the organizer cancelled while the series goes on: said in words, and removed either
 * alone (the series keeps its other meetings) or with the whole series. Nobody is told either way: the organizer
 * already knows. A series cancelled as a whole is left to the event actions' own Remove.
 */
import { useState } from 'react';
import { getApi, type EventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errorWords';
import { useWords } from '../../lib/i18n';
import { offerUndo } from '../../organize/undoOffer';

export interface CancelledOccurrenceProps {
  readonly event: EventView;
  /** The meeting (or the series) left the calendar. */
  readonly onRemoved: () => void;
}

export function CancelledOccurrence({ event, onRemoved }: CancelledOccurrenceProps) {
  const w = useWords();
  const [error, setError] = useState<string | null>(null);

  async function remove(recurrenceId: string | null): Promise<void> {
    setError(null);
    const r = await getApi().removeEvent({ uid: event.uid, recurrenceId });
    if (!r.ok) return setError(errorText(w, r.error));
    if (r.value.outcome === 'error') return setError(w.text(r.value.reason));
    offerUndo(r.value.undo, w.text(r.value.reason));
    onRemoved();
  }

  return (
    <section className="event-actions cancelled-occurrence" aria-label={w.t('ui.organize.actions')}>
      <p className="notice">{w.t('ui.scope.cancelledOne')}</p>
      <div className="choice-buttons" role="group" aria-label={w.t('ui.scope.removeLegend')}>
        <button type="button" className="button primary" onClick={() => void remove(event.recurrenceId)}>
          {w.t('ui.scope.removeOccurrence')}
        </button>
        <button type="button" className="button" onClick={() => void remove(null)}>
          {w.t('ui.scope.removeSeries')}
        </button>
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
