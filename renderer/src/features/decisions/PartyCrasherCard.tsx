/**
 * Someone who was not invited answered one of my events (RFC 5546 §3.2.3: a REPLY from an attendee not in the
 * event): who, what they answered, to which event, their comment; "Add them" puts them on the list and mails
 * them the invitation, "Ignore" leaves the event as it is.
 */
import { useId } from 'react';
import { PlainText } from '../../components/PlainText';
import { describePartstat, sameAddress, stripMailto } from '../../lib/format';
import { useWords } from '../../lib/i18n';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import type { DecisionCardProps } from './types';

export function PartyCrasherCard({ decision, onDecide }: DecisionCardProps) {
  const w = useWords();
  const titleId = useId();
  const who = decision.attendee ? stripMailto(decision.attendee) : w.t('ui.card.someone');
  const event = decision.current ?? decision.proposed;
  const replied = decision.attendee
    ? decision.proposed?.attendees.find((a) => sameAddress(a.address, decision.attendee ?? ''))
    : undefined;
  const params = {
    who,
    title: event?.summary || decision.summary || w.t('ui.card.noTitle'),
    when: event ? w.time.span(event) : '',
    answer: replied ? describePartstat(w, replied.partstat) : '',
  };
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={
        <ChoiceBar
          choices={decision.choices}
          onDecide={onDecide}
          commentLabel={w.t('ui.choice.commentTo', { who })}
          describedBy={titleId}
          explained
        />
      }
    >
      <p className="crasher">{replied ? w.t('ui.crasher.text', params) : w.t('ui.crasher.textNoAnswer', params)}</p>
      {decision.comment ? (
        <div className="their-comment">
          <p className="label">{w.t('ui.counter.theirComment')}</p>
          <PlainText text={decision.comment} />
        </div>
      ) : null}
      <p className="help">{w.t('ui.crasher.help')}</p>
    </CardFrame>
  );
}
