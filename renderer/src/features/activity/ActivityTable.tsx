/** The activity log as a table: time, who (a message or you, with your choice), kind, outcome (icon and word), the reason. */
import type { ActivityEntry, Choice, Outcome } from '../../api';
import { CHOICE_LABELS, formatInstant, KIND_LABELS, OUTCOME_LABELS } from '../../lib/format';
import { say } from '../../lib/say';

export interface ActivityTableProps {
  readonly entries: readonly ActivityEntry[];
}

const OUTCOME_MARKS: Readonly<Record<Outcome, string>> = { applied: '✓', pending: '…', ignored: '–', error: '✕' };

/** A direct answer to an event records the participation status it set. */
const ANSWER_LABELS: Readonly<Record<string, string>> = { accepted: 'Accept', tentative: 'Tentative', declined: 'Decline' };

function byLabel(e: ActivityEntry): string {
  if (e.source !== 'you') return 'Incoming mail';
  const choice = e.choice ? (CHOICE_LABELS[e.choice as Choice] ?? ANSWER_LABELS[e.choice] ?? e.choice) : null;
  return choice ? `You: ${choice}` : 'You';
}

export function ActivityTable({ entries }: ActivityTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Activity log" tabIndex={0}>
      <table className="activity-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">By</th>
            <th scope="col">Kind</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.at}|${e.uid ?? ''}|${i}`} className={`outcome-${e.outcome} source-${e.source}`}>
              <td className="nowrap">
                <time dateTime={e.at}>{formatInstant(e.at)}</time>
              </td>
              <td className="nowrap by">{byLabel(e)}</td>
              <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
              <td className="nowrap outcome">
                <span aria-hidden="true">{OUTCOME_MARKS[e.outcome]} </span>
                {OUTCOME_LABELS[e.outcome] ?? e.outcome}
              </td>
              <td>{say(e.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
