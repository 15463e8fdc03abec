/**
 * The activity log as a table: time, who (a message or you, with your choice), what, outcome (icon and word),
 * the details and a link to the event. On narrow windows each row becomes a block (activity.css), so no column
 * is cut off.
 */
import type { Message } from '../../../../shared/i18n/catalogue.js';
import type { ActivityEntry, Choice, Outcome } from '../../api';
import { ALL_CHOICES, choiceLabel, kindLabel, outcomeLabel } from '../../lib/format';
import { useWords, type Words } from '../../lib/i18n';
import { describeAccountEntry } from '../../accounts/accountActivity';

export interface ActivityTableProps {
  readonly entries: readonly ActivityEntry[];
  readonly onShowEvent?: ((uid: string, recurrenceId: string | null) => void) | undefined;
  /** The open decision a row waits on (its card is where the person acts), if any. */
  readonly decisionOf?: ((e: ActivityEntry) => string | undefined) | undefined;
  readonly onShowDecision?: ((id: string) => void) | undefined;
}

const OUTCOME_MARKS: Readonly<Record<Outcome, string>> = { applied: '✓', pending: '…', ignored: '–', error: '✕' };

const ANSWERS = ['accepted', 'tentative', 'declined'] as const;

function byLabel(w: Words, e: ActivityEntry): string {
  if (e.source !== 'you') return w.t('ui.activity.mail');
  if (!e.choice) return w.t('ui.activity.you');
  const answer = ANSWERS.find((a) => a === e.choice);
  const choice = answer
    ? w.t(`ui.activity.answer.${answer}`)
    : ALL_CHOICES.has(e.choice)
      ? choiceLabel(w, e.choice as Choice)
      : e.choice;
  return w.t('ui.activity.youChose', { choice });
}

/**
 * A bounce of my own message (a delivery status report, RFC 3464) is handled as kind "not-scheduling"; people
 * read it as "my message was returned", not as incoming mail that was "applied". Recognised by the message key
 * once reasons are catalogue messages, by the sentence until then.
 */
export function isReturnedMail(e: ActivityEntry): boolean {
  if (e.kind !== 'not-scheduling' || e.source !== 'mail') return false;
  const reason = e.reason as string | Message;
  if (typeof reason !== 'string' && reason.key.startsWith('reason.bounce.')) return true;
  // A sentence stored before reasons became messages, as it was written.
  const text =
    typeof reason === 'string' ? reason : reason.key === 'common.text' ? String(reason.params?.text ?? '') : '';
  return /could not be delivered|delivery failure report/i.test(text);
}

/** The words of one row, also what the search looks in. */
export function describeEntry(
  w: Words,
  e: ActivityEntry,
): { time: string; by: string; kind: string; outcome: string; reason: string } {
  if (e.kind === 'account') return describeAccountEntry(w, e);
  const returned = isReturnedMail(e);
  return {
    time: w.time.instant(e.at),
    by: returned ? w.t('ui.activity.returned') : byLabel(w, e),
    kind: returned ? w.t('ui.activity.undelivered') : kindLabel(w, e.kind),
    outcome: returned && e.outcome === 'applied' ? w.t('ui.activity.noted') : outcomeLabel(w, e.outcome),
    // The reason becomes a catalogue message; until then it is a sentence.
    reason: w.text(e.reason as string | Message),
  };
}

export function ActivityTable({ entries, onShowEvent, decisionOf, onShowDecision }: ActivityTableProps) {
  const w = useWords();
  return (
    <div className="table-scroll" role="region" aria-label={w.t('ui.activity.log')}>
      <table className="activity-table">
        <thead>
          <tr>
            <th scope="col">{w.t('ui.activity.time')}</th>
            <th scope="col">{w.t('ui.activity.by')}</th>
            <th scope="col">{w.t('ui.activity.kind')}</th>
            <th scope="col">{w.t('ui.activity.outcome')}</th>
            <th scope="col">{w.t('ui.activity.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => {
            const d = describeEntry(w, e);
            return (
              <tr key={`${e.at}|${e.uid ?? ''}|${i}`} className={`outcome-${e.outcome} source-${e.source}`}>
                <td className="nowrap when" data-label={w.t('ui.activity.time')}>
                  <time dateTime={e.at}>{d.time}</time>
                </td>
                <td className="by" data-label={w.t('ui.activity.by')}>
                  {d.by}
                </td>
                <td className="what" data-label={w.t('ui.activity.kind')}>
                  {d.kind}
                </td>
                <td className="nowrap outcome" data-label={w.t('ui.activity.outcome')}>
                  <span aria-hidden="true">{OUTCOME_MARKS[e.outcome]} </span>
                  {d.outcome}
                </td>
                <td className="reason-cell" data-label={w.t('ui.activity.reason')}>
                  <span className="reason-text">{d.reason}</span>
                  <RowLink
                    decision={onShowDecision ? decisionOf?.(e) : undefined}
                    onShowDecision={onShowDecision}
                    entry={e}
                    onShowEvent={onShowEvent}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Where a row leads: its open decision while it waits for me, else its event in the calendar. */
function RowLink(props: {
  readonly entry: ActivityEntry;
  readonly decision: string | undefined;
  readonly onShowDecision: ((id: string) => void) | undefined;
  readonly onShowEvent: ((uid: string, recurrenceId: string | null) => void) | undefined;
}) {
  const w = useWords();
  const { entry: e, decision, onShowDecision, onShowEvent } = props;
  const go =
    decision && onShowDecision
      ? { label: w.t('ui.activity.openDecision'), run: () => onShowDecision(decision) }
      : e.uid && onShowEvent
        ? { label: w.t('ui.activity.openEvent'), run: () => onShowEvent(e.uid ?? '', e.recurrenceId) }
        : null;
  if (!go) return null;
  return (
    <>
      {' '}
      <button type="button" className="link-button" onClick={go.run}>
        {go.label}
      </button>
    </>
  );
}
