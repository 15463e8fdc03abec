/**
 * The default reminder for meetings I accept (shared/itip/defaultReminder.ts): a DISPLAY VALARM relative to the
 * start written into my copy when I accept or tentatively accept an event without an alarm of its own; never in
 * the REPLY (RFC 5546 §3.2.3), kept across the organizer's updates; and in my copy of a meeting I create, never in
 * its REQUESTs or CANCELs. Sabre style: stored, incoming, expected, compared
 * by meaning; each case names the client whose mail it models.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { Calendar, canonical, ics, instanceOf, outgoingEvents, vevent } from '../../helpers/itip.js';
import {
  cancelEvent,
  createEvent,
  updateEvent,
  type EngineContext,
  type NewEvent,
} from '../../../shared/itip/index.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'remind-1@example.org';

class MyCalendar extends Calendar {
  constructor(readonly minutes: number | null) {
    super([ME], 'known');
  }
  override ctx(): EngineContext {
    return { ...super.ctx(), defaultReminderMinutes: this.minutes };
  }
}

function meeting(o: { seq?: number; stamp?: string; start?: string; mine?: string; extra?: string[] } = {}): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    `DTSTART:${o.start ?? '20260310T100000Z'}`,
    'DURATION:PT1H',
    'SUMMARY:Planning',
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;CN=Olga;PARTSTAT=ACCEPTED:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE:mailto:${ME}`,
    ...(o.extra ?? []),
  );
}

const alarm = (trigger: string, description = 'Planning'): string =>
  ['BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${trigger}`, `DESCRIPTION:${description}`, 'END:VALARM'].join('\r\n');

const same = (cal: Calendar, expected: string): void =>
  expect(canonical(cal.text(UID), { dropTimezones: true })).toBe(canonical(expected, { dropTimezones: true }));

/** My answer to a fresh invitation, through the decision the engine opens (as the app and `decide` do). */
function answer(cal: Calendar, invitation: string, choice: 'accept' | 'tentative' | 'decline') {
  const r = cal.process(invitation, ORG);
  expect(r.outcome).toBe('pending');
  return cal.decide(r, choice);
}

const valarmsIn = (text: string): number => (text.match(/BEGIN:VALARM/g) ?? []).length;

