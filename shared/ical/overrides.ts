/**
 * RECURRENCE-ID overrides of a series (RFC 5545 §3.8.4.4). Owns: reading each override once (its identity key,
 * own start and end), choosing between duplicates, and RANGE=THISANDFUTURE: an override with that range
 * describes its own instance and every later one until a later THISANDFUTURE override takes over (RFC 5546 uses
 * it for "this and all future" changes). Later instances take the override's properties, are moved by the same
 * wall-clock shift (override DTSTART − its RECURRENCE-ID, measured in the override's zone so 10:00 stays 10:00
 * across DST) and last as long as the override does.
 */
import ICAL from 'ical.js';
import { MS_PER_DAY } from './civil.js';
import {
  clockOf,
  firstValue,
  lengthOf,
  endUtcOf,
  seriesBase,
  utcOfWall,
  valueInstance,
  wallOfUtc,
  type Clock,
  type Instance,
  type SeriesDef,
} from './recurrenceSet.js';
import { timeFromWall, timeKey, toUtcMs, wallMs } from './time.js';

export interface OverrideDef {
  readonly comp: ICAL.Component;
  readonly rid: ICAL.Time;
  /** Instance key of the RECURRENCE-ID in the series' terms (see recurrenceSet.valueInstance). */
  readonly key: string;
  readonly ridUtc: number;
  readonly thisAndFuture: boolean;
  readonly start: ICAL.Time;
  readonly end: ICAL.Time;
  readonly startMs: number;
  readonly endMs: number;
}

/** Overrides keyed by instance; of two for the same instance the higher SEQUENCE (then the later one) wins. */
export function readOverrides(comps: readonly ICAL.Component[], series: SeriesDef | null): Map<string, OverrideDef> {
  const out = new Map<string, OverrideDef>();
  const seq = new Map<string, number>();
  for (const comp of comps) {
    const def = readOverride(comp, series);
    if (!def) continue;
    const s = Number(firstValue(comp, 'sequence')) || 0;
    if ((seq.get(def.key) ?? -Infinity) > s) continue;
    seq.set(def.key, s);
    out.set(def.key, def);
  }
  return out;
}

function readOverride(comp: ICAL.Component, series: SeriesDef | null): OverrideDef | null {
  const rid = firstValue(comp, 'recurrence-id');
  if (!(rid instanceof ICAL.Time)) return null;
  const idInst = series ? valueInstance(seriesBase(series), rid) : { key: timeKey(rid), utc: toUtcMs(rid) };
  const dtstart = firstValue(comp, 'dtstart');
  // An override without DTSTART (invalid, but seen) keeps the instance's original time.
  const start = dtstart instanceof ICAL.Time ? dtstart : rid;
  const startMs = toUtcMs(start);
  const clock = clockOf(start);
  const len = lengthOf(comp, start);
  const inst: Instance = { wall: start.isDate ? wallMs(start) : wallOfUtc(clock, startMs), utc: startMs, key: '' };
  const endMs = endUtcOf({ isDate: start.isDate, clock }, inst, len);
  const end = endTime(start.isDate, endMs, startMs, len.endClock);
  const range = comp.getFirstProperty('recurrence-id')?.getParameter('range');
  const thisAndFuture = typeof range === 'string' && range.toUpperCase() === 'THISANDFUTURE';
  return { comp, rid, key: idInst.key, ridUtc: idInst.utc, thisAndFuture, start, end, startMs, endMs };
}

/** The ical.js end time for an end instant: a DATE when an all-day instance ends on a day boundary. */
export function endTime(isDate: boolean, endMs: number, startMs: number, clock: Clock): ICAL.Time {
  if (isDate && (endMs - startMs) % MS_PER_DAY === 0) return timeFromWall(endMs, null, true);
  if (isDate) return timeFromWall(endMs, null, false);
  return timeFromWall(wallOfUtc(clock, endMs), clock.zone, false, endMs);
}

export interface RangeShift {
  readonly def: OverrideDef;
  readonly clock: Clock;
  /** Wall-clock shift (ms) from an instance's original start to its new start, in the override's zone. */
  readonly shift: number;
  readonly lengthMs: number;
  readonly endClock: Clock;
}

/** THISANDFUTURE overrides in RECURRENCE-ID order, with their shift and length worked out. */
export function rangeShifts(overrides: Iterable<OverrideDef>): RangeShift[] {
  const out: RangeShift[] = [];
  for (const def of overrides) {
    if (!def.thisAndFuture) continue;
    const clock = clockOf(def.start);
    const ridWall = def.rid.isDate || def.start.isDate ? wallMs(def.rid) : wallOfUtc(clock, def.ridUtc);
    const startWall = def.start.isDate ? wallMs(def.start) : wallOfUtc(clock, def.startMs);
    const endClock = def.end.isDate ? clock : clockOf(def.end);
    out.push({ def, clock, shift: startWall - ridWall, lengthMs: def.endMs - def.startMs, endClock });
  }
  return out.sort((a, b) => a.def.ridUtc - b.def.ridUtc);
}

/** The THISANDFUTURE override governing an instance: the latest one whose RECURRENCE-ID precedes it. */
export function governingRange(ranges: readonly RangeShift[], inst: Instance): RangeShift | null {
  let found: RangeShift | null = null;
  for (const r of ranges) {
    if (r.def.ridUtc < inst.utc) found = r;
    else break;
  }
  return found;
}

export interface ShiftedInstance {
  readonly start: ICAL.Time;
  readonly end: ICAL.Time;
  readonly startMs: number;
  readonly endMs: number;
}

/** Where an instance lands under a THISANDFUTURE override. */
export function shiftInstance(r: RangeShift, inst: Instance, seriesIsDate: boolean): ShiftedInstance {
  if (r.def.start.isDate) {
    const day = Math.floor((seriesIsDate ? inst.wall : wallOfUtc(r.clock, inst.utc)) / MS_PER_DAY) * MS_PER_DAY;
    const startMs = day + Math.round(r.shift / MS_PER_DAY) * MS_PER_DAY;
    const endMs = startMs + r.lengthMs;
    return { start: timeFromWall(startMs, null, true), end: endTime(true, endMs, startMs, r.endClock), startMs, endMs };
  }
  const from = seriesIsDate ? inst.wall + (wallMs(r.def.rid) % MS_PER_DAY) : wallOfUtc(r.clock, inst.utc);
  const startMs = utcOfWall(r.clock, from + r.shift);
  const endMs = startMs + r.lengthMs;
  const start = timeFromWall(wallOfUtc(r.clock, startMs), r.clock.zone, false, startMs);
  return { start, end: endTime(false, endMs, startMs, r.endClock), startMs, endMs };
}
