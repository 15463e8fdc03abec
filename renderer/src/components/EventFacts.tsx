/** What a person needs to know about one event: time, location, organizer, attendees, description (as text). */
import type { EventView } from '../api';
import { formatPerson } from '../lib/format';
import { AttendeeList } from './AttendeeList';
import { EventTime } from './EventTime';
import { PlainText } from './PlainText';

export interface EventFactsProps {
  readonly event: EventView;
  readonly organizerZone?: string | null;
  /** Leave out the time row when the card shows times its own way (old → new). */
  readonly hideTime?: boolean;
}

export function EventFacts({ event, organizerZone, hideTime }: EventFactsProps) {
  return (
    <dl className="facts">
      {hideTime ? null : (
        <>
          <dt>When</dt>
          <dd>
            <EventTime start={event.start} end={event.end} allDay={event.allDay} organizerZone={organizerZone ?? null} />
            {event.recurring ? <span className="muted"> · repeats</span> : null}
          </dd>
        </>
      )}
      {event.status && event.status.toUpperCase() !== 'CONFIRMED' ? (
        <>
          <dt>Status</dt>
          <dd>{event.status.toLowerCase()}</dd>
        </>
      ) : null}
      <dt>Where</dt>
      <dd>{event.location ? event.location : <span className="muted">No location given</span>}</dd>
      <dt>Organizer</dt>
      <dd>
        {event.organizer ? formatPerson(event.organizer) : <span className="muted">None given</span>}
        {event.organizer?.undelivered ? <span className="attendee-undelivered"> · your last answer could not be delivered to them</span> : null}
      </dd>
      <dt>Attendees</dt>
      <dd>
        <AttendeeList attendees={event.attendees} />
      </dd>
      {event.description ? (
        <>
          <dt>Description</dt>
          <dd>
            <PlainText text={event.description} className="description" />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
