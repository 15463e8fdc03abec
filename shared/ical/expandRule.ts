/**
 * The RRULE expansion engine (RFC 5545 §3.3.10). Owns: walking a rule's periods (every INTERVAL-th year, month,
 * week, day, hour, minute or second from DTSTART), building each period's candidate set with the BYxxx parts,
 * applying BYSETPOS, COUNT and UNTIL, and emitting local wall times in order.
 *
 * Written here instead of using ical.js' RecurIterator because that iterator expands BYWEEKNO wrongly (six
 * consecutive Mondays for `FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO`) and its inner loops can spin without end on
 * rules that never match (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`). Every loop here is bounded three ways: by the
 * caller's window end, by year 9999, and by a shared iteration budget.
 *
 * Times are "wall" milliseconds in DTSTART's zone; §3.3.10 computes instances in local time, and the caller
 * applies the zone (a nonexistent local time is then read as §3.3.5 says).
 */
import { MS_PER_DAY, civilFromDays, daysFromCivil, daysInMonth, weekStartOf, type CivilDate } from './civil.js';
import { dayFilter, ruleMonths, type DayTest } from './dayFilter.js';
import type { RecurRule } from './recurRule.js';

/** Shared iteration allowance: each period examined and each candidate built costs one. */
export interface Budget {
  left: number;
  exhausted: boolean;
}

/** A budget of `iterations` steps; a missing, NaN or infinite value means the default of 100,000. */
export function makeBudget(iterations: number | undefined): Budget {
  const n = iterations !== undefined && Number.isFinite(iterations) ? Math.max(0, Math.floor(iterations)) : 100_000;
  return { left: n, exhausted: false };
}

export function spend(budget: Budget): boolean {
  if (budget.left <= 0) {
    budget.exhausted = true;
    return false;
  }
  budget.left -= 1;
  return true;
}

export interface RuleContext {
  /** DTSTART as wall milliseconds. */
  readonly startWall: number;
  readonly isDate: boolean;
  /** The UTC instant of a wall time in DTSTART's zone (identity for floating and UTC times); used for UNTIL. */
  readonly toUtc: (wall: number) => number;
}

export interface RuleWindow {
  /** Instances before this wall time are not needed; whole periods before it are skipped when there is no COUNT. */
  readonly fromWall: number;
  /** Expansion stops at the first instance after this wall time. */
  readonly toWall: number;
  readonly budget: Budget;
}

/** `emit` returns false to stop early. */
export type Emit = (wall: number) => boolean;

const LAST_DAY = daysFromCivil(9999, 12, 31);
const HOUR = 3_600_000;

/**
 * Emits the instances of one rule in ascending order. DTSTART is always the first instance (§3.8.5.3: it counts
 * towards COUNT even when the rule would not generate it), unless whole periods were skipped for the window.
 */
export function expandRule(rule: RecurRule, ctx: RuleContext, win: RuleWindow, emit: Emit): void {
  let emitted = 0;
  const accept = (wall: number): boolean => {
    if (wall > win.toWall || beyondUntil(rule, ctx, wall)) return false;
    emitted += 1;
    return emit(wall) && (rule.count === null || emitted < rule.count);
  };
  const first = firstPeriod(rule, ctx, win);
  if (first === 0) {
    if (ctx.startWall > win.toWall) return;
    emitted = 1;
    if (!emit(ctx.startWall) || (rule.count !== null && rule.count <= 1)) return;
  }
  const startDay = Math.floor(ctx.startWall / MS_PER_DAY);
  const start = civilFromDays(startDay);
  const test = dayFilter(rule, start);
  if (rule.freq === 'HOURLY' || rule.freq === 'MINUTELY' || rule.freq === 'SECONDLY') {
    // A sub-daily rule on an all-day DTSTART has no meaning; the set is DTSTART alone.
    if (!ctx.isDate) runSubDaily(rule, ctx, win, first, test, accept);
    return;
  }
  const tods = ctx.isDate ? [0] : timesOfDay(rule, ctx.startWall - startDay * MS_PER_DAY);
  const months = rule.freq === 'YEARLY' ? ruleMonths(rule, start) : null;
  const candidates: number[] = [];
  for (let i = first; ; i++) {
    if (!spend(win.budget)) return;
    const segments = periodDays(rule, startDay, start, months, i);
    const periodStart = segments[0]?.[0] ?? LAST_DAY + 1;
    if (periodStart * MS_PER_DAY > win.toWall || periodStart > LAST_DAY) return;
    candidates.length = 0;
    for (const [from, to] of segments) {
      for (let d = from; d <= to; d++) {
        if (!test(d)) continue;
        for (const tod of tods) {
          if (!spend(win.budget)) return;
          candidates.push(d * MS_PER_DAY + tod);
        }
      }
    }
    if (!emitPeriod(candidates, rule.bySetPos, ctx.startWall, accept)) return;
  }
}

