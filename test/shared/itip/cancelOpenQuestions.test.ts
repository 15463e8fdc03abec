/**
 * A cancellation closes the open questions about what it cancels (RFC 5546 §3.2.5): an occurrence's reschedule
 * question when that occurrence is cancelled, the invitation when the whole event is; one that arrives while the
 * invitation is still unanswered is never dropped.
 */
import { describe, expect, it } from 'vitest';
import { supersedes, type EngineResult } from '../../../shared/itip/index.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';
import { Calendar, ics, say, vevent } from '../../helpers/itip.js';

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
