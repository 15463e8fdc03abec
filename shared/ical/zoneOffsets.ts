/**
 * UTC offsets of a VTIMEZONE (RFC 5545 §3.6.5), computed once and looked up by binary search. Owns: turning a
 * zone's STANDARD/DAYLIGHT observances (DTSTART, RRULE, RDATE, TZOFFSETFROM/TO) into a sorted list of UTC
 * transitions for the years asked about, converting local wall times to UTC with §3.3.5's rules for skipped
 * and repeated local times, and caching the result per VTIMEZONE.
 *
 * ical.js answers the same question by re-walking the observance rules on every conversion (about 450 one-year
 * expansions per second); a cached transition list makes it a lookup. It also differs from §3.3.5 at the two
 * DST edges, which this module follows instead: a local time skipped by a spring-forward gap is read with the
 * offset before the gap, and a repeated local time means its first occurrence.
 */
import type ICAL from 'ical.js';
import { MS_PER_DAY, approximateYear, parseDateTimeText, wallFromFields } from './civil.js';
import { expandRule, makeBudget } from './expandRule.js';
import { parseRecurRule, type RecurRule } from './recurRule.js';
import { zoneSourceText } from './parse.js';

interface Observance {
  readonly startWall: number;
  /** TZOFFSETFROM / TZOFFSETTO in milliseconds. */
  readonly from: number;
  readonly to: number;
  readonly rules: readonly RecurRule[];
  /** RDATE onsets as UTC instants. */
  readonly rdates: readonly number[];
}

/** Years computed on each side of a requested year, so neighbouring lookups rarely extend the table. */
const COVER_MARGIN = 10;
/** Onsets per observance rule per rebuild; a sane zone needs two a year. */
const RULE_BUDGET = 20_000;

export class ZoneOffsets {
  private utcs: number[] = [];
  /** Wall time at which each transition happens, as read on the clock before it. */
  private walls: number[] = [];
  private froms: number[] = [];
  private tos: number[] = [];
  private coverFrom = 0;
  private coverTo = -1;

  constructor(private readonly observances: readonly Observance[]) {}

  /** UTC instant of a local wall time (RFC 5545 §3.3.5: gap → offset before it; overlap → first occurrence). */
  utcFromWall(wall: number): number {
    this.cover(approximateYear(wall));
    const i = lastAtOrBefore(this.walls, wall);
    if (i < 0) return wall - (this.froms[0] ?? 0);
    const from = this.froms[i] ?? 0;
    const to = this.tos[i] ?? 0;
    if (to > from && wall < (this.utcs[i] ?? 0) + to) return wall - from;
    return wall - to;
  }

  /** Offset from UTC (ms) in force at a UTC instant. */
  offsetAtUtc(utc: number): number {
    this.cover(approximateYear(utc));
    const i = lastAtOrBefore(this.utcs, utc);
    return i < 0 ? (this.froms[0] ?? 0) : (this.tos[i] ?? 0);
  }

  /** UTC transitions within [fromMs, toMs), for tests and diagnostics. */
  transitionsBetween(fromMs: number, toMs: number): Array<{ utc: number; from: number; to: number }> {
    this.cover(approximateYear(fromMs));
    this.cover(approximateYear(toMs));
    const out: Array<{ utc: number; from: number; to: number }> = [];
    this.utcs.forEach((utc, i) => {
      if (utc >= fromMs && utc < toMs) out.push({ utc, from: this.froms[i] ?? 0, to: this.tos[i] ?? 0 });
    });
    return out;
  }

  private cover(year: number): void {
    // Beyond ±10000 the table of the edge years is reused rather than computing ever further out.
    const y = Math.min(Math.max(year, -10_000), 10_000);
    if (y - 1 >= this.coverFrom && y + 1 <= this.coverTo) return;
    const empty = this.coverTo < this.coverFrom;
    this.coverFrom = empty ? y - COVER_MARGIN : Math.min(this.coverFrom, y - COVER_MARGIN);
    this.coverTo = empty ? y + COVER_MARGIN : Math.max(this.coverTo, y + COVER_MARGIN);
    this.rebuild();
  }

