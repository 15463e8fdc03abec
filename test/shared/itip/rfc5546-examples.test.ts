/**
 * The example flows of RFC 5546 §4, played between several calendars, each running the engine for one person:
 * what one engine sends is delivered, as mail from its sender, to the others. A is the organizer; B, C and D are
 * attendees; E is C's delegate; F receives a forwarded invitation. The iCalendar follows the RFC's examples in
 * shape (written here, not copied).
 */
import { describe, expect, it } from 'vitest';
import type { OutgoingItip } from '../../../shared/model/outgoing.js';
import type { EngineResult } from '../../../shared/itip/index.js';
import {
  Calendar,
  attendeeIn,
  attendeesOf,
  ics,
  instanceOf,
  outgoingEvents,
  partstatIn,
  vevent,
  say,
} from '../../helpers/itip.js';

const A = 'a@example.com';
const B = 'b@example.com';
const C = 'c@example.com';
const D = 'd@example.com';
const E = 'e@example.com';
const F = 'f@example.com';
const UID = 'calsrv.example.com-873970198738777@example.com';

/** One calendar per person; the organizer's own invitation comes in from the Sent folder. */
function person(me: string, policy: 'always' | 'known' | 'never' = 'always'): Calendar {
  return new Calendar([me], policy);
}

/** Delivers an outgoing message to a person, as a mail from its sender with the MIME method parameter. */
function deliver(o: OutgoingItip | undefined, to: Calendar): EngineResult {
  if (!o) throw new Error('nothing to deliver');
  return to.process(o.ics, o.from.address, {}, o.method);
}

const groupPeople = [
  `ORGANIZER:mailto:${A}`,
  `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=A:mailto:${A}`,
  `ATTENDEE;RSVP=TRUE;TYPE=INDIVIDUAL;CN=B:mailto:${B}`,
  `ATTENDEE;RSVP=TRUE;TYPE=INDIVIDUAL;CN=C:mailto:${C}`,
  `ATTENDEE;RSVP=TRUE;TYPE=INDIVIDUAL;CN=Hal:mailto:${D}`,
];

function groupEvent(
  o: { seq?: number; stamp?: string; location?: string; people?: string[]; extra?: string[] } = {},
): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T093000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    'DTSTART:20260312T210000Z',
    'DTEND:20260312T220000Z',
    'SUMMARY:Conference',
    `LOCATION:${o.location ?? 'Conference Call'}`,
    'STATUS:CONFIRMED',
    ...(o.people ?? groupPeople),
    ...(o.extra ?? []),
  );
}

/** §4.2.1 set up: A's calendar holds the event (from Sent), B, C and D have the invitation. */
function groupSetup(): {
  a: Calendar;
  b: Calendar;
  c: Calendar;
  d: Calendar;
  request: string;
  invited: Map<Calendar, EngineResult>;
} {
  const request = ics('REQUEST', groupEvent());
  const a = person(A);
  expect(a.process(request, A).outcome).toBe('applied');
  const [b, c, d] = [person(B), person(C), person(D)];
  const invited = new Map<Calendar, EngineResult>();
  for (const cal of [b, c, d]) {
    const r = cal.process(request, A);
    expect(r.kind).toBe('invitation');
    invited.set(cal, r);
  }
  return { a, b, c, d, request, invited };
}

/** Answers the invitation the setup left waiting in that person's calendar. */
function answer(
  setup: ReturnType<typeof groupSetup>,
  cal: Calendar,
  choice: 'accept' | 'decline' = 'accept',
): EngineResult {
  const r = setup.invited.get(cal);
  if (!r) throw new Error('not invited');
  return cal.decide(r, choice);
}

function accept(cal: Calendar, text: string, from: string): EngineResult {
  const r = cal.process(text, from);
  return cal.decide(r, 'accept');
}

