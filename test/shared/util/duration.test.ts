import { describe, expect, it } from 'vitest';
import { formatTimeframe, parseTimeframe } from '../../../shared/util/duration.js';

describe('parseTimeframe', () => {
  it.each([
    ['4W', 4 * 7 * 86_400_000],
    ['2D 1h 12ms', 2 * 86_400_000 + 3_600_000 + 12],
    ['30m', 30 * 60_000],
    ['1d', 86_400_000],
    ['90s', 90_000],
    ['1W2D', 9 * 86_400_000],
  ])('%s', (text, ms) => {
    expect(parseTimeframe(text)).toEqual({ ok: true, value: ms });
  });

  it.each(['', 'four weeks', '4X', '4W and more'])('rejects %j with a clear error', (text) => {
    const r = parseTimeframe(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/time frame/);
  });

  it('formats back', () => {
    expect(formatTimeframe(2 * 86_400_000 + 3_600_000 + 12)).toBe('2D 1h 12ms');
    expect(formatTimeframe(28 * 86_400_000)).toBe('4W');
  });
});
