/** The time frame (`4W`, `2D 1h`): older messages are not processed automatically. The server validates it. */
import { useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';

export interface TimeframeFieldProps {
  readonly value: string;
  /** Resolves to null when saved, or to the server's validation sentence. */
  readonly onSave: (text: string) => Promise<string | null>;
}

export function TimeframeField({ value, onSave }: TimeframeFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(value), [value]);

  async function save(): Promise<void> {
    setSaved(false);
    const failure = await onSave(draft.trim());
    setError(failure);
    setSaved(failure === null);
  }

  return (
    <div className="timeframe-field">
      <div className="inline-field">
        <label htmlFor={id}>Time frame</label>
        <input
          id={id}
          type="text"
          value={draft}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
          onChange={(e) => {
            setDraft(e.target.value);
            setSaved(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            }
          }}
        />
        <button type="button" className="button" onClick={() => void save()}>
          Save time frame
        </button>
        <span className="saved" role="status">
          {saved ? 'Saved' : ''}
        </span>
      </div>
      <p className="help" id={`${id}-help`}>
        Messages received longer ago are not processed automatically. Units W, D, h, m, s, ms, combinable: 4W, 2D 1h.
      </p>
      <ErrorMessage message={error} id={`${id}-error`} />
    </div>
  );
}
