/**
 * The auto-processing gates (docs/architecture.md and README: policy): always / known / never, sender verification (From vs
 * ORGANIZER or ATTENDEE, SENT-BY, DMARC), and the time frame. Whatever the policy, some things wait for a person.
 */
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../shared/model/decisions.js';
import { Calendar, NOW, ics, instanceOf, partstatIn, vevent, say } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'policy-1@example.org';

function ev(o: { seq?: number; stamp?: string; summary?: string; org?: string; mine?: string } = {}): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    `SUMMARY:${o.summary ?? 'Sync'}`,
    o.org ?? `ORGANIZER:mailto:${ORG}`,
    `ATTENDEE;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'}:mailto:${ME}`,
  );
}
const update = (): string =>
  ics('REQUEST', ev({ stamp: '20260302T100000Z', summary: 'Sync (agenda)', mine: 'NEEDS-ACTION' }));
const storedCal = (policy: Policy): Calendar => {
  const cal = new Calendar([ME], policy);
  cal.put(ics(null, ev({ mine: 'ACCEPTED' })));
  return cal;
};

describe('policy matrix', () => {
  const invitation: [Policy, boolean, 'put' | null][] = [
    ['always', false, 'put'],
    ['known', true, 'put'],
    ['known', false, null],
    ['never', true, null],
  ];
  for (const [policy, known, store] of invitation) {
    it(`new invitation, ${policy}, sender ${known ? 'known' : 'unknown'}: pending, ${store ? 'stored unanswered' : 'not stored'}`, () => {
      const cal = new Calendar([ME], policy);
      if (known) cal.contacts.add(ORG);
      const r = cal.process(ics('REQUEST', ev()), ORG);
      expect(r.kind).toBe('invitation');
      expect(r.outcome).toBe('pending');
      expect(r.store?.type ?? null).toBe(store);
      expect(r.outgoing).toHaveLength(0);
    });
  }

  for (const [policy, outcome] of [
    ['always', 'applied'],
    ['known', 'applied'],
    ['never', 'pending'],
  ] as const) {
    it(`update from the event's organizer under ${policy}: ${outcome}`, () => {
      const cal = storedCal(policy);
      const r = cal.process(update(), ORG);
      expect(r.kind).toBe('update');
      expect(r.outcome).toBe(outcome);
      expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('summary')).toBe(
        outcome === 'applied' ? 'Sync (agenda)' : 'Sync',
      );
      expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    });
  }

  it('ignoring a held-back update under never leaves the answered event in place', () => {
    const cal = storedCal('never');
    const d = cal.decide(cal.process(update(), ORG), 'ignore');
    expect(d.outcome).toBe('ignored');
    expect(d.store).toBeNull();
    expect(cal.get(UID)).not.toBeNull();
  });

  it('an update of an unanswered invitation asks again under policy never; ignoring it dismisses the invitation', () => {
    const cal = new Calendar([ME], 'never');
    cal.put(ics(null, ev()));
    const r = cal.process(update(), ORG);
    expect(r.kind).toBe('invitation');
    expect(r.store).toBeNull();
    const d = cal.decide(r, 'ignore');
    expect(d.store).toEqual({ type: 'delete', uid: UID });
  });
});

