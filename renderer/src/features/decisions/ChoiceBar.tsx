/**
 * The buttons of one decision (exactly the engine's `choices`, in a fixed order) and, where a choice sends a
 * message, an optional comment that goes with it (RFC 5546 §3.2.3 REPLY may carry a COMMENT). What "Ignore"
 * does is said next to it. The buttons are one toolbar (WAI-ARIA toolbar pattern): one Tab stop per card, the
 * arrow keys (and Home / End) move between the choices, so going through ten cards is not forty Tab presses.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Choice } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CHOICE_ORDER, CHOICES_WITH_COMMENT, choiceLabel } from '../../lib/format';
import { useWords } from '../../lib/i18n';
import type { DecideHandler } from './types';

/** The choice that goes ahead with what the message asks; the others look secondary. */
const PRIMARY: ReadonlySet<Choice> = new Set<Choice>(['accept', 'accept-counter', 'approve', 'apply']);

export interface ChoiceBarProps {
  readonly choices: readonly Choice[];
  readonly onDecide: DecideHandler;
  /** Label of the comment field, e.g. "Comment to the organizer (optional)". */
  readonly commentLabel: string;
  /** Id of the card title, so each button is described by the event it acts on. */
  readonly describedBy: string;
  /** Leave out the generic sentence about Ignore (the card explains its choices itself). */
  readonly explained?: boolean;
}

export function ChoiceBar({ choices, onDecide, commentLabel, describedBy, explained }: ChoiceBarProps) {
  const w = useWords();
  const commentId = useId();
  const errorId = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Choice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ordered = CHOICE_ORDER.filter((c) => choices.includes(c));
  // The choice that takes the toolbar's Tab stop: the last one moved to, else the first.
  const [current, setCurrent] = useState(0);
  const active = Math.min(current, Math.max(0, ordered.length - 1));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onToolbarKey(e: KeyboardEvent<HTMLDivElement>): void {
    const last = ordered.length - 1;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (active + 1) % (last + 1)
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (active + last) % (last + 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    setCurrent(next);
    buttons.current[next]?.focus();
  }
  const withComment = ordered.some((c) => CHOICES_WITH_COMMENT.has(c));

  async function choose(choice: Choice): Promise<void> {
    if (busy) return;
    setBusy(choice);
    setError(null);
    const text = comment.trim();
    const failure = await onDecide(choice, CHOICES_WITH_COMMENT.has(choice) && text ? text : null);
    // On success the card is removed by its list; on failure it stays with the reason shown.
    if (failure !== null) {
      setError(failure);
      setBusy(null);
    }
  }

  return (
    <div className="choice-bar">
      {withComment ? (
        <div className="field comment-field">
          <label htmlFor={commentId}>{commentLabel}</label>
          <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
      ) : null}
      <div
        className="choice-buttons"
        role="toolbar"
        aria-label={w.t('ui.choice.group')}
        aria-orientation="horizontal"
        onKeyDown={onToolbarKey}
      >
        {ordered.map((choice, i) => (
          <button
            key={choice}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            tabIndex={i === active ? 0 : -1}
            onFocus={() => setCurrent(i)}
            className={`button choice-${choice}${PRIMARY.has(choice) ? ' primary' : ''}`}
            aria-describedby={error ? `${describedBy} ${errorId}` : describedBy}
            aria-disabled={busy !== null}
            onClick={() => void choose(choice)}
          >
            {busy === choice ? w.t('ui.choice.busy', { label: choiceLabel(w, choice) }) : choiceLabel(w, choice)}
          </button>
        ))}
      </div>
      {ordered.includes('ignore') && !explained ? (
        <p className="help choice-help">{w.t('ui.choice.ignoreHelp')}</p>
      ) : null}
      <ErrorMessage message={error ? w.text(error) : null} id={errorId} />
    </div>
  );
}
