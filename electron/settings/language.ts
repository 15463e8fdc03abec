/**
 * The language of what the companion writes for people outside its window: the Subject and text part of the mail
 * it sends on my behalf, and the desktop's notifications and tray. config.json's `language` (`en`, `de`; `system` or absent: the system's) is the app's
 * language setting (Settings saves it there) or a configuration file's `language`. The system's language is what
 * the desktop shell reports the system prefers (`setSystemLanguages`), else the environment's locale in POSIX
 * order (LC_ALL, then LC_MESSAGES, then LANG; `C` and `POSIX` name no language), else English.
 */
import {
  createTranslator,
  LANGUAGE_SETTINGS,
  pickLocale,
  type LanguageSetting,
  type Locale,
  type Translator,
} from '../../shared/i18n/index.js';
import type { DataDirConfig } from '../store/dataDir.js';

let systemLanguages: readonly string[] = [];

/** The desktop shell's report of the system's languages (Electron `app.getPreferredSystemLanguages()`). */
export function setSystemLanguages(tags: readonly string[]): void {
  systemLanguages = tags.filter((t) => t.trim() !== '');
}

/** The language the environment's locale names (LC_ALL, LC_MESSAGES, LANG), English when none does. */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v.trim() !== '');
  if (!tag || /^(C|POSIX)([._@]|$)/i.test(tag.trim())) return 'en';
  return pickLocale(tag.trim());
}

/** The system's language: the shell's report where there is one, else the environment's. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return systemLanguages.length ? pickLocale(systemLanguages) : environmentLocale(env);
}

export function languageSettingOf(cfg: DataDirConfig): LanguageSetting {
  return (LANGUAGE_SETTINGS as readonly unknown[]).includes(cfg['language'])
    ? (cfg['language'] as LanguageSetting)
    : 'system';
}

/** The person's language: of the mail sent on my behalf and of the desktop's notifications. */
export function personLocaleOf(cfg: DataDirConfig, env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = languageSettingOf(cfg);
  return setting === 'system' ? systemLocale(env) : setting;
}

const translators = new Map<Locale, Translator>();

/** A translator in the person's language (one per language, its compiled messages kept). */
export function personWordsOf(cfg: DataDirConfig, env: NodeJS.ProcessEnv = process.env): Translator {
  const locale = personLocaleOf(cfg, env);
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = createTranslator(locale)));
  return t;
}
