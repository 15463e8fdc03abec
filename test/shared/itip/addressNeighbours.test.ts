/**
 * Every address read from iCalendar text goes through the one normaliser (shared/util/address.ts): percent-encoded
 * (RFC 6068) and upper-case MAILTO: spellings, as Evolution and some Exchange gateways write them, match the same
 * person wherever the engine reads them — here the paths that used to read the value by hand.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, outgoingCalendar, partstatIn, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const UID = 'addr-1@example.com';

describe('addresses from iCalendar text, normalised everywhere', () => {
  it('accepting a counter keeps the proposer’s answer when the stored ATTENDEE is percent-encoded', () => {
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
          'SUMMARY:Review',
          `ORGANIZER:mailto:${ME}`,
          'ATTENDEE;PARTSTAT=TENTATIVE:mailto:bob%40example.net',
        ),
      ),
    );
    const counter = ics(
      'COUNTER',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260302T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T140000Z',
        'DTEND:20260310T150000Z',
        'SUMMARY:Review',
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:${BOB.toUpperCase()}`,
      ),
    );
    const r = cal.process(counter, BOB);
    expect(r.kind).toBe('counter');
    cal.decide(r, 'accept-counter');
    expect(partstatIn(cal.get(UID), 'bob%40example.net')).toBe('ACCEPTED');
  });

  it('a free/busy request naming me percent-encoded: the reply comes from my plain address', () => {
    const cal = new Calendar([ME], 'known');
    cal.contacts.add('olga@example.org');
    const req = ics(
      'REQUEST',
      [
        'BEGIN:VFREEBUSY',
        'UID:fb-enc@example.org',
        'DTSTAMP:20260301T100000Z',
        'ORGANIZER:mailto:olga@example.org',
        'ATTENDEE:MAILTO:me%40Example.com',
        'DTSTART:20260309T000000Z',
        'DTEND:20260314T000000Z',
        'END:VFREEBUSY',
      ].join('\r\n'),
    );
    const r = cal.process(req, 'olga@example.org');
    expect(r.outgoing[0]?.from.address).toBe(ME);
    const fb = outgoingCalendar(r.outgoing[0]).getFirstSubcomponent('vfreebusy');
    expect(fb?.getFirstPropertyValue('attendee')).toBe(`mailto:${ME}`);
  });
});
