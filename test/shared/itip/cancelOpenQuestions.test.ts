/**
 * A cancellation closes the open questions about what it cancels (RFC 5546 §3.2.5): an occurrence's reschedule
 * question when that occurrence is cancelled, the invitation when the whole event is; one that arrives while the
 * invitation is still unanswered is never dropped.
 */
import { describe, expect, it } from 'vitest';
import { supersedes, type EngineResult } from '../../../shared/itip/index.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';
import { Calendar, ics, instanceOf, say, vevent } from '../../helpers/itip.js';

const UNVERIFIED = {
  receivedAt: Date.parse('2026-12-04T08:00:00Z'),
  authenticationResults: ['mx.example.com; dkim=fail header.d=contoso.example; dmarc=fail header.from=contoso.example'],
};
const ORG = 'anna.schmidt@contoso.example';
const ME = 'me@example.com';
const UID = '040000008200E00074C5B7101A82E00800000000A0A0A0A0A0A0DB01';
const RECEIVED = Date.parse('2026-12-04T08:00:00Z');
const VERIFIED = {
  receivedAt: RECEIVED,
  authenticationResults: ['mx.example.com; dkim=pass header.d=contoso.example; dmarc=pass header.from=contoso.example'],
};

function series(o: { seq?: number; status?: string; rid?: string; start?: string; range?: boolean } = {}): string {
  const start = o.start ?? (o.rid ? o.rid : '20270105T100000');
  return vevent(
    `ORGANIZER;CN="Schmidt, Anna":mailto:${ORG}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=${ME}:mailto:${ME}`,
    `UID:${UID}`,
    'SUMMARY:Weekly ops',
    ...(o.rid
      ? [`RECURRENCE-ID;TZID=Europe/Berlin${o.range ? ';RANGE=THISANDFUTURE' : ''}:${o.rid}`]
      : ['RRULE:FREQ=WEEKLY;UNTIL=20270330T090000Z;BYDAY=TU']),
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}`,
    `DTSTAMP:202612${String(4 + (o.seq ?? 0)).padStart(2, '0')}T080000Z`,
    `STATUS:${o.status ?? 'CONFIRMED'}`,
    `SEQUENCE:${o.seq ?? 0}`,
  );
}

function open(r: EngineResult): PendingDecision {
  if (!r.pending) throw new Error(`no pending decision: ${say(r.reason)}`);
  return { ...r.pending, id: `d-${r.kind}`, createdAt: '2026-12-04T09:00:00Z' };
}

const closes = (r: EngineResult, d: PendingDecision): boolean => r.obsoletes.some((o) => supersedes(o, d));

describe('a cancelled occurrence closes the open question about it', () => {
  function accepted(): Calendar {
    const cal = new Calendar([ME], 'always');
    cal.now = Date.parse('2026-12-04T09:00:00Z');
    cal.decide(cal.process(ics('REQUEST', series()), ORG, VERIFIED), 'accept');
    return cal;
  }

  it('the occurrence moved (a question), then cancelled: the question is closed', () => {
    const cal = accepted();
    const moved = cal.process(
      ics('REQUEST', series({ seq: 1, rid: '20270119T100000', start: '20270119T140000' })),
      ORG,
      VERIFIED,
    );
    expect(moved.kind).toBe('reschedule');
    const question = open(moved);
    cal.open.push(question);
    const cancel = cal.process(
      ics('CANCEL', series({ seq: 2, rid: '20270119T100000', start: '20270119T140000', status: 'CANCELLED' })),
      ORG,
      VERIFIED,
    );
    expect(cancel.outcome).toBe('applied');
    expect(closes(cancel, question)).toBe(true);
  });

  it('another occurrence cancelled leaves the question open', () => {
    const cal = accepted();
    const question = open(
      cal.process(ics('REQUEST', series({ seq: 1, rid: '20270119T100000', start: '20270119T140000' })), ORG, VERIFIED),
    );
    cal.open.push(question);
    const cancel = cal.process(
      ics('CANCEL', series({ seq: 2, rid: '20270126T100000', status: 'CANCELLED' })),
      ORG,
      VERIFIED,
    );
    expect(cancel.outcome).toBe('applied');
    expect(closes(cancel, question)).toBe(false);
  });

  it('this and the following occurrences cancelled: the question about a later one is closed', () => {
    const cal = accepted();
    const question = open(
      cal.process(ics('REQUEST', series({ seq: 1, rid: '20270119T100000', start: '20270119T140000' })), ORG, VERIFIED),
    );
    cal.open.push(question);
    const cancel = cal.process(
      ics('CANCEL', series({ seq: 2, rid: '20270112T100000', status: 'CANCELLED', range: true })),
      ORG,
      VERIFIED,
    );
    expect(cancel.outcome).toBe('applied');
    expect(closes(cancel, question)).toBe(true);
  });
});

describe('a cancellation while the invitation is still unanswered', () => {
  /** Invited by a sender I do not know yet: a question, nothing in the calendar. */
  function invited(): { cal: Calendar; invitation: PendingDecision } {
    const cal = new Calendar([ME], 'known');
    cal.now = Date.parse('2026-12-04T09:00:00Z');
    const first = cal.process(ics('REQUEST', series()), ORG, VERIFIED);
    expect(first.kind).toBe('invitation');
    expect(cal.get(UID)).toBeNull();
    const invitation = open(first);
    cal.open.push(invitation);
    return { cal, invitation };
  }

  it('a verified cancellation of the event closes the invitation and keeps a late copy of it out', () => {
    const { cal, invitation } = invited();
    const cancel = cal.process(ics('CANCEL', series({ seq: 1, status: 'CANCELLED' })), ORG, VERIFIED);
    expect(cancel.outcome).toBe('ignored');
    expect(cancel.reason.key).toBe('reason.cancel.withdrawn');
    expect(say(cancel.reason)).toMatch(/cancelled "Weekly ops", which you had not answered yet/);
    expect(closes(cancel, invitation)).toBe(true);
    expect(cancel.outcome === 'ignored' && cancel.tombstone).toMatchObject({ uid: UID, sequence: 1 });
  });

  it('an unverified one is a decision: confirmed, it closes the invitation', () => {
    const { cal, invitation } = invited();
    const cancel = cal.process(ics('CANCEL', series({ seq: 1, status: 'CANCELLED' })), ORG, UNVERIFIED);
    expect(cancel.outcome).toBe('pending');
    expect(cancel.kind).toBe('cancel');
    expect(closes(cancel, invitation)).toBe(false);
    const applied = cal.decide(cancel, 'apply');
    expect(applied.reason.key).toBe('reason.cancel.withdrawn');
    expect(closes(applied, invitation)).toBe(true);
  });

  it('one occurrence cancelled waits as a decision of its own, applied after the invitation is answered', () => {
    const { cal, invitation } = invited();
    const cancel = cal.process(
      ics('CANCEL', series({ seq: 1, rid: '20270119T100000', status: 'CANCELLED' })),
      ORG,
      VERIFIED,
    );
    expect(cancel.outcome).toBe('pending');
    expect(cancel.kind).toBe('cancel');
    expect(cancel.reason.key).toBe('reason.cancel.awaitsInvitation');
    expect(closes(cancel, invitation)).toBe(false);
    const held = open(cancel);
    cal.decide({ outcome: 'pending', pending: invitation } as unknown as EngineResult, 'accept');
    expect(cal.get(UID)).not.toBeNull();
    const applied = cal.decide({ outcome: 'pending', pending: held } as unknown as EngineResult, 'apply');
    expect(applied.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID), '2027-01-19T09:00:00Z')?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
