/**
 * Bounces of messages I sent (shared/itip/deliveryFailure.ts): the returned REQUEST or REPLY is not news about the
 * event; the failed recipients get SCHEDULE-STATUS=5.1 on the event, nothing else changes, nobody is asked.
 */
import { describe, expect, it } from 'vitest';
import { eventView, processDeliveryReport, processRefusal } from '../../../shared/itip/index.js';
import type { DeliveryReport } from '../../../shared/model/mail.js';
import { Calendar, attendeeIn, envelope, ics, vevent, say } from '../../helpers/itip.js';

const ME = 'me@example.com';
const ORG = 'olga@example.org';
const GONE = 'gone@example.net';

const failed = (...recipients: string[]): DeliveryReport => ({
  recipients: recipients.map((r) => ({
    recipient: r,
    action: 'failed',
    status: '5.1.1',
    diagnostic: '550 5.1.1 User unknown',
  })),
});
const head = [
  'UID:ev-1',
  'DTSTAMP:20260301T100000Z',
  'SEQUENCE:0',
  'DTSTART:20260310T100000Z',
  'DTEND:20260310T110000Z',
  'SUMMARY:Planning',
];

function bounce(cal: Calendar, returned: string, report: DeliveryReport) {
  return cal.apply(
    processDeliveryReport(
      { ics: returned, headerMethod: null, envelope: envelope('mailer-daemon@mail.example.com') },
      report,
      (u) => cal.get(u),
      cal.ctx(),
    ),
  );
}

