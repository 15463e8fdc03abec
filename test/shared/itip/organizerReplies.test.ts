/**
 * Replies as the organizer reads them, for series with overrides: an answer to the whole series (a REPLY without
 * RECURRENCE-ID, as Google, Fastmail and Outlook send it) is that attendee's answer on every occurrence they did
 * not answer on its own; an answer with RECURRENCE-ID;RANGE=THISANDFUTURE answers that occurrence and every later
 * one.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, updateEvent } from '../../../shared/itip/index.js';
import ICAL from 'ical.js';
import { expandOccurrences } from '../../../shared/ical/recurrence.js';
import { Calendar, attendeeIn, ics, instanceOf, outgoingEvents, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const BOB = 'bob.jones@gmail.com';
const DAVE = 'dave@fastmail.com';
const UID = 'design-review@example.org';
/** The second occurrence, 14:00 in Berlin. */
const SECOND = '2026-12-21T13:00:00Z';

function organizer(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Design review',
        start: '2026-12-14T14:00',
        end: '2026-12-14T15:00',
        tz: 'Europe/Berlin',
        allDay: false,
        rrule: 'FREQ=WEEKLY;COUNT=4',
        attendees: [{ address: BOB }, { address: DAVE }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

/** Google's answer for one occurrence. */
function occurrenceReply(who: string, partstat: string, rid: string, stamp: string): string {
  return ics(
    'REPLY',
    vevent(
      `DTSTART:${rid}`,
      'DTEND:' + rid.replace(/T13/, 'T14'),
      `DTSTAMP:${stamp}`,
      `ORGANIZER:mailto:${ME}`,
      `UID:${UID}`,
      `RECURRENCE-ID:${rid}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};X-NUM-GUESTS=0:mailto:${who}`,
      'SEQUENCE:0',
      'SUMMARY:Design review',
    ),
  );
}

/** Fastmail's answer for the whole series: the master only. */
function seriesReply(who: string, partstat: string, stamp: string): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      'SEQUENCE:0',
      `DTSTAMP:${stamp}`,
      'DTSTART;TZID=Europe/Berlin:20261214T140000',
      'DTEND;TZID=Europe/Berlin:20261214T150000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Design review',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
    ),
  );
}

