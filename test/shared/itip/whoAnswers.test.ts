/**
 * Who my answer goes out from, and whether it goes out: invited at two of my addresses (Gmail sends an invitation
 * to each), both answer; an organizer who asked for no answer (RSVP=FALSE, Outlook's "Request responses" off)
 * gets none, now or when I change my mind, while my calendar holds my answer.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, outgoingCalendar, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const ALT = 'me.alt@example.net';
const ORG = 'olga@example.com';
const UID = 'who-1@example.com';

function invitation(...attendees: string[]): string {
  return ics(
    'REQUEST',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:0',
      'DTSTART:20260310T100000Z',
      'DTEND:20260310T110000Z',
      'SUMMARY:Planning',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ORG}`,
      ...attendees,
    ),
  );
}

function replier(o: Parameters<typeof outgoingCalendar>[0]): string {
  const a = outgoingCalendar(o).getFirstSubcomponent('vevent')?.getFirstProperty('attendee');
  return String(a?.getFirstValue()).replace(/^mailto:/i, '');
}

describe('who answers', () => {
  it('invited at two of my addresses, I answer from both', () => {
    const cal = new Calendar([ME, ALT], 'always');
    const r = cal.process(
      invitation(
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ALT}`,
      ),
      ORG,
    );
    const accepted = cal.decide(r, 'accept');
    expect(accepted.outgoing.map((o) => [o.from.address, o.to.address])).toEqual([
      [ME, ORG],
      [ALT, ORG],
    ]);
    expect(accepted.outgoing.map(replier)).toEqual([ME, ALT]);
    expect(say(accepted.reason)).toMatch(/from each of the 2 addresses of yours/);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ALT)).toBe('ACCEPTED');

    const changed = cal.respond(UID, 'DECLINED');
    expect(changed.outgoing.map(replier)).toEqual([ME, ALT]);
    expect(partstatIn(cal.get(UID), ALT)).toBe('DECLINED');
  });

  it('RSVP=FALSE: my answer is kept and nothing is sent, also when I change it later', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(invitation(`ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${ME}`), ORG);
    const accepted = cal.decide(r, 'accept');
    expect(accepted.outgoing).toEqual([]);
    expect(accepted.reason.params).toMatchObject({ sent: 'notAsked' });
    expect(say(accepted.reason)).toMatch(/asked for none/);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');

    const changed = cal.respond(UID, 'TENTATIVE');
    expect(changed.outgoing).toEqual([]);
    expect(changed.reason.params).toMatchObject({ sent: 'notAsked' });
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  });

  it('no RSVP at all is not a request for silence: the answer goes out', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(invitation(`ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`), ORG);
    const accepted = cal.decide(r, 'accept');
    expect(accepted.outgoing).toHaveLength(1);
    expect(accepted.reason.params).toMatchObject({ sent: 'yes', identities: 1 });
  });
});
