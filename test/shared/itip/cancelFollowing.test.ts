/**
 * Cancelling an occurrence and all following ones of a series I organize: the series ends before it (RRULE
 * UNTIL, overrides and RDATEs from it on dropped), SEQUENCE is raised, the attendees get the shortened series as
 * a REQUEST, and their engine shows only the occurrences before it.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { cancelEvent, createEvent, updateEvent, type NewEvent } from '../../../shared/itip/index.js';
import { Calendar, ics, instanceOf, outgoingEvents, partstatIn, say, vevent } from '../../helpers/itip.js';
import { expandOccurrences } from '../../../shared/ical/recurrence.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';

function rid(text: string): ICAL.Time {
  return ICAL.Time.fromString(text, null as unknown as ICAL.Property);
}

function series(extra: Partial<NewEvent> = {}): Calendar {
  const cal = new Calendar([ORG]);
  cal.apply(
    createEvent(
      {
        uid: 's-1',
        summary: 'Standup',
        start: '2026-03-10T10:00',
        end: '2026-03-10T10:15',
        tz: 'Europe/Berlin',
        allDay: false,
        rrule: 'FREQ=WEEKLY;COUNT=6',
        attendees: [{ address: BOB }],
        ...extra,
      },
      cal.ctx(),
    ),
  );
  return cal;
}

function starts(cal: ICAL.Component | null): string[] {
  if (!cal) return [];
  return expandOccurrences(cal, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')).map((o) =>
    new Date(o.startMs).toISOString(),
  );
}

describe('cancel this and following', () => {
  it('ends the series before the occurrence and sends the shortened series', () => {
    const cal = series();
    // One moved occurrence after the cut and one before it.
    cal.apply(
      updateEvent(
        { uid: 's-1', recurrenceId: rid('2026-03-31T08:00:00Z'), start: '2026-03-31T11:00', end: '2026-03-31T11:15' },
        cal.get('s-1'),
        cal.ctx(),
      ),
    );
    cal.apply(
      updateEvent(
        { uid: 's-1', recurrenceId: rid('2026-03-17T09:00:00Z'), summary: 'Standup (long)' },
        cal.get('s-1'),
        cal.ctx(),
      ),
    );
    const r = cal.apply(
      cancelEvent(
        {
          uid: 's-1',
          recurrenceId: rid('2026-03-24T09:00:00Z'),
          thisAndFuture: true,
          comment: null,
          stored: cal.get('s-1'),
        },
        cal.ctx(),
      ),
    );
    expect(r).toMatchObject({ outcome: 'applied', kind: 'cancel', method: 'REQUEST', sequence: 2 });
    expect(say(r.reason)).toMatch(
      /^Cancelled "Standup" from 2026-03-24T09:00:00Z on: the series now ends before it; 1 attendee told\.$/,
    );
    expect(String(instanceOf(cal.get('s-1'))?.getFirstPropertyValue('rrule'))).toBe(
      'FREQ=WEEKLY;UNTIL=20260324T085959Z',
    );
    expect(instanceOf(cal.get('s-1'), '2026-03-31T08:00:00Z')).toBeNull();
    expect(instanceOf(cal.get('s-1'), '2026-03-17T09:00:00Z')).not.toBeNull();
    expect(starts(cal.get('s-1'))).toEqual(['2026-03-10T09:00:00.000Z', '2026-03-17T09:00:00.000Z']);
    expect(r.outgoing.map((o) => [o.method, o.to.address])).toEqual([['REQUEST', BOB]]);
    expect(outgoingEvents(r.outgoing[0]).map((e) => e.getFirstPropertyValue('sequence'))).toEqual([2, 2]);

    // Bob's engine reads the original invitation, then the shortened series.
    const bob = new Calendar([BOB]);
    bob.put(
      cal
        .text('s-1')
        .replace('UNTIL=20260324T085959Z', 'COUNT=6')
        .replace(/SEQUENCE:2/g, 'SEQUENCE:0'),
    );
    const u = bob.process(r.outgoing[0]?.ics ?? '', ORG);
    expect(['applied', 'pending']).toContain(u.outcome);
    expect(starts(bob.get('s-1'))).toEqual(['2026-03-10T09:00:00.000Z', '2026-03-17T09:00:00.000Z']);
  });

  it('all-day series end with a date; the first occurrence or a single event cannot be cut', () => {
    const cal = series({
      uid: 's-1',
      start: '2026-03-10',
      end: '2026-03-11',
      allDay: true,
      tz: null,
      rrule: 'FREQ=DAILY',
    });
    const r = cal.apply(
      cancelEvent(
        {
          uid: 's-1',
          recurrenceId: rid('2026-03-13'),
          thisAndFuture: true,
          comment: 'Project over',
          stored: cal.get('s-1'),
        },
        cal.ctx(),
      ),
    );
    expect(String(instanceOf(cal.get('s-1'))?.getFirstPropertyValue('rrule'))).toBe('FREQ=DAILY;UNTIL=20260312');
    expect(partstatIn(cal.get('s-1'), BOB)).toBe('NEEDS-ACTION');
    expect(r.outgoing[0]?.text).toEqual([
      { key: 'outgoing.request.endsBefore', params: { summary: 'Standup', instance: expect.any(String) } },
      { key: 'outgoing.comment', params: { comment: 'Project over' } },
    ]);
    const first = cancelEvent(
      { uid: 's-1', recurrenceId: rid('2026-03-10'), thisAndFuture: true, comment: null, stored: cal.get('s-1') },
      cal.ctx(),
    );
    expect(first).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_INSTANCE' });
  });

  it('ends a series written as RDATE periods (Lotus Notes), with no RRULE, before the occurrence', () => {
    const cal = new Calendar([ORG]);
    cal.put(
      ics(
        null,
        vevent(
          'UID:p-1',
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:0',
          'DTSTART:20260310T150000Z',
          'DTEND:20260310T160000Z',
          'RDATE;VALUE=PERIOD:20260310T150000Z/20260310T160000Z,20260317T150000Z/20260317T160000Z,20260324T150000Z/PT2H',
          'SUMMARY:Steering committee',
          `ORGANIZER:mailto:${ORG}`,
          `ATTENDEE;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:${BOB}`,
        ),
      ),
    );
    const r = cal.apply(
      cancelEvent(
        {
          uid: 'p-1',
          recurrenceId: ICAL.Time.fromString('2026-03-17T15:00:00Z', null as unknown as ICAL.Property),
          thisAndFuture: true,
          comment: null,
          stored: cal.get('p-1'),
        },
        cal.ctx(),
      ),
    );
    expect(r.outcome).toBe('applied');
    const left = expandOccurrences(cal.get('p-1') as ICAL.Component, Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(left.map((o) => new Date(o.startMs).toISOString())).toEqual(['2026-03-10T15:00:00.000Z']);
    expect(outgoingEvents(r.outgoing[0])).toHaveLength(1);
  });
});
