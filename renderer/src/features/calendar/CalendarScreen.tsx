/**
 * The calendar: week, month and agenda views (FullCalendar 7) in the person's language and time format, events
 * from `listEvents` for the visible range, refetched on `eventsChanged`. Clicking an event, or Enter/Space on it,
 * opens its details from `getEvent` (a side panel on wide windows, a drawer over the grid on narrow ones); arrow
 * keys move between events. Opened with a target (from Activity), it goes to that event and shows its details.
 */
import FullCalendar from '@fullcalendar/react';
import type {
  CalendarRef,
  EventClickInfo,
  EventDisplayInfo,
  EventInput,
  EventSourceFuncInfo,
  FormatterInput,
} from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import listPlugin from '@fullcalendar/react/list';
import deLocale from '@fullcalendar/react/locales/de';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CalendarTarget } from '../../App';
import { getApi, type CalendarEventView } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useWords, type Words } from '../../lib/i18n';
import { useApiEvent } from '../../lib/useApiEvent';
import { useNarrow } from '../../lib/useNarrow';
import { usePrefersDark } from '../../lib/usePrefersDark';
import { EventDetails, type EventDetailsState } from './EventDetails';
import { eventKey, eventLook, LOOK_MARKS, type EventLook } from './eventLook';
import { NewMeetingButton } from '../../organize/NewMeeting';
import './calendar.css';
import { safeColour } from '../../calendars/ColourSwatch';
import { errorText } from '../../lib/errorWords';

interface EventProps {
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly look: EventLook;
  /** The server calendar's colour (checked), drawn as a small mark; its name is in the details panel. */
  readonly colour: string | null;
}

function toEventInput(w: Words, e: CalendarEventView): EventInput {
  const look = eventLook(e);
  const props: EventProps = { uid: e.uid, recurrenceId: e.recurrenceId, look, colour: safeColour(e.calendar?.color) };
  return {
    id: eventKey(e),
    title: e.summary || w.t('ui.card.noTitle'),
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    className: `ev ev-${look}`,
    extendedProps: props,
  };
}

function lookWords(w: Words, look: EventLook): string {
  return look === 'confirmed' ? '' : w.t(`ui.calendar.look.${look}`);
}

/**
 * Times in the grid, the axis and the agenda as every other time in the app: Intl's own output for the locale (12 or
 * 24 hours as it says). FullCalendar's option formats glue the day period to the figures ("4:00PM", "3p"); a
 * formatter function's text is used as it is.
 */
const SHORT_MS = 45 * 60_000;

type FormatterFunc = Extract<FormatterInput, (info: never) => string>;
function clockFormat(w: Words): FormatterFunc {
  return (info) => w.time.clock(info.start.instantMs, info.end?.instantMs ?? null);
}

/** The element that takes focus for an event: FullCalendar puts the tabindex on the event or on its wrapper. */
function focusTarget(ev: HTMLElement): HTMLElement {
  return ev.closest<HTMLElement>('[tabindex="0"]') ?? ev.querySelector<HTMLElement>('[tabindex="0"]') ?? ev;
}

/** Arrow keys move focus to the previous / next event in the grid (in reading order). */
export function moveBetweenEvents(e: KeyboardEvent<HTMLDivElement>): void {
  const step =
    e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return;
  const targets = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('.ev')).map(focusTarget);
  const index = targets.findIndex((t) => t === e.target || t.contains(e.target as Node));
  const next = index >= 0 ? targets[index + step] : undefined;
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export interface CalendarScreenProps {
  /** The date shown first (ISO date); today when not given. */
  readonly initialDate?: string;
  /** 'timeGridWeek' (default), 'dayGridMonth' or 'agenda'. */
  readonly initialView?: 'timeGridWeek' | 'dayGridMonth' | 'agenda';
  /** An event to go to and open. */
  readonly target?: CalendarTarget | null;
}

