/** When changes are applied automatically: always / known / never, each explained in one line. */
import { useId } from 'react';
import type { Policy } from '../../api';

export interface PolicyFieldProps {
  readonly value: Policy;
  readonly onChange: (policy: Policy) => void;
  readonly disabled?: boolean;
}

export const POLICY_TEXT: readonly { readonly value: Policy; readonly label: string; readonly help: string }[] = [
  {
    value: 'always',
    label: 'Always',
    help: 'Apply every change automatically. New invitations are added as not yet answered and still wait for your answer.',
  },
  { value: 'known', label: 'From people I know', help: 'Only from people already in your calendar or contacts.' },
  { value: 'never', label: 'Never', help: 'Nothing automatically: everything waits for you.' },
];

export function PolicyField({ value, onChange, disabled }: PolicyFieldProps) {
  const name = useId();
  return (
    <fieldset className="policy-field">
      <legend>Apply changes automatically</legend>
      {POLICY_TEXT.map((p) => (
        <div className="radio-field" key={p.value}>
          <input
            type="radio"
            id={`${name}-${p.value}`}
            name={name}
            value={p.value}
            checked={value === p.value}
            disabled={disabled}
            aria-describedby={`${name}-${p.value}-help`}
            onChange={() => onChange(p.value)}
          />
          <label htmlFor={`${name}-${p.value}`}>{p.label}</label>
          <p className="help" id={`${name}-${p.value}-help`}>
            {p.help}
          </p>
        </div>
      ))}
      <p className="help">Whatever you choose, a message whose sender cannot be verified is never applied automatically.</p>
    </fieldset>
  );
}
