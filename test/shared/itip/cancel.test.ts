/**
 * CANCEL received as attendee (RFC 5546 §3.2.5): the whole event, one instance (which must not cancel the series,
 * nextcloud/server#59695), a range (RANGE=THISANDFUTURE), from someone who is not the organizer, and out of order.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, canonical, ics, instanceOf, vevent, say } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'cancel-1@example.org';

const people = [
  `ORGANIZER;CN=Olga:mailto:${ORG}`,
  `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.net',
];

function single(seq = 0, extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    `SEQUENCE:${seq}`,
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    'SUMMARY:Review',
    ...people,
    ...extra,
  );
}

/** Weekly series on Tuesdays 10:00 Berlin, 10 instances from 2026-03-03. */
function series(seq = 0, extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    `SEQUENCE:${seq}`,
    'DTSTART;TZID=Europe/Berlin:20260303T100000',
    'DTEND;TZID=Europe/Berlin:20260303T110000',
    'RRULE:FREQ=WEEKLY;COUNT=10',
    'SUMMARY:Weekly',
    ...people,
    ...extra,
  );
}

function override(rid: string, start: string, seq = 0, extra: string[] = []): string {
  return vevent(
    `UID:${UID}`,
    'DTSTAMP:20260301T100000Z',
    `SEQUENCE:${seq}`,
    `RECURRENCE-ID;TZID=Europe/Berlin:${rid}`,
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}`,
    'SUMMARY:Weekly',
    ...people,
    ...extra,
  );
}

function cancel(lines: string[], seq = 1): string {
  return ics(
    'CANCEL',
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260305T090000Z',
      `SEQUENCE:${seq}`,
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ATTENDEE:mailto:${ME}`,
      'STATUS:CANCELLED',
      ...lines,
    ),
  );
}

function calWith(...components: string[]): Calendar {
  const cal = new Calendar([ME], 'known');
  cal.put(ics(null, ...components));
  return cal;
}

const statusOf = (cal: Calendar, rid: string | null = null): unknown =>
  instanceOf(cal.get(UID), rid)?.getFirstPropertyValue('status') ?? null;

describe('cancelling the whole event', () => {
  it('marks it cancelled and adopts the SEQUENCE, keeping it in the calendar', () => {
    const cal = calWith(single());
    const r = cal.process(cancel([]), ORG);
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toMatch(/Olga cancelled "Review"/);
    expect(canonical(cal.text(UID))).toBe(canonical(ics(null, single(1, ['STATUS:CANCELLED']))));
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-05T09:00:00Z');
  });

  it('a series with overrides: every component is cancelled', () => {
    const cal = calWith(series(), override('20260310T100000', '20260310T140000'));
    const r = cal.process(cancel([]), ORG);
    expect(r.outcome).toBe('applied');
    expect(statusOf(cal)).toBe('CANCELLED');
    expect(statusOf(cal, '2026-03-10T09:00:00Z')).toBe('CANCELLED');
  });

  it('an unknown event: nothing to cancel, and an open invitation for it is obsolete', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(cancel([]), ORG);
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('ignored');
    expect(r.store).toBeNull();
    expect(say(r.reason)).toMatch(/nothing to cancel/);
    expect(r.obsoletes).toEqual([{ uid: UID, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }]);
  });

  it('a CANCEL sent on behalf of the organizer (SENT-BY) is honoured', () => {
    const cal = calWith(single());
    const text = cancel([]).replace(
      `ORGANIZER;CN=Olga:mailto:${ORG}`,
      `ORGANIZER;CN=Olga;SENT-BY="mailto:assistant@example.org":mailto:${ORG}`,
    );
    const r = cal.process(text, 'assistant@example.org');
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
    expect(statusOf(cal)).toBe('CANCELLED');
  });
});

