/**
 * What an attendee starts: COUNTER, delegation and REFRESH, each read back by the organizer's own engine.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { counterEvent, createEvent, delegateEvent, refreshEvent, type NewEvent } from '../../../shared/itip/index.js';
import { Calendar, attendeeIn, instanceOf, outgoingEvents, partstatIn, say } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';
const DAN = 'dan@example.org';

const EVENT: NewEvent = {
  uid: 'a-1',
  summary: 'Review',
  start: '2026-03-10T10:00',
  end: '2026-03-10T11:00',
  tz: 'Europe/Berlin',
  allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=3',
  attendees: [{ address: BOB }],
};

/** Olga organizes; Bob has her invitation in his calendar. */
function pair(): { olga: Calendar; bob: Calendar } {
  const olga = new Calendar([ORG], 'always');
  const created = olga.apply(createEvent(EVENT, olga.ctx()));
  const bob = new Calendar([BOB], 'always');
  bob.process(created.outgoing[0]?.ics ?? '', ORG);
  olga.now += 60_000;
  bob.now += 60_000;
  return { olga, bob };
}

describe('counter', () => {
  it('proposes a new time; the organizer sees a counter-proposal; my copy is unchanged', () => {
    const { olga, bob } = pair();
    const r = bob.apply(
      counterEvent(
        {
          uid: 'a-1',
          recurrenceId: null,
          start: '2026-03-10T14:00',
          end: '2026-03-10T15:00',
          tz: null,
          comment: 'Afternoon?',
          stored: bob.get('a-1'),
        },
        bob.ctx(),
      ),
    );
    expect(r).toMatchObject({ outcome: 'applied', method: 'COUNTER', store: null });
    expect(say(r.reason)).toBe('Proposed a new time for "Review" to its organizer.');
    const msg = r.outgoing[0];
    expect(msg).toMatchObject({ method: 'COUNTER', to: { address: ORG }, from: { address: BOB } });
    const [e] = outgoingEvents(msg);
    expect(e?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20260310T140000');
    expect(e?.getFirstPropertyValue('comment')).toBe('Afternoon?');
    const seen = olga.process(msg?.ics ?? '', BOB);
    expect(seen).toMatchObject({ kind: 'counter', outcome: 'pending' });
    expect(instanceOf(bob.get('a-1'))?.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
    );
  });

  it('to an organizer who turned counter-proposals off (X-MICROSOFT-DISALLOW-COUNTER), it goes with a warning', () => {
    const { bob } = pair();
    const stored = bob.get('a-1');
    stored?.getFirstSubcomponent('vevent')?.addPropertyWithValue('x-microsoft-disallow-counter', 'TRUE');
    const args = {
      uid: 'a-1',
      recurrenceId: null,
      start: '2026-03-10T14:00',
      end: '2026-03-10T15:00',
      tz: null,
      comment: null,
      stored,
    };
    const r = counterEvent(args, bob.ctx());
    expect(r.outgoing).toHaveLength(1);
    expect(r.warnings.map((w) => w.key)).toEqual(['warning.counterDisallowed']);
    expect(counterEvent({ ...args, stored: pair().bob.get('a-1') }, bob.ctx()).warnings).toEqual([]);
  });

  it('refuses my own event and an unknown one', () => {
    const { olga } = pair();
    expect(
      counterEvent(
        {
          uid: 'a-1',
          recurrenceId: null,
          start: '2026-03-10T14:00',
          end: '2026-03-10T15:00',
          tz: null,
          comment: null,
          stored: olga.get('a-1'),
        },
        olga.ctx(),
      ),
    ).toMatchObject({ outcome: 'error', errorCode: 'ITIP_I_ORGANIZE' });
    expect(
      counterEvent(
        {
          uid: 'x',
          recurrenceId: null,
          start: '2026-03-10T14:00',
          end: '2026-03-10T15:00',
          tz: null,
          comment: null,
          stored: null,
        },
        olga.ctx(),
      ),
    ).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_EVENT' });
  });
});

describe('delegate', () => {
  it('REPLY DELEGATED to the organizer, REQUEST with DELEGATED-FROM to the delegate; the organizer records both', () => {
    const { olga, bob } = pair();
    const r = bob.apply(
      delegateEvent({ uid: 'a-1', recurrenceId: null, to: DAN, comment: null, stored: bob.get('a-1') }, bob.ctx()),
    );
    expect(r.outgoing.map((o) => [o.method, o.to.address])).toEqual([
      ['REPLY', ORG],
      ['REQUEST', DAN],
    ]);
    const [reply] = outgoingEvents(r.outgoing[0]);
    const mine = attendeeIn(reply ?? null, BOB);
    expect(mine?.getParameter('partstat')).toBe('DELEGATED');
    expect(String(mine?.getParameter('delegated-to'))).toMatch(/mailto:dan@example.org/i);
    const [req] = outgoingEvents(r.outgoing[1]);
    expect(String(attendeeIn(req ?? null, DAN)?.getParameter('delegated-from'))).toMatch(/mailto:bob@example.com/i);
    expect(partstatIn(bob.get('a-1'), BOB)).toBe('DELEGATED');
    olga.process(r.outgoing[0]?.ics ?? '', BOB);
    expect(partstatIn(olga.get('a-1'), BOB)).toBe('DELEGATED');
    // The delegate's own engine reads the REQUEST as an invitation for them.
    const dan = new Calendar([DAN], 'always');
    dan.now = bob.now;
    expect(dan.process(r.outgoing[1]?.ics ?? '', BOB).kind).toBe('invitation');
  });
});

describe('refresh', () => {
  it('asks the organizer, who answers with the current version', () => {
    const { olga, bob } = pair();
    const r = bob.apply(refreshEvent({ uid: 'a-1', stored: bob.get('a-1') }, bob.ctx()));
    expect(r.outgoing.map((o) => [o.method, o.to.address])).toEqual([['REFRESH', ORG]]);
    const answer = olga.process(r.outgoing[0]?.ics ?? '', BOB);
    expect(answer.kind).toBe('refresh');
    expect(answer.outgoing[0]).toMatchObject({ method: 'REQUEST', to: { address: BOB } });
  });

  it('refuses an instance that does not exist when delegating one occurrence', () => {
    const { bob } = pair();
    const rid = ICAL.Time.fromString('2026-03-11T09:00:00Z', null as unknown as ICAL.Property);
    expect(
      delegateEvent({ uid: 'a-1', recurrenceId: rid, to: DAN, comment: null, stored: bob.get('a-1') }, bob.ctx()),
    ).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_INSTANCE' });
  });
});
