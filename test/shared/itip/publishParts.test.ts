/**
 * A PUBLISH with several UIDs (shared/itip/publishParts.ts): each event handled on its own, one result per UID, each
 * part carrying the time zones it uses; other methods keep the one-UID rule. Fixtures: test/fixtures/multi-uid.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { processItipEach, publishParts } from '../../../shared/itip/publishParts.js';
import { Calendar, envelope, ics, instanceOf, say, vevent } from '../../helpers/itip.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/multi-uid');
const read = (f: string): string => readFileSync(path.join(FIX, f), 'utf8');
const ME = 'me@example.com';
const ORG = 'olga@example.org';

function each(cal: Calendar, text: string, from: string | null): ReturnType<typeof processItipEach> {
  const results = processItipEach(
    { ics: text, headerMethod: null, envelope: envelope(from) },
    (u) => cal.get(u),
    cal.ctx(),
  );
  for (const r of results) cal.apply(r);
  return results;
}

describe('PUBLISH with several UIDs', () => {
  it('Outlook export: three events from a known sender, three results, each stored with its Windows zone', () => {
    const cal = new Calendar([ME], 'known');
    cal.contacts.add(ORG);
    const results = each(cal, read('outlook-export.ics'), ORG);
    expect(results.map((r) => [r.kind, r.outcome])).toEqual([
      ['publish', 'applied'],
      ['publish', 'applied'],
      ['publish', 'applied'],
    ]);
    expect(results.map((r) => r.uid?.slice(-8))).toEqual(['AAAA0001', 'AAAA0002', 'AAAA0003']);
    expect(cal.events.size).toBe(3);
    for (const r of results) {
      const stored = cal.get(r.uid ?? '');
      expect(stored?.getAllSubcomponents('vevent')).toHaveLength(1);
      expect(stored?.getAllSubcomponents('vtimezone').length).toBeGreaterThan(0);
    }
    expect(say(results[2]?.reason ?? { key: 'common.text', params: { text: '' } })).toMatch(/Teamfrühstück/);
  });

  it('Google holidays (no ORGANIZER): each holiday a decision of its own, apply adds that one only', () => {
    const cal = new Calendar([ME], 'known');
    const results = each(cal, read('google-holidays.ics'), 'calendar-notification@google.com');
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.outcome === 'pending' && r.pending?.choices.includes('apply'))).toBe(true);
    expect(results.map((r) => r.pending?.summary)).toEqual(['Good Friday', 'Easter Monday', 'Labour Day']);
    cal.decide(results[1] as (typeof results)[number], 'apply');
    expect([...cal.events.keys()]).toEqual(['20260406_7b9d1f3a5c7e@google.com']);
  });

  it('iCloud booking: two legs, the second with its override kept together under one UID', () => {
    const parts = publishParts(read('icloud-booking.ics'), null);
    expect(parts?.map((p) => p.uid)).toEqual([
      '5B1E7C2A-0D3F-4A6B-9C8D-7E6F5A4B3C2D',
      '8D2F4B6A-1C3E-4F5A-8B7C-6D5E4F3A2B1C',
    ]);
    const cal = new Calendar([ME], 'always');
    const results = each(cal, read('icloud-booking.ics'), ORG);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const back = cal.get('8D2F4B6A-1C3E-4F5A-8B7C-6D5E4F3A2B1C');
    expect(back?.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(
      back
        ?.getAllSubcomponents('vtimezone')
        .map((z) => z.getFirstPropertyValue('tzid'))
        .sort(),
    ).toEqual(['Europe/Berlin', 'Europe/Lisbon']);
    expect(instanceOf(cal.get('5B1E7C2A-0D3F-4A6B-9C8D-7E6F5A4B3C2D'))?.getFirstPropertyValue('summary')).toBe(
      'Flight BER → LIS',
    );
  });

  it('one UID, or a REQUEST mixing UIDs: no split; the REQUEST stays an error', () => {
    const one = ics('PUBLISH', vevent('UID:a@x', 'DTSTAMP:20260301T000000Z', 'DTSTART:20260310T100000Z', 'SUMMARY:A'));
    expect(publishParts(one, null)).toBeNull();
    const mixed = ics(
      'REQUEST',
      vevent('UID:a@x', 'DTSTAMP:20260301T000000Z', 'DTSTART:20260310T100000Z', `ORGANIZER:mailto:${ORG}`),
      vevent('UID:b@x', 'DTSTAMP:20260301T000000Z', 'DTSTART:20260311T100000Z', `ORGANIZER:mailto:${ORG}`),
    );
    expect(publishParts(mixed, null)).toBeNull();
    const cal = new Calendar([ME], 'always');
    const results = each(cal, mixed, ORG);
    expect(results.map((r) => (r.outcome === 'error' ? r.errorCode : null))).toEqual(['ITIP_MIXED_UID']);
  });
});
