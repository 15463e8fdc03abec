/**
 * Exactly once (RFC 5546 §2.1.5): versions are ordered by SEQUENCE, then DTSTAMP, per instance; replies per
 * attendee. Anything not newer than what the calendar holds is outdated and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, envelope, ics, instanceOf, NOW, partstatIn, vevent } from '../../helpers/itip.js';
import { processItip } from '../../../shared/itip/index.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'order-1@example.org';
const people = [`ORGANIZER:mailto:${ORG}`, `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`];

function master(seq: number, stamp: string, summary = `v${seq}`, extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${seq}`,
    'DTSTART:20260302T090000Z',
    'DTEND:20260302T100000Z',
    'RRULE:FREQ=DAILY;COUNT=10',
    `SUMMARY:${summary}`,
    ...people,
    ...extra,
  );
}

function inst(rid: string, seq: number, stamp: string, summary: string): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${seq}`,
    `RECURRENCE-ID:${rid}`,
    `DTSTART:${rid}`,
    `DTEND:${rid.replace('T09', 'T10')}`,
    `SUMMARY:${summary}`,
    ...people,
  );
}

function calWith(...components: string[]): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(ics(null, ...components));
  return cal;
}

const summaryOf = (cal: Calendar, rid: string | null = null): unknown =>
  instanceOf(cal.get(UID), rid)?.getFirstPropertyValue('summary');

describe('REQUEST ordering', () => {
  const table: [string, number, string, string][] = [
    ['higher SEQUENCE, older DTSTAMP', 2, '20260228T000000Z', 'update'],
    ['higher SEQUENCE, same DTSTAMP', 2, '20260301T100000Z', 'update'],
    ['same SEQUENCE, newer DTSTAMP', 1, '20260301T100001Z', 'update'],
    ['same SEQUENCE, same DTSTAMP', 1, '20260301T100000Z', 'outdated'],
    ['same SEQUENCE, older DTSTAMP', 1, '20260301T095959Z', 'outdated'],
    ['lower SEQUENCE, newer DTSTAMP', 0, '20260305T000000Z', 'outdated'],
  ];
  for (const [name, seq, stamp, kind] of table) {
    it(`${name}: ${kind}`, () => {
      const cal = calWith(master(1, '20260301T100000Z', 'stored'));
      const r = cal.process(ics('REQUEST', master(seq, stamp, 'incoming')), ORG);
      expect(r.kind).toBe(kind);
      expect(r.outcome).toBe(kind === 'outdated' ? 'ignored' : 'applied');
      expect(summaryOf(cal)).toBe(kind === 'outdated' ? 'stored' : 'incoming');
    });
  }

  it('updates delivered out of order: the late, older one is outdated', () => {
    const cal = calWith(master(0, '20260301T100000Z'));
    expect(cal.process(ics('REQUEST', master(2, '20260303T100000Z')), ORG).outcome).toBe('applied');
    const late = cal.process(ics('REQUEST', master(1, '20260302T100000Z')), ORG);
    expect(late.kind).toBe('outdated');
    expect(summaryOf(cal)).toBe('v2');
  });

  it('a message without DTSTAMP counts as oldest at equal SEQUENCE', () => {
    const cal = calWith(master(1, '20260301T100000Z', 'stored'));
    const r = cal.process(
      ics('REQUEST', master(1, '20260301T100000Z', 'no stamp').replace('DTSTAMP:20260301T100000Z\r\n', '')),
      ORG,
    );
    expect(r.kind).toBe('outdated');
    expect(summaryOf(cal)).toBe('stored');
  });

  it('per instance: a newer override applies while the unchanged master beside it does not count', () => {
    const cal = calWith(master(1, '20260301T100000Z', 'series'));
    const r = cal.process(
      ics('REQUEST', master(1, '20260301T100000Z', 'series'), inst('20260304T090000Z', 2, '20260302T100000Z', 'moved')),
      ORG,
    );
    expect(r.kind).not.toBe('outdated');
    expect(r.outcome).not.toBe('ignored');
    expect(summaryOf(cal, '2026-03-04T09:00:00Z')).toBe('moved');
    expect(summaryOf(cal)).toBe('series');
  });

  it('per instance: an instance update older than the stored override is outdated', () => {
    const cal = calWith(
      master(1, '20260301T100000Z'),
      inst('20260304T090000Z', 3, '20260302T100000Z', 'stored override'),
    );
    const r = cal.process(ics('REQUEST', inst('20260304T090000Z', 2, '20260303T100000Z', 'older override')), ORG);
    expect(r.kind).toBe('outdated');
    expect(summaryOf(cal, '2026-03-04T09:00:00Z')).toBe('stored override');
  });

  it('a new master keeps stored overrides at least as new as itself and drops older ones', () => {
    const cal = calWith(
      master(1, '20260301T100000Z'),
      inst('20260304T090000Z', 1, '20260301T100000Z', 'old override'),
      inst('20260305T090000Z', 2, '20260302T100000Z', 'current override'),
    );
    const r = cal.process(ics('REQUEST', master(2, '20260303T100000Z', 'new master')), ORG);
    expect(r.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID), '2026-03-04T09:00:00Z')).toBeNull();
    expect(summaryOf(cal, '2026-03-05T09:00:00Z')).toBe('current override');
    expect(summaryOf(cal)).toBe('new master');
  });
});

describe('CANCEL and REQUEST interleaved', () => {
  it('a late REQUEST after the CANCEL does not revive the event', () => {
    const cal = calWith(master(1, '20260301T100000Z'));
    cal.process(ics('CANCEL', vevent(`UID:${UID}`, 'DTSTAMP:20260304T100000Z', 'SEQUENCE:2', ...people)), ORG);
    const late = cal.process(ics('REQUEST', master(1, '20260302T100000Z', 'late')), ORG);
    expect(late.kind).toBe('outdated');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a CANCEL of an instance older than its stored override is outdated', () => {
    const cal = calWith(master(1, '20260301T100000Z'), inst('20260304T090000Z', 3, '20260302T100000Z', 'moved'));
    const r = cal.process(
      ics(
        'CANCEL',
        vevent(`UID:${UID}`, 'DTSTAMP:20260305T100000Z', 'SEQUENCE:2', 'RECURRENCE-ID:20260304T090000Z', ...people),
      ),
      ORG,
    );
    expect(r.kind).toBe('outdated');
    expect(instanceOf(cal.get(UID), '2026-03-04T09:00:00Z')?.hasProperty('status')).toBe(false);
  });
});

describe('REPLY ordering per attendee', () => {
  const BOB = 'bob@example.net';
  const organizer = (): Calendar => {
    const cal = new Calendar([ME], 'known');
    cal.put(
      ics(
        null,
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260301T100000Z',
          'SEQUENCE:1',
          'DTSTART:20260302T090000Z',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE:mailto:${BOB}`,
          'ATTENDEE:mailto:carol@example.net',
        ),
      ),
    );
    return cal;
  };
  const reply = (who: string, partstat: string, seq: number, stamp: string): string =>
    ics(
      'REPLY',
      vevent(
        `UID:${UID}`,
        `DTSTAMP:${stamp}`,
        `SEQUENCE:${seq}`,
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
      ),
    );

  it('newer DTSTAMP wins, older is outdated, the same is a duplicate', () => {
    const cal = organizer();
    expect(cal.process(reply(BOB, 'ACCEPTED', 1, '20260302T100000Z'), BOB).outcome).toBe('applied');
    expect(cal.process(reply(BOB, 'DECLINED', 1, '20260302T110000Z'), BOB).outcome).toBe('applied');
    expect(cal.process(reply(BOB, 'TENTATIVE', 1, '20260302T105959Z'), BOB).kind).toBe('outdated');
    expect(cal.process(reply(BOB, 'DECLINED', 1, '20260302T110000Z'), BOB).kind).toBe('outdated');
    expect(partstatIn(cal.get(UID), BOB)).toBe('DECLINED');
  });

  it("another attendee is not held back by the first one's newer reply", () => {
    const cal = organizer();
    cal.process(reply(BOB, 'ACCEPTED', 1, '20260302T110000Z'), BOB);
    expect(
      cal.process(reply('carol@example.net', 'DECLINED', 1, '20260302T090000Z'), 'carol@example.net').outcome,
    ).toBe('applied');
    expect(partstatIn(cal.get(UID), 'carol@example.net')).toBe('DECLINED');
  });
});

describe('cancellation before invitation (mail out of order)', () => {
  it('a late REQUEST older than a remembered CANCEL is outdated; a newer one is a live invitation', () => {
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:late-1',
      'DTSTAMP:20260228T110000Z',
      'SEQUENCE:1',
      'ORGANIZER:mailto:olga@example.org',
      'ATTENDEE:mailto:me@example.com',
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    const request = (seq: number): string =>
      ics(
        'REQUEST',
        'BEGIN:VEVENT',
        'UID:late-1',
        'DTSTAMP:20260228T100000Z',
        `SEQUENCE:${seq}`,
        'DTSTART:20260310T090000Z',
        'DTEND:20260310T100000Z',
        'SUMMARY:Late',
        'ORGANIZER:mailto:olga@example.org',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
      );
    const tombstones = new Map<string, { sequence: number; dtstamp: number }>();
    const ctx = {
      me: ['me@example.com'],
      now: NOW,
      policy: 'always' as const,
      timeframeMs: 1e12,
      isKnownAddress: () => true,
      cancelledVersion: (u: string) => tombstones.get(u) ?? null,
    };
    const c = processItip({ ics: cancel, headerMethod: null, envelope: envelope('olga@example.org') }, () => null, ctx);
    expect(c).toMatchObject({ kind: 'cancel', outcome: 'ignored', tombstone: { uid: 'late-1', sequence: 1 } });
    if (c.outcome === 'ignored' && c.tombstone) tombstones.set('late-1', c.tombstone);
    expect(
      processItip({ ics: request(0), headerMethod: null, envelope: envelope('olga@example.org') }, () => null, ctx),
    ).toMatchObject({ kind: 'outdated', outcome: 'ignored', store: null, pending: null });
    expect(
      processItip({ ics: request(2), headerMethod: null, envelope: envelope('olga@example.org') }, () => null, ctx),
    ).toMatchObject({ kind: 'invitation', outcome: 'pending' });
  });

  it('an unverified CANCEL leaves no tombstone', () => {
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:late-2',
      'DTSTAMP:20260228T110000Z',
      'SEQUENCE:1',
      'ORGANIZER:mailto:olga@example.org',
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    const r = processItip({ ics: cancel, headerMethod: null, envelope: envelope('mallory@example.net') }, () => null, {
      me: ['me@example.com'],
      now: NOW,
      policy: 'always',
      timeframeMs: 1e12,
      isKnownAddress: () => true,
    });
    expect('tombstone' in r ? r.tombstone : undefined).toBeUndefined();
  });
});
