/**
 * An event's time in my zone, plus the organizer's (or the event's own) zone when it differs, both named, so a
 * person sees "Tue, 10 Mar, 09:00 – 10:00 (Central European Time) · organizer's time: 03:00 – 04:00 (Eastern
 * Time)".
 */
import { useWords } from '../lib/i18n';

export interface EventTimeProps {
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
  /** The zone the organizer wrote the event in (IANA), shown beside mine when it differs. */
  readonly organizerZone?: string | null;
}

export function EventTime({ start, end, allDay, organizerZone }: EventTimeProps) {
  const { time, t } = useWords();
  const span = { start, end, allDay };
  const other =
    !allDay &&
    !!start &&
    !!organizerZone &&
    organizerZone !== 'UTC' &&
    time.zoneName(organizerZone) !== time.zoneName(time.myZone);
  const mine = time.span(span);
  return (
    <span className="event-time">
      <span className="event-time-mine">
        {other ? t('ui.time.inZone', { time: mine, zone: time.zoneName(time.myZone) }) : mine}
      </span>
      {other && organizerZone ? (
        <span className="event-time-other">
          {' '}
          ·{' '}
          {t('ui.time.organizer', {
            time: t('ui.time.inZone', { time: time.span(span, organizerZone), zone: time.zoneName(organizerZone) }),
          })}
        </span>
      ) : null}
    </span>
  );
}
