/** The next occurrence of a series, stepped in the event's own zone so daylight-saving changes keep the wall time. */
import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../renderer/src/lib/nextOccurrence';

const weekly = {
  start: '2026-03-09T14:00:00Z',
  end: '2026-03-09T14:30:00Z',
  allDay: false,
  timezone: 'America/New_York',
  rrule: 'FREQ=WEEKLY;COUNT=8;BYDAY=MO',
};

describe('nextOccurrence', () => {
  it('gives the next Monday of a weekly series whose first date has passed', () => {
    expect(nextOccurrence(weekly, Date.parse('2026-03-10T10:00:00Z'))).toEqual({
      start: '2026-03-16T14:00:00.000Z',
      end: '2026-03-16T14:30:00.000Z',
    });
    // The occurrence under way still counts as the next one.
    expect(nextOccurrence(weekly, Date.parse('2026-03-16T14:10:00Z'))?.start).toBe('2026-03-16T14:00:00.000Z');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    const berlin = {
      start: '2026-03-23T08:00:00Z',
      end: '2026-03-23T09:00:00Z',
      allDay: false,
      timezone: 'Europe/Berlin',
      rrule: 'FREQ=WEEKLY',
    };
    // 09:00 CET on 23 March, 09:00 CEST (07:00 UTC) on 30 March.
    expect(nextOccurrence(berlin, Date.parse('2026-03-24T00:00:00Z'))?.start).toBe('2026-03-30T07:00:00.000Z');
  });

  it('follows several weekdays, INTERVAL and UNTIL', () => {
    const twice = { ...weekly, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260501T000000Z' };
    expect(nextOccurrence(twice, Date.parse('2026-03-10T10:00:00Z'))?.start).toBe('2026-03-12T14:00:00.000Z');
    expect(nextOccurrence(twice, Date.parse('2026-03-13T10:00:00Z'))?.start).toBe('2026-03-23T14:00:00.000Z');
    expect(nextOccurrence(twice, Date.parse('2026-05-02T10:00:00Z'))).toBeNull();
  });

  it('gives nothing when the series is over, has not begun, or the rule is not covered', () => {
    expect(nextOccurrence(weekly, Date.parse('2026-05-01T00:00:00Z'))).toBeNull();
    expect(nextOccurrence(weekly, Date.parse('2026-03-01T00:00:00Z'))).toBeNull();
    expect(
      nextOccurrence({ ...weekly, rrule: 'FREQ=MONTHLY;BYDAY=2TU' }, Date.parse('2026-03-10T10:00:00Z')),
    ).toBeNull();
    // An unknown zone cannot be stepped in: the first date is shown instead.
    expect(nextOccurrence({ ...weekly, timezone: 'Not/AZone' }, Date.parse('2026-03-10T10:00:00Z'))).toBeNull();
  });
});
