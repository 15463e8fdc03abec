import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { busyPeriods, listOccurrences } from '../../../shared/calendar/queries.js';
import { ics } from '../../helpers/itip.js';

const ME = 'me@example.com';
const entry = (uid: string, ...lines: string[]): [string, ICAL.Component] => [
  uid,
  new ICAL.Component(
    ICAL.parse(
      ics(null, 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'),
    ) as unknown[],
  ),
];
const FROM = Date.parse('2026-03-01T00:00:00Z');
const TO = Date.parse('2026-03-08T00:00:00Z');

describe('busyPeriods (RFC 5545 §3.8.2.7, RFC 5546 §3.3.2)', () => {
  const me = `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`;
  it('leaves out transparent events, declined ones and cancelled ones', () => {
    const entries = [
      entry('opaque', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', me),
      entry('transparent', 'DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z', 'TRANSP:TRANSPARENT', me),
      entry(
        'declined',
        'DTSTART:20260304T090000Z',
        'DTEND:20260304T100000Z',
        `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
      ),
      entry('cancelled', 'DTSTART:20260305T090000Z', 'DTEND:20260305T100000Z', 'STATUS:CANCELLED', me),
    ];
    expect(busyPeriods(entries, FROM, TO, [ME])).toEqual([
      { startMs: Date.parse('2026-03-02T09:00:00Z'), endMs: Date.parse('2026-03-02T10:00:00Z'), type: 'BUSY' },
    ]);
  });

  it('reports an unanswered or tentative event as BUSY-TENTATIVE', () => {
    const entries = [
      entry('t', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`),
    ];
    expect(busyPeriods(entries, FROM, TO, [ME]).map((b) => b.type)).toEqual(['BUSY-TENTATIVE']);
  });

  it('marks transparency on each occurrence', () => {
    const entries = [
      entry(
        'w',
        'DTSTART:20260302T090000Z',
        'DTEND:20260302T100000Z',
        'RRULE:FREQ=DAILY;COUNT=2',
        'TRANSP:TRANSPARENT',
      ),
    ];
    expect(listOccurrences(entries, FROM, TO, [ME]).map((o) => o.transparent)).toEqual([true, true]);
  });
});
