/** My events overlapping a proposed time, or a sentence saying there are none. */
import type { DecisionView } from '../../api';
import { formatSpan } from '../../lib/format';

export interface ConflictListProps {
  readonly conflicts: DecisionView['conflicts'];
}

export function ConflictList({ conflicts }: ConflictListProps) {
  if (conflicts.length === 0) return <p className="conflicts none">No conflicts with your calendar.</p>;
  return (
    <div className="conflicts">
      <p className="conflicts-title">
        <span aria-hidden="true">⚠ </span>
        Conflicts with your calendar:
      </p>
      <ul>
        {conflicts.map((c) => (
          <li key={`${c.uid}|${c.start}`}>
            {c.summary || '(no title)'} ({formatSpan({ start: c.start, end: c.end, allDay: c.start.length === 10 })})
          </li>
        ))}
      </ul>
    </div>
  );
}
