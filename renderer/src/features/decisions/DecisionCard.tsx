/** Picks the card made for a decision's kind. */
import { missingCase } from '../../../../shared/util/missingCase.js';
import { CounterCard } from './CounterCard';
import { HeldChangeCard } from './HeldChangeCard';
import { InvitationCard } from './InvitationCard';
import { PartyCrasherCard } from './PartyCrasherCard';
import { RescheduleCard } from './RescheduleCard';
import type { DecisionCardProps } from './types';

export function DecisionCard(props: DecisionCardProps) {
  const kind = props.decision.kind;
  switch (kind) {
    case 'invitation':
      return <InvitationCard {...props} />;
    case 'reschedule':
      return <RescheduleCard {...props} />;
    case 'party-crasher':
      return <PartyCrasherCard {...props} />;
    case 'counter':
      return <CounterCard {...props} />;
    case 'update':
    case 'cancel':
    case 'reply':
    case 'declinecounter':
    case 'refresh':
    case 'add':
    case 'publish':
    case 'freebusy':
    case 'outdated':
    case 'unsupported':
    case 'invalid':
    case 'not-scheduling':
      return <HeldChangeCard {...props} />;
    default:
      return missingCase(kind);
  }
}
