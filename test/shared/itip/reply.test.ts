/**
 * REPLY received as organizer (RFC 5546 §3.2.3): the replier's PARTSTAT and parameters are applied, nothing else
 * they changed; REQUEST-STATUS becomes SCHEDULE-STATUS; per-instance replies create overrides from the master
 * (RECURRENCE-ID matched by instant, sabre/vobject BrokerProcessReplyTest); replies are ordered per attendee.
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  attendeeIn,
  canonical,
  ics,
  instanceOf,
  parseCalendar,
  partstatIn,
  vevent,
  say,
} from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const CAROL = 'carol@example.net';
const UID = 'reply-1@example.com';

const attendees = [
  `ORGANIZER;CN=Me:mailto:${ME}`,
  `ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:${ME}`,
  `ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
  `ATTENDEE;CN=Carol;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${CAROL}`,
];

function single(seq = 1, people = attendees): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    `SEQUENCE:${seq}`,
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    'SUMMARY:Budget',
    ...people,
  );
}

function series(extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    'SEQUENCE:0',
    'DTSTART;TZID=America/Toronto:20260302T090000',
    'DTEND;TZID=America/Toronto:20260302T100000',
    'RRULE:FREQ=DAILY;COUNT=10',
    'SUMMARY:Standup',
    ...attendees,
    ...extra,
  );
}

function reply(who: string, partstat: string, lines: string[] = [], o: { seq?: number; stamp?: string } = {}): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      `DTSTAMP:${o.stamp ?? '20260302T080000Z'}`,
      `SEQUENCE:${o.seq ?? 1}`,
      `ORGANIZER;CN=Me:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
      ...lines,
    ),
  );
}

function organizerCal(...components: string[]): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(ics(null, ...components));
  return cal;
}

describe('a reply to a single event', () => {
  it('ACCEPTED: PARTSTAT applied, RSVP removed, SCHEDULE-STATUS=2.0, nothing else changes', () => {
    const cal = organizerCal(single());
    const r = cal.process(reply(BOB, 'ACCEPTED'), BOB);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toBe(`${BOB} accepted "Budget".`);
    const expected = ics(
      null,
      single(1, [
        attendees[0] as string,
        attendees[1] as string,
        `ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;SCHEDULE-STATUS=2.0:mailto:${BOB}`,
        attendees[3] as string,
      ]),
    );
    expect(canonical(cal.text(UID), { dropTimezones: true })).toBe(canonical(expected));
  });

  for (const partstat of ['DECLINED', 'TENTATIVE']) {
    it(`${partstat} is recorded for that attendee only`, () => {
      const cal = organizerCal(single());
      const r = cal.process(reply(CAROL, partstat), CAROL);
      expect(r.outcome).toBe('applied');
      expect(partstatIn(cal.get(UID), CAROL)).toBe(partstat);
      expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
      expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    });
  }

  it('REQUEST-STATUS becomes SCHEDULE-STATUS (code only)', () => {
    const cal = organizerCal(single());
    cal.process(reply(BOB, 'ACCEPTED', ['REQUEST-STATUS:2.3;Success, invalid property value ignored;X-FOO']), BOB);
    expect(attendeeIn(instanceOf(cal.get(UID)), BOB)?.getParameter('schedule-status')).toBe('2.3');
  });

  it('an attendee changing SUMMARY, DTSTART or other attendees in a REPLY changes only their own answer', () => {
    const cal = organizerCal(single());
    const text = reply(BOB, 'ACCEPTED', [
      'SUMMARY:Hijacked',
      'DTSTART:20260311T100000Z',
      'DTEND:20260311T110000Z',
      'LOCATION:My place',
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${CAROL}`,
    ]);
    const r = cal.process(text, BOB);
    expect(r.outcome).toBe('applied');
    const ev = instanceOf(cal.get(UID));
    expect(ev?.getFirstPropertyValue('summary')).toBe('Budget');
    expect(ev?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T10:00:00Z');
    expect(ev?.hasProperty('location')).toBe(false);
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), CAROL)).toBe('NEEDS-ACTION');
  });

  it('the COMMENT is kept for that attendee and replaced by their next one', () => {
    const cal = organizerCal(single());
    cal.process(reply(BOB, 'TENTATIVE', ['COMMENT:Might be late']), BOB);
    const notes = () =>
      (instanceOf(cal.get(UID))?.getAllProperties('x-imip-attendee-comment') ?? []).map(
        (p) => `${String(p.getParameter('x-attendee'))} ${String(p.getFirstValue())}`,
      );
    expect(notes()).toEqual([`mailto:${BOB} Might be late`]);
    cal.process(reply(BOB, 'ACCEPTED', ['COMMENT:On time after all'], { stamp: '20260302T090000Z' }), BOB);
    expect(notes()).toEqual([`mailto:${BOB} On time after all`]);
  });

  it('a multi-line COMMENT is stored escaped: the calendar still parses and keeps it whole', () => {
    const cal = organizerCal(single());
    cal.process(reply(BOB, 'DECLINED', ['COMMENT:Sorry\\, on leave.\\nBack on Monday\\; ask Carol.\\n']), BOB);
    const reread = parseCalendar(cal.text(UID));
    expect(reread.getFirstSubcomponent('vevent')?.getFirstPropertyValue('x-imip-attendee-comment')).toBe(
      'Sorry, on leave.\nBack on Monday; ask Carol.\n',
    );
  });

  it('an upper-case MAILTO and mixed-case address still match the attendee', () => {
    const cal = organizerCal(single());
    const text = reply(BOB, 'ACCEPTED').replace(`mailto:${BOB}`, 'MAILTO:Bob@Example.NET');
    const r = cal.process(text, 'Bob@example.net');
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(cal.get(UID)?.getFirstSubcomponent('vevent')?.getAllProperties('attendee')).toHaveLength(3);
  });

  it('a REPLY without ORGANIZER (outlook.com, nextcloud/server#53948) is applied', () => {
    const cal = organizerCal(single());
    const text = reply(BOB, 'DECLINED').replace(`ORGANIZER;CN=Me:mailto:${ME}\r\n`, '');
    expect(text).not.toContain('ORGANIZER');
    const r = cal.process(text, BOB);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('DECLINED');
  });

  it('a REPLY to an event organized by one of my aliases is applied', () => {
    const cal = new Calendar([ME, 'team@example.com'], 'known');
    cal.put(ics(null, single().replace(`ORGANIZER;CN=Me:mailto:${ME}`, 'ORGANIZER;CN=Team:mailto:team@example.com')));
    const r = cal.process(reply(BOB, 'ACCEPTED').replace(`mailto:${ME}`, 'mailto:team@example.com'), BOB);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
  });

  it('a REPLY with several attendees (djcb/mu#1403): only the sender is applied', () => {
    const cal = organizerCal(single());
    const text = ics(
      'REPLY',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260302T080000Z',
        'SEQUENCE:1',
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=DECLINED:mailto:${CAROL}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`,
      ),
    );
    const r = cal.process(text, BOB);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), CAROL)).toBe('NEEDS-ACTION');
  });

  it('the mail is not from the replying attendee: waits for me with a warning', () => {
    const cal = organizerCal(single());
    const r = cal.process(reply(BOB, 'DECLINED'), 'mallory@evil.example');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say).join(' ')).toContain('mallory@evil.example');
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
    const d = cal.decide(r, 'apply');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('DECLINED');
  });
});

describe('replies that change nothing', () => {
  it('no such event', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(reply(BOB, 'ACCEPTED'), BOB);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/no event with this UID/);
  });

  it('an event I do not organize', () => {
    const cal = new Calendar([CAROL], 'always');
    cal.put(ics(null, single()));
    const r = cal.process(reply(BOB, 'ACCEPTED'), BOB);
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/not the organizer of this event \(me@example.com is\)/);
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
  });

  it('an older SEQUENCE than the event is outdated', () => {
    const cal = organizerCal(single(3));
    const r = cal.process(reply(BOB, 'ACCEPTED', [], { seq: 2 }), BOB);
    expect(r.kind).toBe('outdated');
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/SEQUENCE 2, current 3/);
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
  });

  it('the same REPLY twice: the second is outdated', () => {
    const cal = organizerCal(single());
    cal.process(reply(BOB, 'ACCEPTED'), BOB);
    const again = cal.process(reply(BOB, 'ACCEPTED'), BOB);
    expect(again.kind).toBe('outdated');
    expect(again.store).toBeNull();
  });

  it('an older REPLY from the same attendee arriving late does not undo the newer one', () => {
    const cal = organizerCal(single());
    expect(cal.process(reply(BOB, 'DECLINED', [], { stamp: '20260302T120000Z' }), BOB).outcome).toBe('applied');
    const late = cal.process(reply(BOB, 'ACCEPTED', [], { stamp: '20260302T080000Z' }), BOB);
    expect(late.kind).toBe('outdated');
    expect(partstatIn(cal.get(UID), BOB)).toBe('DECLINED');
  });

  it('ordering is per attendee: an older DTSTAMP from someone else still applies', () => {
    const cal = organizerCal(single());
    cal.process(reply(BOB, 'ACCEPTED', [], { stamp: '20260302T120000Z' }), BOB);
    const r = cal.process(reply(CAROL, 'TENTATIVE', [], { stamp: '20260302T070000Z' }), CAROL);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), CAROL)).toBe('TENTATIVE');
  });

  it('a newer SEQUENCE with an older DTSTAMP from the same attendee is newer (SEQUENCE first)', () => {
    const cal = organizerCal(single(2));
    cal.process(reply(BOB, 'DECLINED', [], { seq: 1, stamp: '20260302T120000Z' }), BOB);
    const r = cal.process(reply(BOB, 'ACCEPTED', [], { seq: 2, stamp: '20260302T110000Z' }), BOB);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
  });
});

describe('replies to one instance of a series', () => {
  it('creates an override from the master, written in the master zone (sabre testReplyNewExceptionTz)', () => {
    const cal = organizerCal(series());
    const r = cal.process(
      reply(BOB, 'DECLINED', ['RECURRENCE-ID;TZID=America/Toronto:20260304T090000'], { seq: 0 }),
      BOB,
    );
    expect(r.outcome).toBe('applied');
    expect(r.recurrenceId).toBe('2026-03-04T09:00:00-05:00');
    expect(say(r.reason)).toMatch(/declined "Standup" for 2026-03-04T09:00:00-05:00/);
    const o = instanceOf(cal.get(UID), '2026-03-04T14:00:00Z');
    expect(o?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=America/Toronto:20260304T090000',
    );
    expect(o?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=America/Toronto:20260304T090000');
    expect(o?.getFirstProperty('dtend')?.toICALString()).toBe('DTEND;TZID=America/Toronto:20260304T100000');
    expect(o?.hasProperty('rrule')).toBe(false);
    expect(partstatIn(cal.get(UID), BOB, '2026-03-04T14:00:00Z')).toBe('DECLINED');
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(2);
  });

  it('a RECURRENCE-ID in UTC matches the instance (sabre testReplyNewExceptionRecurrenceIdInUTC)', () => {
    const cal = organizerCal(series());
    cal.process(reply(BOB, 'ACCEPTED', ['RECURRENCE-ID:20260305T140000Z'], { seq: 0 }), BOB);
    expect(instanceOf(cal.get(UID), '2026-03-05T14:00:00Z')?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=America/Toronto:20260305T090000',
    );
    expect(partstatIn(cal.get(UID), BOB, '2026-03-05T14:00:00Z')).toBe('ACCEPTED');
  });

  it('a RECURRENCE-ID in another zone matches (sabre testReplyNewExceptionRecurrenceIdInDifferentTz)', () => {
    const cal = organizerCal(series());
    // 09:00 Toronto (EST, -05:00) is 21:00 in Ho Chi Minh City (+07:00).
    cal.process(reply(BOB, 'TENTATIVE', ['RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20260305T210000'], { seq: 0 }), BOB);
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(partstatIn(cal.get(UID), BOB, '2026-03-05T14:00:00Z')).toBe('TENTATIVE');
  });

  it('a UTC RECURRENCE-ID updates an existing override stored with a TZID, no duplicate', () => {
    const o = vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:0',
      'RECURRENCE-ID;TZID=America/Toronto:20260306T090000',
      'DTSTART;TZID=America/Toronto:20260306T110000',
      'DTEND;TZID=America/Toronto:20260306T120000',
      'SUMMARY:Standup (late)',
      ...attendees,
    );
    const cal = organizerCal(series(), o);
    cal.process(reply(BOB, 'ACCEPTED', ['RECURRENCE-ID:20260306T140000Z'], { seq: 0 }), BOB);
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(2);
    const stored = instanceOf(cal.get(UID), '2026-03-06T14:00:00Z');
    expect(stored?.getFirstPropertyValue('summary')).toBe('Standup (late)');
    expect(partstatIn(cal.get(UID), BOB, '2026-03-06T14:00:00Z')).toBe('ACCEPTED');
  });

  it('the first occurrence (RECURRENCE-ID = DTSTART) gets its own override', () => {
    const cal = organizerCal(series());
    cal.process(reply(CAROL, 'DECLINED', ['RECURRENCE-ID;TZID=America/Toronto:20260302T090000'], { seq: 0 }), CAROL);
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(partstatIn(cal.get(UID), CAROL, '2026-03-02T14:00:00Z')).toBe('DECLINED');
    expect(partstatIn(cal.get(UID), CAROL)).toBe('NEEDS-ACTION');
  });

  it('all-day series: a DATE RECURRENCE-ID', () => {
    const cal = organizerCal(
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        'DTSTART;VALUE=DATE:20260302',
        'DTEND;VALUE=DATE:20260303',
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'SUMMARY:Offsite',
        ...attendees,
      ),
    );
    const r = cal.process(reply(BOB, 'DECLINED', ['RECURRENCE-ID;VALUE=DATE:20260309'], { seq: 0 }), BOB);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB, '2026-03-09')).toBe('DECLINED');
    expect(instanceOf(cal.get(UID), '2026-03-09')?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;VALUE=DATE:20260309',
    );
  });

  it('an instance the series does not have is ignored', () => {
    const cal = organizerCal(series());
    const r = cal.process(
      reply(BOB, 'ACCEPTED', ['RECURRENCE-ID;TZID=America/Toronto:20260304T093000'], { seq: 0 }),
      BOB,
    );
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/instance this event does not have/);
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(1);
  });

  it('no master to copy from: ignored (sabre testReplyNewExceptionNoMasterEvent)', () => {
    const only = vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:0',
      'RECURRENCE-ID;TZID=America/Toronto:20260304T090000',
      'DTSTART;TZID=America/Toronto:20260304T090000',
      'DTEND;TZID=America/Toronto:20260304T100000',
      'SUMMARY:Standup',
      ...attendees,
    );
    const cal = organizerCal(only);
    const r = cal.process(
      reply(BOB, 'ACCEPTED', ['RECURRENCE-ID;TZID=America/Toronto:20260305T090000'], { seq: 0 }),
      BOB,
    );
    expect(r.outcome).toBe('ignored');
    expect(cal.get(UID)?.getAllSubcomponents('vevent')).toHaveLength(1);
  });

  it('a whole-series reply updates the master and leaves the answered override alone', () => {
    const o = vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:0',
      'RECURRENCE-ID;TZID=America/Toronto:20260306T090000',
      'DTSTART;TZID=America/Toronto:20260306T110000',
      'DTEND;TZID=America/Toronto:20260306T120000',
      'SUMMARY:Standup (late)',
      ...attendees,
    );
    const cal = organizerCal(series(), o);
    cal.process(reply(BOB, 'DECLINED', ['RECURRENCE-ID:20260306T140000Z'], { seq: 0, stamp: '20260302T070000Z' }), BOB);
    cal.process(reply(BOB, 'ACCEPTED', [], { seq: 0 }), BOB);
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), BOB, '2026-03-06T14:00:00Z')).toBe('DECLINED');
  });
});
