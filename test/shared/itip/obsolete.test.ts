/**
 * Which open decisions a result makes obsolete: scopes of whole events, single instances and naked instance sets,
 * instances compared by instant whatever zone the RECURRENCE-ID was written in.
 */
import { describe, expect, it } from 'vitest';
import { supersedes, sameInstance, type ObsoletePending } from '../../../shared/itip/index.js';
import { overlaps } from '../../../shared/itip/obsolete.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';

function pending(recurrenceId: string | null, instances?: string[]): PendingDecision {
  return {
    id: 'p',
    kind: 'invitation',
    uid: 'u1',
    recurrenceId,
    ...(instances ? { instances } : {}),
    summary: 's',
    choices: ['accept'],
    reason: { key: 'reason.nothingToDo' },
    warnings: [],
    createdAt: '2026-03-01T00:00:00Z',
    from: null,
    identity: null,
    proposed: null,
    current: null,
    message: { ics: '', envelope: {} as PendingDecision['message']['envelope'] },
    attendee: null,
    comment: null,
  };
}
const obs = (recurrenceId: string | null, instances?: string[]): ObsoletePending => ({
  uid: 'u1',
  recurrenceId,
  ...(instances ? { instances } : {}),
  kinds: ['invitation'],
});

describe('supersedes', () => {
  it('a question about instances A and B is not answered by one about C', () => {
    expect(
      supersedes(obs('2026-03-24T09:00:00Z'), pending(null, ['2026-03-10T09:00:00Z', '2026-03-17T09:00:00Z'])),
    ).toBe(false);
  });
  it('nor by one about A alone; a message covering A and B (in another zone) answers it', () => {
    const p = pending(null, ['2026-03-10T09:00:00Z', '2026-03-17T09:00:00Z']);
    expect(supersedes(obs('2026-03-10T09:00:00Z'), p)).toBe(false);
    expect(supersedes(obs(null, ['2026-03-10T10:00:00+01:00', '2026-03-17T10:00:00+01:00']), p)).toBe(true);
  });
  it('the whole event supersedes every question; one instance leaves the question about the whole series', () => {
    expect(supersedes(obs(null), pending('2026-03-10T09:00:00Z'))).toBe(true);
    expect(supersedes(obs('2026-03-10T09:00:00Z'), pending(null))).toBe(false);
  });
  it('other events, kinds or attendees are left alone', () => {
    expect(supersedes({ ...obs(null), uid: 'u2' }, pending(null))).toBe(false);
    expect(supersedes({ ...obs(null), kinds: ['counter'] }, pending(null))).toBe(false);
  });
  it('instances compare by instant; all-day dates by date', () => {
    expect(sameInstance('2026-03-10T09:00:00Z', '2026-03-10T10:00:00+01:00')).toBe(true);
    expect(sameInstance('2026-03-10', '2026-03-10')).toBe(true);
    expect(sameInstance('2026-03-10', '2026-03-10T00:00:00Z')).toBe(false);
  });
});

describe('overlaps', () => {
  const a = '2026-03-10T09:00:00Z';
  const b = '2026-03-17T09:00:00Z';
  it('the whole event shares every instance', () => {
    expect(overlaps({ recurrenceId: null }, { recurrenceId: a })).toBe(true);
    expect(overlaps({ recurrenceId: b }, { recurrenceId: null })).toBe(true);
  });
  it('instances share by instant, whatever the zone; different ones share nothing', () => {
    expect(overlaps({ recurrenceId: '2026-03-10T10:00:00+01:00' }, { recurrenceId: null, instances: [a, b] })).toBe(
      true,
    );
    expect(overlaps({ recurrenceId: a }, { recurrenceId: b })).toBe(false);
  });
});
