/** An invitation: the event as proposed, my conflicts, and Accept / Tentative / Decline with a comment. */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { stripMailto } from '../../lib/format';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import { ConflictList } from './ConflictList';
import type { DecisionCardProps } from './types';

export function InvitationCard({ decision, onDecide }: DecisionCardProps) {
  const titleId = useId();
  const event = decision.proposed ?? decision.current;
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={<ChoiceBar choices={decision.choices} onDecide={onDecide} commentLabel="Comment to the organizer (optional)" describedBy={titleId} />}
    >
      {decision.identity ? <p className="identity">Invited as {stripMailto(decision.identity)}</p> : null}
      {event ? <EventFacts event={event} organizerZone={decision.organizerZone} /> : <p className="muted">The message carries no event details.</p>}
      <ConflictList conflicts={decision.conflicts} />
    </CardFrame>
  );
}
