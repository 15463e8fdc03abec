/**
 * Delegation (RFC 5546 §2.1.2, examples §4.2.5-4.2.7): an attendee's REPLY with PARTSTAT=DELEGATED adds the
 * delegate; the delegate's own REPLY is then applied; a REQUEST the delegator forwards to me checks out against the
 * delegator.
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  attendeeIn,
  attendeesOf,
  ics,
  instanceOf,
  outgoingEvents,
  partstatIn,
  vevent,
  say,
} from '../../helpers/itip.js';

const ME = 'me@example.com';
const ORG = 'olga@example.org';
const BOB = 'bob@example.net';
const DAVE = 'dave@example.net';
const UID = 'deleg-1@example.com';

function organizerCal(): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        'SUMMARY:Board meeting',
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
        `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
      ),
    ),
  );
  return cal;
}

const delegatedReply = ics(
  'REPLY',
  vevent(
    `UID:${UID}`,
    'DTSTAMP:20260302T100000Z',
    'SEQUENCE:0',
    `ORGANIZER:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${DAVE}":mailto:${BOB}`,
    `ATTENDEE;CN=Dave;DELEGATED-FROM="mailto:${BOB}":mailto:${DAVE}`,
  ),
);

function delegateReply(partstat: string, stamp = '20260303T100000Z'): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      `DTSTAMP:${stamp}`,
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat};DELEGATED-FROM="mailto:${BOB}":mailto:${DAVE}`,
    ),
  );
}

const param = (cal: Calendar, who: string, name: string): unknown =>
  attendeeIn(instanceOf(cal.get(UID)), who)?.getParameter(name);

describe('delegation seen by the organizer', () => {
  it('a REPLY with PARTSTAT=DELEGATED marks the delegator and adds the delegate', () => {
    const cal = organizerCal();
    const r = cal.process(delegatedReply, BOB);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toMatch(/delegated "Board meeting"/);
    expect(partstatIn(cal.get(UID), BOB)).toBe('DELEGATED');
    expect(String(param(cal, BOB, 'delegated-to'))).toBe(`mailto:${DAVE}`);
    expect(partstatIn(cal.get(UID), DAVE)).toBe('NEEDS-ACTION');
    expect(String(param(cal, DAVE, 'delegated-from'))).toBe(`mailto:${BOB}`);
    expect(param(cal, DAVE, 'rsvp')).toBe('TRUE');
    expect(param(cal, DAVE, 'role')).toBe('REQ-PARTICIPANT');
    expect(param(cal, DAVE, 'cn')).toBe('Dave');
    expect(attendeesOf(instanceOf(cal.get(UID)))).toEqual([ME, BOB, DAVE]);
  });

  it('the delegate accepts later: applied as a reply, not a party crasher (§4.2.6)', () => {
    const cal = organizerCal();
    cal.process(delegatedReply, BOB);
    const r = cal.process(delegateReply('ACCEPTED'), DAVE);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), DAVE)).toBe('ACCEPTED');
    expect(param(cal, DAVE, 'rsvp')).toBeUndefined();
    expect(partstatIn(cal.get(UID), BOB)).toBe('DELEGATED');
  });

  it('the delegate accepts, then declines (§4.2.7)', () => {
    const cal = organizerCal();
    cal.process(delegatedReply, BOB);
    cal.process(delegateReply('ACCEPTED'), DAVE);
    const r = cal.process(delegateReply('DECLINED', '20260304T100000Z'), DAVE);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), DAVE)).toBe('DECLINED');
  });

  it('the delegate answers before the delegator told me: a party crasher naming the claimed delegation', () => {
    const cal = organizerCal();
    const r = cal.process(delegateReply('ACCEPTED'), DAVE);
    expect(r.kind).toBe('party-crasher');
    expect(r.outcome).toBe('pending');
    expect(say(r.reason)).toContain(`They say ${BOB} delegated to them`);
  });
});

describe('a delegated invitation forwarded to me', () => {
  const forwarded = ics(
    'REQUEST',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      'SEQUENCE:0',
      'DTSTART:20260310T100000Z',
      'DTEND:20260310T110000Z',
      'SUMMARY:Board meeting',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${ME}":mailto:${BOB}`,
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;DELEGATED-FROM="mailto:${BOB}":mailto:${ME}`,
    ),
  );

  it('mailed by the delegator: verified against the delegator, stored and waiting', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(forwarded, BOB);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.warnings).toEqual([]);
    expect(r.store?.type).toBe('put');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
  });

  it('mailed by someone else: not verified, nothing stored', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(forwarded, 'eve@example.org');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say).join(' ')).toContain('eve@example.org');
  });

  it('accepting replies to the organizer as the delegate, keeping DELEGATED-FROM', () => {
    const cal = new Calendar([ME], 'always');
    const d = cal.decide(cal.process(forwarded, BOB), 'accept');
    expect(d.outgoing).toHaveLength(1);
    expect(d.outgoing[0]?.to.address).toBe(ORG);
    const [ev] = outgoingEvents(d.outgoing[0]);
    expect(attendeesOf(ev ?? null)).toEqual([ME]);
    const mine = attendeeIn(ev ?? null, ME);
    expect(mine?.getParameter('partstat')).toBe('ACCEPTED');
    expect(String(mine?.getParameter('delegated-from'))).toBe(`mailto:${BOB}`);
  });
});
