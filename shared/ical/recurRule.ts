/**
 * Reading an RRULE value (RFC 5545 §3.3.10) into a plain, validated rule. Owns: accepting both the jCal object
 * ical.js keeps (`{freq:"WEEKLY", byday:["MO","WE"], wkst:2}`) and raw `FREQ=…;…` text, and deciding what a
 * rule with out-of-range parts means, so the expansion engine never sees a value it could loop on.
 *
 * Leniency, decided once here:
 * - no or unknown FREQ, or a COUNT/INTERVAL/UNTIL that is not a number or date: the rule is malformed (null);
 * - INTERVAL=0 or negative: read as the default 1 (§3.3.10 "The default value is 1"; seen from buggy clients);
 * - COUNT=0 or negative: the set is DTSTART alone (DTSTART always counts as the first instance);
 * - BYxxx values out of range are dropped; a part left empty matches nothing, leaving DTSTART alone.
 */
import { MS_PER_DAY, parseDateTimeText } from './civil.js';

export type Frequency = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

const FREQUENCIES: readonly Frequency[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface ByDay {
  /** 0 for "every", else the nth (negative: from the end) weekday within the month or year. */
  readonly n: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

/**
 * How UNTIL compares: `utc` against each instance's UTC instant; `wall` against its local time (floating
 * UNTIL); `date` inclusively through the end of that local date (DATE UNTIL, §3.3.10).
 */
export interface Until {
  readonly kind: 'utc' | 'wall' | 'date';
  readonly ms: number;
}

export interface RecurRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly count: number | null;
  readonly until: Until | null;
  /** Week start, 0 = Sunday … 6 = Saturday (default Monday). */
  readonly wkst: number;
  readonly bySecond: readonly number[] | null;
  readonly byMinute: readonly number[] | null;
  readonly byHour: readonly number[] | null;
  readonly byDay: readonly ByDay[] | null;
  readonly byMonthDay: readonly number[] | null;
  readonly byYearDay: readonly number[] | null;
  readonly byWeekNo: readonly number[] | null;
  readonly byMonth: readonly number[] | null;
  readonly bySetPos: readonly number[] | null;
}

export interface ParseRuleOptions {
  /**
   * VTIMEZONE observance rules: read BYDAY=5SU (Windows' "fifth = last" week-of-month convention, which some
   * Exchange exports copy verbatim) as -1SU, since an onset that exists only in some years is never meant.
   */
  readonly fifthMeansLast?: boolean;
}

/** The rule, or null when the value cannot be understood. Never throws. */
export function parseRecurRule(value: unknown, opts: ParseRuleOptions = {}): RecurRule | null {
  const parts = recurParts(value);
  if (!parts) return null;
  const freq = FREQUENCIES.find((f) => f === parts.get('freq')?.[0]?.toUpperCase());
  if (!freq) return null;
  const interval = optionalInt(parts.get('interval'));
  const count = optionalInt(parts.get('count'));
  if (interval === undefined || count === undefined) return null;
  const untilText = parts.get('until')?.[0];
  const until = untilText === undefined ? null : readUntil(untilText);
  if (until === undefined) return null;
  let byDay = readByDay(parts.get('byday'));
  if (byDay && opts.fifthMeansLast) byDay = byDay.map((d) => (d.n === 5 ? { n: -1, weekday: d.weekday } : d));
  return {
    freq,
    interval: interval === null || interval < 1 ? 1 : interval,
    count: count === null ? null : Math.max(1, count),
    until,
    wkst: readWkst(parts.get('wkst')?.[0]),
    bySecond: readInts(parts.get('bysecond'), 0, 60, false),
    byMinute: readInts(parts.get('byminute'), 0, 59, false),
    byHour: readInts(parts.get('byhour'), 0, 23, false),
    byDay,
    byMonthDay: readInts(parts.get('bymonthday'), 1, 31, true),
    byYearDay: readInts(parts.get('byyearday'), 1, 366, true),
    byWeekNo: readInts(parts.get('byweekno'), 1, 53, true),
    byMonth: readInts(parts.get('bymonth'), 1, 12, false),
    bySetPos: readInts(parts.get('bysetpos'), 1, 366, true),
  };
}

/** Lower-case part name → its values as strings, from a jCal recur object or `FREQ=…;…` text. */
function recurParts(value: unknown): Map<string, string[]> | null {
  const out = new Map<string, string[]>();
  if (typeof value === 'string') {
    for (const piece of value.split(';')) {
      const eq = piece.indexOf('=');
      if (eq <= 0) continue;
      out.set(
        piece.slice(0, eq).trim().toLowerCase(),
        piece
          .slice(eq + 1)
          .split(',')
          .map((s) => s.trim()),
      );
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const list = Array.isArray(raw) ? raw : [raw];
    const strings: string[] = [];
    for (const item of list) {
      if (typeof item === 'number' || typeof item === 'string')
        strings.push(
          ...String(item)
            .split(',')
            .map((s) => s.trim()),
        );
    }
    out.set(key.toLowerCase(), strings);
  }
  return out;
}

/** undefined: present but not an integer (malformed); null: absent. */
function optionalInt(values: string[] | undefined): number | null | undefined {
  if (!values || values.length === 0) return null;
  const v = values[0] ?? '';
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** undefined when malformed. A date-time without Z is floating (§3.3.10 requires UTC when DTSTART has a zone). */
function readUntil(text: string): Until | null | undefined {
  const parsed = parseDateTimeText(text);
  if (!parsed) return undefined;
  if (parsed.isDate) return { kind: 'date', ms: parsed.wall };
  return { kind: parsed.isUtc ? 'utc' : 'wall', ms: parsed.wall };
}

function readWkst(text: string | undefined): number {
  if (text === undefined) return 1;
  // ical.js stores WKST in jCal as its own weekday number, 1 = Sunday … 7 = Saturday.
  if (/^[1-7]$/.test(text)) return Number(text) - 1;
  const idx = WEEKDAYS.indexOf(text.toUpperCase());
  return idx >= 0 ? idx : 1;
}

function readByDay(values: string[] | undefined): ByDay[] | null {
  if (!values) return null;
  const out: ByDay[] = [];
  for (const v of values) {
    const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/i.exec(v);
    if (!m?.[2]) continue;
    const n = m[1] ? Number(m[1]) : 0;
    if (Math.abs(n) > 53) continue;
    out.push({ n, weekday: WEEKDAYS.indexOf(m[2].toUpperCase()) });
  }
  return out;
}

/** Sorted distinct integers within [min, max] (and their negatives when `signed`), dropping the rest. */
function readInts(values: string[] | undefined, min: number, max: number, signed: boolean): number[] | null {
  if (!values) return null;
  const out = new Set<number>();
  for (const v of values) {
    if (!/^[+-]?\d+$/.test(v)) continue;
    const n = Number(v);
    const abs = Math.abs(n);
    if ((n >= min && n <= max) || (signed && n < 0 && abs >= min && abs <= max)) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/** The UNTIL bound as the last allowed wall time, for callers that compare in local time. */
export function untilWall(until: Until): number {
  return until.kind === 'date' ? until.ms + MS_PER_DAY - 1 : until.ms;
}