describe('an answer to the whole series reaches the overrides', () => {
  it('Dave’s series accept reaches the override Bob’s decline created, and the next update says so', () => {
    const cal = organizer();
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');
    cal.process(seriesReply(DAVE, 'ACCEPTED', '20261204T095000Z'), DAVE);
    expect(partstatIn(cal.get(UID), DAVE)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('ACCEPTED');
    expect(attendeeIn(instanceOf(cal.get(UID), SECOND), DAVE)?.getParameter('rsvp')).toBeUndefined();
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');

    const r = cal.apply(updateEvent({ uid: UID, location: 'Room 4' }, cal.get(UID), cal.ctx()));
    for (const o of r.outgoing)
      for (const e of outgoingEvents(o)) expect(attendeeIn(e, DAVE)?.getParameter('partstat')).toBe('ACCEPTED');
  });

  it('an occurrence I moved after the version the answer is about is not answered by it', () => {
    const cal = organizer();
    const moved = cal.apply(
      updateEvent(
        {
          uid: UID,
          recurrenceId: ICAL.Time.fromString(SECOND, null as unknown as ICAL.Property),
          start: '2026-12-21T16:00',
          end: '2026-12-21T17:00',
        },
        cal.get(UID),
        cal.ctx(),
      ),
    );
    expect(moved.outcome).toBe('applied');
    cal.process(seriesReply(DAVE, 'ACCEPTED', '20261204T095000Z'), DAVE);
    expect(partstatIn(cal.get(UID), DAVE)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('NEEDS-ACTION');
  });

  it('an occurrence the attendee answered on its own keeps that answer', () => {
    const cal = organizer();
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    cal.process(seriesReply(BOB, 'ACCEPTED', '20261204T095000Z'), BOB);
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');
  });

  it('an occurrence still holding the series’ earlier answer follows the new one', () => {
    const cal = organizer();
    cal.process(seriesReply(DAVE, 'TENTATIVE', '20261204T090000Z'), DAVE);
    // Bob's decline creates the override from the series: Dave is TENTATIVE there, as on the series.
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('TENTATIVE');
    cal.process(seriesReply(DAVE, 'DECLINED', '20261204T100000Z'), DAVE);
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('DECLINED');
  });
});

describe('an answer from one occurrence on (RANGE=THISANDFUTURE)', () => {
  const JDOE = 'jdoe@acme.example';
  const WEEKLY = 'weekly-ops-2026@example.org';

  function weekly(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.put(
      ics(
        null,
        vevent(
          `UID:${WEEKLY}`,
          'DTSTAMP:20261204T090000Z',
          'SEQUENCE:0',
          'DTSTART;TZID=Europe/Berlin:20261215T140000',
          'DTEND;TZID=Europe/Berlin:20261215T150000',
          'RRULE:FREQ=WEEKLY;COUNT=6',
          'SUMMARY:Weekly ops',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:${ME}`,
          `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
          `ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${JDOE}`,
        ),
      ),
    );
    return cal;
  }

  /** Lotus Notes' answer: the occurrence in UTC with RANGE=THISANDFUTURE. */
  function notesReply(partstat: string, rid: string, stamp: string): string {
    return ics(
      'REPLY',
      vevent(
        `DTSTART:${rid}`,
        `RECURRENCE-ID;RANGE=THISANDFUTURE:${rid}`,
        `DTSTAMP:${stamp}`,
        'SEQUENCE:0',
        `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};CN="John Doe/Boston/ACME":mailto:${JDOE}`,
        'SUMMARY:Accepted: Weekly ops',
        `ORGANIZER:mailto:${ME}`,
        `UID:${WEEKLY}`,
      ),
    );
  }

  /** JDOE's answer on each occurrence, as the calendar shows the series. */
  function answers(cal: Calendar, who = JDOE): string[] {
    const all = cal.get(WEEKLY) as ICAL.Component;
    return expandOccurrences(all, Date.parse('2026-12-01T00:00:00Z'), Date.parse('2027-02-01T00:00:00Z')).map((o) => {
      const v = attendeeIn(o.component, who)?.getParameter('partstat');
      return typeof v === 'string' ? v : 'NEEDS-ACTION';
    });
  }

  it('from the first occurrence on: an answer to the series', () => {
    const cal = weekly();
    const r = cal.process(notesReply('ACCEPTED', '20261215T130000Z', '20261204T084500Z'), JDOE);
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(WEEKLY), JDOE)).toBe('ACCEPTED');
    expect(cal.get(WEEKLY)?.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(answers(cal)).toEqual(Array(6).fill('ACCEPTED'));
  });

  it('from a later occurrence on: that one, the later overrides and the occurrences the series generates', () => {
    const cal = weekly();
    // Bob declines the fifth occurrence: an override where John has not answered yet.
    cal.process(occurrenceReplyIn(WEEKLY, BOB, 'DECLINED', '20270112T130000Z', '20261204T083000Z'), BOB);
    const r = cal.process(notesReply('DECLINED', '20261229T130000Z', '20261204T084500Z'), JDOE);
    expect(say(r.reason)).toBe(
      'John Doe/Boston/ACME declined "Weekly ops" for 2026-12-29T13:00:00Z and every later occurrence.',
    );
    expect(answers(cal)).toEqual(['NEEDS-ACTION', 'NEEDS-ACTION', 'DECLINED', 'DECLINED', 'DECLINED', 'DECLINED']);
    expect(answers(cal, BOB)).toEqual([
      'NEEDS-ACTION',
      'NEEDS-ACTION',
      'NEEDS-ACTION',
      'NEEDS-ACTION',
      'DECLINED',
      'NEEDS-ACTION',
    ]);
    expect(partstatIn(cal.get(WEEKLY), JDOE)).toBe('NEEDS-ACTION');
    // The series from there is a range override; the update sends John the answer he gave.
    expect(cal.text(WEEKLY)).toMatch(/RECURRENCE-ID;[^:]*RANGE=THISANDFUTURE[^:]*:20261229T140000/);
  });

  it('from an occurrence with an override of its own: that override, and the series from the next occurrence', () => {
    const cal = weekly();
    cal.process(occurrenceReplyIn(WEEKLY, BOB, 'DECLINED', '20261229T130000Z', '20261204T083000Z'), BOB);
    cal.process(notesReply('TENTATIVE', '20261229T130000Z', '20261204T084500Z'), JDOE);
    expect(answers(cal)).toEqual(['NEEDS-ACTION', 'NEEDS-ACTION', 'TENTATIVE', 'TENTATIVE', 'TENTATIVE', 'TENTATIVE']);
    // Bob's decline of that one occurrence does not spread to the later ones.
    expect(answers(cal, BOB)).toEqual([
      'NEEDS-ACTION',
      'NEEDS-ACTION',
      'DECLINED',
      'NEEDS-ACTION',
      'NEEDS-ACTION',
      'NEEDS-ACTION',
    ]);
  });
});

function occurrenceReplyIn(uid: string, who: string, partstat: string, rid: string, stamp: string): string {
  return ics(
    'REPLY',
    vevent(
      `DTSTART:${rid}`,
      `DTSTAMP:${stamp}`,
      `ORGANIZER:mailto:${ME}`,
      `UID:${uid}`,
      `RECURRENCE-ID:${rid}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
      'SEQUENCE:0',
    ),
  );
}

describe('someone I approve is invited to answer, as the attendees I invite myself', () => {
  const HANS = 'hans.mueller@contoso.com';
  const EVA = 'eva.klein@contoso.com';
  const BUDGET = 'budget-2027@example.org';

  function budget(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.apply(
      createEvent(
        {
          uid: BUDGET,
          summary: 'Budget 2027',
          start: '2027-03-25T10:00',
          end: '2027-03-25T11:00',
          tz: 'Europe/Berlin',
          allDay: false,
          attendees: [{ address: HANS }],
        },
        cal.ctx(),
      ),
    );
    return cal;
  }

  function evaIn(r: ReturnType<Calendar['decide']>): Record<string, unknown> {
    const invitation = r.outgoing.find((o) => o.to.address === EVA);
    const [e] = outgoingEvents(invitation);
    const p = attendeeIn(e ?? null, EVA);
    return { role: p?.getParameter('role'), rsvp: p?.getParameter('rsvp'), partstat: p?.getParameter('partstat') };
  }

  it("Exchange's forward notification (a REPLY naming the new invitee): ROLE, RSVP=TRUE, NEEDS-ACTION", () => {
    const cal = budget();
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;CN="Klein, Eva":mailto:${EVA}`,
          'SUMMARY;LANGUAGE=de-DE:Meeting Forward Notification: Budget 2027',
          'DTSTART;TZID=Europe/Berlin:20270325T100000',
          'DTEND;TZID=Europe/Berlin:20270325T110000',
          `UID:${BUDGET}`,
          'DTSTAMP:20260301T110000Z',
          'SEQUENCE:0',
        ),
      ),
      HANS,
    );
    expect(r.kind).toBe('party-crasher');
    const approved = cal.decide(r, 'approve');
    expect(evaIn(approved)).toEqual({ role: 'REQ-PARTICIPANT', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' });
    const stored = attendeeIn(instanceOf(cal.get(BUDGET)), EVA);
    expect(stored?.getParameter('rsvp')).toBe('TRUE');
    expect(stored?.getParameter('cn')).toBe('Klein, Eva');
  });

  it('a guest who answered keeps the answer and gets a ROLE', () => {
    const cal = budget();
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${EVA}`,
          `UID:${BUDGET}`,
          'DTSTAMP:20260301T110000Z',
          'SEQUENCE:0',
        ),
      ),
      EVA,
    );
    expect(evaIn(cal.decide(r, 'approve'))).toEqual({ role: 'REQ-PARTICIPANT', rsvp: undefined, partstat: 'ACCEPTED' });
  });

  it('a forward reported as a REQUEST of mine from someone else: ROLE, RSVP=TRUE, NEEDS-ACTION', () => {
    const cal = budget();
    const r = cal.process(
      ics(
        'REQUEST',
        vevent(
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${HANS}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;CN="Klein, Eva":mailto:${EVA}`,
          'SUMMARY:Budget 2027',
          'DTSTART;TZID=Europe/Berlin:20270325T100000',
          'DTEND;TZID=Europe/Berlin:20270325T110000',
          `UID:${BUDGET}`,
          'DTSTAMP:20260301T110000Z',
          'SEQUENCE:0',
        ),
      ),
      HANS,
    );
    expect(r.kind).toBe('party-crasher');
    expect(evaIn(cal.decide(r, 'approve'))).toEqual({
      role: 'REQ-PARTICIPANT',
      rsvp: 'TRUE',
      partstat: 'NEEDS-ACTION',
    });
  });
});

