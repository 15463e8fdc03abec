/**
 * A change the policy held back (an update, cancellation, answer, publish, add…) or a message that could not be
 * verified: why, what the message would do (an answer: who answered what), and Apply / Ignore.
 */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { describePartstat, sameAddress, stripMailto } from '../../lib/format';
import { useWords } from '../../lib/i18n';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import type { DecisionCardProps } from './types';

export function HeldChangeCard({ decision, onDecide }: DecisionCardProps) {
  const w = useWords();
  const titleId = useId();
  const event = decision.proposed ?? decision.current;
  const replier = decision.kind === 'reply' ? (decision.attendee ?? decision.from) : null;
  const answer = replier ? decision.proposed?.attendees.find((a) => sameAddress(a.address, replier)) : undefined;
  // A change held back already says what Apply does (who answered what); the line would say it twice.
  const said = (decision.reason as { key?: string }).key === 'reason.heldBack';
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={
        <ChoiceBar
          choices={decision.choices}
          onDecide={onDecide}
          commentLabel={w.t('ui.choice.comment')}
          describedBy={titleId}
        />
      }
    >
      {decision.kind === 'cancel' && !said ? <p className="notice">{w.t('ui.held.cancel')}</p> : null}
      {replier && answer && !said ? (
        <p className="notice">
          {w.t('ui.held.reply', { who: stripMailto(replier), answer: describePartstat(w, answer.partstat) })}
        </p>
      ) : null}
      {event ? (
        <EventFacts
          event={decision.kind === 'reply' && decision.current ? decision.current : event}
          organizerZone={decision.organizerZone}
          mailHtml={decision.kind === 'reply' ? null : decision.mailHtml}
          changes={decision.changedOccurrences}
          cancelled={decision.cancelledOccurrences}
        />
      ) : null}
    </CardFrame>
  );
}
