/** An attendee proposes another time or place (RFC 5546 §3.2.7 COUNTER): current next to proposed. */
import { useId } from 'react';
import { EventTime } from '../../components/EventTime';
import { PlainText } from '../../components/PlainText';
import { stripMailto } from '../../lib/format';
import type { EventView } from '../../api';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import type { DecisionCardProps } from './types';

function TimeCell({ event }: { readonly event: EventView | null }) {
  if (!event) return <span className="muted">—</span>;
  return <EventTime start={event.start} end={event.end} allDay={event.allDay} />;
}

export function CounterCard({ decision, onDecide }: DecisionCardProps) {
  const titleId = useId();
  const who = decision.attendee ? stripMailto(decision.attendee) : 'An attendee';
  const { current, proposed } = decision;
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={<ChoiceBar choices={decision.choices} onDecide={onDecide} commentLabel={`Comment to ${who} (optional)`} describedBy={titleId} />}
    >
      <p>
        <strong className="attendee">{who}</strong> proposes a change:
      </p>
      <table className="compare">
        <caption className="visually-hidden">Current and proposed time and location</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">Current</th>
            <th scope="col">Proposed</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Time</th>
            <td>
              <TimeCell event={current} />
            </td>
            <td className="proposed-value">
              <TimeCell event={proposed} />
            </td>
          </tr>
          <tr>
            <th scope="row">Location</th>
            <td>{current?.location || <span className="muted">none</span>}</td>
            <td className="proposed-value">{proposed?.location || <span className="muted">none</span>}</td>
          </tr>
        </tbody>
      </table>
      {decision.comment ? (
        <div className="their-comment">
          <p className="label">Their comment:</p>
          <PlainText text={decision.comment} />
        </div>
      ) : null}
    </CardFrame>
  );
}
