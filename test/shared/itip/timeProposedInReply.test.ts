/**
 * Exchange's "New Time Proposed" as a REPLY: the attendee's answer (TENTATIVE, or DECLINED for "decline and
 * propose") with DTSTART/DTEND set to the proposed time and the meeting's own time in X-MS-OLK-ORIGINALSTART/END.
 * The answer is recorded as any reply is, and the proposal is weighed as a counter-proposal (accept, decline or
 * ignore), as when Outlook sends it as a COUNTER.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createEvent } from '../../../shared/itip/index.js';
import { toUtcMs } from '../../../shared/ical/time.js';
import { Calendar, ics, instanceOf, partstatIn, say, vevent } from '../../helpers/itip.js';
import { W_EUROPE } from '../../helpers/outlookZones.js';

const ME = 'me@example.org';
const HANS = 'hans.mueller@contoso.com';
const ZOE = 'zoe.dupont@contoso.com';
const UID = 'budget-2027@example.org';

const WEST = W_EUROPE;

function organizer(): Calendar {
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
        location: 'Room 1',
        attendees: [{ address: HANS }, { address: ZOE }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

function outlookReply(partstat: string, start: string, end: string, marker = true): string {
  return ics(
    'REPLY',
    WEST,
    vevent(
      `ATTENDEE;PARTSTAT=${partstat};CN="Müller, Hans":mailto:${HANS}`,
      'COMMENT;LANGUAGE=de-DE:Vormittags bin ich beim Kunden.\\n',
      'SUMMARY;LANGUAGE=de-DE:New Time Proposed: Budget 2027',
      `DTSTART;TZID=W. Europe Standard Time:${start}`,
      `DTEND;TZID=W. Europe Standard Time:${end}`,
      `UID:${UID}`,
      'DTSTAMP:20260301T110000Z',
      'SEQUENCE:0',
      'LOCATION;LANGUAGE=de-DE:Room 1',
      ...(marker ? ['X-MS-OLK-ORIGINALEND:20270325T100000Z', 'X-MS-OLK-ORIGINALSTART:20270325T090000Z'] : []),
    ),
  );
}

function startOf(cal: Calendar): string {
  const t = instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstart');
  return t instanceof ICAL.Time ? new Date(toUtcMs(t)).toISOString() : '';
}

describe('a reply proposing another time (Exchange "New Time Proposed")', () => {
  it('records the answer and asks whether to take the proposed time', () => {
    const cal = organizer();
    const r = cal.process(outlookReply('TENTATIVE', '20270325T140000', '20270325T150000'), HANS);
    expect(r.kind).toBe('counter');
    expect(r.outcome).toBe('pending');
    expect(r.pending?.choices).toEqual(['accept-counter', 'decline-counter', 'ignore']);
    expect(partstatIn(cal.get(UID), HANS)).toBe('TENTATIVE');
    expect(startOf(cal)).toBe('2027-03-25T09:00:00.000Z');
    expect(say(r.reason)).toMatch(/proposes to change "Budget 2027" from .* to /);
    expect(r.warnings.map(say)).toContain(
      'Outlook sent the proposal as a reply: the answer of Müller, Hans (tentative) is recorded like any reply; the proposed time is taken only if you accept it.',
    );

    const accepted = cal.decide(r, 'accept-counter');
    expect(accepted.outcome).toBe('applied');
    expect(startOf(cal)).toBe('2027-03-25T13:00:00.000Z');
    expect(accepted.outgoing.map((o) => o.to.address).sort()).toEqual([HANS, ZOE].sort());
    expect(partstatIn(cal.get(UID), HANS)).toBe('TENTATIVE');
    expect(partstatIn(cal.get(UID), ZOE)).toBe('NEEDS-ACTION');
  });

  it('declining the proposal keeps the time and the recorded answer, and tells the proposer', () => {
    const cal = organizer();
    const r = cal.process(outlookReply('DECLINED', '20270325T140000', '20270325T150000'), HANS);
    const declined = cal.decide(r, 'decline-counter');
    expect(declined.outgoing.map((o) => [o.method, o.to.address])).toEqual([['DECLINECOUNTER', HANS]]);
    expect(partstatIn(cal.get(UID), HANS)).toBe('DECLINED');
    expect(startOf(cal)).toBe('2027-03-25T09:00:00.000Z');
  });

  it('held back by policy: declining the proposal records the answer with it', () => {
    const cal = organizer();
    cal.policy = 'never';
    const r = cal.process(outlookReply('TENTATIVE', '20270325T140000', '20270325T150000'), HANS);
    expect(r.kind).toBe('counter');
    expect(partstatIn(cal.get(UID), HANS)).toBe('NEEDS-ACTION');
    const declined = cal.decide(r, 'decline-counter');
    expect(declined.outgoing.map((o) => o.method)).toEqual(['DECLINECOUNTER']);
    expect(partstatIn(cal.get(UID), HANS)).toBe('TENTATIVE');
  });

  it('an ordinary reply at the meeting’s own time stays a reply', () => {
    const cal = organizer();
    const r = cal.process(outlookReply('ACCEPTED', '20270325T100000', '20270325T110000'), HANS);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
  });
});
