/**
 * Which meetings of a series an edit or a cancellation is for, asked as the big calendar apps ask it: this
 * meeting only (an override, RFC 5545 §3.8.4.4), this and all following ones (RANGE=THISANDFUTURE for an edit,
 * the series ended before it for a cancellation), or the whole series. Radio buttons in one group: one Tab stop,
 * the arrow keys choose.
 */
import { useId } from 'react';
import { useWords } from '../lib/i18n';

export type Scope = 'occurrence' | 'following' | 'series';
const SCOPES: readonly Scope[] = ['occurrence', 'following', 'series'];

export function ScopeChoice(props: { value: Scope; onChange: (s: Scope) => void; legend: string }) {
  const w = useWords();
  const name = useId();
  return (
    <fieldset className="scope-choice">
      <legend>{props.legend}</legend>
      {SCOPES.map((s) => (
        <label key={s} className="inline-field">
          <input type="radio" name={name} checked={props.value === s} onChange={() => props.onChange(s)} />{' '}
          {w.t('ui.organize.scopeChoice', { scope: s })}
        </label>
      ))}
    </fieldset>
  );
}

/** What the API calls take for a scope, given the occurrence the person opened. */
export function scopeArgs(
  scope: Scope,
  recurrenceId: string | null,
): { recurrenceId: string | null; thisAndFuture: boolean } {
  if (scope === 'series' || !recurrenceId) return { recurrenceId: null, thisAndFuture: false };
  return { recurrenceId, thisAndFuture: scope === 'following' };
}
