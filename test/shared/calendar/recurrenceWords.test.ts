import { describe, expect, it } from 'vitest';
import { describeRecurrence } from '../../../shared/calendar/recurrenceWords.js';
import { createTranslator } from '../../../shared/i18n/catalogue.js';

const en = createTranslator('en');
const de = createTranslator('de');

describe('describeRecurrence', () => {
  it('says weekly rules with days and a count, in English and German', () => {
    expect(describeRecurrence('FREQ=WEEKLY;COUNT=8;BYDAY=MO', en)).toBe('Weekly on Monday, 8 times');
    expect(describeRecurrence('FREQ=WEEKLY;COUNT=8;BYDAY=MO', de)).toBe('Wöchentlich am Montag, 8-mal');
    expect(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', en)).toBe('Every 2 weeks on Monday and Wednesday');
    expect(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', de)).toBe('Alle 2 Wochen am Montag und Mittwoch');
    expect(describeRecurrence('FREQ=WEEKLY;COUNT=1', en)).toBe('Weekly, once');
    expect(describeRecurrence('FREQ=WEEKLY;COUNT=1', de)).toBe('Wöchentlich, einmal');
  });

  it('uses plural rules for intervals and dates in the language', () => {
    expect(describeRecurrence('FREQ=DAILY', en)).toBe('Daily');
    expect(describeRecurrence('FREQ=DAILY;INTERVAL=3;UNTIL=20260330T220000Z', en)).toBe(
      'Every 3 days, until March 30, 2026',
    );
    expect(describeRecurrence('FREQ=DAILY;INTERVAL=3;UNTIL=20260330T220000Z', de)).toBe(
      'Alle 3 Tage, bis 30. März 2026',
    );
    expect(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', de)).toBe('Jeden Werktag');
  });

  it('says monthly and yearly positions', () => {
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=2TU', en)).toBe('Monthly on the second Tuesday');
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=-1FR', de)).toBe('Monatlich am letzten Freitag');
    expect(describeRecurrence('FREQ=MONTHLY;BYMONTHDAY=22', en)).toBe('Monthly on the 22nd');
    expect(describeRecurrence('FREQ=MONTHLY;BYMONTHDAY=15', de)).toBe('Monatlich am 15.');
    expect(describeRecurrence('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=11', en)).toBe('Yearly on December 11');
    expect(describeRecurrence('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=11', de)).toBe('Jährlich am 11. Dezember');
  });

  it('says "Repeats" for what it cannot say exactly, never something wrong', () => {
    expect(describeRecurrence('FREQ=HOURLY', en)).toBe('Repeats');
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1', en)).toBe('Repeats');
    expect(describeRecurrence('garbage', de)).toBe('Wiederholt sich');
  });
});
