/**
 * An attendee proposes another time or place (RFC 5546 §3.2.7 COUNTER): current next to proposed, what is
 * unchanged said as such, and the proposed time checked against my calendar (`listEvents` over that span).
 */
import { useEffect, useId, useState } from 'react';
import { getApi, type DecisionView, type EventView } from '../../api';
import { EventTime } from '../../components/EventTime';
import { PlainText } from '../../components/PlainText';
import { stripMailto } from '../../lib/format';
import { useWords } from '../../lib/i18n';
import { CardFrame } from './CardFrame';
import { ChoiceBar } from './ChoiceBar';
import { ConflictList } from './ConflictList';
import type { DecisionCardProps } from './types';

function TimeCell({ event }: { readonly event: EventView | null }) {
  if (!event) return <span className="muted">—</span>;
  return <EventTime start={event.start} end={event.end} allDay={event.allDay} />;
}

/** My events during the proposed time, or null while they load (or when there is no time to check). */
function useConflictsAt(proposed: EventView | null): DecisionView['conflicts'] | null {
  const [conflicts, setConflicts] = useState<DecisionView['conflicts'] | null>(null);
  const start = proposed?.start ?? null;
  const end = proposed?.end ?? null;
  useEffect(() => {
    if (!start || !end || start.length === 10) return undefined;
    let live = true;
    void getApi()
      .listEvents({ from: new Date(start).toISOString(), to: new Date(end).toISOString() })
      .then((r) => {
        if (live && r.ok)
          setConflicts(r.value.map((e) => ({ uid: e.uid, summary: e.summary, start: e.start, end: e.end })));
      });
    return () => {
      live = false;
    };
  }, [start, end]);
  return conflicts;
}

const sameTime = (a: EventView | null, b: EventView | null): boolean =>
  !!a && !!b && a.start === b.start && a.end === b.end;

export function CounterCard({ decision, onDecide }: DecisionCardProps) {
  const w = useWords();
  const titleId = useId();
  const who = decision.attendee ? stripMailto(decision.attendee) : w.t('ui.card.anAttendee');
  const { current, proposed } = decision;
  const conflicts = useConflictsAt(proposed);
  const unchanged = <span className="muted">{w.t('ui.counter.unchanged')}</span>;
  const locationSame = (current?.location ?? '') === (proposed?.location ?? '');
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
        />
      }
    >
      <p>{w.t('ui.counter.proposes', { who })}</p>
      <table className="compare">
        <caption className="visually-hidden">{w.t('ui.counter.caption')}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{w.t('ui.counter.current')}</th>
            <th scope="col">{w.t('ui.counter.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{w.t('ui.counter.time')}</th>
            <td>
              <TimeCell event={current} />
            </td>
            <td className={sameTime(current, proposed) ? undefined : 'proposed-value'}>
              {sameTime(current, proposed) ? unchanged : <TimeCell event={proposed} />}
            </td>
          </tr>
          <tr>
            <th scope="row">{w.t('ui.counter.location')}</th>
            <td>{current?.location || <span className="muted">{w.t('ui.reschedule.none')}</span>}</td>
            <td className={locationSame ? undefined : 'proposed-value'}>
              {locationSame
                ? unchanged
                : proposed?.location || <span className="muted">{w.t('ui.reschedule.none')}</span>}
            </td>
          </tr>
        </tbody>
      </table>
      {conflicts ? (
        <div className="counter-conflicts">
          <p className="label">{w.t('ui.counter.atProposed')}</p>
          <ConflictList conflicts={conflicts} selfUid={decision.uid} />
        </div>
      ) : null}
      {decision.comment ? (
        <div className="their-comment">
          <p className="label">{w.t('ui.counter.theirComment')}</p>
          <PlainText text={decision.comment} />
        </div>
      ) : null}
    </CardFrame>
  );
}
