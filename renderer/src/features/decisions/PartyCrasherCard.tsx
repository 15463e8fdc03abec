/**
 * Someone who was not invited answered one of my events (RFC 5546 §3.2.3: a REPLY from an attendee not in the
 * event): say who, what they answered and to which event; Approve adds them, Ignore leaves the event as it is.
 */
import { useId } from 'react';
import { EventTime } from '../../components/EventTime';
import { describePartstat, stripMailto } from '../../lib/format';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import type { DecisionCardProps } from './types';

export function PartyCrasherCard({ decision, onDecide }: DecisionCardProps) {
  const titleId = useId();
  const who = decision.attendee ? stripMailto(decision.attendee) : 'Someone';
  const event = decision.current ?? decision.proposed;
  const replied = decision.proposed?.attendees.find((a) => stripMailto(a.address).toLowerCase() === who.toLowerCase());
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={<ChoiceBar choices={decision.choices} onDecide={onDecide} commentLabel="Comment (optional)" describedBy={titleId} />}
    >
      <p className="crasher">
        <strong className="attendee">{who}</strong> answered
        {replied ? <> “{describePartstat(replied.partstat)}”</> : null} to <strong>{event?.summary || decision.summary || '(no title)'}</strong>
        {event ? (
          <>
            {' '}
            (<EventTime start={event.start} end={event.end} allDay={event.allDay} />)
          </>
        ) : null}{' '}
        but is not on its guest list.
      </p>
      <p className="muted">Approve adds them to the attendees; Ignore leaves the event unchanged.</p>
    </CardFrame>
  );
}
