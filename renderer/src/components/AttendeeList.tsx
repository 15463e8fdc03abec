/** Attendees with their answers, in words (not colour) so every answer is readable and announced. */
import type { EventView } from '../api';
import { describePartstat, formatPerson } from '../lib/format';

export interface AttendeeListProps {
  readonly attendees: EventView['attendees'];
}

const ANSWER_MARK: Readonly<Record<string, string>> = {
  ACCEPTED: '✓',
  DECLINED: '✕',
  TENTATIVE: '~',
  'NEEDS-ACTION': '?',
  DELEGATED: '→',
};

export function AttendeeList({ attendees }: AttendeeListProps) {
  if (attendees.length === 0) return <span>No attendees listed</span>;
  return (
    <ul className="attendee-list" aria-label="Attendees">
      {attendees.map((a) => {
        const partstat = a.partstat.toUpperCase();
        return (
          <li key={a.address} className={`answer answer-${partstat.toLowerCase()}`}>
            <span className="answer-mark" aria-hidden="true">
              {ANSWER_MARK[partstat] ?? '•'}
            </span>{' '}
            <span className="attendee-name">{formatPerson(a)}</span>
            {': '}
            <span className="attendee-answer">{describePartstat(partstat)}</span>
            {a.role === 'OPT-PARTICIPANT' ? <span className="attendee-role"> (optional)</span> : null}
            {a.undelivered ? <span className="attendee-undelivered"> · the last message to them could not be delivered</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
