/**
 * The engine's reasons and warnings: German is complete, every message renders in both languages with any data,
 * and an engine result reads naturally in either language.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator, english } from '../../../shared/i18n/index.js';
import { reasons as enReasons } from '../../../shared/i18n/messages/en/reasons.js';
import { reasons as deReasons } from '../../../shared/i18n/messages/de/reasons.js';
import type { MessageKey } from '../../../shared/i18n/messages/en.js';
import { Calendar, ics, vevent } from '../../helpers/itip.js';

const german = createTranslator('de');

/** Every argument of a message with a value: numbers for plurals, text otherwise (selects then take `other`). */
function sampleParams(text: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const m of text.matchAll(/\{(\w+)(?:,\s*(\w+))?/g)) {
    const [, name, type] = m;
    if (name && !(name in params && type !== 'plural')) params[name] = type === 'plural' ? 2 : `<${name}>`;
  }
  return params;
}

describe('reason catalogue', () => {
  const keys = Object.keys(enReasons) as MessageKey[];

  it('has German for every reason and warning', () => {
    const missing = keys.filter((k) => !(k in deReasons));
    expect(missing).toEqual([]);
    for (const k of keys) expect(k).toMatch(/^(reason|warning)\./);
  });

  it('renders every message in English and German with data filled in', () => {
    for (const k of keys) {
      const params = sampleParams(enReasons[k as keyof typeof enReasons]);
      for (const t of [english, german]) {
        const out = t.t(k, params);
        expect(out.trim().length, `${t.locale} ${k}`).toBeGreaterThan(5);
        expect(out, `${t.locale} ${k}`).not.toMatch(/undefined|\[object|\{|\}/);
      }
    }
  });

  it('words an engine result in either language from the same data', () => {
    const cal = new Calendar(['me@example.com'], 'never');
    const r = cal.process(
      ics(
        'REQUEST',
        vevent(
          'UID:i18n-1',
          'DTSTAMP:20260301T100000Z',
          'DTSTART:20260310T100000Z',
          'DTEND:20260310T110000Z',
          'SUMMARY:Planung',
          'ORGANIZER;CN=Olga:mailto:olga@example.org',
          'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com',
        ),
      ),
      'olga@example.org',
    );
    expect(r.reason.key).toBe('reason.request.invitation');
    expect(english.render(r.reason)).toBe(
      'Olga invites you to "Planung": accept, tentatively accept or decline. Not applied automatically: Your policy is "never": nothing is applied automatically.',
    );
    expect(german.render(r.reason)).toBe(
      'Olga lädt Sie zu „Planung“ ein: zusagen, vorläufig zusagen oder absagen. Nicht automatisch übernommen: Ihre Regel ist „nie“: Nichts wird automatisch übernommen.',
    );
    // Parameters are data, never sentences.
    for (const v of Object.values(r.reason.params ?? {})) expect(String(v)).not.toMatch(/\s\w+\s\w+\s\w+\s/);
  });
});
