/**
 * Recurring events (RFC 5545 §3.8.4.4, RFC 5546 §4.4): answering a series or one instance, the organizer changing
 * one instance or this-and-future, invitations to a single instance without the series ("naked recurrences"),
 * and which stored overrides survive a new master.
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  attendeeIn,
  attendeesOf,
  ics,
  instanceOf,
  outgoingEvents,
  partstatIn,
  vevent,
  say,
} from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'rec-1@example.org';

function people(mine = 'NEEDS-ACTION'): string[] {
  return [
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=${mine};RSVP=TRUE:mailto:${ME}`,
  ];
}

/** Mondays 09:00 Paris, 6 weeks from 2026-03-02. */
function master(
  o: { seq?: number; stamp?: string; mine?: string; rule?: string; start?: string; extra?: string[] } = {},
): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    `DTSTART;TZID=Europe/Paris:${o.start ?? '20260302T090000'}`,
    `DTEND;TZID=Europe/Paris:${(o.start ?? '20260302T090000').replace('T09', 'T10')}`,
    `RRULE:${o.rule ?? 'FREQ=WEEKLY;COUNT=6'}`,
    'SUMMARY:Weekly planning',
    ...people(o.mine),
    ...(o.extra ?? []),
  );
}

function override(
  rid: string,
  start: string,
  o: { seq?: number; stamp?: string; mine?: string; summary?: string; range?: boolean } = {},
): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    `RECURRENCE-ID${o.range ? ';RANGE=THISANDFUTURE' : ''};TZID=Europe/Paris:${rid}`,
    `DTSTART;TZID=Europe/Paris:${start}`,
    `DTEND;TZID=Europe/Paris:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}`,
    `SUMMARY:${o.summary ?? 'Weekly planning'}`,
    ...people(o.mine),
  );
}

function calWith(policy: 'always' | 'known' | 'never', ...components: string[]): Calendar {
  const cal = new Calendar([ME], policy);
  cal.put(ics(null, ...components));
  return cal;
}

const count = (cal: Calendar): number => cal.get(UID)?.getAllSubcomponents('vevent').length ?? 0;

describe('answering a series', () => {
  it('accepting an invitation with an override replies for the master and that override', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('REQUEST', master(), override('20260309T090000', '20260309T140000')), ORG);
    expect(r.kind).toBe('invitation');
    const d = cal.decide(r, 'accept');
    expect(d.outgoing).toHaveLength(1);
    const evs = outgoingEvents(d.outgoing[0]);
    expect(evs).toHaveLength(2);
    expect(evs.map((e) => e.hasProperty('recurrence-id')).sort()).toEqual([false, true]);
    for (const e of evs) {
      expect(attendeesOf(e)).toEqual([ME]);
      expect(attendeeIn(e, ME)?.getParameter('partstat')).toBe('ACCEPTED');
    }
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ME, '2026-03-09T08:00:00Z')).toBe('ACCEPTED');
  });

  it('declining one instance of an accepted series: override created, REPLY for that RECURRENCE-ID only', () => {
    const cal = calWith('known', master({ mine: 'ACCEPTED' }));
    const r = cal.respond(UID, 'DECLINED', '2026-03-16T08:00:00Z');
    expect(r.outcome).toBe('applied');
    expect(r.recurrenceId).toBe('2026-03-16T08:00:00Z');
    expect(partstatIn(cal.get(UID), ME, '2026-03-16T08:00:00Z')).toBe('DECLINED');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(count(cal)).toBe(2);
    const evs = outgoingEvents(r.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Paris:20260316T090000',
    );
    expect(evs[0]?.getFirstPropertyValue('sequence')).toBe(0);
    expect(evs[0]?.hasProperty('rrule')).toBe(false);
    expect(r.outgoing[0]?.recurrenceId).toBe('2026-03-16T09:00:00+01:00');
  });

  it('an instance the series does not have cannot be answered', () => {
    const cal = calWith('known', master({ mine: 'ACCEPTED' }));
    const r = cal.respond(UID, 'DECLINED', '2026-03-17T08:00:00Z');
    expect(r.outcome).toBe('error');
    expect(r.outgoing).toHaveLength(0);
    expect(count(cal)).toBe(1);
  });

  it('all-day series: the instance REPLY carries a DATE RECURRENCE-ID', () => {
    const cal = calWith(
      'known',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        'DTSTART;VALUE=DATE:20260302',
        'DTEND;VALUE=DATE:20260303',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'SUMMARY:Off',
        ...people('ACCEPTED'),
      ),
    );
    const r = cal.respond(UID, 'TENTATIVE', '2026-03-09');
    expect(outgoingEvents(r.outgoing[0])[0]?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;VALUE=DATE:20260309',
    );
  });
});

