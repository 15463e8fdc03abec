/**
 * The single meetings of a series that a message moves, relocates, cancels or adds, one sentence each in the
 * person's words and time format: "The meeting on Mon, Mar 16, 3:00 – 3:30 PM moves to Tue, Mar 17, 4:00 –
 * 4:30 PM." A series update that only says "updated" hides what a person needs to re-plan.
 */
import type { DecisionView } from '../api';
import { useWords, type Words } from '../lib/i18n';

type Change = DecisionView['changedOccurrences'][number];

export interface ChangedOccurrencesProps {
  readonly changes: readonly Change[];
}

function sentence(w: Words, c: Change): string {
  const when = (s: { start: string; end: string }): string =>
    w.time.span({ start: s.start, end: s.end, allDay: c.allDay });
  const place = (p: string | null): string => p || w.t('ui.occurrences.noPlace');
  const { before, after } = c;
  if (!after) {
    const at = before ? when(before) : w.time.span({ start: c.recurrenceId, end: null, allDay: c.allDay });
    return w.t('ui.occurrences.cancelled', { when: at });
  }
  if (!before) return w.t('ui.occurrences.added', { when: when(after) });
  const moved =
    Date.parse(before.start) !== Date.parse(after.start) || Date.parse(before.end) !== Date.parse(after.end);
  const relocated = (before.location ?? '') !== (after.location ?? '');
  if (moved && relocated)
    return w.t('ui.occurrences.movedPlace', {
      old: when(before),
      new: when(after),
      oldPlace: place(before.location),
      newPlace: place(after.location),
    });
  if (moved) return w.t('ui.occurrences.moved', { old: when(before), new: when(after) });
  return w.t('ui.occurrences.place', {
    when: when(after),
    oldPlace: place(before.location),
    newPlace: place(after.location),
  });
}

export function ChangedOccurrences({ changes }: ChangedOccurrencesProps) {
  const w = useWords();
  if (changes.length === 0) return null;
  return (
    <div className="changed-occurrences">
      <p className="label">{w.t('ui.occurrences.title', { count: changes.length })}</p>
      <ul>
        {changes.map((c) => (
          <li key={c.recurrenceId} className={c.after ? 'occurrence-changed' : 'occurrence-cancelled'}>
            {sentence(w, c)}
          </li>
        ))}
      </ul>
    </div>
  );
}
