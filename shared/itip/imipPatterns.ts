/**
 * Which attendees get iMIP at all (as Apple's Calendar Server's address patterns): a list of patterns, one of
 * which an attendee's address must match to be mailed. The others stay on the event and are shown, but nothing is
 * sent to them, exactly as for SCHEDULE-AGENT=NONE (RFC 6638 §7.1) — meeting rooms, distribution lists, people
 * who are invited some other way.
 *
 * A pattern is a glob over the whole address, case-insensitive (`*` any run of characters, `?` one), a bare domain
 * (`example.com`, the same as `*@example.com`), or a regular expression between slashes (`/^[a-z]+@example\.com$/i`).
 * An empty list means everyone.
 */
import { normalizeAddress } from '../util/address.js';

/** Whether mail may go to this address under these patterns. */
export function imipAllowed(address: string, patterns: readonly string[] | null | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  const a = normalizeAddress(address);
  return compiled(patterns).some((re) => re !== null && re.test(a));
}

/** The patterns that cannot be read, each with why (for settings to refuse). */
export function patternProblems(patterns: readonly string[]): { pattern: string; problem: string }[] {
  const out: { pattern: string; problem: string }[] = [];
  for (const p of patterns) {
    if (p.trim() === '') out.push({ pattern: p, problem: 'empty' });
    else if (toRegExp(p) === null) out.push({ pattern: p, problem: 'not a regular expression' });
  }
  return out;
}

const cache = new Map<string, RegExp | null>();

function compiled(patterns: readonly string[]): (RegExp | null)[] {
  return patterns.map((p) => {
    let re = cache.get(p);
    if (re === undefined) {
      re = toRegExp(p);
      if (cache.size > 256) cache.clear();
      cache.set(p, re);
    }
    return re;
  });
}

function toRegExp(pattern: string): RegExp | null {
  const p = pattern.trim();
  if (p === '') return null;
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(p);
  if (slashed) {
    try {
      // Addresses are compared in lower case; a case-sensitive expression would miss every capital it names.
      const flags = (slashed[2] ?? '').replace(/[gy]/g, '');
      return new RegExp(slashed[1] ?? '', flags.includes('i') ? flags : `${flags}i`);
    } catch {
      return null;
    }
  }
  const glob = p.includes('@') ? p : `*@${p}`;
  const body = glob
    .toLowerCase()
    .replace(/^mailto:/, '')
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
