/**
 * A reschedule question is about what moved. One occurrence moved, sent with the unchanged series (Thunderbird,
 * sabre/dav): the question, my answer and the provisional copy cover that occurrence; the series keeps my answer.
 * Ignoring a reschedule never removes the meeting I had answered.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, outgoingEvents, partstatIn, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const ORG = 'alice@example.com';
const UID = 'design-review@example.com';

const master = (seq: number, stamp: string, start = '20261208T090000Z', me = 'ACCEPTED'): string =>
  vevent(
    `UID:${UID}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${seq}`,
    `DTSTART:${start}`,
    'DURATION:PT1H',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    'SUMMARY:Design review',
    `ORGANIZER:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=${me};RSVP=TRUE:mailto:${ME}`,
  );

const movedOne = vevent(
  `UID:${UID}`,
  'DTSTAMP:20261202T100000Z',
  'SEQUENCE:1',
  'RECURRENCE-ID:20261215T090000Z',
  'DTSTART:20261216T130000Z',
  'DURATION:PT1H',
  'SUMMARY:Design review',
  `ORGANIZER:mailto:${ORG}`,
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
);

function accepted(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.decide(cal.process(ics('REQUEST', master(0, '20261201T100000Z', undefined, 'NEEDS-ACTION')), ORG), 'accept');
  return cal;
}

describe('a reschedule is about what moved', () => {
  it('one occurrence moved beside the unchanged series: only it is asked, answered and unanswered', () => {
    const cal = accepted();
    const r = cal.process(ics('REQUEST', master(1, '20261202T100000Z', undefined, 'NEEDS-ACTION'), movedOne), ORG);
    expect(r.kind).toBe('reschedule');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ME, '2026-12-15T09:00:00Z')).toBe('NEEDS-ACTION');
    const declined = cal.decide(r, 'decline');
    const sent = outgoingEvents(declined.outgoing[0]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.hasProperty('recurrence-id')).toBe(true);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ME, '2026-12-15T09:00:00Z')).toBe('DECLINED');
  });

  it('held back (policy "never"), the answer still covers the moved occurrence only', () => {
    const cal = accepted();
    cal.policy = 'never';
    const r = cal.process(ics('REQUEST', master(1, '20261202T100000Z', undefined, 'NEEDS-ACTION'), movedOne), ORG);
    expect(r.kind).toBe('reschedule');
    expect(r.store).toBeNull();
    const declined = cal.decide(r, 'decline');
    expect(outgoingEvents(declined.outgoing[0])).toHaveLength(1);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), ME, '2026-12-15T09:00:00Z')).toBe('DECLINED');
  });

  it('ignoring a reschedule of the whole series leaves the meeting in the calendar', () => {
    const cal = accepted();
    const r = cal.process(ics('REQUEST', master(1, '20261202T100000Z', '20261208T130000Z', 'NEEDS-ACTION')), ORG);
    expect(r.kind).toBe('reschedule');
    const ignored = cal.decide(r, 'ignore');
    expect(ignored.store?.type).not.toBe('delete');
    expect(cal.get(UID)).not.toBeNull();
  });
});
