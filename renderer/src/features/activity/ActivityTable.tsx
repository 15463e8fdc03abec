/** The activity log as a table: time, kind, outcome (icon and word), the engine's reason. */
import type { ActivityEntry, Outcome } from '../../api';
import { formatInstant, KIND_LABELS, OUTCOME_LABELS } from '../../lib/format';

export interface ActivityTableProps {
  readonly entries: readonly ActivityEntry[];
}

const OUTCOME_MARKS: Readonly<Record<Outcome, string>> = { applied: '✓', pending: '…', ignored: '–', error: '✕' };

export function ActivityTable({ entries }: ActivityTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Activity log" tabIndex={0}>
      <table className="activity-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.at}|${e.uid ?? ''}|${i}`} className={`outcome-${e.outcome}`}>
              <td className="nowrap">
                <time dateTime={e.at}>{formatInstant(e.at)}</time>
              </td>
              <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
              <td className="nowrap outcome">
                <span aria-hidden="true">{OUTCOME_MARKS[e.outcome]} </span>
                {OUTCOME_LABELS[e.outcome] ?? e.outcome}
              </td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