function beyondUntil(rule: RecurRule, ctx: RuleContext, wall: number): boolean {
  const u = rule.until;
  if (!u) return false;
  if (u.kind === 'date') return wall >= u.ms + MS_PER_DAY;
  if (u.kind === 'wall' || ctx.isDate) return wall > u.ms;
  return ctx.toUtc(wall) > u.ms;
}

/** Applies BYSETPOS to one period's ascending candidates and emits those after DTSTART; false to stop. */
function emitPeriod(
  candidates: readonly number[],
  setPos: readonly number[] | null,
  startWall: number,
  accept: Emit,
): boolean {
  let list = candidates;
  if (setPos) {
    const n = candidates.length;
    const idx = new Set<number>();
    for (const p of setPos) {
      const k = p > 0 ? p - 1 : n + p;
      if (k >= 0 && k < n) idx.add(k);
    }
    list = [...idx].sort((a, b) => a - b).map((k) => candidates[k] ?? 0);
  }
  for (const c of list) {
    if (c <= startWall) continue;
    if (!accept(c)) return false;
  }
  return true;
}

/** Times of day (ms) for day-level frequencies: BYHOUR × BYMINUTE × BYSECOND, each defaulting to DTSTART's. */
function timesOfDay(rule: RecurRule, startTod: number): number[] {
  const secs = Math.floor(startTod / 1000);
  const hours = rule.byHour ?? [Math.floor(secs / 3600)];
  const minutes = rule.byMinute ?? [Math.floor((secs % 3600) / 60)];
  const seconds = rule.bySecond ?? [secs % 60];
  const out: number[] = [];
  for (const h of hours) for (const m of minutes) for (const s of seconds) out.push(((h * 60 + m) * 60 + s) * 1000);
  return out.sort((a, b) => a - b);
}

/** The day ranges (inclusive day numbers) of period `i`; a YEARLY period is cut to the months the rule allows. */
function periodDays(
  rule: RecurRule,
  startDay: number,
  start: CivilDate,
  months: readonly number[] | null,
  i: number,
): Array<[number, number]> {
  const step = i * rule.interval;
  switch (rule.freq) {
    case 'YEARLY': {
      const y = start.year + step;
      if (!months) return [[daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31)]];
      return months.map((m) => [daysFromCivil(y, m, 1), daysFromCivil(y, m, daysInMonth(y, m))]);
    }
    case 'MONTHLY': {
      const index = start.year * 12 + start.month - 1 + step;
      const y = Math.floor(index / 12);
      const m = index - y * 12 + 1;
      return [[daysFromCivil(y, m, 1), daysFromCivil(y, m, daysInMonth(y, m))]];
    }
    case 'WEEKLY': {
      const first = weekStartOf(startDay, rule.wkst) + 7 * step;
      return [[first, first + 6]];
    }
    default:
      return [[startDay + step, startDay + step]];
  }
}