describe('§4.1 published events', () => {
  const pub = (seq: number, stamp: string, summary: string, extra: string[] = []): string =>
    ics(
      'PUBLISH',
      vevent(
        `UID:0981234-1234234-23@example.com`,
        `DTSTAMP:${stamp}`,
        `SEQUENCE:${seq}`,
        'DTSTART:20260402T170000Z',
        'DTEND:20260402T173000Z',
        `SUMMARY:${summary}`,
        `ORGANIZER:mailto:${A}`,
        ...extra,
      ),
    );

  it('§4.1.1 a minimal published event is added', () => {
    const b = person(B, 'known');
    b.contacts.add(A);
    const r = b.process(pub(0, '20260301T120000Z', 'ST. PAUL SAINTS -VS- DULUTH-SUPERIOR DUKES'), A);
    expect(r.kind).toBe('publish');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
  });

  it('§4.1.2 a changed published event replaces it; §4.1.3 a CANCEL cancels it', () => {
    const b = person(B, 'known');
    b.contacts.add(A);
    b.process(pub(0, '20260301T120000Z', 'Game'), A);
    expect(b.process(pub(1, '20260302T120000Z', 'Game (moved)'), A).outcome).toBe('applied');
    expect(instanceOf(b.get('0981234-1234234-23@example.com'))?.getFirstPropertyValue('summary')).toBe('Game (moved)');
    const c = b.process(
      ics(
        'CANCEL',
        vevent(
          'UID:0981234-1234234-23@example.com',
          'DTSTAMP:20260303T120000Z',
          'SEQUENCE:2',
          `ORGANIZER:mailto:${A}`,
          'STATUS:CANCELLED',
        ),
      ),
      A,
    );
    expect(c.outcome).toBe('applied');
    expect(instanceOf(b.get('0981234-1234234-23@example.com'))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('§4.1.4 a rich published event keeps its alarm, categories and attachment', () => {
    const b = person(B, 'always');
    b.process(
      pub(0, '20260301T120000Z', 'Game', [
        'CATEGORIES:SPORTS EVENT,ENTERTAINMENT',
        'ATTACH:http://example.com/directions.html',
        'BEGIN:VALARM',
        'ACTION:AUDIO',
        'TRIGGER:-PT2H',
        'END:VALARM',
      ]),
      A,
    );
    const ev = instanceOf(b.get('0981234-1234234-23@example.com'));
    expect(ev?.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(ev?.getFirstPropertyValue('attach')).toBe('http://example.com/directions.html');
  });

  it('§4.1.5 an anniversary on whole days is added as all-day and recurring', () => {
    const b = person(B, 'always');
    const r = b.process(
      ics(
        'PUBLISH',
        vevent(
          'UID:anniv-1@example.com',
          'DTSTAMP:20260301T120000Z',
          'DTSTART;VALUE=DATE:20260425',
          'RRULE:FREQ=YEARLY',
          'SUMMARY:Our anniversary',
          `ORGANIZER:mailto:${A}`,
        ),
      ),
      A,
    );
    expect(r.outcome).toBe('applied');
    expect(r.pending).toBeNull();
    expect(instanceOf(b.get('anniv-1@example.com'))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-04-25');
  });
});

describe('§4.2 group events', () => {
  it('§4.2.1-4.2.2 request and reply: B accepts, A records it', () => {
    const setup = groupSetup();
    const { a, b } = setup;
    const r = answer(setup, b);
    expect(r.outgoing).toHaveLength(1);
    const applied = deliver(r.outgoing[0], a);
    expect(applied.kind).toBe('reply');
    expect(applied.outcome).toBe('applied');
    expect(partstatIn(a.get(UID), B)).toBe('ACCEPTED');
    expect(attendeeIn(instanceOf(a.get(UID)), B)?.getParameter('rsvp')).toBeUndefined();
    expect(partstatIn(a.get(UID), C)).toBe('NEEDS-ACTION');
  });

  it("§4.2.3 an update (new location) keeps B's answer", () => {
    const setup = groupSetup();
    const { b } = setup;
    answer(setup, b);
    const r = b.process(ics('REQUEST', groupEvent({ seq: 1, stamp: '20260302T193000Z', location: 'Room 23' })), A);
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(instanceOf(b.get(UID))?.getFirstPropertyValue('location')).toBe('Room 23');
    expect(partstatIn(b.get(UID), B)).toBe('ACCEPTED');
  });

  const counterFromB = ics(
    'COUNTER',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      'SEQUENCE:0',
      'DTSTART:20260312T230000Z',
      'DTEND:20260313T000000Z',
      `ORGANIZER:mailto:${A}`,
      `ATTENDEE;PARTSTAT=ACCEPTED;CN=B:mailto:${B}`,
      'COMMENT:Suggest 2 hours later',
    ),
  );

  it('§4.2.4 B counters, A accepts: everyone gets the new time, B is asked again', () => {
    const setup = groupSetup();
    const { a, b, c } = setup;
    answer(setup, b);
    const pending = a.process(counterFromB, B);
    expect(pending.kind).toBe('counter');
    const done = a.decide(pending, 'accept-counter');
    expect(done.outgoing.map((o) => o.to.address).sort()).toEqual([B, C, D]);
    expect(instanceOf(a.get(UID))?.getFirstPropertyValue('sequence')).toBe(1);
    const atB = deliver(
      done.outgoing.find((o) => o.to.address === B),
      b,
    );
    expect(atB.kind).toBe('reschedule');
    expect(instanceOf(b.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-12T23:00:00Z');
    const atC = deliver(
      done.outgoing.find((o) => o.to.address === C),
      c,
    );
    // C had not answered yet: the question is asked again about the new time.
    expect(atC.kind).toBe('invitation');
    expect(instanceOf(c.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-12T23:00:00Z');
  });

  it('§4.2.4 B counters, A declines: B is told and nothing moves', () => {
    const setup = groupSetup();
    const { a, b } = setup;
    answer(setup, b);
    const done = a.decide(a.process(counterFromB, B), 'decline-counter', 'Sorry, 2 hours later is not possible');
    expect(done.outgoing).toHaveLength(1);
    const atB = deliver(done.outgoing[0], b);
    expect(atB.kind).toBe('declinecounter');
    expect(atB.outcome).toBe('applied');
    expect(say(atB.reason)).toContain('Sorry, 2 hours later is not possible');
    expect(instanceOf(b.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-12T21:00:00Z');
  });

  const delegation = ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260302T100000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${A}`,
      `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${E}";CN=C:mailto:${C}`,
    ),
  );
  const forwardedToE = ics(
    'REQUEST',
    groupEvent({
      people: [
        ...groupPeople.filter((l) => !l.includes(C)),
        `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${E}";CN=C:mailto:${C}`,
        `ATTENDEE;RSVP=TRUE;DELEGATED-FROM="mailto:${C}";CN=E:mailto:${E}`,
      ],
    }),
  );

  it('§4.2.5-4.2.6 C delegates to E; E accepts and A records both', () => {
    const { a } = groupSetup();
    expect(a.process(delegation, C).outcome).toBe('applied');
    expect(partstatIn(a.get(UID), C)).toBe('DELEGATED');
    expect(partstatIn(a.get(UID), E)).toBe('NEEDS-ACTION');
    const e = person(E);
    const invited = e.process(forwardedToE, C);
    expect(invited.kind).toBe('invitation');
    expect(invited.warnings).toEqual([]);
    const answer = e.decide(invited, 'accept');
    expect(answer.outgoing[0]?.to.address).toBe(A);
    const atA = deliver(answer.outgoing[0], a);
    expect(atA.kind).toBe('reply');
    expect(atA.outcome).toBe('applied');
    expect(partstatIn(a.get(UID), E)).toBe('ACCEPTED');
  });

  it('§4.2.7 the delegate declines', () => {
    const { a } = groupSetup();
    a.process(delegation, C);
    const e = person(E);
    const answer = e.decide(e.process(forwardedToE, C), 'decline');
    expect(deliver(answer.outgoing[0], a).outcome).toBe('applied');
    expect(partstatIn(a.get(UID), E)).toBe('DECLINED');
    expect(partstatIn(a.get(UID), C)).toBe('DELEGATED');
  });

  it('§4.2.8 forwarded to F: F accepts, A sees a party crasher, approves and invites F', () => {
    const { a, request } = groupSetup();
    const f = person(F);
    const r = f.process(request, B);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    const answer = f.decide(r, 'accept');
    expect(attendeesOf(outgoingEvents(answer.outgoing[0])[0] ?? null)).toEqual([F]);
    const atA = deliver(answer.outgoing[0], a);
    expect(atA.kind).toBe('party-crasher');
    const approved = a.decide(atA, 'approve');
    expect(approved.outgoing.map((o) => `${o.method} ${o.to.address}`)).toEqual([`REQUEST ${F}`]);
    expect(partstatIn(a.get(UID), F)).toBe('ACCEPTED');
    const atF = deliver(approved.outgoing[0], f);
    expect(atF.kind).toBe('update');
    expect(atF.outcome).toBe('applied');
    expect(partstatIn(f.get(UID), F)).toBe('ACCEPTED');
  });

  it('§4.2.9 A cancels the group event', () => {
    const setup = groupSetup();
    const { b, c } = setup;
    answer(setup, b);
    const cancel = ics(
      'CANCEL',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260303T100000Z',
        'SEQUENCE:1',
        `ORGANIZER:mailto:${A}`,
        ...groupPeople.slice(1),
        'COMMENT:Mr. B cannot attend',
        'STATUS:CANCELLED',
      ),
    );
    for (const cal of [b, c]) {
      const r = cal.process(cancel, A);
      expect(r.kind).toBe('cancel');
      expect(r.outcome).toBe('applied');
      expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
    }
  });

  it('§4.2.10 removing an attendee: C gets a CANCEL, B gets the update without C', () => {
    const setup = groupSetup();
    const { b, c } = setup;
    answer(setup, b);
    answer(setup, c);
    const toC = ics(
      'CANCEL',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260303T100000Z',
        'SEQUENCE:1',
        `ORGANIZER:mailto:${A}`,
        `ATTENDEE:mailto:${C}`,
        'COMMENT:You are no longer needed',
      ),
    );
    expect(c.process(toC, A).outcome).toBe('applied');
    expect(instanceOf(c.get(UID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
    const update = b.process(
      ics(
        'REQUEST',
        groupEvent({ seq: 1, stamp: '20260303T100000Z', people: groupPeople.filter((l) => !l.includes(C)) }),
      ),
      A,
    );
    expect(update.outcome).toBe('applied');
    expect(attendeesOf(instanceOf(b.get(UID)))).not.toContain(C);
  });

  it('§4.2.11 replacing the organizer: the new organizer is never accepted silently', () => {
    const setup = groupSetup();
    const { d } = setup;
    answer(setup, d);
    const fromB = ics(
      'REQUEST',
      groupEvent({
        seq: 1,
        stamp: '20260304T100000Z',
        people: [
          `ORGANIZER:mailto:${B}`,
          `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:${B}`,
          `ATTENDEE;RSVP=TRUE:mailto:${D}`,
        ],
      }),
    );
    const r = d.process(fromB, B);
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say).join(' ')).toContain(`The organizer changed from ${A} to ${B}`);
    const applied = d.decide(r, 'apply');
    expect(applied.outcome).toBe('applied');
    expect(String(instanceOf(d.get(UID))?.getFirstPropertyValue('organizer'))).toBe(`mailto:${B}`);
  });
});

describe('§4.3 busy time', () => {
  it('§4.3.1-4.3.2 A asks B for busy time; B answers; A takes no action on the reply', () => {
    const b = person(B, 'known');
    b.contacts.add(A);
    b.busy = [{ startMs: Date.parse('2026-03-10T15:00:00Z'), endMs: Date.parse('2026-03-10T16:00:00Z'), type: 'BUSY' }];
    const req = ics(
      'REQUEST',
      [
        'BEGIN:VFREEBUSY',
        'UID:fb-4.3@example.com',
        'DTSTAMP:20260301T120000Z',
        `ORGANIZER:mailto:${A}`,
        `ATTENDEE;ROLE=CHAIR:mailto:${B}`,
        'DTSTART:20260309T000000Z',
        'DTEND:20260316T000000Z',
        'END:VFREEBUSY',
      ].join('\r\n'),
    );
    const r = b.process(req, A);
    expect(r.outgoing).toHaveLength(1);
    const atA = deliver(r.outgoing[0], person(A));
    expect(atA.kind).toBe('freebusy');
    expect(atA.outcome).toBe('ignored');
    expect(r.outgoing[0]?.ics).toContain('FREEBUSY;FBTYPE=BUSY:20260310T150000Z/20260310T160000Z');
  });
});

describe('§4.4 recurring events and time zones', () => {
  const RUID = 'guid-1.example.com';
  /** An inline definition of US Eastern time the way the RFC examples carry one. */
  const eastern = [
    'BEGIN:VTIMEZONE',
    'TZID:America/New_York',
    'BEGIN:STANDARD',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'TZNAME:EST',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'TZNAME:EDT',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ].join('\r\n');
  const rPeople = [
    `ORGANIZER:mailto:${A}`,
    `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:${A}`,
    `ATTENDEE;RSVP=TRUE:mailto:${B}`,
    `ATTENDEE;RSVP=TRUE:mailto:${C}`,
  ];
  const series = (seq = 0, stamp = '20260301T120000Z'): string =>
    vevent(
      `UID:${RUID}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      'DTSTART;TZID=America/New_York:20260302T120000',
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;COUNT=10',
      'SUMMARY:Review Accounts',
      ...rPeople,
    );
  const inst = (method: string, rid: string, lines: string[], seq = 1): string =>
    ics(
      method,
      eastern,
      vevent(
        `UID:${RUID}`,
        'DTSTAMP:20260305T120000Z',
        `SEQUENCE:${seq}`,
        `RECURRENCE-ID;TZID=America/New_York:${rid}`,
        ...rPeople,
        ...lines,
      ),
    );

  function accepted(): { a: Calendar; b: Calendar } {
    const a = person(A);
    a.process(ics('REQUEST', eastern, series()), A);
    const b = person(B);
    const answer = accept(b, ics('REQUEST', eastern, series()), A);
    deliver(answer.outgoing[0], a);
    return { a, b };
  }

  it("§4.4.1 a recurring event in a named zone: the REPLY carries that zone's definition", () => {
    const b = person(B);
    const answer = accept(b, ics('REQUEST', eastern, series()), A);
    const zones = answer.outgoing[0]?.ics.match(/TZID:America\/New_York/g) ?? [];
    expect(zones).toHaveLength(1);
    expect(answer.outgoing[0]?.ics).toContain('DTSTART:20070311T020000');
    expect(partstatIn(b.get(RUID), B)).toBe('ACCEPTED');
  });

  it('§4.4.2 one instance moved: B is asked about that instance; the rest stays', () => {
    const { b } = accepted();
    const r = b.process(
      inst('REQUEST', '20260316T120000', [
        'DTSTART;TZID=America/New_York:20260316T150000',
        'DURATION:PT1H',
        'SUMMARY:Review Accounts',
      ]),
      A,
    );
    expect(r.kind).toBe('reschedule');
    expect(r.recurrenceId).toBe('2026-03-16T12:00:00-04:00');
    expect(instanceOf(b.get(RUID), '2026-03-16T16:00:00Z')?.getFirstPropertyValue('dtstart')?.toString()).toBe(
      '2026-03-16T15:00:00',
    );
    expect(partstatIn(b.get(RUID), B)).toBe('ACCEPTED');
  });

  it('§4.4.3 one instance cancelled: only that instance', () => {
    const { b } = accepted();
    const r = b.process(inst('CANCEL', '20260316T120000', ['STATUS:CANCELLED']), A);
    expect(r.outcome).toBe('applied');
    expect(instanceOf(b.get(RUID), '2026-03-16T16:00:00Z')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(instanceOf(b.get(RUID))?.hasProperty('status')).toBe(false);
  });

  it('§4.4.4 the whole recurring event cancelled', () => {
    const { b } = accepted();
    const r = b.process(
      ics('CANCEL', vevent(`UID:${RUID}`, 'DTSTAMP:20260305T120000Z', 'SEQUENCE:1', ...rPeople, 'STATUS:CANCELLED')),
      A,
    );
    expect(r.outcome).toBe('applied');
    expect(instanceOf(b.get(RUID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('§4.4.5 all future instances changed (RANGE=THISANDFUTURE): stored as a range override', () => {
    const { b } = accepted();
    const r = b.process(
      ics(
        'REQUEST',
        eastern,
        vevent(
          `UID:${RUID}`,
          'DTSTAMP:20260305T120000Z',
          'SEQUENCE:1',
          'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260323T120000',
          'DTSTART;TZID=America/New_York:20260323T120000',
          'DURATION:PT1H',
          'SUMMARY:Review Accounts',
          'LOCATION:Conference room B',
          ...rPeople,
        ),
      ),
      A,
    );
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    const o = instanceOf(b.get(RUID), '2026-03-23T16:00:00Z');
    expect(o?.getFirstProperty('recurrence-id')?.getParameter('range')).toBe('THISANDFUTURE');
    expect(o?.getFirstPropertyValue('location')).toBe('Conference room B');
  });

  it('§4.4.6 a new instance added (ADD)', () => {
    const { b } = accepted();
    const r = b.process(
      ics(
        'ADD',
        eastern,
        vevent(
          `UID:${RUID}`,
          'DTSTAMP:20260305T120000Z',
          'SEQUENCE:1',
          'DTSTART;TZID=America/New_York:20260305T120000',
          'DURATION:PT1H',
          'SUMMARY:Review Accounts (extra)',
          ...rPeople,
        ),
      ),
      A,
    );
    expect(r.kind).toBe('add');
    expect(r.outcome).toBe('applied');
    expect(instanceOf(b.get(RUID), '2026-03-05T17:00:00Z')?.getFirstPropertyValue('summary')).toBe(
      'Review Accounts (extra)',
    );
  });

  it('§4.4.7 a new series of instances (ADD with RRULE): the organizer is asked for the whole event', () => {
    const { b } = accepted();
    const r = b.process(
      ics(
        'ADD',
        eastern,
        vevent(
          `UID:${RUID}`,
          'DTSTAMP:20260305T120000Z',
          'SEQUENCE:1',
          'DTSTART;TZID=America/New_York:20260601T120000',
          'DURATION:PT1H',
          'RRULE:FREQ=MONTHLY;COUNT=3',
          'SUMMARY:Review Accounts',
          ...rPeople,
        ),
      ),
      A,
    );
    expect(r.outgoing.map((o) => `${o.method} ${o.to.address}`)).toEqual([`REFRESH ${A}`]);
    expect(r.store).toBeNull();
  });

  it('§4.4.8 B counters one instance; A accepts and only that instance moves', () => {
    const { a } = accepted();
    const counter = inst(
      'COUNTER',
      '20260316T120000',
      ['DTSTART;TZID=America/New_York:20260316T140000', 'DURATION:PT1H', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${B}`],
      0,
    ).replace(`ATTENDEE;RSVP=TRUE:mailto:${B}\r\n`, '');
    const r = a.process(counter, B);
    expect(r.kind).toBe('counter');
    const done = a.decide(r, 'accept-counter');
    expect(instanceOf(a.get(RUID), '2026-03-16T16:00:00Z')?.getFirstPropertyValue('dtstart')?.toString()).toBe(
      '2026-03-16T14:00:00',
    );
    expect(instanceOf(a.get(RUID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-02T12:00:00');
    expect(done.outgoing.map((o) => o.to.address).sort()).toEqual([B, C]);
  });

  it('§4.4.9 an error reply: its REQUEST-STATUS is recorded as SCHEDULE-STATUS', () => {
    const { a } = accepted();
    const r = a.process(
      ics(
        'REPLY',
        vevent(
          `UID:${RUID}`,
          'DTSTAMP:20260305T120000Z',
          'SEQUENCE:0',
          `ORGANIZER:mailto:${A}`,
          `ATTENDEE;PARTSTAT=DECLINED:mailto:${C}`,
          'REQUEST-STATUS:3.1;Invalid property value;DTSTART:96-Apr-01',
        ),
      ),
      C,
    );
    expect(r.outcome).toBe('applied');
    expect(attendeeIn(instanceOf(a.get(RUID)), C)?.getParameter('schedule-status')).toBe('3.1');
  });
});

describe('§4.5 group to-dos', () => {
  it('are out of scope: unsupported', () => {
    const r = person(B).process(
      ics(
        'REQUEST',
        [
          'BEGIN:VTODO',
          'UID:calsrv.example.com-873970198738777-00@example.com',
          'DTSTAMP:20260301T120000Z',
          'DUE:20260315T230000Z',
          'SUMMARY:Income Tax Preparation',
          `ORGANIZER:mailto:${A}`,
          `ATTENDEE;RSVP=TRUE:mailto:${B}`,
          'END:VTODO',
        ].join('\r\n'),
      ),
      A,
    );
    expect(r.kind).toBe('unsupported');
    expect(r.outcome).toBe('ignored');
    expect(r.store).toBeNull();
  });
});

describe('§4.7 other examples', () => {
  it('§4.7.1 event refresh: B asks, A sends the current event back to B only', () => {
    const { a } = groupSetup();
    const r = a.process(
      ics('REFRESH', vevent(`UID:${UID}`, 'DTSTAMP:20260305T120000Z', `ORGANIZER:mailto:${A}`, `ATTENDEE:mailto:${B}`)),
      B,
    );
    expect(r.kind).toBe('refresh');
    expect(r.outgoing.map((o) => `${o.method} ${o.to.address}`)).toEqual([`REQUEST ${B}`]);
    const fresh = person(B);
    expect(deliver(r.outgoing[0], fresh).kind).toBe('invitation');
  });

  it('§4.7.2 a bad RECURRENCE-ID in a reply changes nothing', () => {
    const { a } = groupSetup();
    const r = a.process(
      ics(
        'REPLY',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260305T120000Z',
          'SEQUENCE:0',
          'RECURRENCE-ID:20260313T210000Z',
          `ORGANIZER:mailto:${A}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${B}`,
        ),
      ),
      B,
    );
    expect(r.outcome).toBe('ignored');
    expect(partstatIn(a.get(UID), B)).toBe('NEEDS-ACTION');
  });
});
