/**
 * The iMIP address patterns: who gets invitations by mail (a glob like *@example.com, a bare domain, a /regular
 * expression/; none: everyone). A list with Remove buttons and an Add field, saved at once; a pattern the companion
 * refuses is said in words next to the field (the refusal's catalogue message: which pattern, what is wrong).
 */
import { useWords } from '../../lib/i18n';
import { EditableList } from '../../components/EditableList';

export interface ImipPatternsFieldProps {
  readonly patterns: readonly string[];
  /** Resolves to null when the new list was saved, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null>;
}

export function ImipPatternsField({ patterns, onChange }: ImipPatternsFieldProps) {
  const w = useWords();
  return (
    <fieldset className="address-list pattern-list">
      <legend>{w.t('ui.settings.imipPatterns')}</legend>
      <EditableList
        items={patterns}
        onChange={onChange}
        input={{ type: 'text', spellCheck: false, autoCapitalize: 'off', autoComplete: 'off' }}
        // An empty or otherwise unusable pattern is refused by the companion, in words.
        check={(typed, items) => {
          const pattern = typed.trim();
          if (pattern !== '' && items.some((p) => p.toLowerCase() === pattern.toLowerCase()))
            return { error: w.t('settings.imipPatterns.duplicate', { pattern }) };
          return { item: pattern };
        }}
        words={{
          none: w.t('ui.settings.imipPatterns.everyone'),
          list: w.t('ui.settings.imipPatterns.label'),
          removeLabel: (pattern) => w.t('ui.settings.imipPatterns.removeLabel', { pattern }),
          remove: w.t('ui.settings.imipPatterns.remove'),
          add: w.t('ui.settings.imipPatterns.add'),
          addButton: w.t('ui.settings.imipPatterns.addButton'),
          help: w.t('ui.settings.imipPatterns.help'),
        }}
      />
    </fieldset>
  );
}
