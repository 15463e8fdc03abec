/**
 * An event's time in my zone, plus the organizer's zone when it differs (DecisionView.organizerZone), so a
 * person sees both "10:00 here" and "16:00 in Europe/Berlin".
 */
import { formatSpan, myTimeZone } from '../lib/format';

export interface EventTimeProps {
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly organizerZone?: string | null;
}

export function EventTime({ start, end, allDay, organizerZone }: EventTimeProps) {
  const span = { start, end, allDay };
  const showOther = !allDay && !!organizerZone && organizerZone !== myTimeZone();
  return (
    <span className="event-time">
      <span className="event-time-mine">{formatSpan(span)}</span>
      {showOther ? (
        <span className="event-time-other">
          {' '}
          (organizer's time: {formatSpan(span, organizerZone)}, {organizerZone})
        </span>
      ) : null}
    </span>
  );
}
