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

/**
 * IntlMessageFormat resolves a locale as `new Intl.Locale(supportedLocalesOf(tag)[0] ?? tag)`: for one of our tags
 * that is always `new Intl.Locale(tag)`, whether the runtime's ICU has the language or not. The first call of
 * `Intl.NumberFormat.supportedLocalesOf` builds ICU's list of locales (~11 ms of a one-message `process`), so our
 * tags skip it; any other goes the library's way.
 */
const libraryResolveLocale = IntlMessageFormat.resolveLocale;
IntlMessageFormat.resolveLocale = (locales) =>
  typeof locales === 'string' && (LOCALES as readonly string[]).includes(locales) && typeof Intl.Locale === 'function'
    ? new Intl.Locale(locales)
    : libraryResolveLocale(locales);

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

/** A message of literal text and plain `{name}` arguments only: its pieces, the arguments as `{ arg }`. */
type Template = readonly (string | { readonly arg: string })[];

/**
 * Literal text and `{name}` arguments, no plural, select, number or date, and no apostrophe that quotes (ICU:
 * one before `{`, `}`, `#`, `|` or another apostrophe).
 */
const PLAIN_MESSAGE = /^(?:[^{}']|'(?![{}#|'])|\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\})*$/;
const PLAIN_ARGUMENT = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

/** The message as a template when it is plain (PLAIN_MESSAGE), else null. */
export function plainTemplate(source: string): Template | null {
  if (!PLAIN_MESSAGE.test(source)) return null;
  const parts: (string | { arg: string })[] = [];
  let last = 0;
  for (const m of source.matchAll(PLAIN_ARGUMENT)) {
    if (m.index > last) parts.push(source.slice(last, m.index));
    parts.push({ arg: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return parts;
}

/**
 * A plain template filled with text parameters, as IntlMessageFormat would fill it; null when a parameter is
 * missing or not text (numbers and dates follow the locale: IntlMessageFormat formats those).
 */
function fill(template: Template, params: MessageParams | undefined): string | null {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = params?.[part.arg];
    if (typeof v === 'string') out += v;
    else if (v === null || (v === undefined && params !== undefined && part.arg in params)) continue;
    else return null;
  }
  return out;
}

/**
 * A translator for one language; compiled messages are cached per translator. A plain message (text and `{name}`
 * arguments, most of the catalogue) with text parameters is filled directly: compiling it would give the same
 * sentence, later.
 */
export function createTranslator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const cache = new Map<MessageKey, IntlMessageFormat>();
  const templates = new Map<MessageKey, Template | null>();
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
    let template = templates.get(key);
    if (template === undefined) {
      template = plainTemplate(CATALOGUES[locale][key] ?? en[key]);
      templates.set(key, template);
    }
    const plain = template ? fill(template, params) : null;
    if (plain !== null) return plain;
    const out = compiled(key).format(cleanParams(params));
    return Array.isArray(out) ? out.join('') : String(out);
  };
  return { locale, t, render: (m) => t(m.key, m.params) };
}

/** The English translator: logs, the CLI's default, tests. */
export const english: Translator = createTranslator('en');
