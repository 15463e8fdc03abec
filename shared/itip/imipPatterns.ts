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

/**
 * Why a pattern cannot be used: `empty`; `regexp`, a /regular expression/ that does not compile; `spaces`, a glob or
 * domain with white space or a comma in it (addresses have none: most likely two patterns typed on one line);
 * `at-signs`, a glob with more than one `@`; `too-long`, over MAX_PATTERN_LENGTH characters.
 */
export type PatternProblem = 'empty' | 'regexp' | 'spaces' | 'at-signs' | 'too-long';

/** Longer than any address (RFC 5321 §4.5.3.1: 254 octets) plus room for a regular expression's syntax. */
export const MAX_PATTERN_LENGTH = 500;

/** The problem of one pattern, or null when it can be used. */
export function patternProblem(pattern: string): PatternProblem | null {
  const p = pattern.trim();
  if (p === '') return 'empty';
  if (p.length > MAX_PATTERN_LENGTH) return 'too-long';
  if (/^\/(.+)\/([a-z]*)$/s.test(p)) return toRegExp(p) === null ? 'regexp' : null;
  if (/[\s,;]/.test(p)) return 'spaces';
  return (p.match(/@/g) ?? []).length > 1 ? 'at-signs' : null;
}

/** The patterns that cannot be used, each with why (for settings to refuse and to leave out). */
export function patternProblems(patterns: readonly string[]): { pattern: string; problem: PatternProblem }[] {
  const out: { pattern: string; problem: PatternProblem }[] = [];
  for (const pattern of patterns) {
    const problem = patternProblem(pattern);
    if (problem) out.push({ pattern, problem });
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