describe('sender verification', () => {
  it('From differs from ORGANIZER: never applied, even under always', () => {
    const cal = storedCal('always');
    const r = cal.process(update(), 'olga@example.org.evil.example');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say)).toEqual([`The mail comes from olga@example.org.evil.example, not from ${ORG}.`]);
    expect(r.pending?.warnings).toEqual(r.warnings);
    expect(say(r.reason)).toContain('Not applied automatically');
  });

  it('SENT-BY: the assistant may send for the organizer', () => {
    const cal = storedCal('known');
    const text = update().replace(
      `ORGANIZER:mailto:${ORG}`,
      `ORGANIZER;SENT-BY="mailto:assistant@example.org":mailto:${ORG}`,
    );
    const r = cal.process(text, 'assistant@example.org');
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
  });

  it('the Sender header naming the organizer also verifies', () => {
    const cal = storedCal('known');
    const r = cal.process(update(), 'list@example.org', { sender: { address: ORG } });
    expect(r.outcome).toBe('applied');
  });

  it('a From that differs only in case still verifies', () => {
    const cal = storedCal('known');
    expect(cal.process(update(), 'Olga@Example.ORG').outcome).toBe('applied');
  });

  it('no From at all: not applied', () => {
    const cal = storedCal('always');
    const r = cal.process(update(), null);
    expect(r.outcome).toBe('pending');
    expect(r.warnings.map(say).join(' ')).toMatch(/no From address/);
  });

  it('Authentication-Results with dmarc=fail: never applied, even from the organizer under always', () => {
    const cal = storedCal('always');
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'mx.example.com; spf=pass smtp.mailfrom=example.org; dkim=none; dmarc=fail (p=none) header.from=example.org',
      ],
    });
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map(say).join(' ')).toMatch(/failed DMARC/);
  });

  it('dmarc=pass is fine', () => {
    const cal = storedCal('always');
    const r = cal.process(update(), ORG, {
      authenticationResults: ['mx.example.com; dmarc=pass header.from=example.org'],
    });
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
  });

  it('an unverified invitation under always is not stored, so spam never lands in the calendar', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('REQUEST', ev()), ORG, {
      authenticationResults: ['mx.example.com; dmarc=fail header.from=example.org'],
    });
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(cal.get(UID)).toBeNull();
  });
});

describe('time frame', () => {
  it('a message older than the time frame is not applied but stays a decision marked old, naming the frame', () => {
    const cal = storedCal('always');
    const r = cal.process(update(), ORG, { receivedAt: NOW - 30 * 86_400_000 });
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.pending?.old).toBe(true);
    expect(r.pending?.choices).toEqual(['apply', 'ignore']);
    expect(say(r.reason)).toBe(
      'Received 4W 2D ago, outside the 4W time frame, so nothing was changed automatically. You can still apply it or ignore it.',
    );
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('summary')).toBe('Sync');
    cal.decide(r, 'apply');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('summary')).toBe('Sync (agenda)');
  });

  it('a custom frame (2D) is named as written', () => {
    const cal = storedCal('always');
    cal.timeframeMs = 2 * 86_400_000;
    const r = cal.process(update(), ORG, { receivedAt: NOW - 3 * 86_400_000 });
    expect(r.outcome).toBe('pending');
    expect(say(r.reason)).toContain('outside the 2D time frame');
  });

  it('just inside the frame is processed', () => {
    const cal = storedCal('always');
    expect(cal.process(update(), ORG, { receivedAt: NOW - 28 * 86_400_000 }).outcome).toBe('applied');
  });

  it('an unknown received date does not block processing', () => {
    const cal = storedCal('always');
    expect(cal.process(update(), ORG, { receivedAt: null }).outcome).toBe('applied');
  });
});

describe('every result explains itself', () => {
  it('a non-empty human reason for each kind of message', () => {
    const cal = new Calendar([ME], 'known');
    const results = [
      cal.process(ics('REQUEST', ev()), ORG),
      cal.process('garbage', ORG),
      cal.process(ics(null, ev()), ORG),
      cal.process(ics('X-UNKNOWN', ev()), ORG),
      cal.process(ics('CANCEL', ev()), ORG),
      cal.process(ics('REPLY', ev()), ME),
      cal.process(ics('COUNTER', ev()), ME),
      cal.process(ics('REFRESH', ev()), ME),
      cal.process(ics('ADD', ev()), ORG),
      cal.process(ics('PUBLISH', ev()), ORG),
      cal.process(ics('DECLINECOUNTER', ev()), ORG),
      cal.process(
        ics(
          'REQUEST',
          'BEGIN:VFREEBUSY',
          'UID:f',
          `ORGANIZER:mailto:${ORG}`,
          `ATTENDEE:mailto:${ME}`,
          'DTSTART:20260301T000000Z',
          'DTEND:20260302T000000Z',
          'END:VFREEBUSY',
        ),
        ORG,
      ),
      cal.process(ics('REQUEST', 'BEGIN:VTODO', 'UID:t', 'END:VTODO'), ORG),
    ];
    for (const r of results) {
      expect(typeof say(r.reason)).toBe('string');
      expect(say(r.reason).trim().length).toBeGreaterThan(15);
      expect(say(r.reason)).not.toMatch(/undefined|null|\[object/);
    }
  });
});
