/**
 * An organizer's update keeps what belongs to the attendee (shared/itip/attendeeData.ts): alarms (never multiplied,
 * never brought back once removed), CATEGORIES, COLOR, TRANSP, the person's client's own properties and the
 * calendar-level properties of the stored object; everything else is the organizer's. Sabre style: stored,
 * incoming, expected, compared by meaning. Each case names the client whose update it models.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, canonical, ics, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'mine-1@example.org';

function storedCalendar(calLevel: string[], ...events: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Test//EN',
    ...calLevel,
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const alarm = (trigger: string, extra: string[] = []): string =>
  ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', `TRIGGER:${trigger}`, ...extra, 'END:VALARM'].join('\r\n');

function meeting(seq: number, start: string, ...extra: string[]): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:2026030${seq + 1}T100000Z`,
    `SEQUENCE:${seq}`,
    `DTSTART:${start}`,
    'DURATION:PT1H',
    'SUMMARY:Planning',
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ...extra,
  );
}

function run(stored: string, incoming: string): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(stored);
  const r = cal.process(incoming, ORG);
  expect(r.outcome === 'applied' || r.outcome === 'pending').toBe(true);
  return cal;
}

const same = (cal: Calendar, expected: string): void =>
  expect(canonical(cal.text(UID), { dropTimezones: true })).toBe(canonical(expected, { dropTimezones: true }));

describe("an organizer's update keeps the attendee's own data", () => {
  it('Outlook resends its 15-minute VALARM with every update: one alarm, my CATEGORIES and COLOR kept', () => {
    const stored = storedCalendar(
      ['X-WR-CALNAME:Work'],
      meeting(0, '20260310T100000Z', 'CATEGORIES:Project X,Blue', 'COLOR:teal', alarm('-PT15M')),
    );
    const update = ics(
      'REQUEST',
      meeting(
        1,
        '20260311T100000Z',
        'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
        'TRANSP:OPAQUE',
        alarm('-PT15M', ['X-MICROSOFT-CDO-ALARM:1']),
      ),
    );
    const cal = run(stored, update);
    const after = cal.get(UID);
    expect(after?.getFirstSubcomponent('vevent')?.getAllSubcomponents('valarm')).toHaveLength(1);
    same(
      cal,
      storedCalendar(
        ['X-WR-CALNAME:Work'],
        meeting(
          1,
          '20260311T100000Z',
          'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
          'TRANSP:OPAQUE',
          'CATEGORIES:Project X,Blue',
          'COLOR:teal',
          alarm('-PT15M'),
        ),
      ),
    );
  });

  it('Outlook: a reminder I removed does not come back with the next update', () => {
    const stored = storedCalendar([], meeting(0, '20260310T100000Z'));
    const cal = run(stored, ics('REQUEST', meeting(1, '20260310T140000Z', alarm('-PT15M'))));
    same(cal, storedCalendar([], meeting(1, '20260310T140000Z')));
  });

  it("iCloud: my TRANSPARENT and my client's travel advisory survive the organizer's OPAQUE update", () => {
    const stored = storedCalendar(
      [],
      meeting(0, '20260310T100000Z', 'TRANSP:TRANSPARENT', 'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:DISABLED'),
    );
    const update = ics(
      'REQUEST',
      meeting(1, '20260310T120000Z', 'TRANSP:OPAQUE', 'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC'),
    );
    const cal = run(stored, update);
    same(
      cal,
      storedCalendar(
        [],
        meeting(1, '20260310T120000Z', 'TRANSP:TRANSPARENT', 'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:DISABLED'),
      ),
    );
  });

  it("Google (no VALARM in its mail): Thunderbird's acknowledgement and snooze on my copy are kept", () => {
    const stored = storedCalendar(
      [],
      meeting(
        0,
        '20260310T100000Z',
        'X-MOZ-LASTACK:20260310T094500Z',
        'X-MOZ-GENERATION:3',
        alarm('-PT10M', ['X-MOZ-LASTACK:20260310T095000Z']),
      ),
    );
    const update = ics('REQUEST', meeting(1, '20260310T100000Z', 'DESCRIPTION:Agenda attached'));
    const cal = run(stored, update);
    same(
      cal,
      storedCalendar(
        [],
        meeting(
          1,
          '20260310T100000Z',
          'DESCRIPTION:Agenda attached',
          'X-MOZ-LASTACK:20260310T094500Z',
          'X-MOZ-GENERATION:3',
          alarm('-PT10M', ['X-MOZ-LASTACK:20260310T095000Z']),
        ),
      ),
    );
  });

  it("Thunderbird: an exception the organizer adds inherits the series' alarm, not its own second one", () => {
    const series = (seq: number, ...extra: string[]): string =>
      meeting(seq, '20260310T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=4', ...extra);
    const stored = storedCalendar([], series(0, 'CATEGORIES:Team', alarm('-PT5M')));
    const override = vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      'SEQUENCE:0',
      'RECURRENCE-ID:20260317T100000Z',
      'DTSTART:20260317T113000Z',
      'DURATION:PT1H',
      'SUMMARY:Planning (moved)',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      alarm('-PT15M'),
    );
    const cal = run(stored, ics('REQUEST', override));
    const events = cal.get(UID)?.getAllSubcomponents('vevent') ?? [];
    const moved = events.find((e) => e.hasProperty('recurrence-id'));
    expect(moved?.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual([
      '-PT5M',
    ]);
    expect(String(moved?.getFirstPropertyValue('categories'))).toBe('Team');
  });

  it('ADD: added instances get my alarm from the series, not the one in the message', () => {
    const stored = storedCalendar([], meeting(1, '20260310T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=2', alarm('-PT5M')));
    const added = vevent(
      `UID:${UID}`,
      'DTSTAMP:20260303T100000Z',
      'SEQUENCE:1',
      'DTSTART:20260401T100000Z',
      'DURATION:PT1H',
      'SUMMARY:Planning',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
      alarm('-PT30M'),
    );
    const cal = new Calendar([ME], 'known');
    cal.put(stored);
    expect(cal.process(ics('ADD', added), ORG).outcome).toBe('applied');
    const inst = (cal.get(UID)?.getAllSubcomponents('vevent') ?? []).find((e) => e.hasProperty('recurrence-id'));
    expect(inst?.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual([
      '-PT5M',
    ]);
  });
});
