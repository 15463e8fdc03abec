/** Which single meetings of a series a message changes: moved, relocated, cancelled, added; unchanged ones left out. */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { cancelledOccurrences, occurrenceChanges } from '../../../shared/views/occurrenceChanges.js';
import { changedOccurrencesOf } from '../../../shared/views/decisionView.js';
import { eventsOf, type Comp } from '../../../shared/itip/components.js';
import { completeTimezones } from '../../../shared/ical/zones.js';
import { parseIcs } from '../../../shared/ical/parse.js';
import { ics } from '../../helpers/itip.js';

function events(method: string | null, ...lines: string[]): Comp[] {
  const cal = new ICAL.Component(parseIcs(ics(method, ...lines)) as unknown[]);
  completeTimezones(cal);
  return eventsOf(cal);
}

const MASTER = [
  'BEGIN:VEVENT',
  'UID:w1',
  'DTSTAMP:20260301T000000Z',
  'DTSTART;TZID=Europe/Berlin:20260309T100000',
  'DTEND;TZID=Europe/Berlin:20260309T103000',
  'RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO',
  'SUMMARY:Weekly sync',
  'LOCATION:Room 2',
  'END:VEVENT',
];

function override(rid: string, ...lines: string[]): string[] {
  return [
    'BEGIN:VEVENT',
    'UID:w1',
    'DTSTAMP:20260302T000000Z',
    `RECURRENCE-ID;TZID=Europe/Berlin:${rid}`,
    'SUMMARY:Weekly sync',
    ...lines,
    'END:VEVENT',
  ];
}