describe('cancelling one instance', () => {
  it('creates a cancelled override and leaves the series alone (nextcloud/server#59695)', () => {
    const cal = calWith(series());
    const r = cal.process(cancel(['RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000']), ORG);
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('applied');
    expect(r.recurrenceId).toBe('2026-03-17T10:00:00+01:00');
    expect(say(r.reason)).toMatch(/on 2026-03-17T10:00:00\+01:00/);
    const events = cal.get(UID)?.getAllSubcomponents('vevent') ?? [];
    expect(events).toHaveLength(2);
    expect(statusOf(cal)).toBeNull();
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('sequence')).toBe(0);
    const o = instanceOf(cal.get(UID), '2026-03-17T09:00:00Z');
    expect(o?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(o?.getFirstPropertyValue('sequence')).toBe(1);
    expect(o?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20260317T100000');
    expect(o?.hasProperty('rrule')).toBe(false);
  });

  it('a UTC RECURRENCE-ID cancels the instance stored in Europe/Berlin (matched by instant)', () => {
    const cal = calWith(series());
    const r = cal.process(cancel(['RECURRENCE-ID:20260317T090000Z']), ORG);
    expect(r.outcome).toBe('applied');
    const events = cal.get(UID)?.getAllSubcomponents('vevent') ?? [];
    expect(events).toHaveLength(2);
    expect(instanceOf(cal.get(UID), '2026-03-17T09:00:00Z')?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
    );
    expect(statusOf(cal)).toBeNull();
  });

  it('an instance that already has an override: that override is cancelled, no duplicate', () => {
    const cal = calWith(series(), override('20260317T100000', '20260317T150000'));
    cal.process(cancel(['RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000']), ORG);
    const events = cal.get(UID)?.getAllSubcomponents('vevent') ?? [];
    expect(events).toHaveLength(2);
    const o = instanceOf(cal.get(UID), '2026-03-17T09:00:00Z');
    expect(o?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(o?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20260317T150000');
    expect(statusOf(cal)).toBeNull();
  });

  it('cancelling the same instance twice: the second is outdated', () => {
    const cal = calWith(series());
    cal.process(cancel(['RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000']), ORG);
    const again = cal.process(cancel(['RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000']), ORG);
    expect(again.kind).toBe('outdated');
    expect(again.outcome).toBe('ignored');
    expect(again.store).toBeNull();
  });

  it('two instances in one CANCEL: both cancelled, series alone', () => {
    const cal = calWith(series());
    const text = ics(
      'CANCEL',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260305T090000Z',
        'SEQUENCE:1',
        `ORGANIZER:mailto:${ORG}`,
        `ATTENDEE:mailto:${ME}`,
        'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
      ),
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260305T090000Z',
        'SEQUENCE:1',
        `ORGANIZER:mailto:${ORG}`,
        `ATTENDEE:mailto:${ME}`,
        'RECURRENCE-ID;TZID=Europe/Berlin:20260324T100000',
      ),
    );
    const r = cal.process(text, ORG);
    expect(r.outcome).toBe('applied');
    expect(statusOf(cal, '2026-03-17T09:00:00Z')).toBe('CANCELLED');
    expect(statusOf(cal, '2026-03-24T09:00:00Z')).toBe('CANCELLED');
    expect(statusOf(cal)).toBeNull();
  });
});

describe('cancelling this and future instances (RANGE=THISANDFUTURE)', () => {
  it('ends the series before the instance and cancels later overrides; earlier ones stay', () => {
    const cal = calWith(
      series(),
      override('20260310T100000', '20260310T120000'),
      override('20260331T100000', '20260331T120000'),
    );
    const r = cal.process(cancel(['RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260324T100000']), ORG);
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toMatch(/2026-03-24T10:00:00\+01:00 and later/);
    const rule = String(instanceOf(cal.get(UID))?.getFirstPropertyValue('rrule'));
    expect(rule).toContain('UNTIL=20260324T085959Z');
    expect(rule).not.toContain('COUNT');
    expect(statusOf(cal)).toBeNull();
    expect(statusOf(cal, '2026-03-10T09:00:00Z')).toBeNull();
    expect(statusOf(cal, '2026-03-31T08:00:00Z')).toBe('CANCELLED');
  });

  it('from the first instance on means the whole series', () => {
    const cal = calWith(series());
    const r = cal.process(cancel(['RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260303T100000']), ORG);
    expect(r.outcome).toBe('applied');
    expect(statusOf(cal)).toBe('CANCELLED');
    expect(String(instanceOf(cal.get(UID))?.getFirstPropertyValue('rrule'))).toContain('COUNT=10');
  });
});

describe('who may cancel, and when', () => {
  it('the mail is not from the organizer: waits for me with a warning, nothing changes', () => {
    const cal = calWith(single());
    const r = cal.process(cancel([]), 'bob@example.net');
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.pending?.choices).toEqual(['apply', 'ignore']);
    expect(r.warnings.map(say).join(' ')).toMatch(/bob@example.net, not from olga@example.org/);
    expect(statusOf(cal)).toBeNull();
  });

  it('the CANCEL names a different organizer than the stored event: ignored, both named', () => {
    const cal = calWith(single());
    const text = cancel([]).replace(`ORGANIZER;CN=Olga:mailto:${ORG}`, 'ORGANIZER:mailto:bob@example.net');
    const r = cal.process(text, 'bob@example.net');
    expect(r.outcome).toBe('ignored');
    expect(r.store).toBeNull();
    expect(say(r.reason)).toContain('bob@example.net');
    expect(say(r.reason)).toContain(ORG);
  });

  it('a lower SEQUENCE than the stored event is outdated', () => {
    const cal = calWith(single(3));
    const r = cal.process(cancel([], 2), ORG);
    expect(r.kind).toBe('outdated');
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).toMatch(/lower SEQUENCE/);
    expect(statusOf(cal)).toBeNull();
  });

  it('the same SEQUENCE as stored is honoured (organizers do not always bump it on cancel)', () => {
    const cal = calWith(single(3));
    const r = cal.process(cancel([], 3), ORG);
    expect(r.outcome).toBe('applied');
    expect(statusOf(cal)).toBe('CANCELLED');
  });

  it('a duplicate of an applied CANCEL is outdated', () => {
    const cal = calWith(single());
    cal.process(cancel([]), ORG);
    const again = cal.process(cancel([]), ORG);
    expect(again.kind).toBe('outdated');
    expect(again.store).toBeNull();
  });

  it('policy never: waits; applying it later cancels', () => {
    const cal = calWith(single());
    cal.policy = 'never';
    const r = cal.process(cancel([]), ORG);
    expect(r.outcome).toBe('pending');
    expect(statusOf(cal)).toBeNull();
    const d = cal.decide(r, 'apply');
    expect(d.outcome).toBe('applied');
    expect(statusOf(cal)).toBe('CANCELLED');
  });
});
