import { describe, expect, it } from 'vitest';
import { createTranslator, pickLocale } from '../../../shared/i18n/index.js';
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
});
