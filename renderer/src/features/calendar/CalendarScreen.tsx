/**
 * The calendar: week, month and agenda views (FullCalendar 7), events from `listEvents` for the visible range,
 * refetched on `eventsChanged`. Clicking an event, or Enter/Space on it (FullCalendar makes events focusable
 * when there is a click handler), opens its details from `getEvent`.
 */
import FullCalendar from '@fullcalendar/react';
import type { CalendarRef, EventClickInfo, EventDisplayInfo, EventInput, EventSourceFuncInfo } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import listPlugin from '@fullcalendar/react/list';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { useCallback, useRef, useState } from 'react';
import { getApi, type CalendarEventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { usePrefersDark } from '../../lib/usePrefersDark';
import { useApiEvent } from '../../lib/useApiEvent';
import { EventDetails, type EventDetailsState } from './EventDetails';
import { eventKey, eventLook, LOOK_MARKS, LOOK_WORDS, type EventLook } from './eventLook';
import './calendar.css';

interface EventProps {
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly look: EventLook;
}

function toEventInput(e: CalendarEventView): EventInput {
  const look = eventLook(e);
  const props: EventProps = { uid: e.uid, recurrenceId: e.recurrenceId, look };
  return {
    id: eventKey(e),
    title: e.summary || '(no title)',
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    className: `ev ev-${look}`,
    extendedProps: props,
  };
}

function renderEvent(info: EventDisplayInfo) {
  const look = (info.event.extendedProps as EventProps).look;
  const words = LOOK_WORDS[look];
  return (
    <span className={`ev-content view-${info.view.type}`} title={words ? `${info.event.title} (${words})` : info.event.title}>
      {info.timeText ? <span className="ev-time">{info.timeText} </span> : null}
      {LOOK_MARKS[look] ? (
        <span className="ev-mark" aria-hidden="true">
          {LOOK_MARKS[look]}{' '}
        </span>
      ) : null}
      <span className="ev-title">{info.event.title}</span>
      {words ? <span className="visually-hidden"> ({words})</span> : null}
    </span>
  );
}

export interface CalendarScreenProps {
  /** The date shown first (ISO date); today when not given. */
  readonly initialDate?: string;
  /** 'timeGridWeek' (default), 'dayGridMonth' or 'agenda'. */
  readonly initialView?: 'timeGridWeek' | 'dayGridMonth' | 'agenda';
}

export function CalendarScreen({ initialDate, initialView = 'timeGridWeek' }: CalendarScreenProps = {}) {
  const calendarRef = useRef<CalendarRef>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [details, setDetails] = useState<EventDetailsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const dark = usePrefersDark();

  const fetchEvents = useCallback(async (info: EventSourceFuncInfo): Promise<EventInput[]> => {
    const result = await getApi().listEvents({ from: info.start.toISOString(), to: info.end.toISOString() });
    if (!result.ok) {
      setLoadError(result.error.message);
      return [];
    }
    setLoadError(null);
    return result.value.map(toEventInput);
  }, []);

  useApiEvent('eventsChanged', () => calendarRef.current?.getApi().refetchEvents());

  const openEvent = useCallback(async (info: EventClickInfo) => {
    info.jsEvent.preventDefault();
    const { uid, recurrenceId } = info.event.extendedProps as EventProps;
    returnFocus.current = info.el.closest<HTMLElement>('[tabindex]') ?? info.el;
    setDetails({ status: 'loading' });
    const result = await getApi().getEvent({ uid, recurrenceId });
    setDetails(result.ok ? { status: 'ready', event: result.value } : { status: 'error', message: result.error.message });
  }, []);

  const closeDetails = useCallback(() => {
    setDetails(null);
    const el = returnFocus.current;
    if (el?.isConnected) el.focus();
  }, []);

  return (
    <section className="screen calendar-screen" aria-labelledby="calendar-heading">
      <ScreenHeading id="calendar-heading">Calendar</ScreenHeading>
      <ErrorMessage message={loadError} />
      <p className="legend" aria-label="How answers look">
        <span className="legend-item ev-needs-action">? not answered yet</span>
        <span className="legend-item ev-tentative">~ tentative</span>
        <span className="legend-item ev-declined">✕ declined or cancelled</span>
      </p>
      <div className={details ? 'calendar-layout with-panel' : 'calendar-layout'}>
        <div className="calendar-host">
          <FullCalendar
            ref={calendarRef}
            plugins={[classicThemePlugin, dayGridPlugin, timeGridPlugin, listPlugin]}
            initialView={initialView}
            {...(initialDate ? { initialDate } : {})}
            headerToolbar={{ start: 'prev,next today', center: 'title', end: 'timeGridWeek,dayGridMonth,agenda' }}
            buttons={{ timeGridWeek: { text: 'Week' }, dayGridMonth: { text: 'Month' }, agenda: { text: 'Agenda' } }}
            views={{ agenda: { type: 'list', duration: { weeks: 4 } } }}
            firstDay={1}
            nowIndicator
            height="100%"
            colorScheme={dark ? 'dark' : 'light'}
            events={fetchEvents}
            eventContent={renderEvent}
            eventClick={(info) => void openEvent(info)}
            noEventsText="No events in this period"
            scrollTime="07:00:00"
          />
        </div>
        {details ? <EventDetails state={details} onClose={closeDetails} /> : null}
      </div>
    </section>
  );
}
