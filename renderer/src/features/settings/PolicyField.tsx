/** When invitations and changes go into my calendar by themselves, worded like the big calendars word it. */
import { useId } from 'react';
import type { Policy } from '../../api';
import { useWords } from '../../lib/i18n';

export interface PolicyFieldProps {
  readonly value: Policy;
  readonly onChange: (policy: Policy) => void;
  readonly disabled?: boolean;
}

export const POLICIES: readonly Policy[] = ['always', 'known', 'never'];

export function PolicyField({ value, onChange, disabled }: PolicyFieldProps) {
  const w = useWords();
  const name = useId();
  return (
    <fieldset className="policy-field">
      <legend>{w.t('ui.settings.policy')}</legend>
      {POLICIES.map((p) => (
        <div className="radio-field" key={p}>
          <input
            type="radio"
            id={`${name}-${p}`}
            name={name}
            value={p}
            checked={value === p}
            disabled={disabled}
            aria-describedby={`${name}-${p}-help`}
            onChange={() => onChange(p)}
          />
          <label htmlFor={`${name}-${p}`}>{w.t(`ui.settings.policy.${p}`)}</label>
          <p className="help" id={`${name}-${p}-help`}>
            {w.t(`ui.settings.policy.${p}.help`)}
          </p>
        </div>
      ))}
      <p className="help">{w.t('ui.settings.policy.note')}</p>
    </fieldset>
  );
}
