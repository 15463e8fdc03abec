/**
 * VFREEBUSY REQUEST (RFC 5546 §3.3.2, example §4.3): busy time goes only to known, verified senders; other
 * free/busy methods need no action.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, attendeesOf, ics, outgoingCalendar, say } from '../../helpers/itip.js';

const ME = 'me@example.com';
const ORG = 'olga@example.org';

function fbRequest(o: { to?: string; start?: string; end?: string; method?: string } = {}): string {
  return ics(
    o.method ?? 'REQUEST',
    [
      'BEGIN:VFREEBUSY',
      'UID:fb-1@example.org',
      'DTSTAMP:20260301T100000Z',
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE:mailto:${o.to ?? ME}`,
      `DTSTART:${o.start ?? '20260309T000000Z'}`,
      `DTEND:${o.end ?? '20260314T000000Z'}`,
      'END:VFREEBUSY',
    ].join('\r\n'),
  );
}

function myCal(): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.busy = [
    { startMs: Date.parse('2026-03-10T09:00:00Z'), endMs: Date.parse('2026-03-10T10:00:00Z'), type: 'BUSY' },
    { startMs: Date.parse('2026-03-11T13:00:00Z'), endMs: Date.parse('2026-03-11T15:30:00Z'), type: 'BUSY-TENTATIVE' },
    { startMs: Date.parse('2026-04-20T09:00:00Z'), endMs: Date.parse('2026-04-20T10:00:00Z'), type: 'BUSY' },
  ];
  return cal;
}

describe('free/busy requests', () => {
  it('from a known sender: one REPLY with my busy periods inside the asked range', () => {
    const cal = myCal();
    cal.contacts.add(ORG);
    const r = cal.process(fbRequest(), ORG);
    expect(r.kind).toBe('freebusy');
    expect(r.outcome).toBe('applied');
    expect(r.store).toBeNull();
    expect(r.outgoing).toHaveLength(1);
    const out = r.outgoing[0];
    expect(out?.method).toBe('REPLY');
    expect(out?.to.address).toBe(ORG);
    expect(out?.from.address).toBe(ME);
    const cal2 = outgoingCalendar(out);
    expect(cal2.getFirstPropertyValue('method')).toBe('REPLY');
    const fb = cal2.getFirstSubcomponent('vfreebusy');
    expect(fb?.getFirstPropertyValue('uid')).toBe('fb-1@example.org');
    expect(attendeesOf(fb ?? null)).toEqual([ME]);
    expect(String(fb?.getFirstPropertyValue('organizer'))).toBe(`mailto:${ORG}`);
    expect(fb?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-09T00:00:00Z');
    expect(fb?.getFirstPropertyValue('dtend')?.toString()).toBe('2026-03-14T00:00:00Z');
    const periods = (fb?.getAllProperties('freebusy') ?? []).map(
      (p) => `${String(p.getParameter('fbtype'))} ${p.toICALString().split(':').slice(1).join(':')}`,
    );
    expect(periods).toEqual([
      'BUSY 20260310T090000Z/20260310T100000Z',
      'BUSY-TENTATIVE 20260311T130000Z/20260311T153000Z',
    ]);
    expect(say(r.reason)).toBe(`Sent your busy times (2 periods) to ${ORG}.`);
  });

  it('from an unknown sender: nothing is sent', () => {
    const r = myCal().process(fbRequest(), ORG);
    expect(r.kind).toBe('freebusy');
    expect(r.outcome).toBe('ignored');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toMatch(/only shared with people in your calendar or contacts/);
  });

  it('known sender but the mail is not from them: waits, nothing sent', () => {
    const cal = myCal();
    cal.contacts.add(ORG);
    const r = cal.process(fbRequest(), 'eve@example.org');
    expect(r.outcome).toBe('pending');
    expect(r.outgoing).toHaveLength(0);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('not asking for my time: ignored', () => {
    const cal = myCal();
    cal.contacts.add(ORG);
    const r = cal.process(fbRequest({ to: 'someone@example.com' }), ORG);
    expect(r.outcome).toBe('ignored');
    expect(r.outgoing).toHaveLength(0);
  });

  it('a free/busy PUBLISH needs no action', () => {
    const cal = myCal();
    cal.contacts.add(ORG);
    for (const method of ['PUBLISH']) {
      const r = cal.process(fbRequest({ method }), ORG);
      expect(r.kind).toBe('freebusy');
      expect(r.outcome).toBe('ignored');
      expect(say(r.reason)).toBe(`A free/busy ${method} needs no action.`);
    }
  });

  it('a range of years is capped at about one year', () => {
    const cal = myCal();
    cal.contacts.add(ORG);
    const r = cal.process(fbRequest({ start: '20260101T000000Z', end: '20360101T000000Z' }), ORG);
    const fb = outgoingCalendar(r.outgoing[0]).getFirstSubcomponent('vfreebusy');
    expect(fb?.getFirstPropertyValue('dtend')?.toString()).toBe('2027-01-02T00:00:00Z');
  });
});

/** A VFREEBUSY REPLY to my request: ORGANIZER is me (who asked), ATTENDEE the one whose time it is. */
function fbReply(o: { from?: string; organizer?: string; periods?: string[] } = {}): string {
  return ics(
    'REPLY',
    [
      'BEGIN:VFREEBUSY',
      'UID:fb-mine-1@example.com',
      'DTSTAMP:20260301T110000Z',
      `ORGANIZER:mailto:${o.organizer ?? ME}`,
      `ATTENDEE;CN=Olga:mailto:${o.from ?? ORG}`,
      'DTSTART:20260309T000000Z',
      'DTEND:20260314T000000Z',
      ...(o.periods ?? ['FREEBUSY;FBTYPE=BUSY:20260310T090000Z/PT1H,20260311T130000Z/20260311T150000Z']),
      'END:VFREEBUSY',
    ].join('\r\n'),
  );
}

describe('free/busy replies to my request', () => {
  it('RFC 5546 §4.3.2: classified as free/busy, stores nothing and says whose time arrived, no warning', () => {
    const cal = myCal();
    const r = cal.process(fbReply(), ORG);
    expect(r.kind).toBe('freebusy');
    expect(r.outcome).toBe('ignored');
    expect(r.store).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(say(r.reason)).toBe(
      'olga@example.org sent their busy times (2 periods, 2026-03-09T00:00:00Z to 2026-03-14T00:00:00Z) in answer to your free/busy request; free/busy answers are not stored.',
    );
  });

  it('Outlook / Exchange: FREEBUSY lines per type, one period each', () => {
    const cal = myCal();
    const r = cal.process(
      fbReply({
        periods: [
          'FREEBUSY;FBTYPE=BUSY:20260310T090000Z/20260310T100000Z',
          'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260311T130000Z/20260311T140000Z',
          'FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260312T000000Z/20260313T000000Z',
        ],
      }),
      ORG,
    );
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/3 periods/);
  });

  it('sent by someone else than its attendee: the sender warning names the attendee, not me', () => {
    const cal = myCal();
    const r = cal.process(fbReply(), 'mallory@example.net');
    expect(r.kind).toBe('freebusy');
    expect(r.warnings.map(say).join(' ')).toContain('not from olga@example.org');
  });

  it('an answer to a request someone else sent: nothing stored, said so', () => {
    const cal = myCal();
    const r = cal.process(fbReply({ organizer: 'ann@example.org' }), ORG);
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toBe('A free/busy answer to a request you did not send; nothing was stored.');
  });
});
