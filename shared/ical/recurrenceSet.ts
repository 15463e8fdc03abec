/**
 * The recurrence set of a master component (RFC 5545 §3.8.5): DTSTART, every RRULE, every RDATE (DATE, DATE-TIME
 * or PERIOD), minus every EXDATE. Owns: reading a master once into plain numbers, generating its instances in a
 * UTC range, matching identities by instant (an EXDATE or RECURRENCE-ID written in another zone or in UTC still
 * names the same instance), and each instance's length (§3.8.5.3: DTEND gives an exact duration, DURATION a
 * nominal one whose days follow the wall clock across DST).
 */
import ICAL from 'ical.js';
import { MS_PER_DAY } from './civil.js';
import { expandRule, type Budget } from './expandRule.js';
import { parseRecurRule, type RecurRule } from './recurRule.js';
import { dateKey, isFloating, toUtcMs, wallMs } from './time.js';
import { zoneOffsetsFor, type ZoneOffsets } from './zoneOffsets.js';

/** A zone as the expansion uses it: ical.js' zone object for output, the offset table for arithmetic. */
export interface Clock {
  /** null for floating time; ICAL.Timezone.utcTimezone for UTC. */
  readonly zone: ICAL.Timezone | null;
  readonly offsets: ZoneOffsets | null;
}

export const FLOATING: Clock = { zone: null, offsets: null };

export function clockOf(t: ICAL.Time): Clock {
  if (t.isDate || t.zone === ICAL.Timezone.localTimezone || !t.zone) return FLOATING;
  const offsets = zoneOffsetsFor(t.zone);
  if (!offsets && t.zone !== ICAL.Timezone.utcTimezone) return FLOATING;
  return { zone: t.zone, offsets };
}

export function utcOfWall(clock: Clock, wall: number): number {
  return clock.offsets ? clock.offsets.utcFromWall(wall) : wall;
}

export function wallOfUtc(clock: Clock, utc: number): number {
  return clock.offsets ? utc + clock.offsets.offsetAtUtc(utc) : utc;
}

/** How long each instance lasts: whole wall-clock days first, then exact milliseconds. */
export interface Length {
  readonly nominalDays: number;
  readonly exactMs: number;
  /** Zone the end is shown in (DTEND's own zone, e.g. for a flight). */
  readonly endClock: Clock;
}

export interface Instance {
  /** Local wall time in the series' zone, after §3.3.5 normalisation of skipped local times. */
  readonly wall: number;
  readonly utc: number;
  readonly key: string;
  /** End of an RDATE PERIOD instance, which carries its own length (§3.8.5.2). */
  readonly endUtc?: number;
}

export interface SeriesDef {
  readonly comp: ICAL.Component;
  readonly dtstart: ICAL.Time;
  readonly isDate: boolean;
  readonly clock: Clock;
  readonly start: Instance;
  readonly recurring: boolean;
  readonly rules: readonly RecurRule[];
  readonly rdates: readonly Instance[];
  readonly exKeys: ReadonlySet<string>;
  /** DATE EXDATEs on a DATE-TIME series: every instance on that local date is excluded. */
  readonly exDays: ReadonlySet<string>;
  readonly length: Length;
}

/** Reads a master; null when it has no usable DTSTART or an RRULE that cannot be understood. Never throws. */
export function readSeries(master: ICAL.Component): SeriesDef | null {
  const dtstart = firstValue(master, 'dtstart');
  if (!(dtstart instanceof ICAL.Time)) return null;
  const rules: RecurRule[] = [];
  for (const prop of master.getAllProperties('rrule')) {
    const rule = parseRecurRule(prop.jCal[3]);
    if (!rule) return null;
    rules.push(rule);
  }
  const isDate = dtstart.isDate;
  const clock = clockOf(dtstart);
  const startWall = wallMs(dtstart);
  const base = { isDate, clock, startTod: startWall - Math.floor(startWall / MS_PER_DAY) * MS_PER_DAY };
  const start = instanceAt(base, startWall);
  const exKeys = new Set<string>();
  const exDays = new Set<string>();
  for (const v of allValues(master, 'exdate')) {
    if (!(v instanceof ICAL.Time)) continue;
    if (v.isDate && !isDate) exDays.add(dateKey(wallMs(v)));
    else exKeys.add(valueInstance(base, v).key);
  }
  const rdates: Instance[] = [];
  for (const v of allValues(master, 'rdate')) {
    if (v instanceof ICAL.Time) rdates.push(valueInstance(base, v));
    else if (v instanceof ICAL.Period && v.start instanceof ICAL.Time) rdates.push(periodInstance(base, v));
  }
  const recurring = rules.length > 0 || master.hasProperty('rdate');
  return {
    comp: master,
    dtstart,
    isDate,
    clock,
    start,
    recurring,
    rules,
    rdates,
    exKeys,
    exDays,
    length: lengthOf(master, dtstart),
  };
}

