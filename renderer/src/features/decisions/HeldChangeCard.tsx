/**
 * A change the policy held back (an update, cancellation, reply, publish, add…) or a message that could not be
 * verified: the engine's reason, what the message would do, and Apply / Ignore.
 */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import type { DecisionCardProps } from './types';

export function HeldChangeCard({ decision, onDecide }: DecisionCardProps) {
  const titleId = useId();
  const event = decision.proposed ?? decision.current;
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={<ChoiceBar choices={decision.choices} onDecide={onDecide} commentLabel="Comment (optional)" describedBy={titleId} />}
    >
      {decision.kind === 'cancel' ? <p className="notice">Applying removes this event (or occurrence) from your calendar.</p> : null}
      {event ? <EventFacts event={event} organizerZone={decision.organizerZone} /> : null}
    </CardFrame>
  );
}
