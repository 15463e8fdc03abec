import { describe, expect, it } from 'vitest';
import { Calendar, ics } from '../../helpers/itip.js';

const invite = ics(
  'REQUEST',
  'BEGIN:VEVENT',
  'UID:abc-1',
  'DTSTAMP:20260301T100000Z',
  'SEQUENCE:0',
  'DTSTART;TZID=Europe/Berlin:20260310T100000',
  'DTEND;TZID=Europe/Berlin:20260310T110000',
  'SUMMARY:Planning',
  'ORGANIZER;CN=Olga:mailto:olga@example.org',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:olga@example.org',
  'END:VEVENT',
);

describe('smoke', () => {
  it('invitation from unknown sender is pending, accept makes a reply', () => {
    const cal = new Calendar();
    const r = cal.process(invite, 'olga@example.org');
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    const d = cal.decide(r, 'accept', 'See you');
    expect(d.outcome).toBe('applied');
    expect(d.outgoing).toHaveLength(1);
    const again = cal.process(invite, 'olga@example.org');
    expect(again.kind).toBe('outdated');
  });
});
