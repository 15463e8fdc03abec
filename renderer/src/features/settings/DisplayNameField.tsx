/**
 * My name, or my name as one of my addresses (Settings → My addresses): saved when the field is left or Enter is
 * pressed, if it changed.
 */
import { useId, useRef, useState } from 'react';
import { useWords } from '../../lib/i18n';

export interface DisplayNameFieldProps {
  readonly value: string | null;
  /** The field's label and help; absent: those of my name. */
  readonly label?: string;
  readonly help?: string;
  /** Resolves to null when saved, else to the refusal. */
  readonly onSave: (name: string | null) => Promise<string | null>;
}

export function DisplayNameField({ value, onSave, label, help }: DisplayNameFieldProps) {
  const w = useWords();
  const id = useId();
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  // What this field last asked to save: its answer coming back must not overwrite what is typed meanwhile.
  const [sent, setSent] = useState<string | null>(null);
  // A value saved elsewhere (another window, the configuration file) replaces what the field shows.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if ((value ?? '') !== sent) setText(value ?? '');
  }
  // Saves not answered yet: until they are, `value` may be older than what was asked, so nothing counts as unchanged.
  const saving = useRef(0);

  async function save(): Promise<void> {
    const next = text.trim();
    if (saving.current === 0 && next === (value ?? '')) return;
    setSent(next);
    setText(next);
    saving.current++;
    try {
      const failure = await onSave(next === '' ? null : next);
      setError(failure === null ? null : w.t('ui.settings.displayName.invalid'));
    } finally {
      saving.current--;
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label ?? w.t('ui.settings.displayName')}</label>
      <input
        id={id}
        type="text"
        autoComplete="name"
        maxLength={200}
        value={text}
        aria-describedby={`${id}-help`}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
      />
      <p className="help" id={`${id}-help`}>
        {error ?? help ?? w.t('ui.settings.displayName.help')}
      </p>
    </div>
  );
}