interface SeriesBase {
  readonly isDate: boolean;
  readonly clock: Clock;
  readonly startTod: number;
}

function instanceAt(s: Pick<SeriesBase, 'isDate' | 'clock'>, wall: number): Instance {
  if (s.isDate) return { wall, utc: wall, key: dateKey(wall) };
  const utc = utcOfWall(s.clock, wall);
  return { wall: wallOfUtc(s.clock, utc), utc, key: `T:${utc}` };
}

/**
 * An RDATE/EXDATE/RECURRENCE-ID value as an instance of this series: DATE-TIMEs are matched by instant, a floating
 * one on a zoned series is read in the series' zone (senders that drop the TZID mean the series' clock), a DATE
 * on a DATE-TIME series takes DTSTART's time of day, and a DATE-TIME on a DATE series its own local date.
 */
export function valueInstance(s: SeriesBase, v: ICAL.Time): Instance {
  const wall = wallMs(v);
  if (s.isDate) return instanceAt(s, Math.floor(wall / MS_PER_DAY) * MS_PER_DAY);
  if (v.isDate) return instanceAt(s, wall + s.startTod);
  if (isFloating(v)) return instanceAt(s, wall);
  const utc = toUtcMs(v);
  return { wall: wallOfUtc(s.clock, utc), utc, key: `T:${utc}` };
}

function periodInstance(s: SeriesBase, p: ICAL.Period): Instance {
  const inst = valueInstance(s, p.start);
  let endUtc = inst.utc;
  if (p.end instanceof ICAL.Time) endUtc = valueInstance({ ...s, isDate: s.isDate && p.end.isDate }, p.end).utc;
  else if (p.duration instanceof ICAL.Duration) endUtc = endUtcOf(s, inst, durationLength(p.duration, s.clock));
  return { ...inst, endUtc: Math.max(endUtc, inst.utc) };
}

/** DTEND (DUE for a VTODO) gives an exact length; DURATION a nominal one; §3.6.1 defaults otherwise. */
export function lengthOf(comp: ICAL.Component, start: ICAL.Time): Length {
  const end = firstValue(comp, 'dtend') ?? firstValue(comp, 'due');
  if (end instanceof ICAL.Time) {
    return {
      nominalDays: 0,
      exactMs: Math.max(0, toUtcMs(end) - toUtcMs(start)),
      endClock: end.isDate ? FLOATING : clockOf(end),
    };
  }
  const dur = firstValue(comp, 'duration');
  if (dur instanceof ICAL.Duration) return durationLength(dur, clockOf(start));
  // §3.6.1: a DATE DTSTART without DTEND/DURATION lasts one day, a DATE-TIME one ends when it starts.
  return { nominalDays: start.isDate ? 1 : 0, exactMs: 0, endClock: clockOf(start) };
}

function durationLength(dur: ICAL.Duration, clock: Clock): Length {
  const sign = dur.isNegative ? -1 : 1;
  return {
    nominalDays: sign * (dur.weeks * 7 + dur.days),
    exactMs: sign * ((dur.hours * 60 + dur.minutes) * 60 + dur.seconds) * 1000,
    endClock: clock,
  };
}

