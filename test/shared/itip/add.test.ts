/**
 * ADD received as attendee (RFC 5546 §3.2.4, examples §4.4.6-4.4.7): new instances join a series I have; for a
 * series I lack, the organizer is asked for the whole event (REFRESH).
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  attendeesOf,
  ics,
  instanceOf,
  outgoingCalendar,
  outgoingEvents,
  vevent,
  say,
} from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'add-1@example.org';
const people = [`ORGANIZER;CN=Olga:mailto:${ORG}`, `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`];

function seriesCal(seq = 1): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        `SEQUENCE:${seq}`,
        'DTSTART;TZID=Europe/Berlin:20260302T140000',
        'DTEND;TZID=Europe/Berlin:20260302T150000',
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'SUMMARY:Course',
        ...people,
      ),
    ),
  );
  return cal;
}

function add(o: { seq?: number; start?: string; extra?: string[] } = {}): string {
  return ics(
    'ADD',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260303T100000Z',
      `SEQUENCE:${o.seq ?? 1}`,
      `DTSTART;TZID=Europe/Berlin:${o.start ?? '20260306T140000'}`,
      `DTEND;TZID=Europe/Berlin:${(o.start ?? '20260306T140000').replace('T14', 'T15')}`,
      'SUMMARY:Course (extra session)',
      ...people,
      ...(o.extra ?? []),
    ),
  );
}

describe('ADD', () => {
  it('adds the instance to the series I have', () => {
    const cal = seriesCal();
    const r = cal.process(add(), ORG);
    expect(r.kind).toBe('add');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toMatch(/Added 1 instance to "Course \(extra session\)"/);
    const master = instanceOf(cal.get(UID));
    expect(master?.getFirstProperty('rdate')?.toICALString()).toBe('RDATE;TZID=Europe/Berlin:20260306T140000');
    expect(master?.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=4');
    const inst = instanceOf(cal.get(UID), '2026-03-06T13:00:00Z');
    expect(inst?.getFirstPropertyValue('summary')).toBe('Course (extra session)');
    expect(inst?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Berlin:20260306T140000',
    );
  });

  it('the same ADD again: already there, outdated', () => {
    const cal = seriesCal();
    cal.process(add(), ORG);
    const again = cal.process(add(), ORG);
    expect(again.kind).toBe('outdated');
    expect(again.store).toBeNull();
  });

  it('an ADD for an older version of the series is outdated', () => {
    const cal = seriesCal(3);
    const r = cal.process(add({ seq: 2 }), ORG);
    expect(r.kind).toBe('outdated');
    expect(r.outcome).toBe('ignored');
    expect(instanceOf(cal.get(UID))?.hasProperty('rdate')).toBe(false);
  });

  it('a series I do not have: exactly one REFRESH to the organizer, nothing stored', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(add(), ORG);
    expect(r.kind).toBe('add');
    expect(r.outcome).toBe('applied');
    expect(r.store).toBeNull();
    expect(r.outgoing).toHaveLength(1);
    const out = r.outgoing[0];
    expect(out?.method).toBe('REFRESH');
    expect(out?.to.address).toBe(ORG);
    expect(out?.from.address).toBe(ME);
    expect(outgoingCalendar(out).getFirstPropertyValue('method')).toBe('REFRESH');
    const [ev] = outgoingEvents(out);
    expect(ev?.getFirstPropertyValue('uid')).toBe(UID);
    expect(attendeesOf(ev ?? null)).toEqual([ME]);
  });

  it('the REFRESH comes from the address that was invited, among several of mine', () => {
    const cal = new Calendar(['private@example.net', ME], 'always');
    const r = cal.process(add(), ORG);
    expect(r.outgoing).toHaveLength(1);
    expect(r.outgoing[0]?.from.address).toBe(ME);
    expect(attendeesOf(outgoingEvents(r.outgoing[0])[0] ?? null)).toEqual([ME]);
  });

  it('a new series of instances (ADD with RRULE, RFC 5546 §4.4.7): the organizer is asked for the whole event', () => {
    const cal = seriesCal();
    const before = cal.text(UID);
    const r = cal.process(add({ start: '20260401T140000', extra: ['RRULE:FREQ=WEEKLY;COUNT=3'] }), ORG);
    expect(r.kind).toBe('add');
    expect(r.store).toBeNull();
    expect(cal.text(UID)).toBe(before);
    expect(r.outgoing.map((o) => o.method)).toEqual(['REFRESH']);
  });

  it('not from the organizer: waits with a warning', () => {
    const cal = seriesCal();
    const r = cal.process(add(), 'eve@example.org');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});
