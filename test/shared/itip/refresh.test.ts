/**
 * REFRESH received as organizer (RFC 5546 §3.2.6): an attendee asks for the current version and gets a REQUEST
 * with just the instances they attend; a stranger gets nothing.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, attendeesOf, ics, outgoingCalendar, outgoingEvents, vevent, say } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const DAN = 'dan@example.net';
const UID = 'refresh-1@example.com';

function organizerCal(policy: 'always' | 'known' | 'never' = 'known'): Calendar {
  const cal = new Calendar([ME], policy);
  const people = [
    `ORGANIZER:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=ACCEPTED;X-RECEIVED-SEQUENCE=4:mailto:${BOB}`,
  ];
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:4',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Sync',
        ...people,
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'DESCRIPTION:x',
        'TRIGGER:-PT5M',
        'END:VALARM',
      ),
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:4',
        'RECURRENCE-ID:20260311T100000Z',
        'DTSTART:20260311T120000Z',
        'DTEND:20260311T130000Z',
        'SUMMARY:Sync with Dan',
        ...people,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${DAN}`,
      ),
    ),
  );
  return cal;
}

const refresh = (who: string): string =>
  ics('REFRESH', vevent(`UID:${UID}`, 'DTSTAMP:20260302T100000Z', `ORGANIZER:mailto:${ME}`, `ATTENDEE:mailto:${who}`));

describe('REFRESH', () => {
  it('from an attendee: exactly one REQUEST back to them with the current version', () => {
    const cal = organizerCal();
    const before = cal.text(UID);
    const r = cal.process(refresh(BOB), BOB);
    expect(r.kind).toBe('refresh');
    expect(r.outcome).toBe('applied');
    expect(r.store).toBeNull();
    expect(cal.text(UID)).toBe(before);
    expect(r.outgoing).toHaveLength(1);
    const out = r.outgoing[0];
    expect(out?.method).toBe('REQUEST');
    expect(out?.to.address).toBe(BOB);
    expect(outgoingCalendar(out).getFirstPropertyValue('method')).toBe('REQUEST');
    const evs = outgoingEvents(out);
    expect(evs).toHaveLength(2);
    for (const e of evs) {
      expect(e.getFirstPropertyValue('sequence')).toBe(4);
      expect(e.getAllSubcomponents('valarm')).toHaveLength(0);
      expect(e.toString()).not.toContain('X-RECEIVED');
    }
  });

  it('an attendee of one instance only gets that instance', () => {
    const cal = organizerCal();
    const r = cal.process(refresh(DAN), DAN);
    expect(r.outcome).toBe('applied');
    const evs = outgoingEvents(r.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.getFirstPropertyValue('recurrence-id')?.toString()).toBe('2026-03-11T10:00:00Z');
    expect(attendeesOf(evs[0] ?? null)).toContain(DAN);
  });

  it('from a stranger: nothing is sent', () => {
    const cal = organizerCal('always');
    const r = cal.process(refresh('eve@example.org'), 'eve@example.org');
    expect(r.kind).toBe('refresh');
    expect(r.outcome).toBe('ignored');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toMatch(/eve@example.org is not an attendee/);
  });

  it('the mail is not from the attendee it names: waits for me, nothing sent', () => {
    const cal = organizerCal('always');
    const r = cal.process(refresh(BOB), 'eve@example.org');
    expect(r.outcome).toBe('pending');
    expect(r.outgoing).toHaveLength(0);
    expect(r.warnings.length).toBeGreaterThan(0);
    const d = cal.decide(r, 'apply');
    expect(d.outgoing.map((o) => o.to.address)).toEqual([BOB]);
  });

  it('for an unknown event, or one I do not organize: ignored', () => {
    expect(new Calendar([ME]).process(refresh(BOB), BOB).outcome).toBe('ignored');
    const cal = organizerCal();
    cal.me = ['someone@example.com'];
    const r = cal.process(refresh(BOB), BOB);
    expect(r.outcome).toBe('ignored');
    expect(r.outgoing).toHaveLength(0);
  });
});