/** Index of the first period worth expanding: 0 with COUNT (every instance counts), else one before `fromWall`. */
function firstPeriod(rule: RecurRule, ctx: RuleContext, win: RuleWindow): number {
  if (rule.count !== null || !(win.fromWall > ctx.startWall)) return 0;
  const startDay = Math.floor(ctx.startWall / MS_PER_DAY);
  const fromDay = Math.floor(win.fromWall / MS_PER_DAY);
  let periods: number;
  switch (rule.freq) {
    case 'YEARLY':
      periods = civilFromDays(fromDay).year - civilFromDays(startDay).year;
      break;
    case 'MONTHLY': {
      const a = civilFromDays(startDay);
      const b = civilFromDays(fromDay);
      periods = b.year * 12 + b.month - (a.year * 12 + a.month);
      break;
    }
    case 'WEEKLY':
      periods = Math.floor((fromDay - weekStartOf(startDay, rule.wkst)) / 7);
      break;
    case 'DAILY':
      periods = fromDay - startDay;
      break;
    default: {
      const unit = unitOf(rule);
      periods = Math.floor(win.fromWall / unit) - Math.floor(ctx.startWall / unit);
    }
  }
  return Math.max(0, Math.floor(periods / rule.interval) - 1);
}

function unitOf(rule: RecurRule): number {
  return rule.freq === 'HOURLY' ? HOUR : rule.freq === 'MINUTELY' ? 60_000 : 1000;
}

/**
 * HOURLY / MINUTELY / SECONDLY: the period is one unit; coarser BYxxx parts limit it, finer ones expand it. A
 * period that fails a limit skips straight to the next day, hour or minute that could pass, so rules such as
 * `FREQ=SECONDLY;BYMONTH=2` cost one step per rejected day rather than one per second.
 */
function runSubDaily(
  rule: RecurRule,
  ctx: RuleContext,
  win: RuleWindow,
  first: number,
  test: DayTest,
  accept: Emit,
): void {
  const unit = unitOf(rule);
  const base = Math.floor(ctx.startWall / unit);
  const startSecs = Math.floor((ctx.startWall - Math.floor(ctx.startWall / MS_PER_DAY) * MS_PER_DAY) / 1000);
  const hours = rule.byHour ? new Set(rule.byHour) : null;
  const minutes = rule.byMinute ? new Set(rule.byMinute) : null;
  const seconds = rule.bySecond ? new Set(rule.bySecond) : null;
  const minuteList = rule.freq === 'HOURLY' ? (rule.byMinute ?? [Math.floor((startSecs % 3600) / 60)]) : [0];
  const secondList = rule.freq === 'SECONDLY' ? [0] : (rule.bySecond ?? [startSecs % 60]);
  let lastDay = Number.NaN;
  let dayOk = false;
  const candidates: number[] = [];
  for (let i = first; ;) {
    if (!spend(win.budget)) return;
    const ps = (base + i * rule.interval) * unit;
    const day = Math.floor(ps / MS_PER_DAY);
    if (ps > win.toWall || day > LAST_DAY) return;
    if (day !== lastDay) {
      lastDay = day;
      dayOk = test(day);
    }
    const tod = ps - day * MS_PER_DAY;
    const hourStart = day * MS_PER_DAY + Math.floor(tod / HOUR) * HOUR;
    let skipTo: number | null = null;
    if (!dayOk) skipTo = (day + 1) * MS_PER_DAY;
    else if (hours && !hours.has(Math.floor(tod / HOUR))) skipTo = hourStart + HOUR;
    else if (rule.freq !== 'HOURLY' && minutes && !minutes.has(Math.floor(tod / 60_000) % 60))
      skipTo = Math.floor(ps / 60_000) * 60_000 + 60_000;
    else if (rule.freq === 'SECONDLY' && seconds && !seconds.has(Math.floor(tod / 1000) % 60)) skipTo = ps + 1000;
    if (skipTo !== null) {
      i = Math.max(i + 1, Math.ceil((skipTo / unit - base) / rule.interval));
      continue;
    }
    candidates.length = 0;
    for (const m of minuteList) {
      for (const s of secondList) {
        if (!spend(win.budget)) return;
        candidates.push(ps + m * 60_000 + s * 1000);
      }
    }
    if (!emitPeriod(candidates, rule.bySetPos, ctx.startWall, accept)) return;
    i += 1;
  }
}
