/**
 * The details panel for one calendar event (from `getEvent`): time, location, organizer, attendees with their
 * answers, description as plain text. Escape or the close button closes it.
 */
import { useEffect, useId, useRef } from 'react';
import type { EventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EventFacts } from '../../components/EventFacts';

export type EventDetailsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly event: EventView };

export interface EventDetailsProps {
  readonly state: EventDetailsState;
  readonly onClose: () => void;
}

export function EventDetails({ state, onClose }: EventDetailsProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  useEffect(() => {
    headingRef.current?.focus();
  }, [ready]);
  const title = state.status === 'ready' ? state.event.summary || '(no title)' : state.status === 'loading' ? 'Loading event…' : 'Event';
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
        <button type="button" className="button icon-button" onClick={onClose} aria-label="Close event details">
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {state.status === 'error' ? <ErrorMessage message={state.message} /> : null}
      {state.status === 'ready' ? <EventFacts event={state.event} /> : null}
    </aside>
  );
}
