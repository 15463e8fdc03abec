/**
 * A meeting I had answered moved: old time → new time (and place), then the usual answers. For one meeting of a
 * series (the message names its RECURRENCE-ID) old and new are that meeting's, not the series' first date.
 */
import { useId } from 'react';
import { EventFacts } from '../../components/EventFacts';
import { EventTime } from '../../components/EventTime';
import { useWords } from '../../lib/i18n';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import { ConflictList } from './ConflictList';
import type { DecisionCardProps } from './types';

export function RescheduleCard({ decision, onDecide }: DecisionCardProps) {
  const w = useWords();
  const titleId = useId();
  const occurrence = decision.recurrenceId
    ? decision.changedOccurrences?.find((c) => Date.parse(c.recurrenceId) === Date.parse(decision.recurrenceId ?? ''))
    : undefined;
  const current = occurrence?.before
    ? { ...decision.current, ...occurrence.before, allDay: occurrence.allDay }
    : decision.current;
  const proposed = decision.proposed;
  const locationChanged = !!current && !!proposed && (current.location ?? '') !== (proposed.location ?? '');
  const none = w.t('ui.reschedule.none');
  return (
    <CardFrame
      decision={decision}
      titleId={titleId}
      shownOccurrence={occurrence?.recurrenceId ?? null}
      choices={
        <ChoiceBar
          choices={decision.choices}
          onDecide={onDecide}
          commentLabel={w.t('ui.choice.commentOrganizer')}
          describedBy={titleId}
        />
      }
    >
      <dl className="change-list">
        <div className="change-row">
          <dt>{w.t('ui.reschedule.old')}</dt>
          <dd className="old-value">
            {current ? (
              <EventTime start={current.start} end={current.end} allDay={current.allDay} />
            ) : (
              <span className="muted">{w.t('ui.reschedule.notInCalendar')}</span>
            )}
          </dd>
        </div>
        <div className="change-row">
          <dt>{w.t('ui.reschedule.new')}</dt>
          <dd className="new-value">
            {proposed ? (
              <EventTime
                start={proposed.start}
                end={proposed.end}
                allDay={proposed.allDay}
                organizerZone={decision.organizerZone}
              />
            ) : (
              <span className="muted">{w.t('ui.reschedule.notGiven')}</span>
            )}
          </dd>
        </div>
        {locationChanged ? (
          <div className="change-row">
            <dt>{w.t('ui.reschedule.place')}</dt>
            <dd>
              {current?.location || none} → {proposed?.location || none}
            </dd>
          </div>
        ) : null}
      </dl>
      {proposed ? (
        <EventFacts event={proposed} hideTime hideLocation={locationChanged} mailHtml={decision.mailHtml} />
      ) : null}
      <ConflictList conflicts={decision.conflicts} selfUid={decision.uid} />
    </CardFrame>
  );
}
