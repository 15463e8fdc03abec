/**
 * A list of short texts with Remove buttons and an Add field: my addresses, the iMIP address patterns. Props-only:
 * the owner words it, checks what was typed and decides what a change means (save at once, or keep in a form), and
 * may answer a change with the sentence to show. One change at a time: each is built on the list the previous
 * change's answer brings.
 */
import { useId, useState, type InputHTMLAttributes } from 'react';
import { ErrorMessage } from './ErrorMessage';

export interface EditableListWords {
  readonly none: string;
  readonly list: string;
  readonly removeLabel: (item: string) => string;
  readonly remove: string;
  readonly add: string;
  readonly addButton: string;
  readonly help: string;
}

export interface EditableListProps {
  readonly items: readonly string[];
  /** Resolves to null when the new list was taken, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null> | string | null;
  readonly words: EditableListWords;
  /** What was typed, as the item to add, or the sentence saying why it cannot be added. */
  readonly check: (typed: string, items: readonly string[]) => { item: string } | { error: string };
  readonly input: Pick<
    InputHTMLAttributes<HTMLInputElement>,
    'type' | 'autoComplete' | 'spellCheck' | 'autoCapitalize'
  >;
}

export function EditableList({ items, onChange, words, check, input }: EditableListProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function apply(next: readonly string[]): Promise<boolean> {
    if (saving) return false;
    setSaving(true);
    try {
      const failure = await onChange(next);
      setError(failure);
      return failure === null;
    } finally {
      setSaving(false);
    }
  }

  async function add(): Promise<void> {
    const typed = draft;
    const checked = check(typed, items);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    // Cleared only if the person has not typed on meanwhile.
    if (await apply([...items, checked.item])) setDraft((d) => (d === typed ? '' : d));
  }

  return (
    <>
      {items.length === 0 ? <p className="muted">{words.none}</p> : null}
      <ul aria-label={words.list} aria-busy={saving || undefined}>
        {items.map((item) => (
          <li key={item}>
            <span className="address">{item}</span>
            <button
              type="button"
              className="button small"
              onClick={() => void apply(items.filter((x) => x !== item))}
              aria-label={words.removeLabel(item)}
            >
              {words.remove}
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-field">
        <label htmlFor={id}>{words.add}</label>
        <input
          id={id}
          {...input}
          value={draft}
          aria-describedby={error ? `${id}-error ${id}-help` : `${id}-help`}
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
          {words.addButton}
        </button>
      </div>
      <p className="help" id={`${id}-help`}>
        {words.help}
      </p>
      <ErrorMessage message={error} id={`${id}-error`} />
    </>
  );
}
