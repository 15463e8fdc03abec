/**
 * Which days a recurrence rule can fall on (RFC 5545 §3.3.10, the BYMONTH / BYWEEKNO / BYYEARDAY / BYMONTHDAY /
 * BYDAY rows of the expand/limit table). Owns: the day-level test the expansion engine applies to every day of
 * a period, including the values a rule leaves to DTSTART ("Information, not contained in the rule, necessary
 * to determine the various recurrence instance start time and dates are derived from the Start Time").
 *
 * Expanding and limiting give the same answer at day level once the period is fixed (a YEARLY period is every
 * day of its year, a MONTHLY one every day of its month, …): a day is an instance day exactly when it passes
 * every part that applies to the frequency.
 */
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  daysInYear,
  weekNumberOf,
  weekdayOf,
  type CivilDate,
} from './civil.js';
import type { ByDay, RecurRule } from './recurRule.js';

export type DayTest = (dayNumber: number) => boolean;

interface Effective {
  readonly months: ReadonlySet<number> | null;
  readonly monthDays: ReadonlySet<number> | null;
  readonly yearDays: ReadonlySet<number> | null;
  readonly weekNos: ReadonlySet<number> | null;
  readonly byDay: readonly ByDay[] | null;
  /** Scope of BYDAY's nth: within the month, within the year, or ignored. */
  readonly nthScope: 'month' | 'year' | 'none';
}

/** The months a rule's days can lie in (for YEARLY periods, so the engine can skip other months), or null. */
export function ruleMonths(rule: RecurRule, start: CivilDate): readonly number[] | null {
  const eff = effectiveParts(rule, start, weekdayOf(daysFromCivil(start.year, start.month, start.day)));
  return eff.months ? [...eff.months].sort((a, b) => a - b) : null;
}

export function dayFilter(rule: RecurRule, start: CivilDate): DayTest {
  const eff = effectiveParts(rule, start, weekdayOf(daysFromCivil(start.year, start.month, start.day)));
  const wkst = rule.wkst;
  return (dayNumber) => {
    const c = civilFromDays(dayNumber);
    if (eff.months && !eff.months.has(c.month)) return false;
    if (eff.monthDays) {
      const len = daysInMonth(c.year, c.month);
      if (!eff.monthDays.has(c.day) && !eff.monthDays.has(c.day - len - 1)) return false;
    }
    if (eff.yearDays) {
      const yd = dayNumber - daysFromCivil(c.year, 1, 1) + 1;
      if (!eff.yearDays.has(yd) && !eff.yearDays.has(yd - daysInYear(c.year) - 1)) return false;
    }
    if (eff.weekNos) {
      // The day's own ISO-style week decides, so week 1 may start in December and the last week end in January.
      const w = weekNumberOf(dayNumber, wkst);
      if (!eff.weekNos.has(w.week) && !eff.weekNos.has(w.week - w.weeksInYear - 1)) return false;
    }
    return eff.byDay ? matchesByDay(eff, dayNumber, c) : true;
  };
}

function matchesByDay(eff: Effective, dayNumber: number, c: CivilDate): boolean {
  const wd = weekdayOf(dayNumber);
  for (const entry of eff.byDay ?? []) {
    if (entry.weekday !== wd) continue;
    if (entry.n === 0 || eff.nthScope === 'none') return true;
    let index: number;
    let length: number;
    if (eff.nthScope === 'month') {
      index = c.day - 1;
      length = daysInMonth(c.year, c.month);
    } else {
      index = dayNumber - daysFromCivil(c.year, 1, 1);
      length = daysInYear(c.year);
    }
    const nth = entry.n > 0 ? Math.floor(index / 7) + 1 : -(Math.floor((length - 1 - index) / 7) + 1);
    if (nth === entry.n) return true;
  }
  return false;
}

/**
 * The parts that apply to the rule's frequency, with DTSTART's values filled in where the rule is silent.
 * N/A combinations in the §3.3.10 table (BYWEEKNO outside YEARLY, BYYEARDAY in MONTHLY/WEEKLY, BYMONTHDAY in
 * WEEKLY) are ignored rather than rejected.
 */
function effectiveParts(rule: RecurRule, start: CivilDate, startWeekday: number): Effective {
  const set = (v: readonly number[] | null): ReadonlySet<number> | null => (v ? new Set(v) : null);
  const f = rule.freq;
  const weekNos = f === 'YEARLY' ? set(rule.byWeekNo) : null;
  const yearDays = f === 'MONTHLY' || f === 'WEEKLY' ? null : set(rule.byYearDay);
  let monthDays = f === 'WEEKLY' ? null : set(rule.byMonthDay);
  let months = set(rule.byMonth);
  let byDay = rule.byDay;
  if (f === 'YEARLY' && !weekNos && !yearDays && !monthDays && !byDay) {
    // "FREQ=YEARLY" alone repeats DTSTART's date; with BYMONTH, DTSTART's day in each listed month.
    months ??= new Set([start.month]);
    monthDays = new Set([start.day]);
  } else if (f === 'YEARLY' && weekNos && !yearDays && !monthDays && !byDay) {
    byDay = [{ n: 0, weekday: startWeekday }];
  } else if (f === 'MONTHLY' && !monthDays && !byDay) {
    monthDays = new Set([start.day]);
  } else if (f === 'WEEKLY' && !byDay) {
    byDay = [{ n: 0, weekday: startWeekday }];
  }
  // §3.3.10: the nth in BYDAY counts within the month for MONTHLY (and YEARLY with BYMONTH), within the year for
  // YEARLY otherwise; it MUST NOT be combined with BYWEEKNO and means nothing for WEEKLY or finer.
  let nthScope: Effective['nthScope'] = 'none';
  if (f === 'MONTHLY' || (f === 'YEARLY' && rule.byMonth && !weekNos)) nthScope = 'month';
  else if (f === 'YEARLY' && !weekNos) nthScope = 'year';
  return { months, monthDays, yearDays, weekNos, byDay, nthScope };
}
