/**
 * The details panel for one calendar event (from `getEvent`): time in my zone and the event's own, how it
 * repeats, the join button, location, organizer, attendees with their answers, the description. Escape or the
 * close button closes it. On narrow windows it is a drawer over the calendar (calendar.css).
 */
import { useEffect, useId, useRef } from 'react';
import type { CalendarTag, EventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EventFacts } from '../../components/EventFacts';
import { useWords } from '../../lib/i18n';
import { EventActions } from '../../organize/EventActions';
import { EventCalendar } from '../../calendars/EventCalendar';

export type EventDetailsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly event: EventView & { readonly calendar?: CalendarTag | null } };

export interface EventDetailsProps {
  readonly state: EventDetailsState;
  readonly onClose: () => void;
  /** An action in the details changed the event (`gone`: it left the calendar). */
  readonly onChanged?: (gone?: boolean) => void;
}

export function EventDetails({ state, onClose, onChanged }: EventDetailsProps) {
  const w = useWords();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  useEffect(() => {
    headingRef.current?.focus();
  }, [ready]);
  const title =
    state.status === 'ready'
      ? state.event.summary || w.t('ui.card.noTitle')
      : state.status === 'loading'
        ? w.t('ui.calendar.loadingEvent')
        : w.t('ui.calendar.event');
  return (
    <aside
      className="event-panel"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="event-panel-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="button icon-button" onClick={onClose} aria-label={w.t('ui.calendar.close')}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {state.status === 'error' ? <ErrorMessage message={state.message} /> : null}
      {state.status === 'ready' ? <EventFacts event={state.event} /> : null}
      {state.status === 'ready' && state.event.calendar !== undefined ? (
        <EventCalendar calendar={state.event.calendar} />
      ) : null}
      {state.status === 'ready' && onChanged ? <EventActions event={state.event} onChanged={onChanged} /> : null}
    </aside>
  );
}
