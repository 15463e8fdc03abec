import { describe, expect, it } from 'vitest';
import { RETRY, newRecord, parseRecord, retryDelay, serialiseRecord } from '../../../electron/outbox/outboxRecord.js';

describe('retryDelay', () => {
  it('doubles from 30 s and stops at 1 h (no jitter at random = 0.5)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map((n) => retryDelay(n, () => 0.5));
    expect(delays).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('jitters by ±20 % but never leaves [30 s, 1 h]', () => {
    expect(retryDelay(3, () => 0)).toBe(96_000);
    expect(retryDelay(3, () => 0.999999)).toBeCloseTo(144_000, -2);
    expect(retryDelay(1, () => 0)).toBe(RETRY.firstMs);
    expect(retryDelay(12, () => 1)).toBe(RETRY.maxMs);
    expect(retryDelay(2, () => Number.NaN)).toBe(60_000);
  });
});

describe('records', () => {
  it('round-trip, and anything else is damaged', () => {
    const r = newRecord('abc', { messageId: '<m@x>', method: 'REPLY', uid: 'u-1', to: ['a@b'] }, 5);
    expect(parseRecord(serialiseRecord(r))).toEqual(r);
    expect(r).toMatchObject({
      version: 2,
      state: 'queued',
      messageId: '<m@x>',
      method: 'REPLY',
      uid: 'u-1',
      to: ['a@b'],
      sha256: 'abc',
    });
    expect(parseRecord('{"version":1')).toBe('damaged');
    expect(parseRecord('{"version":2,"state":"sent"}')).toBe('damaged');
    expect(parseRecord('{"version":3,"state":"sent","sha256":"x","attempts":0,"nextAttemptAt":0,"to":[]}')).toBe(
      'damaged',
    );
    expect(parseRecord('null')).toBe('damaged');
  });
});

describe('records of an earlier version', () => {
  it('a version 1 record (no method, no UID) is read as version 2 with both unknown', () => {
    const v1 = {
      version: 1,
      state: 'retry',
      messageId: '<old@x>',
      sha256: 'abc',
      to: ['a@b'],
      attempts: 2,
      firstAttemptAt: 1,
      lastAttemptAt: 2,
      nextAttemptAt: 3,
      lastError: 'deferred',
      lastCode: 'TEMPORARY',
      serverResponse: '451 later',
      sentAt: null,
      alreadySent: false,
      rejected: [],
      sentCopy: 'none',
      sentCopyError: null,
    };
    expect(parseRecord(JSON.stringify(v1))).toEqual({ ...v1, version: 2, method: null, uid: null, heldUntil: null });
  });
});
