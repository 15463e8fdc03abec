/**
 * A counter-proposal written in the proposer's own zone (Outlook writes its Windows zone name and its VTIMEZONE):
 * once I accept it, my copy holds the proposed time with that zone's definition, so it means the instant proposed,
 * and the updated invitations define the zone too (RFC 6047 §2.5: no zones by reference).
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createEvent } from '../../../shared/itip/index.js';
import { toUtcMs } from '../../../shared/ical/time.js';
import { Calendar, ics, instanceOf, outgoingCalendar, vevent } from '../../helpers/itip.js';
import { PACIFIC } from '../../helpers/outlookZones.js';

const ME = 'me@example.org';
const BOB = 'bob.lee@fabrikam.com';
const UID = 'vendor-call@example.org';

const PST = PACIFIC;

function organizer(rrule: string | null): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Vendor call',
        start: '2027-03-18T14:00',
        end: '2027-03-18T15:00',
        tz: 'America/New_York',
        allDay: false,
        rrule,
        attendees: [{ address: BOB, name: 'Bob Lee' }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

function outlookCounter(...lines: string[]): string {
  return ics(
    'COUNTER',
    PST,
    vevent(
      `ATTENDEE;PARTSTAT=TENTATIVE;CN=Bob Lee:mailto:${BOB}`,
      'COMMENT;LANGUAGE=en-US:Could we do one hour later?\\n',
      'SUMMARY;LANGUAGE=en-US:New Time Proposed: Vendor call',
      ...lines,
      `UID:${UID}`,
      'DTSTAMP:20260301T110000Z',
      'SEQUENCE:0',
    ),
  );
}

/** The instant of a stored time, read from the stored text as another program would read it. */
function instantOf(cal: ICAL.Component | null, rid: string | null, name: string): string {
  const e = instanceOf(cal, rid);
  const t = e?.getFirstPropertyValue(name);
  if (!(t instanceof ICAL.Time)) throw new Error(`no ${name}`);
  return new Date(toUtcMs(t)).toISOString();
}

function definedZones(cal: ICAL.Component | null): string[] {
  return (cal?.getAllSubcomponents('vtimezone') ?? []).map((z) => String(z.getFirstPropertyValue('tzid')));
}

describe('accepting a counter-proposal in another zone', () => {
  it('stores and sends the proposed instant with the zone it is written in', () => {
    const cal = organizer(null);
    const counter = cal.process(
      outlookCounter(
        'DTSTART;TZID=Pacific Standard Time:20270318T120000',
        'DTEND;TZID=Pacific Standard Time:20270318T130000',
      ),
      BOB,
    );
    expect(counter.kind).toBe('counter');
    const r = cal.decide(counter, 'accept-counter');
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    expect(cal.text(UID)).toMatch(/DTSTART;TZID=Pacific Standard Time:20270318T120000/);
    expect(definedZones(stored)).toContain('Pacific Standard Time');
    // 12:00 Pacific daylight time, not 12:00 floating.
    expect(instantOf(stored, null, 'dtstart')).toBe('2027-03-18T19:00:00.000Z');
    expect(instantOf(stored, null, 'dtend')).toBe('2027-03-18T20:00:00.000Z');
    expect(r.outgoing).toHaveLength(1);
    expect(definedZones(outgoingCalendar(r.outgoing[0]))).toContain('Pacific Standard Time');
  });

  it('an occurrence’s proposal: the override holds the proposed instant and its zone, the series keeps its own', () => {
    const cal = organizer('FREQ=WEEKLY;COUNT=6');
    const counter = cal.process(
      outlookCounter(
        'RECURRENCE-ID;TZID=Pacific Standard Time:20270325T110000',
        'DTSTART;TZID=Pacific Standard Time:20270325T070000',
        'DTEND;TZID=Pacific Standard Time:20270325T080000',
      ),
      BOB,
    );
    const r = cal.decide(counter, 'accept-counter');
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    expect(definedZones(stored)).toEqual(expect.arrayContaining(['America/New_York', 'Pacific Standard Time']));
    expect(instantOf(stored, '2027-03-25T18:00:00Z', 'dtstart')).toBe('2027-03-25T14:00:00.000Z');
    expect(instantOf(stored, null, 'dtstart')).toBe('2027-03-18T18:00:00.000Z');
    expect(definedZones(outgoingCalendar(r.outgoing[0]))).toContain('Pacific Standard Time');
  });
});
