/**
 * An answer settles the questions it answers and no others: answering one of two instance invitations leaves the
 * other open, answering an instance leaves the series invitation open, answering the series settles them all.
 */
import { describe, expect, it } from 'vitest';
import { supersedes } from '../../../shared/itip/obsolete.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';
import type { EngineResult } from '../../../shared/itip/index.js';
import { Calendar, ics, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const ORG = 'olga@example.com';
const UID = 'weekly-1@example.com';

function instance(day: string): string {
  return ics(
    'REQUEST',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:0',
      `RECURRENCE-ID:202603${day}T100000Z`,
      `DTSTART:202603${day}T100000Z`,
      'DURATION:PT1H',
      'SUMMARY:Weekly',
      `ORGANIZER:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    ),
  );
}

const series = ics(
  'REQUEST',
  vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    'SEQUENCE:0',
    'DTSTART:20260303T100000Z',
    'DURATION:PT1H',
    'RRULE:FREQ=WEEKLY;COUNT=6',
    'SUMMARY:Weekly',
    `ORGANIZER:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
  ),
);

const open = (r: EngineResult, id: string): PendingDecision => {
  if (!r.pending) throw new Error('no decision');
  return { ...r.pending, id, createdAt: '2026-03-01T12:00:00Z' };
};

describe('what an answer settles', () => {
  it('one of two instance invitations: the other stays open', () => {
    const cal = new Calendar([ME], 'never');
    const a = cal.process(instance('10'), ORG);
    const b = cal.process(instance('24'), ORG);
    const answered = cal.decide(a, 'accept');
    const [o] = answered.obsoletes;
    expect(o && supersedes(o, open(a, 'a'))).toBe(true);
    expect(o && supersedes(o, open(b, 'b'))).toBe(false);
  });

  it('an instance answered: the series invitation stays open; the series answered: both are settled', () => {
    const cal = new Calendar([ME], 'never');
    const s = cal.process(series, ORG);
    const one = cal.process(instance('17'), ORG);
    const [byInstance] = cal.decide(one, 'decline').obsoletes;
    expect(byInstance && supersedes(byInstance, open(s, 's'))).toBe(false);
    const [bySeries] = cal.decide(s, 'accept').obsoletes;
    expect(bySeries && supersedes(bySeries, open(one, 'one'))).toBe(true);
  });
});
