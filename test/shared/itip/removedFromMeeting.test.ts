/**
 * An organizer's update that no longer lists me (RFC 5546 §3.2.2.3; what RFC 6638 servers do for an attendee
 * removed): the event, or the occurrence, is no longer mine to attend. It is kept in my calendar marked cancelled,
 * as a CANCEL for me would leave it, and the person is told who removed them.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, instanceOf, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';

describe('removed from the whole event', () => {
  const HUGO = 'hugo@horde.example';
  const UID = '20260301091500.Horde.aBcDeFgH@webmail.horde.example';
  const jourFixe = (o: { seq?: number; stamp: string; who: string }): string =>
    ics(
      'REQUEST',
      vevent(
        'DTSTART;TZID=Europe/Berlin:20260310T140000',
        'DURATION:PT1H30M',
        `DTSTAMP:${o.stamp}`,
        ...(o.seq ? [`SEQUENCE:${o.seq}`] : []),
        `UID:${UID}`,
        'SUMMARY:Jour fixe',
        `ORGANIZER;CN=Hugo Horde:mailto:${HUGO}`,
        'STATUS:CONFIRMED',
        `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${o.who}`,
        'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20260331T215959Z',
      ),
    );

  function accepted(policy: 'always' | 'never' = 'always'): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(jourFixe({ stamp: '20260301T081500Z', who: ME }), HUGO), 'accept');
    cal.policy = policy;
    return cal;
  }

  it('Horde: an update listing someone else instead of me cancels the event in my calendar and says so', () => {
    const cal = accepted();
    const r = cal.process(jourFixe({ seq: 1, stamp: '20260301T091500Z', who: 'other@horde.example' }), HUGO);
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toBe('Hugo Horde removed you from "Jour fixe"; it is kept in the calendar marked cancelled.');
    const master = instanceOf(cal.get(UID));
    expect(master?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(master?.getFirstPropertyValue('sequence')).toBe(1);
    expect(r.obsoletes).toContainEqual({ uid: UID, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] });
    // The same message again changes nothing more.
    expect(cal.process(jourFixe({ seq: 1, stamp: '20260301T091500Z', who: 'other@horde.example' }), HUGO).outcome).toBe(
      'ignored',
    );
  });

  it('under policy never it waits for the person, named as a cancellation', () => {
    const cal = accepted('never');
    const r = cal.process(jourFixe({ seq: 1, stamp: '20260301T091500Z', who: 'other@horde.example' }), HUGO);
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('pending');
    expect(r.pending?.choices).toEqual(['apply', 'ignore']);
    expect(say(r.reason)).toMatch(/A person can apply it \(cancel "Jour fixe"\)/);
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    cal.decide(r, 'apply');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('added again later: a new invitation', () => {
    const cal = accepted();
    cal.process(jourFixe({ seq: 1, stamp: '20260301T091500Z', who: 'other@horde.example' }), HUGO);
    const again = cal.process(jourFixe({ seq: 2, stamp: '20260301T101500Z', who: ME }), HUGO);
    expect(again.kind).toBe('invitation');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });
});

describe('removed from one occurrence', () => {
  const SVEN = 'sven@sogo.example';
  const UID = '2A-6752FD80-1-5A3B9C00';
  const daily = (seq: number, stamp: string, mine: string): string =>
    vevent(
      `UID:${UID}`,
      'SUMMARY:Daily check-in',
      'DTSTART;TZID=Europe/Berlin:20260316T083000',
      'DTEND;TZID=Europe/Berlin:20260316T084500',
      'RRULE:FREQ=DAILY;COUNT=5',
      `ORGANIZER;CN=Sven SOGo:mailto:${SVEN}`,
      `ATTENDEE;PARTSTAT=${mine};RSVP=TRUE;ROLE=REQ-PARTICIPANT;CN=Me:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT;CN=Ute:mailto:ute@sogo.example',
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
    );

  it('SOGo: the series again with one occurrence for Ute only: that occurrence is cancelled for me, the rest kept', () => {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(ics('REQUEST', daily(0, '20260301T082500Z', 'NEEDS-ACTION')), SVEN), 'accept');
    const r = cal.process(
      ics(
        'REQUEST',
        daily(1, '20260301T093000Z', 'ACCEPTED'),
        vevent(
          `UID:${UID}`,
          'RECURRENCE-ID;TZID=Europe/Berlin:20260318T083000',
          'SUMMARY:Daily check-in (Ute only)',
          'DTSTART;TZID=Europe/Berlin:20260318T083000',
          'DTEND;TZID=Europe/Berlin:20260318T084500',
          `ORGANIZER;CN=Sven SOGo:mailto:${SVEN}`,
          'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT;CN=Ute:mailto:ute@sogo.example',
          'DTSTAMP:20260301T093000Z',
          'SEQUENCE:1',
        ),
      ),
      SVEN,
    );
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toBe(
      'Sven SOGo removed you from "Daily check-in" on 2026-03-18T08:30:00+01:00; it is kept in the calendar marked cancelled.',
    );
    const stored = cal.get(UID);
    expect(instanceOf(stored, '2026-03-18T07:30:00Z')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(instanceOf(stored)?.getFirstPropertyValue('status')).toBeNull();
    expect(instanceOf(stored)?.getFirstPropertyValue('sequence')).toBe(1);
    expect(partstatIn(stored, ME)).toBe('ACCEPTED');
  });
});
