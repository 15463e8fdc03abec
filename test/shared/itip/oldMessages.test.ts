/**
 * Messages received before the time frame stay actionable (a mailbox read after weeks away, a client that was
 * closed): never an automatic change, always a decision marked old with the choices the message would have had.
 * What changes nothing (outdated, not for me) is still ignored.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, NOW, ics, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'old-1@example.org';
const OLD = NOW - 40 * 86_400_000;

function ev(seq: number, summary: string, extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:2026010${seq + 1}T100000Z`,
    `SEQUENCE:${seq}`,
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    `SUMMARY:${summary}`,
    `ORGANIZER;CN=Olga:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.org',
    ...extra,
  );
}

describe('old messages', () => {
  it('Google invitation read weeks late: a decision with the answers, marked old, nothing stored', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('REQUEST', ev(0, 'Kick-off')), ORG, { receivedAt: OLD });
    expect(r.outcome).toBe('pending');
    expect(r.pending?.old).toBe(true);
    expect(r.pending?.choices).toEqual(['accept', 'tentative', 'decline', 'ignore']);
    expect(r.store).toBeNull();
    expect(say(r.reason)).toMatch(/outside the 4W time frame.*You can still answer it/);
    const d = cal.decide(r, 'accept');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(d.outgoing.map((o) => o.method)).toEqual(['REPLY']);
  });

  it('Outlook cancellation read late: apply removes the event, it was not removed before', () => {
    const cal = new Calendar([ME], 'always');
    cal.put(ics(null, ev(0, 'Review')));
    const cancel = ics('CANCEL', ev(1, 'Review', ['STATUS:CANCELLED']));
    const r = cal.process(cancel, ORG, { receivedAt: OLD });
    expect(r.outcome).toBe('pending');
    expect(r.pending?.old).toBe(true);
    expect(cal.get(UID)).not.toBeNull();
    cal.decide(r, 'apply');
    expect(cal.get(UID)?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status') ?? 'gone').not.toBe(
      'CONFIRMED',
    );
  });

  it('Thunderbird reply read late by the organizer: apply records it', () => {
    const cal = new Calendar([ORG], 'always');
    cal.put(ics(null, ev(0, 'Retro')));
    const reply = ics(
      'REPLY',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260102T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T100000Z',
        `ORGANIZER:mailto:${ORG}`,
        `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
      ),
    );
    const r = cal.process(reply, ME, { receivedAt: OLD });
    expect(r.outcome).toBe('pending');
    expect(r.pending?.old).toBe(true);
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    cal.decide(r, 'apply');
    expect(partstatIn(cal.get(UID), ME)).toBe('DECLINED');
  });

  it('an old message that is outdated anyway is still just ignored', () => {
    const cal = new Calendar([ME], 'always');
    cal.put(ics(null, ev(2, 'Review')));
    const r = cal.process(ics('REQUEST', ev(1, 'Review')), ORG, { receivedAt: OLD });
    expect(r.outcome).toBe('ignored');
    expect(r.pending).toBeNull();
  });
});
