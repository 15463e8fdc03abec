/**
 * Attendees with their answers, in words (not colour) so every answer is readable and announced. Long lists
 * start collapsed behind a summary of the answers given ("2 accepted, 1 declined, 8 waiting": none left out).
 */
import { useId, useState } from 'react';
import type { EventView } from '../api';
import { describePartstat, formatPerson } from '../lib/format';
import { useWords, type Words } from '../lib/i18n';

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

/** The answers in the summary's order; anything else (an unknown or missing PARTSTAT) counts as waiting. */
const COUNTED = [
  ['ACCEPTED', 'accepted'],
  ['DECLINED', 'declined'],
  ['TENTATIVE', 'tentative'],
  ['DELEGATED', 'delegated'],
] as const;

/** "2 accepted, 1 declined, 8 waiting": each answer someone gave, with its count; answers nobody gave are left out. */
export function answerSummary(w: Words, attendees: EventView['attendees']): string {
  const parts: string[] = [];
  let answered = 0;
  for (const [partstat, word] of COUNTED) {
    const n = attendees.filter((a) => a.partstat.toUpperCase() === partstat).length;
    answered += n;
    if (n > 0) parts.push(w.t(`ui.attendees.count.${word}`, { count: n }));
  }
  const waiting = attendees.length - answered;
  if (waiting > 0) parts.push(w.t('ui.attendees.count.waiting', { count: waiting }));
  return parts.join(', ');
}

export function AttendeeList({ attendees }: AttendeeListProps) {
  const w = useWords();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (attendees.length === 0) return <span>{w.t('ui.attendees.none')}</span>;
  const long = attendees.length > SHORT;
  const shown = long && !open ? [] : attendees;
  return (
    <div className="attendees">
      {long ? (
        <p className="attendee-summary">
          {answerSummary(w, attendees)}{' '}
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