/** End instant of an instance: nominal days on the wall clock of its zone, then the exact part; never before start. */
export function endUtcOf(s: Pick<SeriesBase, 'isDate' | 'clock'>, inst: Instance, len: Length): number {
  if (inst.endUtc !== undefined) return inst.endUtc;
  let base = inst.utc;
  if (len.nominalDays !== 0)
    base = s.isDate
      ? inst.wall + len.nominalDays * MS_PER_DAY
      : utcOfWall(s.clock, inst.wall + len.nominalDays * MS_PER_DAY);
  return Math.max(inst.utc, base + len.exactMs);
}

/** Upper bound on any instance's length, to widen the generation window for instances that start earlier. */
export function maxLengthMs(series: SeriesDef): number {
  let max = Math.abs(series.length.nominalDays) * (MS_PER_DAY + 3_600_000) + Math.abs(series.length.exactMs);
  for (const r of series.rdates) if (r.endUtc !== undefined) max = Math.max(max, r.endUtc - r.utc);
  return max;
}

export interface InstanceList {
  readonly instances: Instance[];
  /** False when the budget or the limit cut generation short. */
  readonly complete: boolean;
}

/** Local offsets never exceed a day, so a day of slack turns a UTC range into a safe wall range. */
const WALL_SLACK = MS_PER_DAY + 3_600_000;

/** Instances starting within [fromUtc, toUtc], ascending, EXDATEs removed, at most `limit` of them. */
export function collectInstances(
  series: SeriesDef,
  fromUtc: number,
  toUtc: number,
  budget: Budget,
  limit: number,
): InstanceList {
  const found = new Map<string, Instance>();
  let complete = true;
  const add = (inst: Instance): boolean => {
    if (inst.utc < fromUtc || inst.utc > toUtc || isExcluded(series, inst)) return true;
    found.set(inst.key, inst);
    if (found.size < limit) return true;
    complete = false;
    return false;
  };
  add(series.start);
  const base = { isDate: series.isDate, clock: series.clock };
  const ctx = {
    startWall: wallMs(series.dtstart),
    isDate: series.isDate,
    toUtc: (w: number) => utcOfWall(series.clock, w),
  };
  const win = { fromWall: fromUtc - WALL_SLACK, toWall: toUtc + WALL_SLACK, budget };
  for (const rule of series.rules) {
    if (found.size >= limit) break;
    expandRule(rule, ctx, win, (wall) => add(instanceAt(base, wall)));
  }
  for (const r of series.rdates) {
    // An RDATE also listed by the rule replaces it: a PERIOD brings its own length.
    if (found.size < limit || found.has(r.key)) add(r);
  }
  if (budget.exhausted) complete = false;
  const instances = [...found.values()].sort((a, b) => a.utc - b.utc || (a.key < b.key ? -1 : 1));
  return { instances, complete };
}

function isExcluded(series: SeriesDef, inst: Instance): boolean {
  return series.exKeys.has(inst.key) || (series.exDays.size > 0 && series.exDays.has(dateKey(inst.wall)));
}

/** Whether the set contains the instance with this key (instant `utc`); bounded by the budget. */
export function seriesContains(series: SeriesDef, key: string, utc: number, budget: Budget): boolean {
  if (!series.recurring) return key === series.start.key;
  const list = collectInstances(series, utc - 1, utc + 1, budget, Number.MAX_SAFE_INTEGER);
  return list.instances.some((i) => i.key === key);
}

/** Base data for turning a RECURRENCE-ID into this series' instance key. */
export function seriesBase(series: SeriesDef): SeriesBase {
  const startWall = wallMs(series.dtstart);
  return {
    isDate: series.isDate,
    clock: series.clock,
    startTod: startWall - Math.floor(startWall / MS_PER_DAY) * MS_PER_DAY,
  };
}

/** First value of a property, or null when absent or undecodable (ical.js throws on malformed values). */
export function firstValue(comp: ICAL.Component, name: string): unknown {
  try {
    return comp.getFirstPropertyValue(name);
  } catch {
    return null;
  }
}

function allValues(comp: ICAL.Component, name: string): unknown[] {
  const out: unknown[] = [];
  for (const prop of comp.getAllProperties(name)) {
    try {
      out.push(...prop.getValues());
    } catch {
      /* one malformed EXDATE/RDATE line is skipped, not the series */
    }
  }
  return out;
}
