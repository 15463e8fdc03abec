/**
 * COUNTER received as organizer (RFC 5546 §3.2.7) and DECLINECOUNTER received as attendee (§3.2.8). A proposal
 * always waits for the organizer; accepting reschedules (SEQUENCE + 1) and sends one REQUEST per attendee,
 * declining sends DECLINECOUNTER to the proposer only.
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  NOW,
  attendeeIn,
  ics,
  instanceOf,
  outgoingCalendar,
  outgoingEvents,
  partstatIn,
  stampOf,
  vevent,
  say,
} from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const CAROL = 'carol@example.net';
const UID = 'counter-1@example.com';
const people = [
  `ORGANIZER;CN=Me:mailto:${ME}`,
  `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  `ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:${BOB}`,
  `ATTENDEE;CN=Carol;PARTSTAT=ACCEPTED:mailto:${CAROL}`,
];

function organizerCal(seq = 2, recurring = false, extra: string[] = []): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        `SEQUENCE:${seq}`,
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        ...(recurring ? ['RRULE:FREQ=WEEKLY;COUNT=4'] : []),
        'SUMMARY:Design review',
        'LOCATION:Room 1',
        ...people,
        ...extra,
      ),
    ),
  );
  return cal;
}

function counter(o: { seq?: number; who?: string; start?: string; end?: string; extra?: string[] } = {}): string {
  return ics(
    'COUNTER',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      `SEQUENCE:${o.seq ?? 2}`,
      `DTSTART:${o.start ?? '20260310T140000Z'}`,
      `DTEND:${o.end ?? '20260310T150000Z'}`,
      'SUMMARY:Design review',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;CN=Bob;PARTSTAT=TENTATIVE:mailto:${o.who ?? BOB}`,
      'COMMENT:Could we do the afternoon?',
      ...(o.extra ?? []),
    ),
  );
}

describe('COUNTER', () => {
  it('always waits for the organizer, even under always; nothing changes yet', () => {
    const cal = organizerCal();
    const r = cal.process(counter(), BOB);
    expect(r.kind).toBe('counter');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.outgoing).toHaveLength(0);
    expect(r.pending?.choices).toEqual(['accept-counter', 'decline-counter', 'ignore']);
    expect(r.pending?.attendee).toBe(BOB);
    expect(r.pending?.comment).toBe('Could we do the afternoon?');
    expect(say(r.reason)).toBe(
      'Bob proposes to change "Design review" from 2026-03-10T10:00:00Z to 2026-03-10T14:00:00Z.',
    );
  });

  it('accept: event moved, SEQUENCE + 1, one REQUEST to each other attendee', () => {
    const cal = organizerCal();
    const d = cal.decide(cal.process(counter(), BOB), 'accept-counter');
    expect(d.outcome).toBe('applied');
    const ev = instanceOf(cal.get(UID));
    expect(ev?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T14:00:00Z');
    expect(ev?.getFirstPropertyValue('dtend')?.toString()).toBe('2026-03-10T15:00:00Z');
    expect(ev?.getFirstPropertyValue('sequence')).toBe(3);
    expect(ev?.getFirstPropertyValue('location')).toBe('Room 1');
    expect(partstatIn(cal.get(UID), BOB)).toBe('TENTATIVE');
    expect(partstatIn(cal.get(UID), CAROL)).toBe('NEEDS-ACTION');
    expect(attendeeIn(ev, CAROL)?.getParameter('rsvp')).toBe('TRUE');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(d.outgoing.map((o) => o.to.address).sort()).toEqual([BOB, CAROL]);
    for (const o of d.outgoing) {
      expect(o.method).toBe('REQUEST');
      expect(o.from.address).toBe(ME);
      expect(o.sequence).toBe(3);
      const [sent, ...more] = outgoingEvents(o);
      expect(more).toHaveLength(0);
      expect(sent?.getFirstPropertyValue('sequence')).toBe(3);
      expect(sent?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T14:00:00Z');
      expect(sent?.getFirstProperty('dtstamp')?.toICALString()).toBe(`DTSTAMP:${stampOf(NOW)}`);
      expect(outgoingCalendar(o).getFirstPropertyValue('method')).toBe('REQUEST');
    }
    expect(say(d.reason)).toMatch(/update went to 2 attendees/);
  });

  it('accept takes only when and where: a changed SUMMARY in the proposal is not adopted', () => {
    const cal = organizerCal();
    const d = cal.decide(
      cal.process(counter({ extra: ['LOCATION:Room 9'] }).replace('SUMMARY:Design review', 'SUMMARY:Bob rules'), BOB),
      'accept-counter',
    );
    const ev = instanceOf(cal.get(UID));
    expect(ev?.getFirstPropertyValue('summary')).toBe('Design review');
    expect(ev?.getFirstPropertyValue('location')).toBe('Room 9');
    expect(d.outgoing).toHaveLength(2);
  });

  it('decline: exactly one DECLINECOUNTER to the proposer, nothing stored', () => {
    const cal = organizerCal();
    const before = cal.text(UID);
    const d = cal.decide(cal.process(counter(), BOB), 'decline-counter', 'The afternoon is full');
    expect(d.outcome).toBe('applied');
    expect(d.store).toBeNull();
    expect(cal.text(UID)).toBe(before);
    expect(d.outgoing).toHaveLength(1);
    const out = d.outgoing[0];
    expect(out?.method).toBe('DECLINECOUNTER');
    expect(out?.to.address).toBe(BOB);
    expect(out?.from.address).toBe(ME);
    const [ev] = outgoingEvents(out);
    expect(ev?.getFirstPropertyValue('sequence')).toBe(2);
    expect(ev?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T10:00:00Z');
    expect(ev?.getFirstPropertyValue('comment')).toBe('The afternoon is full');
    expect(ev?.getAllProperties('attendee')).toHaveLength(1);
    expect(outgoingCalendar(out).getFirstPropertyValue('method')).toBe('DECLINECOUNTER');
  });

  it('ignore: nothing stored or sent', () => {
    const cal = organizerCal();
    const d = cal.decide(cal.process(counter(), BOB), 'ignore');
    expect(d.outcome).toBe('ignored');
    expect(d.outgoing).toHaveLength(0);
    expect(d.store).toBeNull();
  });

  it('a proposal against an older SEQUENCE is outdated', () => {
    const cal = organizerCal(3);
    const r = cal.process(counter({ seq: 2 }), BOB);
    expect(r.kind).toBe('outdated');
    expect(r.outcome).toBe('ignored');
    expect(r.pending).toBeNull();
    expect(say(r.reason)).toMatch(/older version/);
  });

  it('from someone who is not an attendee: ignored', () => {
    const cal = organizerCal();
    const r = cal.process(counter({ who: 'zoe@example.net' }), 'zoe@example.net');
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/zoe@example.net is not an attendee/);
  });

  it('for an event I do not organize: ignored', () => {
    const cal = organizerCal();
    cal.me = [CAROL];
    const r = cal.process(counter(), BOB);
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/not the organizer/);
  });

  it('the mail is not from the proposer: still a decision, with a warning', () => {
    const cal = organizerCal();
    const r = cal.process(counter(), 'mallory@evil.example');
    expect(r.outcome).toBe('pending');
    expect(r.warnings.map(say).join(' ')).toContain('mallory@evil.example');
  });

  it('counter-proposals disabled by Outlook (X-MICROSOFT-DISALLOW-COUNTER): still asked, with a warning', () => {
    const cal = organizerCal(2, false, ['X-MICROSOFT-DISALLOW-COUNTER:TRUE']);
    const r = cal.process(counter(), BOB);
    expect(r.outcome).toBe('pending');
    expect(r.warnings.map(say).join(' ')).toContain('X-MICROSOFT-DISALLOW-COUNTER');
  });

  it('a proposal for one instance: accepting moves that instance only (RFC 5546 §4.4.8)', () => {
    const cal = organizerCal(0, true);
    const r = cal.process(
      counter({
        seq: 0,
        start: '20260317T140000Z',
        end: '20260317T150000Z',
        extra: ['RECURRENCE-ID:20260317T100000Z'],
      }),
      BOB,
    );
    expect(r.kind).toBe('counter');
    const d = cal.decide(r, 'accept-counter');
    const o = instanceOf(cal.get(UID), '2026-03-17T10:00:00Z');
    expect(o?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-17T14:00:00Z');
    expect(o?.getFirstPropertyValue('sequence')).toBe(1);
    const m = instanceOf(cal.get(UID));
    expect(m?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T10:00:00Z');
    expect(m?.getFirstPropertyValue('sequence')).toBe(0);
    expect(d.outgoing.map((x) => x.to.address).sort()).toEqual([BOB, CAROL]);
  });
});

describe('DECLINECOUNTER received as attendee', () => {
  const ORG = 'olga@example.org';
  const attendeeCal = (): Calendar => {
    const cal = new Calendar([ME], 'known');
    cal.put(
      ics(
        null,
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:1',
          'DTSTART:20260310T100000Z',
          'DTEND:20260310T110000Z',
          'SUMMARY:Design review',
          `ORGANIZER:mailto:${ORG}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
        ),
      ),
    );
    return cal;
  };
  const decline = ics(
    'DECLINECOUNTER',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260303T100000Z',
      'SEQUENCE:1',
      'DTSTART:20260310T100000Z',
      'DTEND:20260310T110000Z',
      `ORGANIZER:mailto:${ORG}`,
      `ATTENDEE:mailto:${ME}`,
      'COMMENT:No, sorry',
    ),
  );

  it('is noted, the event stays as it is, nothing sent', () => {
    const cal = attendeeCal();
    const before = cal.text(UID);
    const r = cal.process(decline, ORG);
    expect(r.kind).toBe('declinecounter');
    expect(r.outcome).toBe('applied');
    expect(r.store).toBeNull();
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toBe(
      'The organizer declined your proposed change to "Design review": "No, sorry"; the event stays as it is.',
    );
    expect(cal.text(UID)).toBe(before);
  });

  it('for an event not in the calendar: ignored', () => {
    const r = new Calendar([ME], 'known').process(decline, ORG);
    expect(r.kind).toBe('declinecounter');
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/not in the calendar/);
  });
});
