/**
 * Whether what I do next applies to the one meeting of a series I opened or to the whole series ("this meeting
 * only / the whole series", as the big calendars ask). RFC 5546 §3.2.3: a REPLY with a RECURRENCE-ID answers
 * that instance alone; without one it answers the series. The meeting's own date is named so the choice is
 * never ambiguous.
 */
import { useId } from 'react';
import { useWords } from '../../lib/i18n';

export type SeriesScope = 'occurrence' | 'series';

export interface SeriesChoiceProps {
  readonly value: SeriesScope;
  readonly onChange: (scope: SeriesScope) => void;
  /** The meeting's time in words, e.g. "Wed, Mar 11, 9:00 AM". */
  readonly when: string;
}

export function SeriesChoice({ value, onChange, when }: SeriesChoiceProps) {
  const w = useWords();
  const name = useId();
  const options: readonly [SeriesScope, string][] = [
    ['occurrence', w.t('ui.scope.occurrence', { when })],
    ['series', w.t('ui.scope.series')],
  ];
  return (
    <fieldset className="series-choice">
      <legend>{w.t('ui.scope.legend')}</legend>
      {options.map(([scope, label]) => (
        <div className="radio-field" key={scope}>
          <input
            type="radio"
            id={`${name}-${scope}`}
            name={name}
            value={scope}
            checked={value === scope}
            onChange={() => onChange(scope)}
          />
          <label htmlFor={`${name}-${scope}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}
