/**
 * REQUESTs that name me as ORGANIZER but come from someone else: a mail program's "COUNTER sent as REQUEST" (an
 * attendee proposing another time) and Exchange's "Meeting Forward Notification" (an attendee forwarded my meeting;
 * the new invitee is listed). Neither may replace my organizer copy.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, attendeeIn, ics, outgoingEvents, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const CAROL = 'carol@example.org';
const UID = 'mine-1@example.com';

function mine(lines: string[] = [], start = '20260310T100000Z', end = '20260310T110000Z'): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    'SEQUENCE:1',
    `DTSTART:${start}`,
    `DTEND:${end}`,
    'SUMMARY:Budget review',
    'LOCATION:Room 1',
    `ORGANIZER;CN=Me:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`,
    ...lines,
  );
}

function organizer(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.put(ics(null, mine()));
  return cal;
}

describe('a REQUEST naming me as organizer, sent by someone else', () => {
  it('a counter-proposal sent as REQUEST (same SEQUENCE, new time) is a COUNTER; my copy keeps its time', () => {
    const cal = organizer();
    const r = cal.process(ics('REQUEST', mine([], '20260310T140000Z', '20260310T150000Z')), BOB);
    expect(r.kind).toBe('counter');
    expect(r.pending?.choices).toContain('accept-counter');
    expect(cal.get(UID)?.getFirstSubcomponent('vevent')?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART:20260310T100000Z',
    );
    const d = cal.decide(r, 'decline-counter');
    expect(d.outgoing.map((o) => o.method)).toEqual(['DECLINECOUNTER']);
  });

  it("Exchange's Meeting Forward Notification: a party-crasher style decision; approving invites the new person", () => {
    const cal = organizer();
    const forward = ics(
      'REQUEST',
      mine([
        `ATTENDEE;CN=Carol;RSVP=TRUE:mailto:${CAROL}`,
        'X-MICROSOFT-CDO-OWNERAPPTID:-1209836577',
        'X-MS-OLK-FORCEINSPECTOROPEN:TRUE',
      ]),
    );
    const r = cal.process(forward, BOB);
    expect(r.kind).toBe('party-crasher');
    expect(r.store).toBeNull();
    expect(r.pending?.choices).toEqual(['approve', 'ignore']);
    expect(attendeeIn(cal.get(UID)?.getFirstSubcomponent('vevent') ?? null, CAROL)).toBeNull();
    const d = cal.decide(r, 'approve');
    expect(d.outgoing.map((o) => o.to.address)).toEqual([CAROL]);
    expect(outgoingEvents(d.outgoing[0])[0]?.getFirstPropertyValue('summary')).toBe('Budget review');
    const ev = cal.get(UID)?.getFirstSubcomponent('vevent') ?? null;
    expect(attendeeIn(ev, CAROL)?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(ev?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART:20260310T100000Z');
  });

  it('a copy that changes nothing is ignored with the reason, and my copy is kept', () => {
    const cal = organizer();
    const before = cal.text(UID);
    const r = cal.process(ics('REQUEST', mine(['DESCRIPTION:edited by Bob']).replace('SEQUENCE:1', 'SEQUENCE:2')), BOB);
    expect(r.outcome).toBe('ignored');
    expect(cal.text(UID)).toBe(before);
  });

  it('my own invitation from Sent is still stored as my copy', () => {
    const cal = organizer();
    const r = cal.process(
      ics('REQUEST', mine(['DESCRIPTION:agenda attached']).replace('SEQUENCE:1', 'SEQUENCE:2')),
      ME,
    );
    expect(r.outcome).toBe('applied');
    expect(cal.get(UID)?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('description')).toBe('agenda attached');
  });
});
