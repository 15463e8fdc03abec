/**
 * A list of my e-mail addresses with Remove buttons and an Add field. Props-only: the owner decides what a
 * change means (save at once in Settings, keep in the form during first run) and may return an error sentence.
 */
import { useId, useState } from 'react';
import { ErrorMessage } from './ErrorMessage';

export interface AddressListProps {
  readonly addresses: readonly string[];
  /** Resolves to null when the new list was taken, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null> | string | null;
  readonly label?: string;
}

const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function AddressList({ addresses, onChange, label = 'My addresses' }: AddressListProps) {
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
      setError('Enter an e-mail address like name@example.com.');
      return;
    }
    if (addresses.some((a) => a.toLowerCase() === address.toLowerCase())) {
      setError(`${address} is already in the list.`);
      return;
    }
    if (await apply([...addresses, address])) setDraft('');
  }

  return (
    <div className="address-list">
      {addresses.length === 0 ? <p className="muted">No addresses yet.</p> : null}
      <ul aria-label={label}>
        {addresses.map((a) => (
          <li key={a}>
            <span className="address">{a}</span>
            <button type="button" className="button small" onClick={() => void apply(addresses.filter((x) => x !== a))} aria-label={`Remove ${a}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-field">
        <label htmlFor={inputId}>Add an address</label>
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
          Add address
        </button>
      </div>
      <p className="help" id={helpId}>
        Every address you receive invitations at, so the companion knows which attendee is you.
      </p>
      <ErrorMessage message={error} />
    </div>
  );
}
