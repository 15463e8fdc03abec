/** Which calendar an event is in, for the details panel: the server calendar's colour and name, or "this computer". */
import type { CalendarTag } from '../api';
import { useWords } from '../lib/i18n';
import { ColourSwatch } from './ColourSwatch';
import './calendars.css';

export function EventCalendar({ calendar }: { readonly calendar: CalendarTag | null }) {
  const w = useWords();
  return (
    <dl className="facts event-calendar">
      <dt>{w.t('calendars.event.calendar')}</dt>
      <dd>
        {calendar ? (
          <>
            <ColourSwatch color={calendar.color} /> {calendar.name}
          </>
        ) : (
          w.t('calendars.event.local')
        )}
      </dd>
    </dl>
  );
}