export function CalendarScreen({ initialDate, initialView = 'timeGridWeek', target }: CalendarScreenProps = {}) {
  const w = useWords();
  const calendarRef = useRef<CalendarRef>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [details, setDetails] = useState<EventDetailsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const dark = usePrefersDark();
  const narrow = useNarrow();
  const clock = useMemo(() => clockFormat(w), [w]);

  const fetchEvents = useCallback(
    async (info: EventSourceFuncInfo): Promise<EventInput[]> => {
      // Cancelled meetings stay visible, struck through, until removed (Remove from calendar in their details).
      const result = await getApi().listEvents({
        from: info.start.toISOString(),
        to: info.end.toISOString(),
        includeCancelled: true,
      });
      if (!result.ok) {
        setLoadError(errorText(w, result.error));
        return [];
      }
      setLoadError(null);
      return result.value.map((e) => toEventInput(w, e));
    },
    [w],
  );

  useApiEvent('eventsChanged', () => calendarRef.current?.getApi().refetchEvents());

  const showEvent = useCallback(
    async (uid: string, recurrenceId: string | null) => {
      setDetails({ status: 'loading' });
      const result = await getApi().getEvent({ uid, recurrenceId });
      setDetails(
        result.ok ? { status: 'ready', event: result.value } : { status: 'error', message: errorText(w, result.error) },
      );
      if (result.ok && result.value.start) calendarRef.current?.getApi().gotoDate(result.value.start.slice(0, 10));
    },
    [w],
  );

  useEffect(() => {
    if (target) void showEvent(target.uid, target.recurrenceId);
  }, [target, showEvent]);

  const openEvent = useCallback(
    async (info: EventClickInfo) => {
      info.jsEvent.preventDefault();
      const { uid, recurrenceId } = info.event.extendedProps as EventProps;
      returnFocus.current = info.el.closest<HTMLElement>('[tabindex]') ?? info.el;
      await showEvent(uid, recurrenceId);
    },
    [showEvent],
  );

  const closeDetails = useCallback(() => {
    setDetails(null);
    const el = returnFocus.current;
    if (el?.isConnected) el.focus();
  }, []);

  const renderEvent = useCallback(
    (info: EventDisplayInfo) => {
      const { look, colour } = info.event.extendedProps as EventProps;
      const words = lookWords(w, look);
      // Under 45 minutes a block has room for one line: the title first, the time after it on the same line.
      const { start, end } = info.event;
      const short = !!start && !!end && end.getTime() - start.getTime() < SHORT_MS;
      return (
        <span
          className={`ev-content view-${info.view.type}${short ? ' ev-short' : ''}`}
          title={words ? `${info.event.title} (${words})` : info.event.title}
        >
          {colour ? <span className="ev-calendar-mark" aria-hidden="true" style={{ background: colour }} /> : null}
          {info.timeText && !short ? <span className="ev-time">{info.timeText} </span> : null}
          {LOOK_MARKS[look] ? (
            <span className="ev-mark" aria-hidden="true">
              {LOOK_MARKS[look]}{' '}
            </span>
          ) : null}
          <span className="ev-title">{info.event.title}</span>
          {info.timeText && short ? <span className="ev-time"> {info.timeText}</span> : null}
          {words ? <span className="visually-hidden"> ({words})</span> : null}
        </span>
      );
    },
    [w],
  );

  const layout = ['calendar-layout', details ? 'with-panel' : '', details && narrow ? 'as-drawer' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section className="screen calendar-screen" aria-labelledby="calendar-heading">
      <div className="calendar-heading-row">
        <ScreenHeading id="calendar-heading">{w.t('ui.calendar.heading')}</ScreenHeading>
        <NewMeetingButton />
      </div>
      <ErrorMessage message={loadError} />
      <div className="calendar-notes">
        <p className="legend" aria-label={w.t('ui.calendar.legend')}>
          <span className="legend-item ev-needs-action">{w.t('ui.calendar.legendNeedsAction')}</span>
          <span className="legend-item ev-tentative">{w.t('ui.calendar.legendTentative')}</span>
          <span className="legend-item ev-declined">{w.t('ui.calendar.legendDeclined')}</span>
        </p>
        <p className="muted zone-note">{w.t('ui.time.yourZone', { zone: w.time.zoneName(w.time.myZone) })}</p>
      </div>
      <div className={layout}>
        <div
          className="calendar-host"
          onKeyDown={moveBetweenEvents}
          inert={details !== null && narrow ? true : undefined}
        >
          <FullCalendar
            ref={calendarRef}
            key={w.locale}
            plugins={[classicThemePlugin, dayGridPlugin, timeGridPlugin, listPlugin]}
            initialView={initialView}
            {...(initialDate ? { initialDate } : {})}
            locale={w.locale === 'de' ? deLocale : w.time.intlLocale}
            headerToolbar={{ start: 'prev,next today', center: 'title', end: 'timeGridWeek,dayGridMonth,agenda' }}
            buttons={{
              timeGridWeek: { text: w.t('ui.calendar.week') },
              dayGridMonth: { text: w.t('ui.calendar.month') },
              agenda: { text: w.t('ui.calendar.agenda') },
            }}
            views={{ agenda: { type: 'list', duration: { weeks: 4 } } }}
            eventTimeFormat={clock}
            slotHeaderFormat={clock}
            slotHeaderClass="slot-label"
            firstDay={1}
            nowIndicator
            height="100%"
            colorScheme={dark ? 'dark' : 'light'}
            events={fetchEvents}
            eventContent={renderEvent}
            eventClick={(info) => void openEvent(info)}
            noEventsText={w.t('ui.calendar.noEvents')}
            scrollTime="07:00:00"
          />
        </div>
        {details ? (
          <EventDetails
            state={details}
            onClose={closeDetails}
            onChanged={(gone) => {
              if (gone) closeDetails();
              else if (details.status === 'ready') void showEvent(details.event.uid, details.event.recurrenceId);
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