describe('a bounce of my invitation (I organize)', () => {
  const stored = ics(
    null,
    vevent(
      ...head,
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${GONE}`,
    ),
  );
  const request = ics(
    'REQUEST',
    vevent(
      ...head,
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${GONE}`,
    ),
  );

  it('marks the attendee who did not get it, and only that', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const r = bounce(cal, request, failed(GONE));
    expect(r).toMatchObject({
      kind: 'not-scheduling',
      outcome: 'applied',
      method: 'REQUEST',
      uid: 'ev-1',
      pending: null,
      outgoing: [],
    });
    expect(say(r.reason)).toMatch(
      /^Your invitation about "Planning" could not be delivered \(gone@example\.net: 550 5\.1\.1 User unknown\): gone@example\.net did not receive it/,
    );
    const ev = cal.get('ev-1')?.getFirstSubcomponent('vevent') ?? null;
    expect(attendeeIn(ev, GONE)?.getParameter('schedule-status')).toBe('5.1');
    expect(attendeeIn(ev, GONE)?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendeeIn(ev, ORG)?.getParameter('schedule-status')).toBeUndefined();
    // What a person sees on the event.
    const view = eventView(ev as NonNullable<typeof ev>, 'ev-1');
    expect(view.attendees.map((a) => [a.address, a.undelivered ?? false])).toEqual([
      [ME, false],
      [ORG, false],
      [GONE, true],
    ]);
    expect(view.organizer?.undelivered).toBeUndefined();
  });

  it('the next message to the attendees does not carry the mark', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    bounce(cal, request, failed(GONE));
    // A counter-proposal accepted later sends the event to every attendee again.
    const counter = cal.process(
      ics(
        'COUNTER',
        vevent(
          ...head.filter((l) => !l.startsWith('DTSTART') && !l.startsWith('DTEND')),
          'DTSTART:20260311T100000Z',
          'DTEND:20260311T110000Z',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ORG}`,
        ),
      ),
      ORG,
    );
    const sent = cal.decide(counter, 'accept-counter');
    expect(sent.outgoing.length).toBeGreaterThan(0);
    for (const o of sent.outgoing) expect(o.ics).not.toMatch(/SCHEDULE-STATUS/);
  });

  it('a recipient the event does not list changes nothing', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const r = bounce(cal, request, failed('stranger@example.net'));
    expect(r).toMatchObject({ outcome: 'ignored', store: null });
    expect(say(r.reason)).toMatch(/None of them is an attendee/);
  });
});

describe('a bounce of my reply (I attend)', () => {
  const stored = ics(null, vevent(...head, `ORGANIZER:mailto:${ORG}`, `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`));
  const reply = ics(
    'REPLY',
    vevent(
      'UID:ev-1',
      'DTSTAMP:20260302T090000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ),
  );

  it('marks the organizer, keeps my answer, and my next REPLY goes out without the mark', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const r = bounce(cal, reply, failed(ORG));
    expect(r).toMatchObject({ outcome: 'applied', method: 'REPLY', pending: null });
    expect(say(r.reason)).toMatch(
      /^Your reply about "Planning" could not be delivered .*the organizer has not received your answer/,
    );
    const ev = cal.get('ev-1')?.getFirstSubcomponent('vevent');
    expect(ev?.getFirstProperty('organizer')?.getParameter('schedule-status')).toBe('5.1');
    expect(attendeeIn(ev ?? null, ME)?.getParameter('partstat')).toBe('ACCEPTED');
    expect(eventView(ev as NonNullable<typeof ev>, 'ev-1').organizer).toEqual({
      address: ORG,
      name: null,
      undelivered: true,
    });
    const again = cal.respond('ev-1', 'DECLINED');
    expect(again.outgoing).toHaveLength(1);
    expect(again.outgoing[0]?.ics).not.toMatch(/SCHEDULE-STATUS/);
  });

  it('a delay warning changes nothing', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const r = bounce(cal, reply, {
      recipients: [{ recipient: ORG, action: 'delayed', status: '4.4.1', diagnostic: null }],
    });
    expect(r).toMatchObject({ outcome: 'ignored', store: null });
    expect(say(r.reason)).toMatch(/still trying to deliver your reply to olga@example\.org/);
  });

  it('a report about a message none of my addresses sent changes nothing (no trust in the report)', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const theirs = ics(
      'REPLY',
      vevent(
        'UID:ev-1',
        'DTSTAMP:20260302T090000Z',
        'SEQUENCE:0',
        `ORGANIZER:mailto:${ORG}`,
        'ATTENDEE;PARTSTAT=DECLINED:mailto:someone@example.net',
      ),
    );
    expect(bounce(cal, theirs, failed(ORG))).toMatchObject({ outcome: 'ignored', store: null });
  });

  it('an event that is not in the calendar, and an unreadable returned message, are reported and change nothing', () => {
    const cal = new Calendar([ME]);
    const r = bounce(cal, reply, failed(ORG));
    expect(r).toMatchObject({ outcome: 'ignored', store: null });
    expect(say(r.reason)).toMatch(/could not be delivered .* not in the calendar/);
    expect(bounce(cal, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n', failed(ORG))).toMatchObject({
      outcome: 'ignored',
      kind: 'not-scheduling',
    });
  });
});

describe('recipients my own SMTP server refused (the outbox knows method and UID)', () => {
  const stored = ics(
    null,
    vevent(
      ...head,
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${GONE}`,
    ),
  );

  it('marks the refused attendee exactly as a bounce would, without any message to parse', () => {
    const cal = new Calendar([ME]);
    cal.put(stored);
    const r = cal.apply(processRefusal({ method: 'request', uid: 'ev-1' }, failed(GONE), (u) => cal.get(u), cal.ctx()));
    expect(r).toMatchObject({ outcome: 'applied', method: 'REQUEST', uid: 'ev-1', pending: null, outgoing: [] });
    expect(say(r.reason)).toMatch(/^Your invitation about "Planning" could not be delivered/);
    const ev = cal.get('ev-1')?.getFirstSubcomponent('vevent') ?? null;
    expect(attendeeIn(ev, GONE)?.getParameter('schedule-status')).toBe('5.1');
    expect(attendeeIn(ev, ORG)?.getParameter('schedule-status')).toBeUndefined();
  });

  it('an event no longer in the calendar changes nothing', () => {
    const cal = new Calendar([ME]);
    const r = processRefusal({ method: 'REPLY', uid: 'gone-1' }, failed(ORG), (u) => cal.get(u), cal.ctx());
    expect(r).toMatchObject({ outcome: 'ignored', store: null });
  });
});
