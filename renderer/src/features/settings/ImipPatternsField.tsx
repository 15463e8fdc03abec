/**
 * The iMIP address patterns: who gets invitations by mail (a glob like *@example.com, a bare domain, a /regular
 * expression/; none: everyone). A list with Remove buttons and an Add field, saved at once; a pattern the companion
 * refuses is said in words next to the field (the refusal's catalogue message: which pattern, what is wrong).
 */
import { useId, useState } from 'react';
import { useWords } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';

export interface ImipPatternsFieldProps {
  readonly patterns: readonly string[];
  /** Resolves to null when the new list was saved, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null>;
}

export function ImipPatternsField({ patterns, onChange }: ImipPatternsFieldProps) {
  const w = useWords();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One change at a time: each is built on the list as saved, which the previous change's answer brings.
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
    const pattern = typed.trim();
    if (patterns.some((p) => p.toLowerCase() === pattern.toLowerCase()) && pattern !== '') {
      setError(w.t('settings.imipPatterns.duplicate', { pattern }));
      return;
    }
    // Cleared only if the person has not typed on meanwhile.
    if (await apply([...patterns, pattern])) setDraft((d) => (d === typed ? '' : d));
  }

  return (
    <fieldset className="address-list pattern-list" aria-busy={saving || undefined}>
      <legend>{w.t('ui.settings.imipPatterns')}</legend>
      {patterns.length === 0 ? <p className="muted">{w.t('ui.settings.imipPatterns.everyone')}</p> : null}
      <ul aria-label={w.t('ui.settings.imipPatterns.label')}>
        {patterns.map((p) => (
          <li key={p}>
            <span className="address">{p}</span>
            <button
              type="button"
              className="button small"
              onClick={() => void apply(patterns.filter((x) => x !== p))}
              aria-label={w.t('ui.settings.imipPatterns.removeLabel', { pattern: p })}
            >
              {w.t('ui.settings.imipPatterns.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-field">
        <label htmlFor={id}>{w.t('ui.settings.imipPatterns.add')}</label>
        <input
          id={id}
          type="text"
          value={draft}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
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
          {w.t('ui.settings.imipPatterns.addButton')}
        </button>
      </div>
      <p className="help" id={`${id}-help`}>
        {w.t('ui.settings.imipPatterns.help')}
      </p>
      <ErrorMessage message={error} id={`${id}-error`} />
    </fieldset>
  );
}
