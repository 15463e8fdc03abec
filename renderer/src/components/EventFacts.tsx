/**
 * What a person needs to know about one event: time (with the event's own zone), how it repeats, location,
 * organizer, attendees, the join button and the description (sanitized rich text), and the text of the mail
 * it came in when that is where the sender wrote it.
 */
import { useState } from 'react';
import { describeRecurrence } from '../../../shared/calendar/recurrenceWords.js';
import type { EventView } from '../api';
import type { OccurrenceChange } from '../../../shared/model/decisions.js';
import { formatPerson } from '../lib/format';
import { useWords } from '../lib/i18n';
import { nextOccurrence } from '../lib/nextOccurrence';
import { AttendeeList } from './AttendeeList';
import { EventTime } from './EventTime';
import { JoinButton } from './JoinButton';
import { MailText } from './MailText';
import { RichDescription } from './RichDescription';

export interface EventFactsProps {
  readonly event: EventView;
  readonly organizerZone?: string | null;
  /** Leave out the time row when the card shows times its own way (old → new). */
  readonly hideTime?: boolean;
  /** Leave out the location row when the card shows it its own way. */
  readonly hideLocation?: boolean;
  /** The HTML body of the mail the event came in (unsanitized), shown when the event has no HTML text itself. */
  readonly mailHtml?: string | null;
  /** Single meetings of the series the message moves or cancels: the next one shown is where it really is. */
  readonly changes?: readonly OccurrenceChange[];
  /** Instants (ISO) of the series' meetings my calendar has cancelled since: never shown as the next one. */
  readonly cancelled?: readonly string[];
}

/**
 * The next meeting as the person will attend it: the rule's next instance, moved where an override moved it,
 * or the one after when the message or my calendar (a cancellation that came later) cancels it (a few steps at
 * most beyond the cancelled ones).
 */
function nextMeeting(
  event: EventView,
  now: number,
  changes: readonly OccurrenceChange[],
  cancelled: readonly string[],
): { start: string; end: string | null } | null {
  const gone = new Set(cancelled.map((c) => Date.parse(c)));
  let from = now;
  for (let i = 0; i < 5 + gone.size; i++) {
    const next = nextOccurrence(event, from);
    if (!next) return null;
    const at = Date.parse(next.start);
    const change = changes.find((c) => Date.parse(c.recurrenceId) === at);
    if (!gone.has(at)) {
      if (!change) return next;
      if (change.after) return { start: change.after.start, end: change.after.end };
    }
    from = Date.parse(next.end ?? next.start) + 1;
  }
  return null;
}

function statusWord(w: ReturnType<typeof useWords>, status: string): string {
  const upper = status.toUpperCase();
  return upper === 'CANCELLED' || upper === 'TENTATIVE' ? w.t(`ui.facts.status.${upper}`) : status.toLowerCase();
}

export function EventFacts({
  event,
  organizerZone,
  hideTime,
  hideLocation,
  mailHtml,
  changes = [],
  cancelled = [],
}: EventFactsProps) {
  const w = useWords();
  const zone = organizerZone ?? (event.timezone && event.timezone !== 'UTC' ? event.timezone : null);
  const rule = event.rrule
    ? describeRecurrence(event.rrule, w.translator)
    : event.recurring
      ? w.t('ui.recurrence.other')
      : null;
  // A series whose first date has passed is shown at its next occurrence; the first date goes with the rule. One
  // meeting of a series (opened from the calendar, or a message about it alone) is shown at its own date.
  const [now] = useState(() => Date.now());
  const single = event.recurrenceId !== null;
  const next = single ? null : nextMeeting(event, now, changes, cancelled);
  const shown = next ? { ...event, start: next.start, end: next.end } : event;
  const repeats = single
    ? event.recurring || rule
      ? rule && event.rrule
        ? w.t('ui.scope.partOf', { rule })
        : w.t('ui.scope.oneOfSeries')
      : null
    : rule && next
      ? w.t('ui.recurrence.since', { rule, date: w.time.span({ start: event.start, end: null, allDay: event.allDay }) })
      : rule;
  return (
    <>
      <JoinButton url={event.joinUrl} />
      <dl className="facts">
        {hideTime ? null : (
          <>
            <dt>{next ? w.t('ui.facts.next') : w.t('ui.facts.when')}</dt>
            <dd>
              <EventTime start={shown.start} end={shown.end} allDay={shown.allDay} organizerZone={zone} />
            </dd>
          </>
        )}
        {repeats ? (
          <>
            <dt>{w.t('ui.facts.repeats')}</dt>
            <dd className="repeats">{repeats}</dd>
          </>
        ) : null}
        {event.status && event.status.toUpperCase() !== 'CONFIRMED' ? (
          <>
            <dt>{w.t('ui.facts.status')}</dt>
            <dd>{statusWord(w, event.status)}</dd>
          </>
        ) : null}
        {event.location && !hideLocation ? (
          <>
            <dt>{w.t('ui.facts.where')}</dt>
            <dd>{event.location}</dd>
          </>
        ) : null}
        <dt>{w.t('ui.facts.organizer')}</dt>
        <dd>
          {event.organizer ? formatPerson(event.organizer) : <span className="muted">{w.t('ui.facts.none')}</span>}
          {event.organizer?.undelivered ? (
            <span className="attendee-undelivered"> · {w.t('ui.facts.organizerUndelivered')}</span>
          ) : null}
        </dd>
        <dt>{w.t('ui.facts.attendees')}</dt>
        <dd>
          <AttendeeList attendees={event.attendees} />
        </dd>
        {event.description || event.htmlDescription ? (
          <>
            <dt>{w.t('ui.facts.description')}</dt>
            <dd>
              <RichDescription text={event.description} html={event.htmlDescription ?? null} />
            </dd>
          </>
        ) : null}
      </dl>
      {mailHtml && !event.htmlDescription ? <MailText html={mailHtml} folded={!!event.description} /> : null}
    </>
  );
}
