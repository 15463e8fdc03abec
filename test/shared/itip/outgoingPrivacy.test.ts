/**
 * What an attendee wrote to the organizer stays with the organizer: the comments of replies (kept per attendee in
 * the organizer's copy as X-IMIP-ATTENDEE-COMMENT) never travel in the updates sent to the other attendees, however
 * many attendees commented; and an attendee's own outgoing messages carry none of the comments of their copy.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { counterEvent, createEvent, delegateEvent, updateEvent } from '../../../shared/itip/index.js';
import { Calendar, ics, outgoingEvents, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const HANS = 'hans.mueller@contoso.com';
const ZOE = 'zoe.dupont@contoso.com';
const ALI = 'ali@example.net';
const UID = 'budget-2027@example.org';

/** A meeting I organize with three attendees, each of whom answered with a private comment (Outlook's shape). */
function organizerWithComments(commenters: readonly string[]): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Budget 2027',
        start: '2027-03-25T10:00',
        end: '2027-03-25T11:00',
        tz: 'Europe/Berlin',
        allDay: false,
        attendees: [{ address: HANS }, { address: ZOE }, { address: ALI }],
      },
      cal.ctx(),
    ),
  );
  commenters.forEach((who, i) => {
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=TENTATIVE;CN="Someone":mailto:${who}`,
          `COMMENT;LANGUAGE=de-DE:Nur für Dich ${i}\\, bitte nicht weitersagen.\\n`,
          'DTSTART;TZID=W. Europe Standard Time:20270325T100000',
          'DTEND;TZID=W. Europe Standard Time:20270325T110000',
          `UID:${UID}`,
          `DTSTAMP:20260301T09${String(i).padStart(2, '0')}00Z`,
          'SEQUENCE:0',
        ),
      ),
      who,
    );
    expect(r.outcome).toBe('applied');
  });
  expect(cal.text(UID).match(/X-IMIP-ATTENDEE-COMMENT/g)).toHaveLength(commenters.length);
  return cal;
}

function leaks(outgoing: readonly { ics: string }[]): string[] {
  return outgoing.flatMap((o) => o.ics.split(/\r\n(?! )/).filter((l) => /^X-IMIP-|Nur für Dich/.test(l)));
}

describe("attendees' reply comments stay in the organizer's copy", () => {
  it.each([
    ['two', [HANS, ZOE]],
    ['three', [HANS, ZOE, ALI]],
  ])('an update after %s adjacent comments carries none of them', (_n, commenters) => {
    const cal = organizerWithComments(commenters);
    const r = cal.apply(updateEvent({ uid: UID, location: 'Room 2' }, cal.get(UID), cal.ctx()));
    expect(r.outgoing.map((o) => o.to.address).sort()).toEqual([ALI, HANS, ZOE].sort());
    expect(leaks(r.outgoing)).toEqual([]);
    // The organizer keeps every comment.
    expect(cal.text(UID).match(/X-IMIP-ATTENDEE-COMMENT/g)).toHaveLength(commenters.length);
  });

  it('accepting a counter-proposal sends the new time without the comments', () => {
    const cal = organizerWithComments([HANS, ZOE, ALI]);
    const counter = cal.process(
      ics(
        'COUNTER',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:0',
          'DTSTART:20270325T100000Z',
          'DTEND:20270325T110000Z',
          'SUMMARY:New Time Proposed: Budget 2027',
          `ATTENDEE;PARTSTAT=TENTATIVE:mailto:${ZOE}`,
        ),
      ),
      ZOE,
    );
    const r = cal.decide(counter, 'accept-counter');
    expect(r.outgoing).toHaveLength(3);
    expect(leaks(r.outgoing)).toEqual([]);
  });
});

describe("an attendee's own messages carry none of the comments of the copy", () => {
  function attendee(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.put(
      ics(
        null,
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:1',
          'DTSTART:20270325T100000Z',
          'DTEND:20270325T110000Z',
          'SUMMARY:Budget 2027',
          'COMMENT:Bring the figures',
          'COMMENT:Second note',
          'COMMENT:Third note',
          `ORGANIZER:mailto:${HANS}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
        ),
      ),
    );
    return cal;
  }

  it('a COUNTER carries only my comment', () => {
    const cal = attendee();
    const r = counterEvent(
      {
        uid: UID,
        recurrenceId: null,
        start: '2027-03-25T12:00:00Z',
        end: '2027-03-25T13:00:00Z',
        tz: null,
        comment: 'Later, please',
        stored: cal.get(UID),
      },
      cal.ctx(),
    );
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getAllProperties('comment').map((p) => p.getFirstValue())).toEqual(['Later, please']);
  });

  it('the invitation to my delegate carries none', () => {
    const cal = attendee();
    const r = delegateEvent({ uid: UID, recurrenceId: null, to: ALI, comment: null, stored: cal.get(UID) }, cal.ctx());
    const request = r.outgoing.find((o) => o.method === 'REQUEST');
    const [e] = outgoingEvents(request);
    expect((e as ICAL.Component).getAllProperties('comment')).toEqual([]);
  });
});
