/**
 * REQUEST received as attendee (RFC 5546 §3.2.2): new invitations under each policy, answering them (§3.2.3 REPLY),
 * updates that keep my answer and alarms, reschedules of an accepted event, minor updates and duplicates.
 */
import { describe, expect, it } from 'vitest';
import {
  Calendar,
  NOW,
  attendeeIn,
  attendeesOf,
  canonical,
  ics,
  instanceOf,
  outgoingCalendar,
  outgoingEvents,
  partstatIn,
  stampOf,
  vevent,
  say,
} from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'req-1@example.org';

function event(
  o: {
    seq?: number;
    stamp?: string;
    start?: string;
    end?: string;
    summary?: string;
    mine?: string;
    extra?: string[];
    me?: string;
  } = {},
): string[] {
  return [
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    `DTSTART:${o.start ?? '20260310T100000Z'}`,
    `DTEND:${o.end ?? '20260310T110000Z'}`,
    `SUMMARY:${o.summary ?? 'Planning'}`,
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;CN=Olga;PARTSTAT=ACCEPTED:mailto:${ORG}`,
    `ATTENDEE;CN=Me;ROLE=REQ-PARTICIPANT;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE:mailto:${o.me ?? ME}`,
    'ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
    ...(o.extra ?? []),
  ];
}
const request = (o: Parameters<typeof event>[0] = {}): string => ics('REQUEST', vevent(...event(o)));

/** A calendar that already holds the invitation, answered as `mine`. */
function stored(
  mine: string,
  o: Parameters<typeof event>[0] = {},
  policy: 'always' | 'known' | 'never' = 'known',
): Calendar {
  const cal = new Calendar([ME], policy);
  cal.put(ics(null, vevent(...event({ ...o, mine }))));
  return cal;
}

describe('new invitation and policy', () => {
  it('always: stored as NEEDS-ACTION and waiting for my answer', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(request(), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.outgoing).toHaveLength(0);
    expect(r.pending?.choices).toEqual(['accept', 'tentative', 'decline', 'ignore']);
    expect(r.pending?.identity).toBe(ME);
    expect(canonical(cal.text(UID))).toBe(canonical(ics(null, vevent(...event()))));
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    expect(say(r.reason)).toMatch(/Olga invites you to "Planning"/);
  });

  it('known, sender unknown: waits for me and is not stored', () => {
    const cal = new Calendar([ME], 'known');
    const r = cal.process(request(), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(cal.get(UID)).toBeNull();
    expect(say(r.reason)).toContain('not in your calendar or contacts');
  });

  it('known, sender in contacts: stored as NEEDS-ACTION and waiting', () => {
    const cal = new Calendar([ME], 'known');
    cal.contacts.add(ORG);
    const r = cal.process(request(), ORG);
    expect(r.outcome).toBe('pending');
    expect(r.store?.type).toBe('put');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
  });

  it('never: waits for me, nothing stored', () => {
    const cal = new Calendar([ME], 'never');
    cal.contacts.add(ORG);
    const r = cal.process(request(), ORG);
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(say(r.reason)).toContain('"never"');
  });

  it('ignore on a provisional invitation removes it and sends nothing', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(request(), ORG);
    const d = cal.decide(r, 'ignore');
    expect(d.outcome).toBe('ignored');
    expect(d.store).toEqual({ type: 'delete', uid: UID });
    expect(d.outgoing).toHaveLength(0);
    expect(cal.get(UID)).toBeNull();
  });

  it('a choice that is not offered is an error, not an action', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(request(), ORG);
    const d = cal.decide(r, 'accept-counter');
    expect(d.outcome).toBe('error');
    expect(d.store).toBeNull();
    expect(say(d.reason)).toContain('accept, tentative, decline, ignore');
  });
});

describe('answering an invitation', () => {
  for (const [choice, partstat] of [
    ['accept', 'ACCEPTED'],
    ['tentative', 'TENTATIVE'],
    ['decline', 'DECLINED'],
  ] as const) {
    it(`${choice}: exactly one REPLY with one ATTENDEE (mine) as ${partstat}`, () => {
      const cal = new Calendar([ME], 'known');
      const d = cal.decide(cal.process(request({ seq: 2 }), ORG), choice);
      expect(d.outcome).toBe('applied');
      expect(d.outgoing).toHaveLength(1);
      const out = d.outgoing[0];
      expect(out?.method).toBe('REPLY');
      expect(out?.to.address).toBe(ORG);
      expect(out?.from.address).toBe(ME);
      expect(outgoingCalendar(out).getFirstPropertyValue('method')).toBe('REPLY');
      const [ev, ...rest] = outgoingEvents(out);
      expect(rest).toHaveLength(0);
      expect(attendeesOf(ev ?? null)).toEqual([ME]);
      const att = attendeeIn(ev ?? null, ME);
      expect(att?.getParameter('partstat')).toBe(partstat);
      expect(att?.getParameter('rsvp')).toBeUndefined();
      expect(ev?.getFirstPropertyValue('uid')).toBe(UID);
      expect(ev?.getFirstPropertyValue('sequence')).toBe(2);
      expect(ev?.hasProperty('recurrence-id')).toBe(false);
      expect(String(ev?.getFirstPropertyValue('organizer'))).toBe(`mailto:${ORG}`);
      expect(String(ev?.getFirstProperty('dtstamp')?.toICALString())).toBe(`DTSTAMP:${stampOf(NOW)}`);
      expect(ev?.hasProperty('comment')).toBe(false);
      expect(partstatIn(cal.get(UID), ME)).toBe(partstat);
      expect(partstatIn(cal.get(UID), 'bob@example.net')).toBe('NEEDS-ACTION');
      expect(say(d.reason).length).toBeGreaterThan(10);
    });
  }

  it('COMMENT is carried when given', () => {
    const cal = new Calendar([ME], 'known');
    const d = cal.decide(cal.process(request(), ORG), 'decline', 'Sorry, travelling');
    const ev = outgoingEvents(d.outgoing[0])[0];
    expect(ev?.getFirstPropertyValue('comment')).toBe('Sorry, travelling');
  });

  it('never bumps SEQUENCE, in the REPLY or the stored copy (tutao/tutanota#2807)', () => {
    const cal = new Calendar([ME], 'always');
    const d = cal.decide(cal.process(request({ seq: 5 }), ORG), 'accept');
    expect(outgoingEvents(d.outgoing[0])[0]?.getFirstPropertyValue('sequence')).toBe(5);
    expect(d.outgoing[0]?.sequence).toBe(5);
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('sequence')).toBe(5);
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-01T10:00:00Z');
  });

  it('the REPLY carries a VTIMEZONE for every TZID it uses', () => {
    const cal = new Calendar([ME], 'known');
    const text = request({ start: '20260310T100000', end: '20260310T110000' })
      .replace('DTSTART:20260310T100000', 'DTSTART;TZID=Europe/Berlin:20260310T100000')
      .replace('DTEND:20260310T110000', 'DTEND;TZID=America/New_York:20260310T110000');
    const d = cal.decide(cal.process(text, ORG), 'accept');
    const zones = outgoingCalendar(d.outgoing[0])
      .getAllSubcomponents('vtimezone')
      .map((z) => z.getFirstPropertyValue('tzid'))
      .sort();
    expect(zones).toEqual(['America/New_York', 'Europe/Berlin']);
  });

  it('a UTC-only REPLY carries no VTIMEZONE', () => {
    const cal = new Calendar([ME], 'known');
    const d = cal.decide(cal.process(request(), ORG), 'accept');
    expect(outgoingCalendar(d.outgoing[0]).getAllSubcomponents('vtimezone')).toHaveLength(0);
  });

  it('answers from the invited alias among several of my addresses (nextcloud/server#40891)', () => {
    const cal = new Calendar(['me@example.com', 'me.alias@example.com', 'boss@example.com'], 'known');
    const r = cal.process(request({ me: 'me.alias@example.com' }), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.pending?.identity).toBe('me.alias@example.com');
    const d = cal.decide(r, 'accept');
    expect(d.outgoing).toHaveLength(1);
    expect(d.outgoing[0]?.from.address).toBe('me.alias@example.com');
    expect(attendeesOf(outgoingEvents(d.outgoing[0])[0] ?? null)).toEqual(['me.alias@example.com']);
    expect(partstatIn(cal.get(UID), 'me.alias@example.com')).toBe('ACCEPTED');
  });

  it('two of my addresses invited: the REPLY still has exactly one ATTENDEE (djcb/mu#1403)', () => {
    const cal = new Calendar(['me@example.com', 'me.alias@example.com'], 'known');
    const text = ics('REQUEST', vevent(...event(), 'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me.alias@example.com'));
    const d = cal.decide(cal.process(text, ORG), 'tentative');
    const evs = outgoingEvents(d.outgoing[0]);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.getAllProperties('attendee')).toHaveLength(1);
  });

  it('respondToEvent on a stored invitation builds the same single-attendee REPLY', () => {
    const cal = stored('NEEDS-ACTION');
    const r = cal.respond(UID, 'TENTATIVE', null, 'Maybe');
    expect(r.outcome).toBe('applied');
    expect(r.kind).toBe('reply');
    expect(r.outgoing).toHaveLength(1);
    const ev = outgoingEvents(r.outgoing[0])[0] ?? null;
    expect(attendeesOf(ev)).toEqual([ME]);
    expect(attendeeIn(ev, ME)?.getParameter('partstat')).toBe('TENTATIVE');
    expect(ev?.getFirstPropertyValue('comment')).toBe('Maybe');
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  });

  it('respondToEvent on an event I organize is refused', () => {
    const cal = new Calendar([ORG], 'known');
    cal.put(ics(null, vevent(...event())));
    const r = cal.respond(UID, 'ACCEPTED');
    expect(r.outcome).toBe('error');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toMatch(/You organize this event/);
  });
});

describe('updates to an answered invitation', () => {
  it('a SEQUENCE bump that does not move the event keeps my PARTSTAT and my VALARMs', () => {
    const cal = stored('ACCEPTED', {
      extra: ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Soon', 'TRIGGER:-PT15M', 'END:VALARM'],
    });
    const r = cal.process(request({ seq: 1, stamp: '20260302T100000Z', extra: ['LOCATION:Room 4'] }), ORG);
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    const ev = instanceOf(cal.get(UID));
    expect(ev?.getFirstPropertyValue('location')).toBe('Room 4');
    expect(ev?.getFirstPropertyValue('sequence')).toBe(1);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(attendeeIn(ev, ME)?.getParameter('rsvp')).toBeUndefined();
    const alarms = ev?.getAllSubcomponents('valarm') ?? [];
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M');
  });

  it('a minor update (same SEQUENCE, newer DTSTAMP) is applied and keeps my answer', () => {
    const cal = stored('TENTATIVE');
    const r = cal.process(request({ stamp: '20260301T110000Z', extra: ['DESCRIPTION:Agenda attached'] }), ORG);
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('description')).toBe('Agenda attached');
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  });

  it('the organizer may still update an unanswered invitation; it stays unanswered and is asked about anew', () => {
    const cal = stored('NEEDS-ACTION');
    const r = cal.process(
      request({ seq: 1, stamp: '20260302T100000Z', start: '20260310T120000Z', end: '20260310T130000Z' }),
      ORG,
    );
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T12:00:00Z');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
  });

  it("a pending decision's views are plain data however late they are read (JSON, structured clone)", () => {
    const cal = stored('ACCEPTED');
    const r = cal.process(
      request({ seq: 1, stamp: '20260302T100000Z', start: '20260311T100000Z', end: '20260311T110000Z' }),
      ORG,
    );
    // Read only after the calendar moved on: the views still describe the event as it was when asked.
    cal.decide(r, 'accept');
    for (const copy of [structuredClone(r.pending), JSON.parse(JSON.stringify(r.pending)) as typeof r.pending]) {
      expect(copy?.current?.start).toBe('2026-03-10T10:00:00Z');
      expect(copy?.proposed?.start).toBe('2026-03-11T10:00:00Z');
      expect(copy?.proposed?.summary).toBe('Planning');
      expect(Object.getPrototypeOf(copy?.proposed)).toBe(Object.prototype);
    }
    expect({ ...r.pending }.current?.end).toBe('2026-03-10T11:00:00Z');
  });

  it('each pending decision keeps its own views, and a view set on it replaces the one it would make', () => {
    const move = (start: string, end: string): string => request({ seq: 1, stamp: '20260302T100000Z', start, end });
    const a = stored('ACCEPTED').process(move('20260311T100000Z', '20260311T110000Z'), ORG).pending;
    const b = stored('ACCEPTED').process(move('20260312T100000Z', '20260312T110000Z'), ORG).pending;
    expect(b?.proposed?.start).toBe('2026-03-12T10:00:00Z');
    expect(a?.proposed?.start).toBe('2026-03-11T10:00:00Z');
    expect(a?.proposed).toBe(a?.proposed);
    const keys = Object.keys(JSON.parse(JSON.stringify(a)) as object);
    expect(keys).toEqual(Object.keys(a ?? {}));
    expect(keys.indexOf('proposed')).toBe(keys.indexOf('identity') + 1);
    expect(keys.indexOf('current')).toBe(keys.indexOf('proposed') + 1);
    expect(keys.indexOf('message')).toBe(keys.indexOf('current') + 1);
    const mutable = b as { current: unknown } | null;
    if (mutable) mutable.current = null;
    expect(b?.current).toBeNull();
    expect(structuredClone(b)?.current).toBeNull();
    expect(a?.current?.start).toBe('2026-03-10T10:00:00Z');
  });

  it('a reschedule of an accepted event asks me again and applies the new time (policy allows)', () => {
    const cal = stored('ACCEPTED');
    const r = cal.process(
      request({ seq: 1, stamp: '20260302T100000Z', start: '20260311T100000Z', end: '20260311T110000Z' }),
      ORG,
    );
    expect(r.kind).toBe('reschedule');
    expect(r.outcome).toBe('pending');
    expect(r.pending?.choices).toEqual(['accept', 'tentative', 'decline', 'ignore']);
    expect(r.pending?.current?.start).toBe('2026-03-10T10:00:00Z');
    expect(r.pending?.proposed?.start).toBe('2026-03-11T10:00:00Z');
    expect(say(r.reason)).toBe(
      '"Planning", which you had accepted, was moved from 2026-03-10T10:00:00Z to 2026-03-11T10:00:00Z: confirm or change your answer. The new time is in your calendar, waiting for your answer.',
    );
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-11T10:00:00Z');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    const d = cal.decide(r, 'accept');
    expect(d.outgoing).toHaveLength(1);
    expect(outgoingEvents(d.outgoing[0])[0]?.getFirstPropertyValue('sequence')).toBe(1);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('a reschedule under policy never changes nothing until I decide', () => {
    const cal = stored('ACCEPTED', {}, 'never');
    const r = cal.process(
      request({ seq: 1, stamp: '20260302T100000Z', start: '20260311T100000Z', end: '20260311T110000Z' }),
      ORG,
    );
    expect(r.kind).toBe('reschedule');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(say(r.reason)).toMatch(/confirm or change your answer\. Not applied automatically: Your policy is "never"/);
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T10:00:00Z');
  });

  it('a longer meeting (same start, later end) is a reschedule too', () => {
    const cal = stored('ACCEPTED');
    const r = cal.process(request({ seq: 1, stamp: '20260302T100000Z', end: '20260310T120000Z' }), ORG);
    expect(r.kind).toBe('reschedule');
  });

  it('a deciding person answers the newest version, even when the pending message is older', () => {
    const cal = new Calendar([ME], 'always');
    const first = cal.process(request(), ORG);
    const upd = cal.process(request({ seq: 1, stamp: '20260302T100000Z', summary: 'Planning (v2)' }), ORG);
    // The newer version asks again (and replaces the open question); the first one, if decided, answers it too.
    expect(upd.kind).toBe('invitation');
    const d = cal.decide(first, 'accept');
    expect(d.outgoing).toHaveLength(1);
    const ev = outgoingEvents(d.outgoing[0])[0];
    expect(ev?.getFirstPropertyValue('sequence')).toBe(1);
    expect(ev?.getFirstPropertyValue('summary')).toBe('Planning (v2)');
  });
});

describe('outdated and duplicate REQUESTs change nothing', () => {
  const cases: [string, { seq: number; stamp: string }][] = [
    ['the same message again', { seq: 0, stamp: '20260301T100000Z' }],
    ['a lower SEQUENCE with a newer DTSTAMP', { seq: 0, stamp: '20260305T100000Z' }],
    ['the same SEQUENCE with an older DTSTAMP', { seq: 1, stamp: '20260301T090000Z' }],
  ];
  for (const [name, v] of cases) {
    it(name, () => {
      const cal = stored('ACCEPTED', name === 'the same message again' ? {} : { seq: 1, stamp: '20260301T100000Z' });
      const before = cal.text(UID);
      const r = cal.process(request({ ...v, summary: 'Changed' }), ORG);
      expect(r.kind).toBe('outdated');
      expect(r.outcome).toBe('ignored');
      expect(r.store).toBeNull();
      expect(r.outgoing).toHaveLength(0);
      expect(r.pending).toBeNull();
      expect(say(r.reason)).toMatch(/already has this version/);
      expect(cal.text(UID)).toBe(before);
    });
  }
});

describe('invitations not addressed to me, or from me', () => {
  it('forwarded to me (not an attendee): waits for me even under always; accept adds me and replies', () => {
    const cal = new Calendar(['zoe@example.com'], 'always');
    const r = cal.process(request(), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(say(r.reason)).toMatch(/not on the attendee list/);
    const d = cal.decide(r, 'accept');
    expect(d.outcome).toBe('applied');
    expect(d.outgoing).toHaveLength(1);
    expect(d.outgoing[0]?.to.address).toBe(ORG);
    expect(attendeesOf(outgoingEvents(d.outgoing[0])[0] ?? null)).toEqual(['zoe@example.com']);
    expect(partstatIn(cal.get(UID), 'zoe@example.com')).toBe('ACCEPTED');
    expect(attendeesOf(instanceOf(cal.get(UID)))).toContain(ME);
  });

  it('my own invitation (found in Sent) is stored as the organizer copy without asking', () => {
    const cal = new Calendar([ORG], 'known');
    const r = cal.process(request(), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(canonical(cal.text(UID))).toBe(canonical(ics(null, vevent(...event()))));
  });

  it('my own invitation under policy never still waits for me', () => {
    const cal = new Calendar([ORG], 'never');
    const r = cal.process(request(), ORG);
    expect(r.outcome).toBe('pending');
    expect(r.pending?.choices).toEqual(['apply', 'ignore']);
    expect(r.store).toBeNull();
  });

  it('From is not the organizer: never applied, even under always; waits with a warning', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(request(), 'mallory@evil.example');
    expect(r.kind).toBe('invitation');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say).join(' ')).toContain('mallory@evil.example');
    expect(r.pending?.warnings.length).toBeGreaterThan(0);
  });
});

describe('my own REQUEST read back from Sent', () => {
  const stored = (partstat: string): string =>
    ics(
      null,
      'BEGIN:VEVENT',
      'UID:own-1',
      'DTSTAMP:20260201T000000Z',
      'SEQUENCE:0',
      'DTSTART:20260310T090000Z',
      'DTEND:20260310T100000Z',
      'SUMMARY:Mine',
      'ORGANIZER:mailto:me@example.com',
      `ATTENDEE;PARTSTAT=${partstat};X-RECEIVED-SEQUENCE=0;X-RECEIVED-DTSTAMP=1772272800000:mailto:carol@example.net`,
      'END:VEVENT',
    );
  const sent = (seq: number): string =>
    ics(
      'REQUEST',
      'BEGIN:VEVENT',
      'UID:own-1',
      'DTSTAMP:20260301T110000Z',
      `SEQUENCE:${seq}`,
      'DTSTART:20260310T090000Z',
      'DTEND:20260310T100000Z',
      'SUMMARY:Mine (copy)',
      'ORGANIZER:mailto:me@example.com',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:carol@example.net',
      'END:VEVENT',
    );

  it('keeps the answers the calendar recorded when the SEQUENCE is the same (a REFRESH answer, a minor edit)', () => {
    const cal = new Calendar();
    cal.put(stored('ACCEPTED'));
    const r = cal.process(sent(0), 'me@example.com');
    expect(r).toMatchObject({ kind: 'update', outcome: 'applied' });
    expect(cal.text('own-1').replace(/\r\n /g, '')).toMatch(/PARTSTAT=ACCEPTED[^\r\n]*carol@example\.net/);
    expect(cal.text('own-1')).toMatch(/SUMMARY:Mine \(copy\)/);
  });

  it('takes the message as it is when the SEQUENCE went up (a real change made elsewhere)', () => {
    const cal = new Calendar();
    cal.put(stored('ACCEPTED'));
    cal.process(sent(1), 'me@example.com');
    expect(cal.text('own-1').replace(/\r\n /g, '')).toMatch(/PARTSTAT=NEEDS-ACTION[^\r\n]*carol@example\.net/);
  });
});
