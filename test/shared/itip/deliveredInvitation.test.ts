/**
 * A REQUEST whose very version the calendar already holds unanswered: a server that schedules by itself (RFC 6638,
 * Cyrus) put the organizer's invitation into my calendar, raising SEQUENCE and DTSTAMP, before its mail came. The mail
 * asks for my answer as a new invitation would and stores nothing; the answer goes into that copy. An older version, a
 * copy I answered and a question already open stay outdated.
 */
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../shared/model/decisions.js';
import { Calendar, attendeesOf, ics, instanceOf, outgoingEvents, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'delivered-1@example.org';

interface Version {
  readonly seq?: number;
  readonly stamp?: string;
  /** My PARTSTAT; null: the parameter is absent. */
  readonly mine?: string | null;
  readonly rsvp?: boolean;
  readonly extra?: readonly string[];
}

function event(o: Version = {}): string {
  const partstat = o.mine === null ? '' : `;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'}`;
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100500Z'}`,
    `SEQUENCE:${o.seq ?? 1}`,
    'DTSTART:20260310T090000Z',
    'DURATION:PT1H',
    'SUMMARY:Quarterly review',
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ORG}`,
    `ATTENDEE;CN=Me${partstat}${o.rsvp === false ? '' : ';RSVP=TRUE'}:mailto:${ME}`,
    ...(o.extra ?? []),
  );
}

/** My calendar as the server left it: its copy of the invitation, with a property of its own. */
function delivered(policy: Policy = 'known', o: Version = {}): Calendar {
  const cal = new Calendar([ME], policy);
  cal.put(ics(null, event({ ...o, extra: ['X-SERVER-NOTE:delivered by the server'] })));
  return cal;
}

const request = (o: Version = {}): string => ics('REQUEST', event(o));

describe('the calendar holds this version, still unanswered', () => {
  for (const policy of ['always', 'known', 'never'] as const) {
    it(`${policy}: asks for my answer as a new invitation does, and stores nothing`, () => {
      const cal = delivered(policy);
      const before = cal.text(UID);
      const r = cal.process(request(), ORG);
      expect(r).toMatchObject({ kind: 'invitation', outcome: 'pending', store: null, outgoing: [] });
      expect(r.pending?.choices).toEqual(['accept', 'tentative', 'decline', 'ignore']);
      expect(r.pending?.identity).toBe(ME);
      expect(say(r.reason)).toBe(
        'Olga invites you to "Quarterly review": accept, tentatively accept or decline. It was added to your calendar as not yet answered.',
      );
      expect(r.obsoletes).toEqual([{ uid: UID, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }]);
      expect(cal.text(UID)).toBe(before);
    });
  }

  it('accepting writes my answer into that copy (its version and its properties kept) and sends one REPLY', () => {
    const cal = delivered('always');
    const d = cal.decide(cal.process(request(), ORG), 'accept');
    expect(d).toMatchObject({ outcome: 'applied', store: { type: 'put', uid: UID } });
    const ev = instanceOf(cal.get(UID));
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(ev?.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(ev?.getFirstPropertyValue('dtstamp'))).toBe('2026-03-01T10:05:00Z');
    expect(ev?.getFirstPropertyValue('x-server-note')).toBe('delivered by the server');
    expect(d.outgoing).toHaveLength(1);
    expect(d.outgoing[0]?.method).toBe('REPLY');
    const [replied] = outgoingEvents(d.outgoing[0]);
    expect(attendeesOf(replied ?? null)).toEqual([ME]);
    expect(replied?.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('ignoring it takes the copy out of the calendar, as for an invitation stored provisionally; nothing is sent', () => {
    const cal = delivered('always');
    const d = cal.decide(cal.process(request(), ORG), 'ignore');
    expect(d).toMatchObject({ outcome: 'ignored', store: { type: 'delete', uid: UID }, outgoing: [] });
    expect(cal.get(UID)).toBeNull();
  });

  it('without PARTSTAT (NEEDS-ACTION, RFC 5545 §3.2.12) and without RSVP it asks all the same', () => {
    const cal = delivered('known', { mine: null, rsvp: false });
    const r = cal.process(request({ mine: null, rsvp: false }), ORG);
    expect(r).toMatchObject({ kind: 'invitation', outcome: 'pending', store: null });
  });
});

describe('what stays outdated', () => {
  for (const mine of ['ACCEPTED', 'TENTATIVE', 'DECLINED']) {
    it(`a copy I answered (${mine})`, () => {
      const cal = delivered('always', { mine });
      const r = cal.process(request(), ORG);
      expect(r).toMatchObject({ kind: 'outdated', outcome: 'ignored', store: null, pending: null });
      expect(say(r.reason)).toMatch(/already has this version/);
    });
  }

  it('an older version: a lower SEQUENCE', () => {
    const cal = delivered('always');
    const r = cal.process(request({ seq: 0, stamp: '20260301T100000Z' }), ORG);
    expect(r).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null });
  });

  it('an older version: the same SEQUENCE with an older DTSTAMP', () => {
    const cal = delivered('always');
    const r = cal.process(request({ stamp: '20260301T100000Z' }), ORG);
    expect(r).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null });
  });

  it('a question about it already open: the mail read again opens no second one', () => {
    const cal = delivered('always');
    cal.open.push({ uid: UID, kind: 'invitation', recurrenceId: null });
    const r = cal.process(request(), ORG);
    expect(r).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null, obsoletes: [] });
  });

  it('a new invitation read again while its decision is open (its copy stored provisionally) changes nothing', () => {
    const cal = new Calendar([ME], 'always');
    const first = cal.process(request(), ORG);
    expect(first).toMatchObject({ kind: 'invitation', outcome: 'pending', store: { type: 'put' } });
    cal.open.push({ uid: UID, kind: 'invitation', recurrenceId: null });
    expect(cal.process(request(), ORG)).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null });
  });

  it('a reschedule read again while its question is open keeps that question (no invitation in its place)', () => {
    const cal = delivered('always', { mine: 'ACCEPTED' });
    const moved = ics(
      'REQUEST',
      event({ seq: 2, stamp: '20260302T100000Z' }).replace('DTSTART:20260310T090000Z', 'DTSTART:20260311T090000Z'),
    );
    const first = cal.process(moved, ORG);
    expect(first).toMatchObject({ kind: 'reschedule', outcome: 'pending', store: { type: 'put' } });
    // Stored provisionally: the new time, my answer asked for again.
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    cal.open.push({ uid: UID, kind: 'reschedule', recurrenceId: null });
    expect(cal.process(moved, ORG)).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null });
  });

  it('a PUBLISH of the same version asks nothing (nobody answers a PUBLISH)', () => {
    const cal = delivered('always');
    const r = cal.process(ics('PUBLISH', event()), ORG);
    expect(r).toMatchObject({ kind: 'outdated', outcome: 'ignored', pending: null });
  });
});

describe('one instance of a series', () => {
  const SERIES = 'delivered-series@example.org';
  const RID = '20260310T090000Z';
  const instance = (o: { mine?: string } = {}): string =>
    vevent(
      `UID:${SERIES}`,
      'DTSTAMP:20260301T110000Z',
      'SEQUENCE:1',
      `RECURRENCE-ID:${RID}`,
      'DTSTART:20260310T090000Z',
      'DURATION:PT1H',
      'SUMMARY:Weekly sync',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE:mailto:${ME}`,
    );
  const master = (stamp = '20260301T100000Z', seq = 0): string =>
    vevent(
      `UID:${SERIES}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      'DTSTART:20260303T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Weekly sync',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    );
  /** The series I accepted, and the instance the server put in unanswered (I was asked about it alone). */
  function series(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.put(ics(null, master(), instance()));
    return cal;
  }

  it('the instance is asked about alone, and the answer goes to that instance', () => {
    const cal = series();
    const r = cal.process(ics('REQUEST', instance()), ORG);
    expect(r).toMatchObject({
      kind: 'invitation',
      outcome: 'pending',
      store: null,
      recurrenceId: '2026-03-10T09:00:00Z',
    });
    expect(say(r.reason)).toMatch(/invites you to "Weekly sync" on 2026-03-10T09:00:00Z/);
    const d = cal.decide(r, 'decline');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(SERIES), ME, '2026-03-10T09:00:00Z')).toBe('DECLINED');
    expect(partstatIn(cal.get(SERIES), ME)).toBe('ACCEPTED');
    const events = outgoingEvents(d.outgoing[0]);
    expect(events).toHaveLength(1);
    expect(String(events[0]?.getFirstPropertyValue('recurrence-id'))).toBe('2026-03-10T09:00:00Z');
  });

  it('a question open about another instance does not stop it; one about the series does', () => {
    const cal = series();
    cal.open.push({ uid: SERIES, kind: 'invitation', recurrenceId: '2026-03-17T09:00:00Z' });
    expect(cal.process(ics('REQUEST', instance()), ORG)).toMatchObject({ outcome: 'pending' });
    cal.open.push({ uid: SERIES, kind: 'invitation', recurrenceId: null });
    expect(cal.process(ics('REQUEST', instance()), ORG)).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
  });

  it('an instance I answered stays outdated', () => {
    const cal = new Calendar([ME], 'always');
    cal.put(ics(null, master(), instance({ mine: 'ACCEPTED' })));
    expect(cal.process(ics('REQUEST', instance()), ORG)).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
  });

  it('an instance the calendar holds only as part of its series is measured against nothing of its own: outdated', () => {
    const cal = new Calendar([ME], 'always');
    cal.put(
      ics(
        null,
        master('20260301T110000Z', 1).replace(/PARTSTAT=ACCEPTED:mailto:me/, 'PARTSTAT=NEEDS-ACTION:mailto:me'),
      ),
    );
    expect(cal.process(ics('REQUEST', instance()), ORG)).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
  });
});
