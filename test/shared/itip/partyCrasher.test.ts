/**
 * REPLY from someone who was not invited (RFC 5546 §3.2.2.6 forwarding; nextcloud/server#34230): always a decision
 * for the organizer. Approving adds them and sends them the event (REQUEST); ignoring changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, attendeesOf, ics, instanceOf, outgoingEvents, partstatIn, vevent, say } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const ZOE = 'zoe@example.net';
const UID = 'crash-1@example.com';
const people = [
  `ORGANIZER;CN=Me:mailto:${ME}`,
  `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
];

function organizerCal(policy: 'always' | 'known' | 'never' = 'always', recurring = false): Calendar {
  const cal = new Calendar([ME], policy);
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        ...(recurring ? ['RRULE:FREQ=DAILY;COUNT=5'] : []),
        'SUMMARY:Launch',
        ...people,
      ),
    ),
  );
  return cal;
}

function crasherReply(extra: string[] = [], params = ''): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;CN=Zoe;PARTSTAT=ACCEPTED${params}:mailto:${ZOE}`,
      ...extra,
    ),
  );
}

describe('party crasher', () => {
  it('waits for the organizer even under always; nothing stored', () => {
    const cal = organizerCal('always');
    const r = cal.process(crasherReply(), ZOE);
    expect(r.kind).toBe('party-crasher');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.pending?.choices).toEqual(['approve', 'ignore']);
    expect(r.pending?.attendee).toBe(ZOE);
    expect(say(r.reason)).toMatch(/Zoe is not invited to "Launch" but replied \(accepted\)/);
    expect(attendeesOf(instanceOf(cal.get(UID)))).not.toContain(ZOE);
  });

  it('approve: added with their answer, and exactly one REQUEST goes to them', () => {
    const cal = organizerCal();
    const d = cal.decide(cal.process(crasherReply(), ZOE), 'approve');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), ZOE)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
    expect(d.outgoing).toHaveLength(1);
    const out = d.outgoing[0];
    expect(out?.method).toBe('REQUEST');
    expect(out?.to.address).toBe(ZOE);
    expect(out?.from.address).toBe(ME);
    const evs = outgoingEvents(out);
    expect(evs).toHaveLength(1);
    expect(attendeesOf(evs[0] ?? null)).toContain(ZOE);
    expect(evs[0]?.getFirstPropertyValue('sequence')).toBe(0);
  });

  it('ignore: nothing stored, nothing sent', () => {
    const cal = organizerCal();
    const before = cal.text(UID);
    const d = cal.decide(cal.process(crasherReply(), ZOE), 'ignore');
    expect(d.outcome).toBe('ignored');
    expect(d.store).toBeNull();
    expect(d.outgoing).toHaveLength(0);
    expect(cal.text(UID)).toBe(before);
  });

  it('a crasher on one instance: approving adds them to that instance only (sabre testReplyPartyCrashCreateException)', () => {
    const cal = organizerCal('always', true);
    const r = cal.process(crasherReply(['RECURRENCE-ID:20260312T100000Z']), ZOE);
    expect(r.kind).toBe('party-crasher');
    const d = cal.decide(r, 'approve');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), ZOE, '2026-03-12T10:00:00Z')).toBe('ACCEPTED');
    expect(attendeesOf(instanceOf(cal.get(UID)))).not.toContain(ZOE);
    expect(d.outgoing).toHaveLength(1);
    const evs = outgoingEvents(d.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.getFirstPropertyValue('recurrence-id')?.toString()).toBe('2026-03-12T10:00:00Z');
  });

  it('claims a delegation the event does not show: the reason says so', () => {
    const cal = organizerCal();
    const r = cal.process(crasherReply([], `;DELEGATED-FROM="mailto:${BOB}"`), ZOE);
    expect(r.kind).toBe('party-crasher');
    expect(say(r.reason)).toContain(`They say ${BOB} delegated to them, but the event does not show that delegation.`);
  });

  it('a second reply from the same crasher replaces the first open question', () => {
    const cal = organizerCal();
    const r = cal.process(crasherReply(), ZOE);
    expect(r.obsoletes).toEqual([{ uid: UID, recurrenceId: null, kinds: ['party-crasher'], attendee: ZOE }]);
  });
});
