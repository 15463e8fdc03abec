/**
 * The one catalogue of words for people. Every sentence the product shows or prints — engine reasons, CLI
 * output, the app's screens, the text part of outgoing mail — is a key here with an ICU message per language
 * (FormatJS `intl-messageformat`: plurals, selects, dates and numbers follow the locale's rules). Code elsewhere
 * carries keys and parameters; it renders them at the edge with a `Translator`.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './messages/en.js';
import { de } from './messages/de.js';

export type { MessageKey } from './messages/en.js';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
/** The person's choice of language: one of ours, or whatever the system says (`system`, the default). */
export const LANGUAGE_SETTINGS = ['system', ...LOCALES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** Parameters of a message: ICU arguments. Dates are passed as `Date` or epoch milliseconds. */
export type MessageParams = Readonly<Record<string, string | number | boolean | Date | null | undefined>>;

/** A key with its parameters: what pure code returns instead of a sentence. */
export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

const CATALOGUES: Readonly<Record<Locale, Partial<Record<MessageKey, string>>>> = { en, de };

export interface TranslatorOptions {
  /** IANA zone for dates and times in messages; the runtime's zone when absent. */
  readonly timeZone?: string;
}

export interface Translator {
  readonly locale: Locale;
  /** The sentence for `key` in this translator's language (English where the language has no entry). */
  t(key: MessageKey, params?: MessageParams): string;
  /** The same for a `Message` value. */
  render(message: Message): string;
}

/** The supported language closest to a BCP 47 tag or a list of them (`de-AT` → `de`), English otherwise. */
export function pickLocale(tags: string | readonly (string | undefined | null)[] | undefined | null): Locale {
  const list = typeof tags === 'string' ? [tags] : (tags ?? []);
  for (const tag of list) {
    if (!tag) continue;
    const lang = tag.toLowerCase().split(/[-_.]/)[0];
    const hit = LOCALES.find((l) => l === lang);
    if (hit) return hit;
  }
  return 'en';
}

function cleanParams(params: MessageParams | undefined): Record<string, string | number | boolean | Date> {
  const out: Record<string, string | number | boolean | Date> = {};
  if (!params) return out;
  for (const [k, v] of Object.entries(params)) out[k] = v ?? '';
  return out;
}

/** A translator for one language; compiled messages are cached per translator. */
export function createTranslator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const cache = new Map<MessageKey, IntlMessageFormat>();
  const formats = options.timeZone
    ? {
        date: { short: { timeZone: options.timeZone, dateStyle: 'medium' as const } },
        time: { short: { timeZone: options.timeZone, timeStyle: 'short' as const } },
      }
    : undefined;
  const compiled = (key: MessageKey): IntlMessageFormat => {
    let mf = cache.get(key);
    if (!mf) {
      const source = CATALOGUES[locale][key] ?? en[key];
      mf = new IntlMessageFormat(source, locale, formats, { ignoreTag: true });
      cache.set(key, mf);
    }
    return mf;
  };
  const t = (key: MessageKey, params?: MessageParams): string => {
    const out = compiled(key).format(cleanParams(params));
    return Array.isArray(out) ? out.join('') : String(out);
  };
  return { locale, t, render: (m) => t(m.key, m.params) };
}

/** The English translator: logs, the CLI's default, tests. */
export const english: Translator = createTranslator('en');
