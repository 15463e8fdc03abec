/**
 * My events overlapping a proposed time, or a sentence saying there are none. Each event is named once (an
 * all-day offsite over three days is one event, not three conflicts), and all-day events are said as "also on
 * that day" rather than as conflicts: a day-long entry rarely blocks a meeting.
 */
import type { DecisionView } from '../../api';
import { useWords } from '../../lib/i18n';

export interface ConflictListProps {
  readonly conflicts: DecisionView['conflicts'];
  /** The event being decided on, never its own conflict. */
  readonly selfUid?: string;
}

type Conflict = DecisionView['conflicts'][number];

const isAllDay = (c: Conflict): boolean => c.start.length === 10;

/** One entry per event (its first occurrence in the list), the event itself left out. */
export function distinctConflicts(conflicts: readonly Conflict[], selfUid?: string): Conflict[] {
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    if (c.uid === selfUid || seen.has(c.uid)) return false;
    seen.add(c.uid);
    return true;
  });
}

export function ConflictList({ conflicts, selfUid }: ConflictListProps) {
  const w = useWords();
  const list = distinctConflicts(conflicts, selfUid);
  const timed = list.filter((c) => !isAllDay(c));
  const allDay = list.filter(isAllDay);
  const title = (c: Conflict): string => c.summary || w.t('ui.card.noTitle');
  const sameDay =
    allDay.length > 0 ? (
      <p className="conflicts same-day">
        {w.t('ui.conflicts.sameDay', { list: new Intl.ListFormat(w.locale).format(allDay.map(title)) })}
      </p>
    ) : null;
  if (timed.length === 0) {
    return (
      <>
        <p className="conflicts none">{w.t('ui.conflicts.none')}</p>
        {sameDay}
      </>
    );
  }
  return (
    <div className="conflicts">
      <p className="conflicts-title">
        <span aria-hidden="true">⚠ </span>
        {w.t('ui.conflicts.title', { count: timed.length })}
      </p>
      <ul>
        {timed.map((c) => (
          <li key={`${c.uid}|${c.start}`}>
            {title(c)} ({w.time.span({ start: c.start, end: c.end, allDay: false })})
          </li>
        ))}
      </ul>
      {sameDay}
    </div>
  );
}
