/**
 * SCHEDULE-AGENT and the other CalDAV scheduling parameters (RFC 6638 §7.1-7.3): nobody marked NONE receives iMIP
 * from us, and SCHEDULE-AGENT, SCHEDULE-FORCE-SEND and SCHEDULE-STATUS never travel in an iTIP message. Fixtures
 * as a CalDAV client (Apple Calendar, Thunderbird on a CalDAV account) leaves them in the stored copy.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const CAROL = 'carol@example.org';
const DAN = 'dan@example.org';
const UID = 'agent-1@example.com';

function organizerCopy(): Calendar {
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
        'SUMMARY:Review',
        `ORGANIZER;SCHEDULE-STATUS=1.2:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;SCHEDULE-AGENT=CLIENT;SCHEDULE-FORCE-SEND=REQUEST;SCHEDULE-STATUS=1.2:mailto:${BOB}`,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-AGENT=NONE:mailto:${CAROL}`,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${DAN}`,
      ),
    ),
  );
  return cal;
}

describe('SCHEDULE-AGENT', () => {
  it('an accepted counter sends the update to CLIENT and default attendees, not to NONE; no scheduling parameter travels', () => {
    const cal = organizerCopy();
    const r = cal.process(
      ics(
        'COUNTER',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260302T100000Z',
          'SEQUENCE:1',
          'DTSTART:20260310T140000Z',
          'DTEND:20260310T150000Z',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`,
        ),
      ),
      BOB,
    );
    const d = cal.decide(r, 'accept-counter');
    expect(d.outgoing.map((o) => o.to.address).sort()).toEqual([BOB, DAN]);
    for (const o of d.outgoing) expect(o.ics).not.toMatch(/SCHEDULE-(AGENT|FORCE-SEND|STATUS)/);
  });

  it('my REPLY to an organizer marked SCHEDULE-AGENT=NONE is not sent; to a CLIENT one it is, without the parameter', () => {
    for (const [agent, sent] of [
      ['NONE', 0],
      ['CLIENT', 1],
    ] as const) {
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
            'SUMMARY:Review',
            `ORGANIZER;SCHEDULE-AGENT=${agent}:mailto:${BOB}`,
            `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;SCHEDULE-STATUS=2.0:mailto:${ME}`,
          ),
        ),
      );
      const r = cal.respond(UID, 'ACCEPTED');
      expect(r.outgoing).toHaveLength(sent);
      for (const o of r.outgoing) expect(o.ics).not.toMatch(/SCHEDULE-(AGENT|FORCE-SEND|STATUS)/);
    }
  });
});