describe('the organizer changes instances', () => {
  it('a new SUMMARY on one instance: override stored, my answer and alarms from the series kept', () => {
    const alarm = ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Planning', 'TRIGGER:-PT10M', 'END:VALARM'];
    const cal = calWith('known', master({ mine: 'ACCEPTED', extra: alarm }));
    const r = cal.process(
      ics(
        'REQUEST',
        override('20260316T090000', '20260316T090000', {
          seq: 1,
          stamp: '20260305T100000Z',
          summary: 'Planning (Q2 kickoff)',
        }),
      ),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(r.recurrenceId).toBe('2026-03-16T09:00:00+01:00');
    expect(count(cal)).toBe(2);
    const o = instanceOf(cal.get(UID), '2026-03-16T08:00:00Z');
    expect(o?.getFirstPropertyValue('summary')).toBe('Planning (Q2 kickoff)');
    expect(partstatIn(cal.get(UID), ME, '2026-03-16T08:00:00Z')).toBe('ACCEPTED');
    expect(o?.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('summary')).toBe('Weekly planning');
  });

  it('one instance of an accepted series moved: a reschedule of that instance', () => {
    const cal = calWith('known', master({ mine: 'ACCEPTED' }));
    const r = cal.process(
      ics('REQUEST', override('20260316T090000', '20260316T150000', { seq: 1, stamp: '20260305T100000Z' })),
      ORG,
    );
    expect(r.kind).toBe('reschedule');
    expect(r.outcome).toBe('pending');
    expect(r.pending?.recurrenceId).toBe('2026-03-16T09:00:00+01:00');
    expect(say(r.reason)).toMatch(/on 2026-03-16T09:00:00\+01:00/);
    expect(instanceOf(cal.get(UID), '2026-03-16T08:00:00Z')?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;TZID=Europe/Paris:20260316T150000',
    );
    const d = cal.decide(r, 'accept');
    const evs = outgoingEvents(d.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.hasProperty('recurrence-id')).toBe(true);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('this and future (RANGE=THISANDFUTURE): later overrides it supersedes are dropped, earlier ones stay', () => {
    const cal = calWith(
      'known',
      master({ mine: 'ACCEPTED' }),
      override('20260309T090000', '20260309T110000', { mine: 'ACCEPTED' }),
      override('20260330T090000', '20260330T110000', { mine: 'ACCEPTED' }),
    );
    const r = cal.process(
      ics(
        'REQUEST',
        override('20260323T090000', '20260323T090000', {
          seq: 1,
          stamp: '20260305T100000Z',
          summary: 'Planning (new room)',
          range: true,
          mine: 'ACCEPTED',
        }),
      ),
      ORG,
    );
    expect(r.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID), '2026-03-09T08:00:00Z')).not.toBeNull();
    expect(instanceOf(cal.get(UID), '2026-03-30T07:00:00Z')).toBeNull();
    const o = instanceOf(cal.get(UID), '2026-03-23T08:00:00Z');
    expect(o?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Paris:20260323T090000',
    );
    expect(o?.getFirstPropertyValue('summary')).toBe('Planning (new room)');
  });

  it('a new master with a changed rule drops overrides the new series no longer has', () => {
    const cal = calWith(
      'known',
      master({ mine: 'ACCEPTED' }),
      override('20260309T090000', '20260309T110000', { seq: 2, mine: 'ACCEPTED' }),
    );
    cal.process(
      ics(
        'REQUEST',
        master({ seq: 2, stamp: '20260305T100000Z', rule: 'FREQ=WEEKLY;COUNT=6;BYDAY=TU', start: '20260303T090000' }),
      ),
      ORG,
    );
    expect(instanceOf(cal.get(UID), '2026-03-09T08:00:00Z')).toBeNull();
    expect(count(cal)).toBe(1);
  });

  it('a new master keeps a current override the organizer sends separately (Outlook)', () => {
    const cal = calWith(
      'known',
      master({ mine: 'ACCEPTED' }),
      override('20260309T090000', '20260309T110000', { seq: 2, mine: 'ACCEPTED' }),
    );
    cal.process(ics('REQUEST', master({ seq: 2, stamp: '20260305T100000Z', extra: ['LOCATION:Room 7'] })), ORG);
    expect(count(cal)).toBe(2);
    expect(instanceOf(cal.get(UID), '2026-03-09T08:00:00Z')?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;TZID=Europe/Paris:20260309T110000',
    );
  });

  it('RRULE rewritten with INTERVAL=1 and reordered parts is not a reschedule (sabre significant-change rules)', () => {
    const cal = calWith('known', master({ mine: 'ACCEPTED' }));
    const r = cal.process(
      ics('REQUEST', master({ seq: 1, stamp: '20260305T100000Z', rule: 'COUNT=6;INTERVAL=1;FREQ=WEEKLY' })),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('the same start written in another zone is not a reschedule', () => {
    const cal = calWith('known', master({ mine: 'ACCEPTED' }));
    const text = ics('REQUEST', master({ seq: 1, stamp: '20260305T100000Z' }))
      .replace('DTSTART;TZID=Europe/Paris:20260302T090000', 'DTSTART;TZID=Europe/London:20260302T080000')
      .replace('DTEND;TZID=Europe/Paris:20260302T100000', 'DTEND;TZID=Europe/London:20260302T090000');
    const r = cal.process(text, ORG);
    expect(r.kind).toBe('update');
  });
});

describe('naked recurrences (an instance without its series)', () => {
  it('invited to one instance only: accepting replies with that RECURRENCE-ID', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('REQUEST', override('20260316T090000', '20260316T090000')), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.recurrenceId).toBe('2026-03-16T09:00:00+01:00');
    expect(count(cal)).toBe(1);
    expect(instanceOf(cal.get(UID))).toBeNull();
    const d = cal.decide(r, 'accept');
    expect(d.outgoing).toHaveLength(1);
    const evs = outgoingEvents(d.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Paris:20260316T090000',
    );
    expect(attendeesOf(evs[0] ?? null)).toEqual([ME]);
    expect(partstatIn(cal.get(UID), ME, '2026-03-16T08:00:00Z')).toBe('ACCEPTED');
  });

  it('a second instance of the same series joins the first', () => {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(ics('REQUEST', override('20260316T090000', '20260316T090000')), ORG), 'accept');
    const r = cal.process(
      ics('REQUEST', override('20260323T090000', '20260323T090000', { stamp: '20260302T100000Z' })),
      ORG,
    );
    expect(r.kind).toBe('invitation');
    expect(count(cal)).toBe(2);
    expect(partstatIn(cal.get(UID), ME, '2026-03-16T08:00:00Z')).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ME, '2026-03-23T08:00:00Z')).toBe('NEEDS-ACTION');
  });

  it('respondToEvent on a naked instance replies for it', () => {
    const cal = calWith('known', override('20260316T090000', '20260316T090000'));
    const r = cal.respond(UID, 'TENTATIVE', '2026-03-16T08:00:00Z');
    expect(r.outcome).toBe('applied');
    expect(outgoingEvents(r.outgoing[0])[0]?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Paris:20260316T090000',
    );
  });
});