  /** Recomputes every transition in the covered years (plus all finite onsets, which cost nothing to keep). */
  private rebuild(): void {
    const list: Array<{ utc: number; from: number; to: number }> = [];
    const fromWall = wallFromFields(this.coverFrom, 1, 1) - MS_PER_DAY;
    const toWall = wallFromFields(this.coverTo + 1, 1, 1) + MS_PER_DAY;
    for (const o of this.observances) {
      const push = (utc: number): boolean => {
        list.push({ utc, from: o.from, to: o.to });
        return true;
      };
      // DTSTART is the first onset (§3.6.5) even when RDATEs follow; ical.js drops it in that case.
      push(o.startWall - o.from);
      for (const utc of o.rdates) push(utc);
      for (const rule of o.rules) {
        // Onsets are local times in the offset before them, so UNTIL (UTC) compares against wall - TZOFFSETFROM.
        const ctx = { startWall: o.startWall, isDate: false, toUtc: (w: number) => w - o.from };
        expandRule(rule, ctx, { fromWall, toWall, budget: makeBudget(RULE_BUDGET) }, (w) => push(w - o.from));
      }
    }
    list.sort((a, b) => a.utc - b.utc);
    this.utcs = list.map((t) => t.utc);
    this.walls = list.map((t) => t.utc + t.from);
    this.froms = list.map((t) => t.from);
    this.tos = list.map((t) => t.to);
  }
}

function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= x) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

type JcalProp = [string, Record<string, unknown>, string, ...unknown[]];
type JcalComp = [string, JcalProp[], JcalComp[]];

/** Reads observances straight from jCal, so a malformed value drops one onset instead of throwing. */
function readObservances(vtimezone: unknown): Observance[] {
  const out: Observance[] = [];
  if (!Array.isArray(vtimezone) || !Array.isArray(vtimezone[2])) return out;
  for (const sub of vtimezone[2] as JcalComp[]) {
    if (!Array.isArray(sub) || (sub[0] !== 'standard' && sub[0] !== 'daylight') || !Array.isArray(sub[1])) continue;
    const props = sub[1];
    const value = (name: string): unknown => props.find((p) => Array.isArray(p) && p[0] === name)?.[3];
    const start = parseDateTimeText(value('dtstart'));
    const from = parseOffset(value('tzoffsetfrom'));
    const to = parseOffset(value('tzoffsetto'));
    if (!start || from === null || to === null) continue;
    const rules: RecurRule[] = [];
    const rdates: number[] = [];
    for (const p of props) {
      if (!Array.isArray(p)) continue;
      if (p[0] === 'rrule') {
        const rule = parseRecurRule(p[3], { fifthMeansLast: true });
        if (rule) rules.push(rule);
      } else if (p[0] === 'rdate') {
        for (const v of p.slice(3)) {
          const t = parseDateTimeText(Array.isArray(v) ? v[0] : v);
          if (!t) continue;
          // A DATE RDATE takes DTSTART's time of day; a UTC one is already an instant.
          const wall = t.isDate ? t.wall + (start.wall - Math.floor(start.wall / MS_PER_DAY) * MS_PER_DAY) : t.wall;
          rdates.push(t.isUtc ? wall : wall - from);
        }
      }
    }
    out.push({ startWall: start.isUtc ? start.wall + from : start.wall, from, to, rules, rdates });
  }
  return out;
}

/** `+01:00`, `-0500`, `+053000` → milliseconds; null when malformed. */
export function parseOffset(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const secs = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return (m[1] === '-' ? -1 : 1) * secs * 1000;
}

const byJcal = new WeakMap<object, ZoneOffsets>();
const byText = new Map<string, ZoneOffsets>();
const MAX_TEXT_ENTRIES = 256;

/**
 * The offset table for a VTIMEZONE component. Cached by the component's jCal identity and, across parses, by
 * its content: the same zone text received again reuses the computed transitions.
 */
export function zoneOffsetsFromComponent(vtimezone: ICAL.Component): ZoneOffsets {
  const jcal = vtimezone.jCal as unknown as object;
  const hit = byJcal.get(jcal);
  if (hit) return hit;
  const text = zoneSourceText(jcal) ?? JSON.stringify(jcal);
  let offsets = byText.get(text);
  if (!offsets) {
    offsets = new ZoneOffsets(readObservances(jcal));
    if (byText.size >= MAX_TEXT_ENTRIES) {
      const oldest = byText.keys().next();
      if (!oldest.done) byText.delete(oldest.value);
    }
    byText.set(text, offsets);
  }
  byJcal.set(jcal, offsets);
  return offsets;
}

/**
 * The offset table for an ical.js zone, or null for UTC, floating time and zones ical.js could not resolve
 * (which it treats as floating: offset 0).
 */
export function zoneOffsetsFor(zone: ICAL.Timezone | null | undefined): ZoneOffsets | null {
  const comp = zone?.component as ICAL.Component | null | undefined;
  if (!comp || typeof comp !== 'object' || !Array.isArray(comp.jCal)) return null;
  return zoneOffsetsFromComponent(comp);
}