describe("Outlook.com's alias reply: an unknown ATTENDEE from an invited attendee's address", () => {
  const BOBBY = 'bob.smith@outlook.com';
  const ALIAS = 'outlook_5a3f0c2d9e1b7a44@outlook.com';
  const DINNER = 'family-dinner@example.org';
  const dmarcPass = {
    authenticationResults: [
      'mx.example.org; dkim=pass header.d=outlook.com; spf=pass smtp.mailfrom=outlook.com; dmarc=pass header.from=outlook.com',
    ],
  };

  function dinner(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.apply(
      createEvent(
        {
          uid: DINNER,
          summary: 'Family dinner',
          start: '2026-12-20T18:00',
          end: '2026-12-20T20:00',
          tz: 'Europe/Berlin',
          allDay: false,
          attendees: [{ address: BOBBY }, { address: DAVE }],
        },
        cal.ctx(),
      ),
    );
    return cal;
  }

  function aliasReply(...more: string[]): string {
    return ics(
      'REPLY',
      vevent(
        `ORGANIZER:mailto:${ME}`,
        'ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob Smith:mailto:outlook_5A3F0C2D9E1B7A44@outlook.com',
        'SUMMARY;LANGUAGE=de-DE:Accepted: Family dinner',
        'DTSTART;TZID=Europe/Berlin:20261220T180000',
        'DTEND;TZID=Europe/Berlin:20261220T200000',
        `UID:${DINNER}`,
        'DTSTAMP:20261204T093000Z',
        'SEQUENCE:0',
        ...more,
      ),
    );
  }

  it('is the answer of the attendee the mail comes from, with a warning naming both addresses', () => {
    const cal = dinner();
    const r = cal.process(aliasReply(), BOBBY, dmarcPass);
    expect(r.kind).toBe('reply');
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(DINNER), BOBBY)).toBe('ACCEPTED');
    expect(attendeeIn(instanceOf(cal.get(DINNER)), ALIAS)).toBeNull();
    expect(r.warnings.map(say)).toContain(
      `The reply names ${ALIAS} as the attendee, who is not invited, but it comes from ${BOBBY}, who is: it is taken as ${BOBBY}'s answer.`,
    );
  });

  it('stays a party crasher when the mail comes from someone not invited, or from an attendee who delegated', () => {
    const stranger = dinner();
    expect(stranger.process(aliasReply(), 'eve@outlook.com', dmarcPass).kind).toBe('party-crasher');

    const delegated = dinner();
    delegated.process(
      ics(
        'REPLY',
        vevent(
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${ALIAS}":mailto:${BOBBY}`,
          `UID:${DINNER}`,
          'DTSTAMP:20261204T090000Z',
          'SEQUENCE:0',
        ),
      ),
      BOBBY,
      dmarcPass,
    );
    // The delegate answers: theirs, not Bob's.
    const r = delegated.process(aliasReply(), BOBBY, dmarcPass);
    expect(partstatIn(delegated.get(DINNER), BOBBY)).toBe('DELEGATED');
    expect(r.warnings.map((w) => w.key)).not.toContain('warning.replyAlias');
  });

  it('a counter-proposal from the alias is the invited attendee’s proposal', () => {
    const cal = dinner();
    const r = cal.process(
      ics(
        'COUNTER',
        vevent(
          'ATTENDEE;PARTSTAT=TENTATIVE;CN=Bob Smith:mailto:outlook_5A3F0C2D9E1B7A44@outlook.com',
          'SUMMARY;LANGUAGE=de-DE:New Time Proposed: Family dinner',
          'DTSTART;TZID=Europe/Berlin:20261220T190000',
          'DTEND;TZID=Europe/Berlin:20261220T210000',
          `UID:${DINNER}`,
          'DTSTAMP:20261204T093000Z',
          'SEQUENCE:0',
        ),
      ),
      BOBBY,
      dmarcPass,
    );
    expect(r.kind).toBe('counter');
    expect(r.pending?.attendee).toBe(BOBBY);
    expect(r.warnings.map((w) => w.key)).toContain('warning.replyAlias');
  });

  it('stays a party crasher when the receiving server reports a DMARC failure', () => {
    const cal = dinner();
    const r = cal.process(aliasReply(), BOBBY, {
      authenticationResults: ['mx.example.org; dmarc=fail header.from=outlook.com'],
    });
    expect(r.kind).toBe('party-crasher');
  });
});
