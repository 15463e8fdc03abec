/** The app's language: as the system says (navigator.languages), or English or German. */
import { useId } from 'react';
import type { LanguageSetting } from '../../lib/i18n';
import { useWords } from '../../lib/i18n';

const OPTIONS: readonly LanguageSetting[] = ['system', 'en', 'de'];

export function LanguageField() {
  const w = useWords();
  const id = useId();
  const name = (s: LanguageSetting): string =>
    s === 'system'
      ? w.t('ui.settings.language.system', { language: w.t(`ui.settings.language.${w.systemLocale}`) })
      : w.t(`ui.settings.language.${s}`);
  return (
    <div className="field">
      <label htmlFor={id}>{w.t('ui.settings.language')}</label>
      <select id={id} value={w.setting} onChange={(e) => w.setLanguage(e.target.value as LanguageSetting)}>
        {OPTIONS.map((s) => (
          <option key={s} value={s} lang={s === 'system' ? undefined : s}>
            {name(s)}
          </option>
        ))}
      </select>
    </div>
  );
}
