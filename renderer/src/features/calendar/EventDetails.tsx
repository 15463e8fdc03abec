/**
 * The details panel for one calendar event (from `getEvent`): time in my zone and the event's own, how it
 * repeats, the join button, location, organizer, attendees with their answers, the description. Escape or the
 * close button closes it. On narrow windows it is a drawer over the calendar (calendar.css).
 *
 * One meeting of a series I attend asks whether my answer is for that meeting or the whole series; one cancelled
 * meeting of a series that goes on is removed alone or with its series (never the whole series unasked).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { getApi, type CalendarTag, type EventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EventFacts } from '../../components/EventFacts';
import { useWords } from '../../lib/i18n';
import { EventActions } from '../../organize/EventActions';
import { EventCalendar } from '../../calendars/EventCalendar';
import { useMe } from '../../organize/useMe';
import { CancelledOccurrence } from './CancelledOccurrence';
import { SeriesChoice, type SeriesScope } from './SeriesChoice';

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
      {state.status === 'ready' && onChanged ? (
        <Actions
          key={`${state.event.uid}|${state.event.recurrenceId ?? ''}`}
          event={state.event}
          onChanged={onChanged}
        />
      ) : null}
    </aside>
  );
}

const cancelledStatus = (status: string | null | undefined): boolean => status?.toUpperCase() === 'CANCELLED';

/** The actions for the event, with the choice of one meeting or the whole series where it applies. */
function Actions({ event, onChanged }: { event: EventView; onChanged: (gone?: boolean) => void }) {
  const w = useWords();
  const me = useMe();
  const [scope, setScope] = useState<SeriesScope>('occurrence');
  const single = event.recurrenceId !== null;
  const cancelled = cancelledStatus(event.status);
  // Whether the series itself goes on (its master is not cancelled): only then is one meeting removed alone.
  const [seriesLive, setSeriesLive] = useState<boolean | null>(null);
  useEffect(() => {
    if (!single || !cancelled) return;
    let live = true;
    void getApi()
      .getEvent({ uid: event.uid, recurrenceId: null })
      .then((r) => {
        if (live) setSeriesLive(r.ok && !cancelledStatus(r.value.status));
      });
    return () => {
      live = false;
    };
  }, [single, cancelled, event.uid]);
  if (single && cancelled) {
    if (seriesLive === null) return null;
    if (seriesLive) return <CancelledOccurrence event={event} onRemoved={() => onChanged(true)} />;
    return <EventActions event={{ ...event, recurrenceId: null }} onChanged={onChanged} />;
  }
  const organizer = event.organizer?.address.toLowerCase() ?? null;
  const attending =
    (organizer === null || !me.includes(organizer)) &&
    event.attendees.some((a) => me.includes(a.address.toLowerCase()));
  if (!single || !attending) return <EventActions event={event} onChanged={onChanged} />;
  return (
    <>
      <SeriesChoice
        value={scope}
        onChange={setScope}
        when={w.time.span({ start: event.start, end: null, allDay: event.allDay })}
      />
      <EventActions event={scope === 'series' ? { ...event, recurrenceId: null } : event} onChanged={onChanged} />
    </>
  );
}
