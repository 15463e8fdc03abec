/** The one time format: the locale's clock (12 or 24 hours), zone names, all-day spans and no raw instant left. */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/catalogue.js';
import { intlLocaleFor } from '../../renderer/src/lib/i18n';
import { createTimeFormat } from '../../renderer/src/lib/timeFormat';

const now = (): Date => new Date('2026-03-10T10:00:00Z');
const zone = 'Europe/Berlin';

describe('time format', () => {
  it('uses the clock of the locale: 12-hour in en-US, 24-hour in en-GB and German', () => {
    const us = createTimeFormat('en-US', createTranslator('en'), now);
    const gb = createTimeFormat('en-GB', createTranslator('en'), now);
    const de = createTimeFormat('de-DE', createTranslator('de'), now);
    const span = { start: '2026-03-12T14:00:00Z', end: '2026-03-12T15:00:00Z', allDay: false };
    expect(us.span(span, zone)).toMatch(/3:00\s?–\s?4:00\sPM/);
    expect(gb.span(span, zone)).toMatch(/15:00\s?–\s?16:00/);
    expect(de.span(span, zone)).toMatch(/^Do\., 12\. März, 15:00\s?–\s?16:00/);
    // Another year is named; this year is not.
    expect(de.span({ ...span, start: '2027-03-12T14:00:00Z', end: '2027-03-12T15:00:00Z' }, zone)).toContain('2027');
  });

  it('gives the calendar grid clock times as the locale writes them, never "4:00PM"', () => {
    const us = createTimeFormat('en-US', createTranslator('en'), now);
    const de = createTimeFormat('de-DE', createTranslator('de'), now);
    const start = Date.parse('2026-03-12T15:00:00Z');
    const end = Date.parse('2026-03-12T16:30:00Z');
    // Intl separates the day period with a (narrow no-break) space; FullCalendar's own format glued it on.
    expect(us.clock(start)).toMatch(/^\d{1,2}:00\s(AM|PM)$/u);
    expect(us.clock(start, end)).toMatch(/^\d{1,2}:00\s?–\s?\d{1,2}:30\s(AM|PM)$/u);
    expect(de.clock(start)).toMatch(/^\d{2}:00$/);
    expect(de.clock(start, end)).toMatch(/^\d{2}:00\s?–\s?\d{2}:30$/);
  });

  it('shows all-day spans with the exclusive end taken back a day, in words of the language', () => {
    const de = createTimeFormat('de-DE', createTranslator('de'), now);
    expect(de.span({ start: '2026-03-11', end: '2026-03-14', allDay: true })).toMatch(
      /^Mi\., 11\.\s?–\s?Fr\., 13\. März, ganztägig$/,
    );
    const en = createTimeFormat('en-GB', createTranslator('en'), now);
    expect(en.span({ start: '2026-03-11', end: '2026-03-12', allDay: true })).toBe('Wed 11 Mar, all day');
  });

  it('names zones in words and replaces every ISO instant in a sentence', () => {
    const en = createTimeFormat('en-US', createTranslator('en'), now);
    expect(en.zoneName('America/New_York')).toBe('Eastern Time');
    expect(en.zoneName('Not/AZone')).toBe('Not/AZone');
    const text = en.humanizeInstants('moved from 2026-12-11T15:00:00Z to 2026-12-11T16:30+01:00, first on 2026-12-14.');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/moved from .*Dec 11.* to .*Dec 11.*, first on .*Dec 14/);
  });

  it('keeps the system tag when it is in the chosen language', () => {
    expect(intlLocaleFor('en', ['en-US', 'de-DE'])).toBe('en-US');
    expect(intlLocaleFor('de', ['en-US', 'de-AT'])).toBe('de-AT');
    expect(intlLocaleFor('de', ['en-GB'])).toBe('de');
  });
});