describe('the default reminder for meetings I accept', () => {
  it('Thunderbird invitation without an alarm, accepted: 15 minutes before the start, not in the REPLY', () => {
    const cal = new MyCalendar(15);
    const r = answer(cal, ics('REQUEST', meeting()), 'accept');
    expect(r.outcome).toBe('applied');
    same(cal, ics(null, meeting({ mine: 'ACCEPTED', extra: [alarm('-PT15M')] }).replace(';RSVP=TRUE', '')));
    expect(r.outgoing).toHaveLength(1);
    expect(r.outgoing[0]?.method).toBe('REPLY');
    expect(valarmsIn(r.outgoing[0]?.ics ?? '')).toBe(0);
  });

  it('tentatively accepted: the reminder too', () => {
    const cal = new MyCalendar(30);
    answer(cal, ics('REQUEST', meeting()), 'tentative');
    const alarms = cal.get(UID)?.getFirstSubcomponent('vevent')?.getAllSubcomponents('valarm') ?? [];
    expect(alarms).toHaveLength(1);
    expect(String(alarms[0]?.getFirstPropertyValue('trigger'))).toBe('-PT30M');
  });

  it('declined: no reminder', () => {
    const cal = new MyCalendar(15);
    answer(cal, ics('REQUEST', meeting()), 'decline');
    expect(valarmsIn(cal.text(UID))).toBe(0);
  });

  it('the setting off (null): no reminder', () => {
    const cal = new MyCalendar(null);
    answer(cal, ics('REQUEST', meeting()), 'accept');
    expect(valarmsIn(cal.text(UID))).toBe(0);
  });

  it('0 minutes: at the start', () => {
    const cal = new MyCalendar(0);
    answer(cal, ics('REQUEST', meeting()), 'accept');
    const a = cal.get(UID)?.getFirstSubcomponent('vevent')?.getFirstSubcomponent('valarm');
    expect((a?.getFirstPropertyValue('trigger') as ICAL.Duration | undefined)?.toSeconds()).toBe(0);
  });

  it("Google invitation with its own 10-minute VALARM: the organizer's alarm stays, none added, none sent", () => {
    const cal = new MyCalendar(15);
    const r = answer(cal, ics('REQUEST', meeting({ extra: [alarm('-PT10M', 'This is an event reminder')] })), 'accept');
    const alarms = cal.get(UID)?.getFirstSubcomponent('vevent')?.getAllSubcomponents('valarm') ?? [];
    expect(alarms.map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual(['-PT10M']);
    expect(valarmsIn(r.outgoing[0]?.ics ?? '')).toBe(0);
  });

  it("Outlook's later update (new SEQUENCE, new time) keeps my reminder, once", () => {
    const cal = new MyCalendar(15);
    answer(cal, ics('REQUEST', meeting()), 'accept');
    const update = ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260311T100000Z' }));
    const r = cal.process(update, ORG);
    // A reschedule of a meeting I accepted asks me again; the provisional copy and my answer keep the reminder.
    if (r.outcome === 'pending') cal.decide(r, 'accept');
    const ev = cal.get(UID)?.getFirstSubcomponent('vevent');
    expect(String(ev?.getFirstPropertyValue('dtstart'))).toContain('2026-03-11');
    expect(ev?.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual([
      '-PT15M',
    ]);
  });

  it('a minor update (new description, same SEQUENCE) applied on its own keeps the reminder', () => {
    const cal = new MyCalendar(15);
    answer(cal, ics('REQUEST', meeting()), 'accept');
    const r = cal.process(
      ics('REQUEST', meeting({ stamp: '20260302T100000Z', extra: ['DESCRIPTION:Agenda attached'] })),
      ORG,
    );
    expect(r.outcome).toBe('applied');
    expect(valarmsIn(cal.text(UID))).toBe(1);
  });

  it('accepting one occurrence of a series (respond): the override rings, the unanswered series does not', () => {
    const cal = new MyCalendar(15);
    cal.put(ics(null, meeting({ extra: ['RRULE:FREQ=WEEKLY;COUNT=4'] })));
    const r = cal.respond(UID, 'ACCEPTED', '2026-03-17T10:00:00Z');
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    expect(instanceOf(stored, null)?.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(instanceOf(stored, '2026-03-17T10:00:00Z')?.getAllSubcomponents('valarm')).toHaveLength(1);
    for (const e of outgoingEvents(r.outgoing[0])) expect(e.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('changing my answer to accepted later (respond) adds it; an existing reminder of mine is left alone', () => {
    const cal = new MyCalendar(15);
    cal.put(ics(null, meeting({ mine: 'TENTATIVE', extra: [alarm('-PT5M', 'Mine')] })));
    cal.respond(UID, 'ACCEPTED');
    expect(
      cal
        .get(UID)
        ?.getFirstSubcomponent('vevent')
        ?.getAllSubcomponents('valarm')
        .map((a) => String(a.getFirstPropertyValue('trigger'))),
    ).toEqual(['-PT5M']);
    const plain = new MyCalendar(15);
    plain.put(ics(null, meeting({ mine: 'DECLINED' })));
    const r = plain.respond(UID, 'ACCEPTED');
    expect(valarmsIn(plain.text(UID))).toBe(1);
    expect(valarmsIn(r.outgoing[0]?.ics ?? '')).toBe(0);
  });
});

describe('the default reminder for meetings I organize', () => {
  const BOB = 'bob@example.com';
  const newMeeting = (extra: Partial<NewEvent> = {}): NewEvent => ({
    uid: 'mine-1',
    summary: 'Review',
    start: '2026-03-10T10:00',
    end: '2026-03-10T11:00',
    tz: 'Europe/Berlin',
    allDay: false,
    attendees: [{ address: BOB }, { address: ORG, optional: true }],
    ...extra,
  });
  const alarmsOf = (cal: Calendar, uid: string, rid: string | null = null): string[] =>
    (instanceOf(cal.get(uid), rid)?.getAllSubcomponents('valarm') ?? []).map((a) =>
      String(a.getFirstPropertyValue('trigger')),
    );

  it('create: my copy rings 15 minutes before, with the title; the REQUESTs carry no VALARM', () => {
    const cal = new MyCalendar(15);
    const r = cal.apply(createEvent(newMeeting(), cal.ctx()));
    expect(r.outcome).toBe('applied');
    const a = instanceOf(cal.get('mine-1'))?.getFirstSubcomponent('valarm');
    expect(a?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(a?.getFirstPropertyValue('trigger'))).toBe('-PT15M');
    expect(a?.getFirstPropertyValue('description')).toBe('Review');
    expect(r.outgoing.map((o) => o.to.address)).toEqual([BOB, ORG]);
    for (const o of r.outgoing) expect(valarmsIn(o.ics)).toBe(0);
  });

  it('a series: one alarm on the master, every occurrence rings from it', () => {
    const cal = new MyCalendar(60);
    const r = cal.apply(createEvent(newMeeting({ rrule: 'FREQ=WEEKLY;COUNT=3' }), cal.ctx()));
    expect(alarmsOf(cal, 'mine-1')).toEqual(['-PT1H']);
    expect(valarmsIn(cal.text('mine-1'))).toBe(1);
    for (const o of r.outgoing) expect(valarmsIn(o.ics)).toBe(0);
  });

  it('with reply tokens (I organize as me+token@): the reminder too', () => {
    const cal = new (class extends MyCalendar {
      override ctx(): EngineContext {
        return { ...super.ctx(), replyTokenSecret: 'a-secret-of-sixteen-or-more' };
      }
    })(10);
    cal.apply(createEvent(newMeeting(), cal.ctx()));
    expect(cal.text('mine-1')).toMatch(/ORGANIZER:mailto:me\+[a-z0-9]+@example\.com/);
    expect(alarmsOf(cal, 'mine-1')).toEqual(['-PT10M']);
  });

  it('the setting off: no alarm in my copy', () => {
    const cal = new MyCalendar(null);
    cal.apply(createEvent(newMeeting(), cal.ctx()));
    expect(valarmsIn(cal.text('mine-1'))).toBe(0);
  });

  it('my later update and cancellation keep my reminder and send none', () => {
    const cal = new MyCalendar(15);
    cal.apply(createEvent(newMeeting({ rrule: 'FREQ=WEEKLY;COUNT=3' }), cal.ctx()));
    const moved = cal.apply(
      updateEvent({ uid: 'mine-1', start: '2026-03-10T11:00', end: '2026-03-10T12:00' }, cal.get('mine-1'), cal.ctx()),
    );
    expect(moved.outcome).toBe('applied');
    expect(alarmsOf(cal, 'mine-1')).toEqual(['-PT15M']);
    for (const o of moved.outgoing) expect(valarmsIn(o.ics)).toBe(0);
    const rid = instanceOf(cal.get('mine-1'))?.getFirstPropertyValue('dtstart');
    const one = cal.apply(
      updateEvent({ uid: 'mine-1', recurrenceId: rid as never, location: 'Room 5' }, cal.get('mine-1'), cal.ctx()),
    );
    for (const o of one.outgoing) expect(valarmsIn(o.ics)).toBe(0);
    const cancelled = cal.apply(
      cancelEvent({ uid: 'mine-1', recurrenceId: null, comment: null, stored: cal.get('mine-1') }, cal.ctx()),
    );
    expect(cancelled.outgoing.map((o) => o.method)).toEqual(['CANCEL', 'CANCEL']);
    for (const o of cancelled.outgoing) expect(valarmsIn(o.ics)).toBe(0);
  });
});
