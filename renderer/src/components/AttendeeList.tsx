/**
 * Attendees with their answers, in words (not colour) so every answer is readable and announced. Long lists
 * start collapsed behind a summary ("2 accepted, 1 declined, 0 maybe, 8 waiting").
 */
import { useId, useState } from 'react';
import type { EventView } from '../api';
import { describePartstat, formatPerson } from '../lib/format';
import { useWords } from '../lib/i18n';

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

/** Lists up to this many are shown whole. */
const SHORT = 5;

function count(attendees: EventView['attendees'], partstat: string): number {
  return attendees.filter((a) => a.partstat.toUpperCase() === partstat).length;
}

export function AttendeeList({ attendees }: AttendeeListProps) {
  const w = useWords();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (attendees.length === 0) return <span>{w.t('ui.attendees.none')}</span>;
  const long = attendees.length > SHORT;
  const shown = long && !open ? [] : attendees;
  const accepted = count(attendees, 'ACCEPTED');
  const declined = count(attendees, 'DECLINED');
  const tentative = count(attendees, 'TENTATIVE');
  return (
    <div className="attendees">
      {long ? (
        <p className="attendee-summary">
          {w.t('ui.attendees.summary', {
            accepted,
            declined,
            tentative,
            waiting: attendees.length - accepted - declined - tentative,
          })}{' '}
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen(!open)}
          >
            {open ? w.t('ui.attendees.showFewer') : w.t('ui.attendees.showAll', { count: attendees.length })}
          </button>
        </p>
      ) : null}
      <ul className="attendee-list" aria-label={w.t('ui.attendees.label')} id={id} hidden={shown.length === 0}>
        {shown.map((a) => {
          const partstat = a.partstat.toUpperCase();
          return (
            <li key={a.address} className={`answer answer-${partstat.toLowerCase()}`}>
              <span className="answer-mark" aria-hidden="true">
                {ANSWER_MARK[partstat] ?? '•'}
              </span>{' '}
              <span className="attendee-name">{formatPerson(a)}</span>
              {': '}
              <span className="attendee-answer">{describePartstat(w, partstat)}</span>
              {a.role === 'OPT-PARTICIPANT' ? (
                <span className="attendee-role"> {w.t('ui.attendees.optional')}</span>
              ) : null}
              {a.undelivered ? (
                <span className="attendee-undelivered"> · {w.t('ui.attendees.undelivered')}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
