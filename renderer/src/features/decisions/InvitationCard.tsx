/**
 * An invitation: the event as proposed, my conflicts, and Accept / Maybe / Decline with a comment. When my
 * address is not among the attendees (a forwarded invitation), the card says that instead of "Invited as".
 */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { sameAddress, stripMailto } from '../../lib/format';
import { useWords } from '../../lib/i18n';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import { ConflictList } from './ConflictList';
import type { DecisionCardProps } from './types';

export function InvitationCard({ decision, onDecide }: DecisionCardProps) {
  const w = useWords();
  const titleId = useId();
  const event = decision.proposed ?? decision.current;
  const identity = decision.identity;
  const listed = !!identity && !!event && event.attendees.some((a) => sameAddress(a.address, identity));
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={
        <ChoiceBar
          choices={decision.choices}
          onDecide={onDecide}
          commentLabel={w.t('ui.choice.commentOrganizer')}
          describedBy={titleId}
        />
      }
    >
      {identity && listed ? (
        <p className="identity">{w.t('ui.invitation.identity', { address: stripMailto(identity) })}</p>
      ) : null}
      {identity && event && !listed ? (
        <p className="identity notice">{w.t('ui.invitation.notListed', { address: stripMailto(identity) })}</p>
      ) : null}
      {event ? (
        <EventFacts
          event={event}
          organizerZone={decision.organizerZone}
          mailHtml={decision.mailHtml}
          changes={decision.changedOccurrences}
          cancelled={decision.cancelledOccurrences}
        />
      ) : (
        <p className="muted">{w.t('ui.invitation.noDetails')}</p>
      )}
      <ConflictList conflicts={decision.conflicts} selfUid={decision.uid} />
    </CardFrame>
  );
}
