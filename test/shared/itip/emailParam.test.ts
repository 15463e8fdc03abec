/**
 * The EMAIL parameter (RFC 7986 §6.2) names who an ORGANIZER or ATTENDEE is when the value does not: Apple's servers
 * write a principal (`urn:uuid:…`) or an iMIP token that changes from message to message
 * (`mailto:2_…@imip.me.com`). The person is recognised by EMAIL; mail goes to the `mailto:` value when there is one.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, outgoingCalendar, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const UID = 'icloud-1@example.com';
const token = (n: string) => `2_${'GEYDCMJQGE2TKNZRGM'.repeat(4)}${n}@imip.me.com`;
const ORG = (n: string) => `ORGANIZER;CN=Erin;EMAIL=erin@icloud.com:mailto:${token(n)}`;

function invitation(n: string, seq: number, start: string, stamp: string, ...more: string[]): string {
  return ics(
    'REQUEST',
    vevent(
      `UID:${UID}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      `DTSTART:${start}`,
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Rehearsal',
      ORG(n),
      `ATTENDEE;CN=Erin;EMAIL=erin@icloud.com;PARTSTAT=ACCEPTED:mailto:${token(n)}`,
      `ATTENDEE;EMAIL=${ME};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
      ...more,
    ),
  );
}

describe('EMAIL parameter: who an organizer or attendee is', () => {
  it('an iCloud organizer whose token changes with every message stays the same organizer', () => {
    const cal = new Calendar([ME], 'always');
    const first = cal.process(invitation('A', 0, '20260310T180000Z', '20260301T100000Z'), 'noreply@email.apple.com');
    expect(first.kind).toBe('invitation');
    const reply = cal.decide(first, 'accept');
    // The reply goes where iCloud routes it into Erin's calendar: the token of the organizer's value.
    expect(reply.outgoing).toHaveLength(1);
    expect(reply.outgoing[0]?.to.address).toBe(token('A').toLowerCase());

    const update = cal.process(invitation('B', 1, '20260310T190000Z', '20260302T100000Z'), 'noreply@email.apple.com');
    expect(update.warnings.map((w) => w.key)).not.toContain('warning.organizerChanged');
    expect(say(update.reason)).not.toMatch(/organizer changed/i);

    const cancel = cal.process(
      ics(
        'CANCEL',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260303T100000Z',
          'SEQUENCE:2',
          'RECURRENCE-ID:20260317T190000Z',
          'DTSTART:20260317T190000Z',
          'DURATION:PT1H',
          'SUMMARY:Rehearsal',
          'STATUS:CANCELLED',
          ORG('C'),
          `ATTENDEE;EMAIL=${ME}:mailto:${ME}`,
        ),
      ),
      'noreply@email.apple.com',
    );
    expect(cancel.kind).toBe('cancel');
    expect(cancel.outcome).not.toBe('ignored');
  });

  it('I am recognised as an attendee written as a principal with my EMAIL, and the organizer’s principal is mailed at its EMAIL', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(
      ics(
        'REQUEST',
        vevent(
          'UID:principal-1@example.com',
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:0',
          'DTSTART:20260310T180000Z',
          'DURATION:PT1H',
          'SUMMARY:Planning',
          'ORGANIZER;CN=Erin;EMAIL="erin@birne.example":urn:uuid:1d7e0f5c-0000-4000-8000-000000000001',
          `ATTENDEE;EMAIL="${ME}";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:urn:uuid:9a8b0000-0000-4000-8000-000000000002`,
        ),
      ),
      'erin@birne.example',
    );
    expect(r.kind).toBe('invitation');
    expect(r.warnings.map((w) => w.key)).not.toContain('warning.notAnAttendee');
    const reply = cal.decide(r, 'accept');
    expect(reply.outgoing[0]?.to.address).toBe('erin@birne.example');
    const sent = outgoingCalendar(reply.outgoing[0]);
    const attendees = sent.getFirstSubcomponent('vevent')?.getAllProperties('attendee') ?? [];
    expect(attendees).toHaveLength(1);
    expect(attendees[0]?.getParameter('partstat')).toBe('ACCEPTED');
    // No second attendee for me in my own copy.
    expect(
      cal.get('principal-1@example.com')?.getFirstSubcomponent('vevent')?.getAllProperties('attendee'),
    ).toHaveLength(1);
  });

  it('as organizer: a reply from an invited attendee written as a token with their EMAIL answers for them', () => {
    const cal = new Calendar([ME], 'always');
    cal.put(
      ics(
        null,
        vevent(
          'UID:mine-1@example.com',
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:0',
          'DTSTART:20260310T180000Z',
          'DURATION:PT1H',
          'SUMMARY:Review',
          `ORGANIZER:mailto:${ME}`,
          'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:carol@icloud.com',
        ),
      ),
    );
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          'UID:mine-1@example.com',
          'DTSTAMP:20260302T100000Z',
          'SEQUENCE:0',
          'DTSTART:20260310T180000Z',
          'DURATION:PT1H',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;CN=Carol;EMAIL=carol@icloud.com;PARTSTAT=ACCEPTED:mailto:${token('Z')}`,
        ),
      ),
      'carol@icloud.com',
    );
    expect(r.kind).toBe('reply');
    expect(partstatIn(cal.get('mine-1@example.com'), 'carol@icloud.com')).toBe('ACCEPTED');
    const attendees = cal.get('mine-1@example.com')?.getFirstSubcomponent('vevent')?.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
  });
});
