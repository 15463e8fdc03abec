/** A meeting I had answered moved: old time → new time (and place), then the usual answers. */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { EventTime } from '../../components/EventTime';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import { ConflictList } from './ConflictList';
import type { DecisionCardProps } from './types';

export function RescheduleCard({ decision, onDecide }: DecisionCardProps) {
  const titleId = useId();
  const { current, proposed } = decision;
  const locationChanged = !!current && !!proposed && (current.location ?? '') !== (proposed.location ?? '');
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      choices={<ChoiceBar choices={decision.choices} onDecide={onDecide} commentLabel="Comment to the organizer (optional)" describedBy={titleId} />}
    >
      <dl className="change-list">
        <div className="change-row">
          <dt>Old time</dt>
          <dd className="old-value">
            {current ? <EventTime start={current.start} end={current.end} allDay={current.allDay} /> : <span className="muted">Not in your calendar</span>}
          </dd>
        </div>
        <div className="change-row">
          <dt>New time</dt>
          <dd className="new-value">
            {proposed ? (
              <EventTime start={proposed.start} end={proposed.end} allDay={proposed.allDay} organizerZone={decision.organizerZone} />
            ) : (
              <span className="muted">Not given</span>
            )}
          </dd>
        </div>
        {locationChanged ? (
          <div className="change-row">
            <dt>Place</dt>
            <dd>
              {current?.location || 'none'} → {proposed?.location || 'none'}
            </dd>
          </div>
        ) : null}
      </dl>
      {proposed ? <EventFacts event={proposed} hideTime /> : null}
      <ConflictList conflicts={decision.conflicts} />
    </CardFrame>
  );
}