describe('occurrenceChanges', () => {
  it('names a moved meeting with its old and new time, and a relocated one with both places', () => {
    const stored = events(null, ...MASTER);
    const message = events(
      'REQUEST',
      ...MASTER,
      ...override(
        '20260316T100000',
        'DTSTART;TZID=Europe/Berlin:20260317T110000',
        'DTEND;TZID=Europe/Berlin:20260317T113000',
        'LOCATION:Room 2',
      ),
      ...override(
        '20260323T100000',
        'DTSTART;TZID=Europe/Berlin:20260323T100000',
        'DTEND;TZID=Europe/Berlin:20260323T103000',
        'LOCATION:Hall B',
      ),
    );
    const changes = occurrenceChanges(message, stored, 'REQUEST');
    expect(changes).toHaveLength(2);
    const [moved, relocated] = changes;
    expect(Date.parse(moved!.recurrenceId)).toBe(Date.parse('2026-03-16T09:00:00Z'));
    expect(Date.parse(moved!.before!.start)).toBe(Date.parse('2026-03-16T09:00:00Z'));
    expect(Date.parse(moved!.before!.end)).toBe(Date.parse('2026-03-16T09:30:00Z'));
    expect(Date.parse(moved!.after!.start)).toBe(Date.parse('2026-03-17T10:00:00Z'));
    expect(relocated!.before!.location).toBe('Room 2');
    expect(relocated!.after!.location).toBe('Hall B');
  });

  it('leaves out an override that changes neither time nor place (only the title, say)', () => {
    const message = events(
      'REQUEST',
      ...MASTER,
      ...override(
        '20260316T100000',
        'DTSTART;TZID=Europe/Berlin:20260316T100000',
        'DTEND;TZID=Europe/Berlin:20260316T103000',
        'LOCATION:Room 2',
        'DESCRIPTION:Bring numbers',
      ),
    );
    expect(occurrenceChanges(message, events(null, ...MASTER), 'REQUEST')).toEqual([]);
  });

  it('names a new EXDATE and a cancelled override as cancelled, and matches a RECURRENCE-ID written in UTC', () => {
    const withExdate = MASTER.map((l) =>
      l.startsWith('RRULE') ? `${l}\r\nEXDATE;TZID=Europe/Berlin:20260330T100000` : l,
    );
    const message = events(
      'REQUEST',
      ...withExdate,
      'BEGIN:VEVENT',
      'UID:w1',
      'DTSTAMP:20260302T000000Z',
      'RECURRENCE-ID:20260323T090000Z',
      'DTSTART:20260323T090000Z',
      'DTEND:20260323T093000Z',
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    const changes = occurrenceChanges(message, events(null, ...MASTER), 'REQUEST');
    expect(changes.map((c) => [Date.parse(c.recurrenceId), c.after])).toEqual([
      [Date.parse('2026-03-23T09:00:00Z'), null],
      [Date.parse('2026-03-30T08:00:00Z'), null],
    ]);
    expect(changes.every((c) => c.before?.location === 'Room 2')).toBe(true);
  });

  it('compares a new invitation against its own rule, and a CANCEL of one meeting takes it away', () => {
    const invitation = events(
      'REQUEST',
      ...MASTER,
      ...override(
        '20260316T100000',
        'DTSTART;TZID=Europe/Berlin:20260316T140000',
        'DTEND;TZID=Europe/Berlin:20260316T143000',
      ),
    );
    const [moved] = occurrenceChanges(invitation, null, 'REQUEST');
    expect(Date.parse(moved!.before!.start)).toBe(Date.parse('2026-03-16T09:00:00Z'));
    expect(moved!.after!.location).toBeNull();

    const cancel = events('CANCEL', ...override('20260316T100000', 'DTSTART;TZID=Europe/Berlin:20260316T100000'));
    const [gone] = occurrenceChanges(cancel, events(null, ...MASTER), 'CANCEL');
    expect(gone!.after).toBeNull();
    expect(gone!.before!.location).toBe('Room 2');
  });

  it('an instance the rule never makes was not in the calendar before', () => {
    const message = events(
      'REQUEST',
      ...MASTER,
      ...override(
        '20260318T100000',
        'DTSTART;TZID=Europe/Berlin:20260318T100000',
        'DTEND;TZID=Europe/Berlin:20260318T103000',
      ),
    );
    const [added] = occurrenceChanges(message, events(null, ...MASTER), 'REQUEST');
    expect(added!.before).toBeNull();
    expect(added!.after).not.toBeNull();
  });
});

describe('cancelledOccurrences', () => {
  it("lists my copy's EXDATEs and cancelled overrides by instant, in order, and nothing else", () => {
    const master = [...MASTER];
    master.splice(master.indexOf('END:VEVENT'), 0, 'EXDATE;TZID=Europe/Berlin:20260330T100000');
    const stored = events(
      null,
      ...master,
      ...override('20260316T100000', 'DTSTART;TZID=Europe/Berlin:20260316T100000', 'STATUS:CANCELLED'),
      ...override('20260323T100000', 'DTSTART;TZID=Europe/Berlin:20260324T100000'),
    );
    expect(cancelledOccurrences(stored).map((i) => Date.parse(i))).toEqual([
      Date.parse('2026-03-16T09:00:00Z'),
      Date.parse('2026-03-30T08:00:00Z'),
    ]);
    expect(cancelledOccurrences(events(null, ...MASTER))).toEqual([]);
  });
});

describe('changedOccurrencesOf', () => {
  const ORGANIZER = 'ORGANIZER:mailto:org@example.com';
  const master = MASTER.flatMap((l) => (l.startsWith('SUMMARY') ? [l, ORGANIZER] : [l]));
  const cancelOne = (fold: (line: string) => string): string =>
    ics('CANCEL', ...override('20260316T100000', 'STATUS:CANCELLED', ORGANIZER).map(fold));

  it('finds a RECURRENCE-ID or an EXDATE even when a fold splits its name, and nothing without either', () => {
    const stored = new ICAL.Component(parseIcs(ics(null, ...MASTER)) as unknown[]);
    completeTimezones(stored);
    const plain = changedOccurrencesOf({ kind: 'cancel', message: { ics: cancelOne((l) => l) } as never }, stored);
    expect(plain).toHaveLength(1);
    const folded = cancelOne((l) => l.replace('RECURRENCE-ID', 'RECURR\r\n ENCE-ID'));
    expect(folded).toContain('RECURR\r\n ENCE-ID');
    expect(changedOccurrencesOf({ kind: 'cancel', message: { ics: folded } as never }, stored)).toEqual(plain);
    const exdate = ics(
      'REQUEST',
      ...master.flatMap((l) => (l.startsWith('RRULE') ? [l, 'EXD\r\n\tATE;TZID=Europe/Berlin:20260323T100000'] : [l])),
    );
    expect(changedOccurrencesOf({ kind: 'update', message: { ics: exdate } as never }, stored)).toHaveLength(1);
    expect(
      changedOccurrencesOf({ kind: 'update', message: { ics: ics('REQUEST', ...master) } as never }, stored),
    ).toEqual([]);
  });
});
