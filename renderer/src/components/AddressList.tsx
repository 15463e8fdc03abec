/**
 * A list of my e-mail addresses with Remove buttons and an Add field. Props-only: the owner decides what a
 * change means (save at once in Settings, keep in the form during first run) and may return an error sentence.
 */
import { useId, useState } from 'react';
import { useWords } from '../lib/i18n';
import { ErrorMessage } from './ErrorMessage';

export interface AddressListProps {
  readonly addresses: readonly string[];
  /** Resolves to null when the new list was taken, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null> | string | null;
  readonly label?: string;
}

const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function AddressList({ addresses, onChange, label }: AddressListProps) {
  const w = useWords();
  const inputId = useId();
  const helpId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function apply(next: readonly string[]): Promise<boolean> {
    const failure = await onChange(next);
    setError(failure);
    return failure === null;
  }

  async function add(): Promise<void> {
    const address = draft.trim().replace(/^mailto:/i, '');
    if (!LOOKS_LIKE_ADDRESS.test(address)) {
      setError(w.t('ui.address.invalid'));
      return;
    }
    if (addresses.some((a) => a.toLowerCase() === address.toLowerCase())) {
      setError(w.t('ui.address.duplicate', { address }));
      return;
    }
    if (await apply([...addresses, address])) setDraft('');
  }

  return (
    <div className="address-list">
      {addresses.length === 0 ? <p className="muted">{w.t('ui.address.none')}</p> : null}
      <ul aria-label={label ?? w.t('ui.address.label')}>
        {addresses.map((a) => (
          <li key={a}>
            <span className="address">{a}</span>
            <button
              type="button"
              className="button small"
              onClick={() => void apply(addresses.filter((x) => x !== a))}
              aria-label={w.t('ui.address.removeLabel', { address: a })}
            >
              {w.t('ui.address.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-field">
        <label htmlFor={inputId}>{w.t('ui.address.add')}</label>
        <input
          id={inputId}
          type="email"
          value={draft}
          autoComplete="email"
          aria-describedby={helpId}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" className="button" onClick={() => void add()}>
          {w.t('ui.address.addButton')}
        </button>
      </div>
      <p className="help" id={helpId}>
        {w.t('ui.address.help')}
      </p>
      <ErrorMessage message={error} />
    </div>
  );
}
