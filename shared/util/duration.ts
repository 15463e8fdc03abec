/**
 * Time frames written the way Open-Xchange writes them: a number and a unit, units combinable
 * (`4W`, `2D 1h 12ms`). Units: W weeks, D days, h hours, m minutes, s seconds, ms milliseconds.
 * Case matters for m (minutes) vs ms; W/D/H are accepted in either case since they cannot be confused.
 */
import { err, ok, type Result } from './result.js';

const UNIT_MS: Record<string, number> = {
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};

export function parseTimeframe(text: string): Result<number> {
  const src = text.trim();
  if (src === '')
    return err({ code: 'TIMEFRAME_EMPTY', message: 'The time frame is empty; write it like 4W or 2D 1h 12ms.' });
  const re = /(\d+(?:\.\d+)?)\s*(ms|[wWdDhHmMsS])/gy;
  let total = 0;
  let pos = 0;
  while (pos < src.length) {
    while (src[pos] === ' ' || src[pos] === ',') pos++;
    if (pos >= src.length) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m || m[1] === undefined || m[2] === undefined) {
      return err({
        code: 'TIMEFRAME_SYNTAX',
        message: `Cannot read the time frame "${text}": write it like 4W or 2D 1h 12ms.`,
      });
    }
    const unit = m[2] === 'ms' ? 'ms' : m[2] === 'M' ? 'm' : m[2].toLowerCase();
    total += Number(m[1]) * (UNIT_MS[unit] ?? 0);
    pos = re.lastIndex;
  }
  return ok(Math.round(total));
}

/** Formats milliseconds back into the same notation, largest units first (used in reasons). */
export function formatTimeframe(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [unit, size] of [
    ['W', UNIT_MS.w],
    ['D', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / (size ?? 1));
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * (size ?? 1);
    }
  }
  return parts.length ? parts.join(' ') : '0ms';
}
