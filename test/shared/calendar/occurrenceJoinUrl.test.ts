/**
 * The join link reaches every view of an event through the one mapping (`joinUrlOf` over shared/calendar/joinLink.ts):
 * the decision card's proposed event and the calendar's occurrences (CLI `events --json`, the app's calendar).
 * Each event is written as its client writes the meeting link.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { occurrencesIn } from '../../../shared/calendar/queries.js';
import { Calendar, ics, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const ORG = 'olga@example.org';

function event(uid: string, ...extra: string[]): string {
  return vevent(
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    'SUMMARY:Call',
    `ORGANIZER:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
    ...extra,
  );
}

const CASES: [string, string[], string][] = [
  [
    'RFC 7986 CONFERENCE (Fastmail, iCloud): the VIDEO one, not the phone dial-in',
    [
      'CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-555-0100,,123',
      'CONFERENCE;VALUE=URI;FEATURE=VIDEO,AUDIO;LABEL=Join:https://meet.jit.si/PlanningRoom',
    ],
    'https://meet.jit.si/PlanningRoom',
  ],
  [
    'Google: X-GOOGLE-CONFERENCE',
    ['X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij', 'LOCATION:Room 4'],
    'https://meet.google.com/abc-defg-hij',
  ],
  [
    'Microsoft Teams: X-MICROSOFT-SKYPETEAMSMEETINGURL',
    [
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2Q@thread.v2/0',
      'LOCATION:Microsoft Teams Meeting',
    ],
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2Q@thread.v2/0',
  ],
  [
    'Zoom: the link in LOCATION',
    ['LOCATION:https://us02web.zoom.us/j/81234567890?pwd=abc'],
    'https://us02web.zoom.us/j/81234567890?pwd=abc',
  ],
  [
    'Meet in DESCRIPTION only (Thunderbird forwarding a Google event)',
    ['DESCRIPTION:Agenda\\nJoin with Google Meet: https://meet.google.com/xyz-abcd-efg\\nSee you'],
    'https://meet.google.com/xyz-abcd-efg',
  ],
];

describe('join link on every view', () => {
  for (const [name, lines, url] of CASES) {
    it(`${name}: the decision's proposed event and the occurrence carry it`, () => {
      const cal = new Calendar([ME], 'known');
      const r = cal.process(ics('REQUEST', event('join@example.org', ...lines)), ORG);
      expect(r.pending?.proposed?.joinUrl).toBe(url);
      const stored = new ICAL.Component(ICAL.parse(ics(null, event('join@example.org', ...lines))) as unknown[]);
      const list = occurrencesIn(
        [['join@example.org', stored]],
        Date.parse('2026-03-01T00:00:00Z'),
        Date.parse('2026-04-01T00:00:00Z'),
        [ME],
      );
      expect(list.occurrences.map((o) => o.joinUrl)).toEqual([url]);
      expect(list.occurrences[0]?.organizer).toBe(ORG);
    });
  }

  it('no meeting link: null; an http:// link or another host is not offered', () => {
    const stored = new ICAL.Component(
      ICAL.parse(
        ics(null, event('plain@example.org', 'LOCATION:http://zoom.us/j/1', 'DESCRIPTION:https://example.org/agenda')),
      ) as unknown[],
    );
    const list = occurrencesIn(
      [['plain@example.org', stored]],
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-04-01T00:00:00Z'),
      [ME],
    );
    expect(list.occurrences[0]?.joinUrl).toBeNull();
  });

  it('a MAILTO: organizer spelt in upper case reads as the normalised address', () => {
    const stored = new ICAL.Component(
      ICAL.parse(
        ics(null, event('org@example.org').replace(`ORGANIZER:mailto:${ORG}`, 'ORGANIZER:MAILTO:Olga@Example.ORG')),
      ) as unknown[],
    );
    const list = occurrencesIn(
      [['org@example.org', stored]],
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-04-01T00:00:00Z'),
      [ME],
    );
    expect(list.occurrences[0]?.organizer).toBe(ORG);
  });
});
