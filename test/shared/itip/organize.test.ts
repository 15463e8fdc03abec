/**
 * The organizer's operations: create, update (minor, location, reschedule, one occurrence, attendees added and
 * removed) and cancel (series, one occurrence), and a round trip in which the attendees' own engines read what
 * the organizer sent and the organizer's engine reads their replies.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { cancelEvent, createEvent, updateEvent, type EventChange, type NewEvent } from '../../../shared/itip/index.js';
import { Calendar, instanceOf, outgoingEvents, partstatIn, say, attendeeIn } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.net';

function newEvent(extra: Partial<NewEvent> = {}): NewEvent {
  return {
    uid: 'org-1',
    summary: 'Planning',
    start: '2026-03-10T10:00',
    end: '2026-03-10T11:00',
    tz: 'Europe/Berlin',
    allDay: false,
    location: 'Room 1',
    description: null,
    rrule: null,
    attendees: [{ address: BOB }, { address: CAROL, optional: true }],
    ...extra,
  };
}

function organizer(ev: NewEvent = newEvent()): Calendar {
  const cal = new Calendar([ORG]);
  cal.apply(createEvent(ev, cal.ctx()));
  return cal;
}

function update(cal: Calendar, change: Omit<EventChange, 'uid'>) {
  return cal.apply(updateEvent({ uid: 'org-1', ...change }, cal.get('org-1'), cal.ctx()));
}

function rid(text: string): ICAL.Time {
  return ICAL.Time.fromString(text, null as unknown as ICAL.Property);
}

describe('create', () => {
  it('stores my copy and sends one REQUEST per attendee with the zone', () => {
    const cal = new Calendar([ORG]);
    const r = cal.apply(createEvent(newEvent({ rrule: 'FREQ=WEEKLY;COUNT=4', description: 'Agenda' }), cal.ctx()));
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toBe('Created "Planning"; 2 invitations sent.');
    expect(r.outgoing.map((o) => [o.method, o.to.address, o.from.address])).toEqual([
      ['REQUEST', BOB, ORG],
      ['REQUEST', CAROL, ORG],
    ]);
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20260310T100000');
    expect(e?.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=4');
    expect(e?.getFirstPropertyValue('sequence')).toBe(0);
    expect(attendeeIn(e ?? null, CAROL)?.getParameter('role')).toBe('OPT-PARTICIPANT');
    expect(attendeeIn(e ?? null, BOB)?.getParameter('rsvp')).toBe('TRUE');
    expect(r.outgoing[0]?.ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
    expect(partstatIn(cal.get('org-1'), ORG)).toBe('ACCEPTED');
    expect(cal.text('org-1')).toMatch(/ORGANIZER:mailto:olga@example.org/);
  });

  it('names me with my name (Settings) as ORGANIZER and as the accepted CHAIR, and in the From of the invitations', () => {
    const cal = new Calendar([ORG]);
    // The name of the address I organize as (Settings → My addresses), else my name: the caller's lookup decides.
    const asked: string[] = [];
    const myNameFor = (address: string): string | null => {
      asked.push(address);
      return address === ORG ? 'Olga Ortiz' : 'Someone Else';
    };
    const r = cal.apply(createEvent(newEvent({ uid: 'named' }), { ...cal.ctx(), myNameFor }));
    expect(asked).toEqual([ORG]);
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getFirstProperty('organizer')?.getParameter('cn')).toBe('Olga Ortiz');
    expect(attendeeIn(e ?? null, ORG)?.getParameter('cn')).toBe('Olga Ortiz');
    expect(r.outgoing[0]?.from).toEqual({ address: ORG, name: 'Olga Ortiz' });
    expect(cal.text('named')).toMatch(/ORGANIZER;CN=Olga Ortiz:mailto:olga@example.org/);
    // Without a name: the address only, as before.
    const bare = cal.apply(createEvent(newEvent({ uid: 'bare' }), cal.ctx()));
    expect(bare.outgoing[0]?.from.name).toBeUndefined();
  });

  it('writes all-day events as dates and times with an offset in the given zone', () => {
    const cal = new Calendar([ORG]);
    const day = cal.apply(
      createEvent(newEvent({ uid: 'd', start: '2026-03-10', end: '2026-03-11', allDay: true, tz: null }), cal.ctx()),
    );
    expect(outgoingEvents(day.outgoing[0])[0]?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;VALUE=DATE:20260310',
    );
    const off = cal.apply(
      createEvent(newEvent({ uid: 'o', start: '2026-03-10T09:00:00Z', end: '2026-03-10T10:00:00Z' }), cal.ctx()),
    );
    expect(outgoingEvents(off.outgoing[0])[0]?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
    );
  });

  it('does not mail an attendee with SCHEDULE-AGENT=NONE and refuses unreadable times', () => {
    const cal = organizer();
    const stored = cal.get('org-1');
    attendeeIn(instanceOf(stored), CAROL)?.setParameter('schedule-agent', 'NONE');
    const r = update(cal, { summary: 'Planning (new title)' });
    expect(r.outgoing.map((o) => o.to.address)).toEqual([BOB]);
    const bad = createEvent(newEvent({ start: 'tomorrow' }), cal.ctx());
    expect(bad.outcome).toBe('error');
    const backwards = createEvent(newEvent({ end: '2026-03-10T09:00' }), cal.ctx());
    expect(backwards.outcome).toBe('error');
  });
});

describe('update', () => {
  it('a new title keeps SEQUENCE and answers', () => {
    const cal = organizer();
    attendeeIn(instanceOf(cal.get('org-1')), BOB)?.setParameter('partstat', 'ACCEPTED');
    const r = update(cal, { summary: 'Planning Q2' });
    expect(r.sequence).toBe(0);
    expect(r.kind).toBe('update');
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('ACCEPTED');
    expect(outgoingEvents(r.outgoing[0])[0]?.getFirstPropertyValue('summary')).toBe('Planning Q2');
  });

  it('a new location raises SEQUENCE and keeps answers', () => {
    const cal = organizer();
    attendeeIn(instanceOf(cal.get('org-1')), BOB)?.setParameter('partstat', 'ACCEPTED');
    const r = update(cal, { location: 'Room 2' });
    expect(r.sequence).toBe(1);
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('ACCEPTED');
  });

  it('a new time raises SEQUENCE and asks everyone again', () => {
    const cal = organizer();
    attendeeIn(instanceOf(cal.get('org-1')), BOB)?.setParameter('partstat', 'ACCEPTED');
    const r = update(cal, { start: '2026-03-11T10:00', end: '2026-03-11T11:00' });
    expect(r.kind).toBe('reschedule');
    expect(r.sequence).toBe(1);
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('NEEDS-ACTION');
    expect(partstatIn(cal.get('org-1'), ORG)).toBe('ACCEPTED');
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20260311T100000');
    expect(attendeeIn(e ?? null, BOB)?.getParameter('rsvp')).toBe('TRUE');
  });

  it('adds and removes attendees: the removed one gets a CANCEL', () => {
    const cal = organizer();
    const r = update(cal, { addAttendees: [{ address: 'dan@example.org' }], removeAttendees: [CAROL] });
    expect(r.outgoing.map((o) => [o.method, o.to.address])).toEqual([
      ['REQUEST', BOB],
      ['REQUEST', 'dan@example.org'],
      ['CANCEL', CAROL],
    ]);
    const [c] = outgoingEvents(r.outgoing[2]);
    expect(c?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(attendeeIn(c ?? null, CAROL)).not.toBeNull();
    expect(attendeeIn(instanceOf(cal.get('org-1')), CAROL)).toBeNull();
  });

  it('moves one occurrence of a series as an override', () => {
    const cal = organizer(newEvent({ rrule: 'FREQ=WEEKLY;COUNT=4' }));
    const r = update(cal, {
      recurrenceId: rid('2026-03-17T09:00:00Z'),
      start: '2026-03-18T10:00',
      end: '2026-03-18T11:00',
    });
    expect(r.outcome).toBe('applied');
    expect(r.recurrenceId).toBe('2026-03-17T09:00:00Z');
    const o = instanceOf(cal.get('org-1'), '2026-03-17T09:00:00Z');
    expect(o?.getFirstPropertyValue('sequence')).toBe(1);
    expect(instanceOf(cal.get('org-1'))?.getFirstPropertyValue('sequence')).toBe(0);
    expect(outgoingEvents(r.outgoing[0])).toHaveLength(2);
  });

  it('this and future: an override with RANGE=THISANDFUTURE', () => {
    const cal = organizer(newEvent({ rrule: 'FREQ=WEEKLY;COUNT=4' }));
    update(cal, { recurrenceId: rid('2026-03-17T09:00:00Z'), thisAndFuture: true, location: 'Room 9' });
    const o = instanceOf(cal.get('org-1'), '2026-03-17T09:00:00Z');
    expect(o?.getFirstProperty('recurrence-id')?.getParameter('range')).toBe('THISANDFUTURE');
  });

  it('refuses an event I do not organize, an unknown one and a missing occurrence', () => {
    const cal = organizer();
    const other = new Calendar([BOB]);
    other.events.set('org-1', cal.get('org-1') as ICAL.Component);
    expect(updateEvent({ uid: 'org-1', summary: 'x' }, other.get('org-1'), other.ctx())).toMatchObject({
      outcome: 'error',
      errorCode: 'ITIP_NOT_ORGANIZER',
    });
    expect(updateEvent({ uid: 'nope', summary: 'x' }, null, cal.ctx())).toMatchObject({
      outcome: 'error',
      errorCode: 'ITIP_NO_EVENT',
    });
    expect(update(cal, { recurrenceId: rid('2026-03-17T09:00:00Z'), summary: 'x' })).toMatchObject({
      outcome: 'error',
      errorCode: 'ITIP_NO_INSTANCE',
    });
  });
});

describe('cancel', () => {
  it('cancels the series: CANCEL to everyone, my copy kept as cancelled', () => {
    const cal = organizer();
    const r = cal.apply(
      cancelEvent(
        { uid: 'org-1', recurrenceId: null, comment: 'No longer needed', stored: cal.get('org-1') },
        cal.ctx(),
      ),
    );
    expect(r.outgoing.map((o) => [o.method, o.to.address])).toEqual([
      ['CANCEL', BOB],
      ['CANCEL', CAROL],
    ]);
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getFirstPropertyValue('sequence')).toBe(1);
    expect(e?.getFirstPropertyValue('comment')).toBe('No longer needed');
    expect(instanceOf(cal.get('org-1'))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('cancels one occurrence with its RECURRENCE-ID', () => {
    const cal = organizer(newEvent({ rrule: 'FREQ=WEEKLY;COUNT=4' }));
    const r = cal.apply(
      cancelEvent(
        { uid: 'org-1', recurrenceId: rid('2026-03-17T09:00:00Z'), comment: null, stored: cal.get('org-1') },
        cal.ctx(),
      ),
    );
    const [e] = outgoingEvents(r.outgoing[0]);
    expect(e?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
    );
    expect(instanceOf(cal.get('org-1'))?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(instanceOf(cal.get('org-1'), '2026-03-17T09:00:00Z')?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe("round trip with the attendees' engines", () => {
  it('create → Bob accepts → reschedule → Bob sees a reschedule → cancel', () => {
    const olga = organizer();
    const bob = new Calendar([BOB], 'known');
    bob.contacts.add(ORG);
    const invite = createEvent(newEvent({ uid: 'org-1' }), olga.ctx()).outgoing.find((o) => o.to.address === BOB);
    expect(bob.process(invite?.ics ?? '', ORG).kind).toBe('invitation');
    const answer = bob.respond('org-1', 'ACCEPTED');
    const reply = answer.outgoing[0];
    expect(reply?.to.address).toBe(ORG);
    const got = olga.process(reply?.ics ?? '', BOB);
    expect(got).toMatchObject({ kind: 'reply', outcome: 'applied' });
    expect(partstatIn(olga.get('org-1'), BOB)).toBe('ACCEPTED');

    olga.now += 60_000;
    bob.now += 60_000;
    const moved = update(olga, { start: '2026-03-12T10:00', end: '2026-03-12T11:00' });
    const toBob = moved.outgoing.find((o) => o.to.address === BOB);
    const seen = bob.process(toBob?.ics ?? '', ORG);
    expect(seen.kind).toBe('reschedule');

    olga.now += 60_000;
    bob.now += 60_000;
    const cancelled = olga.apply(
      cancelEvent({ uid: 'org-1', recurrenceId: null, comment: null, stored: olga.get('org-1') }, olga.ctx()),
    );
    const cancelForBob = cancelled.outgoing.find((o) => o.to.address === BOB);
    const c = bob.process(cancelForBob?.ics ?? '', ORG);
    expect(c).toMatchObject({ kind: 'cancel', outcome: 'applied' });
    expect(instanceOf(bob.get('org-1'))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe("update of one occurrence's attendees", () => {
  it('a person removed from one occurrence gets a CANCEL for that occurrence only', () => {
    const cal = organizer(newEvent({ rrule: 'FREQ=WEEKLY;COUNT=4' }));
    const r = update(cal, { recurrenceId: rid('2026-03-17T09:00:00Z'), removeAttendees: [CAROL] });
    const cancel = r.outgoing.find((o) => o.method === 'CANCEL');
    expect(cancel?.to.address).toBe(CAROL);
    expect(cancel?.recurrenceId).toBe('2026-03-17T10:00:00+01:00');
    expect(attendeeIn(instanceOf(cal.get('org-1')), CAROL)).not.toBeNull();
  });
});
