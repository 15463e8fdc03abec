/**
 * The app's words and times for the chosen language: a React context over the shared catalogue's
 * `createTranslator` (no second i18n library) and the one time format. The language follows the system
 * (navigator.languages) unless the person picked one in Settings. The choice is kept in this browser profile (so
 * the first screen is already in it) and in the companion's settings (`language`), where the main process reads it
 * for the mail it sends on my behalf; a choice saved there (another window, the configuration file) wins, and a
 * choice this profile made before the setting existed is handed over once.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  createTranslator,
  pickLocale,
  type LanguageSetting,
  type Locale,
  type Message,
  type MessageKey,
  type MessageParams,
  type Translator,
} from '../../../shared/i18n/catalogue.js';
import { createTimeFormat, type TimeFormat } from './timeFormat';
import { getApi, hasApi, type SettingsView } from '../api';
import { useApiEvent } from './useApiEvent';

export type { LanguageSetting };

export interface Words {
  readonly locale: Locale;
  readonly setting: LanguageSetting;
  /** The language the system asks for, whatever the setting. */
  readonly systemLocale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  readonly translator: Translator;
  /** An engine sentence: a `Message` rendered in this language, or a plain string as it came (instants formatted). */
  text(value: Message | string | null | undefined): string;
  readonly time: TimeFormat;
  setLanguage(setting: LanguageSetting): void;
}

const STORAGE_KEY = 'imip-companion.language';
const LANGUAGES: readonly LanguageSetting[] = ['system', 'en', 'de'];

/**
 * Engine reasons the app words its own way, same parameters: the engine's sentence serves the command line
 * ("A person can apply it…"); in the app the person is addressed and the buttons are named.
 */
const APP_WORDING: Readonly<Record<string, MessageKey>> = { 'reason.heldBack': 'ui.reason.heldBack' };

function inAppWords(value: Message): Message {
  const key = APP_WORDING[value.key];
  return key ? { ...value, key } : value;
}

function systemTags(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The system's own tag when it is in the chosen language (so en-US keeps 12-hour, en-GB 24-hour), else the language. */
export function intlLocaleFor(locale: Locale, tags: readonly string[] = systemTags()): string {
  const own = tags.find((tag) => pickLocale(tag) === locale && tag.toLowerCase().startsWith(locale));
  return own ?? locale;
}

function readSetting(): LanguageSetting {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'de' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function makeWords(
  setting: LanguageSetting,
  setLanguage: (s: LanguageSetting) => void = () => undefined,
  tags: readonly string[] = systemTags(),
): Words {
  const systemLocale = pickLocale(tags);
  const locale = setting === 'system' ? systemLocale : setting;
  const translator = createTranslator(locale);
  const time = createTimeFormat(intlLocaleFor(locale, tags), translator);
  const text = (value: Message | string | null | undefined): string => {
    if (value === null || value === undefined) return '';
    return typeof value === 'string'
      ? time.humanizeInstants(value)
      : time.humanizeInstants(translator.render(inAppWords(value)));
  };
  return { locale, setting, systemLocale, t: translator.t, translator, text, time, setLanguage };
}

const WordsContext = createContext<Words>(makeWords('system'));

export function I18nProvider({
  children,
  initial,
}: {
  readonly children: ReactNode;
  readonly initial?: LanguageSetting;
}) {
  const [setting, setSetting] = useState<LanguageSetting>(() => initial ?? readSetting());
  const keep = useCallback((next: LanguageSetting) => {
    try {
      if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* a profile without storage keeps the choice for this session only */
    }
    setSetting(next);
  }, []);
  const setLanguage = useCallback(
    (next: LanguageSetting) => {
      keep(next);
      // The main process writes my mail in this language too; a refusal leaves the window's choice as it is.
      if (hasApi()) void getApi().updateSettings({ language: next });
    },
    [keep],
  );
  const adopt = useCallback(
    (view: SettingsView) => {
      if (!view.sources?.language) return;
      if (view.sources.language !== 'default') {
        if (LANGUAGES.includes(view.language)) keep(view.language);
        return;
      }
      const mine = readSetting();
      if (mine !== 'system' && hasApi()) void getApi().updateSettings({ language: mine });
    },
    [keep],
  );
  useEffect(() => {
    if (!hasApi()) return;
    const atStart = readSetting();
    // A choice made in this window while the settings were read wins over what they said.
    void getApi()
      .getSettings()
      .then((r) => (r.ok && readSetting() === atStart ? adopt(r.value) : undefined));
  }, [adopt]);
  useApiEvent('settingsChanged', adopt);
  const words = useMemo(() => makeWords(setting, setLanguage), [setting, setLanguage]);
  useEffect(() => {
    document.documentElement.lang = words.locale;
  }, [words.locale]);
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

export function useWords(): Words {
  return useContext(WordsContext);
}
