import { describe, expect, it } from 'vitest';
import { createTranslator, pickLocale } from '../../../shared/i18n/index.js';
import { plainTemplate } from '../../../shared/i18n/catalogue.js';
import type { MessageKey } from '../../../shared/i18n/messages/en.js';
import { en } from '../../../shared/i18n/messages/en.js';
import { de } from '../../../shared/i18n/messages/de.js';
import { IntlMessageFormat } from 'intl-messageformat';

describe('catalogue', () => {
  it("renders plurals by each language's rules", () => {
    expect(createTranslator('en').t('common.events', { count: 1 })).toBe('1 event');
    expect(createTranslator('en').t('common.events', { count: 3 })).toBe('3 events');
    expect(createTranslator('de').t('common.events', { count: 3 })).toBe('3 Termine');
  });

  it('picks the closest supported language', () => {
    expect(pickLocale('de-AT')).toBe('de');
    expect(pickLocale(['fr-FR', 'de_DE.UTF-8'])).toBe('de');
    expect(pickLocale(undefined)).toBe('en');
  });

  it('has only keys English defines, and every message compiles', () => {
    for (const key of Object.keys(de)) expect(Object.hasOwn(en, key), key).toBe(true);
    for (const [key, text] of [...Object.entries(en), ...Object.entries(de)]) {
      expect(() => new IntlMessageFormat(text as string, 'en', undefined, { ignoreTag: true }), key).not.toThrow();
    }
  });

  it('fills a plain message directly, with exactly the sentence IntlMessageFormat gives, in every message of both languages', () => {
    let plain = 0;
    for (const [locale, messages] of [
      ['en', en],
      ['de', de],
    ] as const) {
      const t = createTranslator(locale);
      for (const [key, text] of Object.entries(messages) as [MessageKey, string][]) {
        const reference = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
        // Every argument the message names, as text with the characters ICU treats specially.
        const names = [...text.matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => m[1] as string);
        const params = Object.fromEntries(names.map((n, i) => [n, `'{${n}}' #${i} <b>&</b> ''`]));
        if (plainTemplate(text)) {
          plain++;
          expect(t.t(key, params), `${locale} ${key}`).toBe(String(reference.format(params)));
          const blank = Object.fromEntries(names.map((n) => [n, null]));
          const cleaned = Object.fromEntries(names.map((n) => [n, '']));
          expect(t.t(key, blank), `${locale} ${key} without values`).toBe(String(reference.format(cleaned)));
        }
      }
    }
    // Most of the catalogue is plain: the direct path is the one taken.
    expect(plain).toBeGreaterThan((Object.keys(en).length + Object.keys(de).length) / 2);
  });

  it('leaves plurals, numbers, quoting apostrophes and missing arguments to IntlMessageFormat', () => {
    expect(plainTemplate('{count, plural, one {# event} other {# events}}')).toBeNull();
    expect(plainTemplate("It's {name}'s")).toEqual(["It's ", { arg: 'name' }, "'s"]);
    expect(plainTemplate("'{name}'")).toBeNull();
    expect(plainTemplate("a '' b")).toBeNull();
    expect(plainTemplate('{ name } and {other}')).toEqual([{ arg: 'name' }, ' and ', { arg: 'other' }]);
    const t = createTranslator('de');
    // Numbers go to IntlMessageFormat, plural or plain argument.
    expect(t.t('common.events', { count: 1234 })).toBe('1.234 Termine');
    const key = (Object.keys(en) as MessageKey[]).find(
      (k) => /^[^{]*\{\s*\w+\s*\}[^{]*$/.test(en[k]) && !en[k].includes("'"),
    );
    expect(key).toBeDefined();
    const name = /\{\s*(\w+)/.exec(en[key as MessageKey])?.[1] as string;
    const reference = new IntlMessageFormat(en[key as MessageKey], 'en', undefined, { ignoreTag: true });
    expect(createTranslator('en').t(key as MessageKey, { [name]: 12345 })).toBe(reference.format({ [name]: 12345 }));
    expect(() => createTranslator('en').t(key as MessageKey, {})).toThrow();
  });

  it("resolves our languages to the locale IntlMessageFormat's own lookup gives", () => {
    for (const locale of ['en', 'de']) {
      const supported = Intl.NumberFormat.supportedLocalesOf(locale)[0] ?? locale;
      expect(new IntlMessageFormat('x', locale).resolvedOptions().locale).toBe(new Intl.Locale(supported).toString());
    }
    expect(new IntlMessageFormat('x', 'fr-CA').resolvedOptions().locale).toBe('fr-CA');
  });
});
