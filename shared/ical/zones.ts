/**
 * Time zone resolution for calendars we receive and send. Owns: finding a definition for every TZID a calendar
 * uses (its own inline VTIMEZONE first, then Windows zone names mapped to IANA through CLDR's table, then the
 * IANA database shipped by timezones-ical-library), and the VTIMEZONEs an outgoing message must carry.
 *
 * ical.js resolves a TZID only against a VTIMEZONE inside the same parsed VCALENDAR; an unknown TZID silently
 * becomes floating time. So every calendar is completed with the missing VTIMEZONEs right after parsing. ical.js'
 * global TimezoneService is deliberately not used: two senders can define the same TZID differently (Outlook's
 * "Customized Time Zone", or a Windows name with the sender's own rules), so zones live inside each VCALENDAR.
 */
import ICAL from 'ical.js';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { WINDOWS_TO_IANA_MAP, findIana } from 'windows-iana';
import { parseIcs, zoneSourceText } from './parse.js';
import { zoneOffsetsFromComponent } from './zoneOffsets.js';

/** TZIDs ical.js resolves by itself (its TimezoneService is created with these). */
const BUILT_IN = new Set(['UTC', 'GMT', 'Z']);

const libraryZoneCache = new Map<string, string | null>();
const MAX_CACHED = 512;

let libraryNames: Map<string, string> | null = null;
let windowsNames: Map<string, string> | null = null;

/** Lower-case name → the spelling timezones-ical-library uses (asking it for unknown names prints an error). */
function libraryName(name: string): string | undefined {
  if (!libraryNames) {
    libraryNames = new Map();
    const all: unknown = tzlib_get_timezones();
    if (Array.isArray(all)) for (const n of all) if (typeof n === 'string') libraryNames.set(n.toLowerCase(), n);
  }
  return libraryNames.get(name.toLowerCase());
}

function windowsName(name: string): string | undefined {
  if (!windowsNames) {
    windowsNames = new Map();
    for (const entry of WINDOWS_TO_IANA_MAP) windowsNames.set(entry.windowsName.toLowerCase(), entry.windowsName);
  }
  return windowsNames.get(name.toLowerCase());
}

/** The VTIMEZONE text the IANA database has for a TZID (IANA or Windows name), or null. Cached. */
export function libraryVtimezone(tzid: string): string | null {
  const cached = libraryZoneCache.get(tzid);
  if (cached !== undefined) return cached;
  let text: string | null = null;
  for (const candidate of ianaCandidates(tzid)) {
    const name = libraryName(candidate);
    if (!name) continue;
    const block: unknown = tzlib_get_ical_block(name);
    const first: unknown = Array.isArray(block) ? block[0] : undefined;
    if (typeof first === 'string' && first.startsWith('BEGIN:VTIMEZONE')) {
      // Keep the TZID exactly as the calendar wrote it, so references resolve.
      text = first.replace(/^TZID:.*$/m, () => `TZID:${escapeText(tzid)}`);
      break;
    }
  }
  // Names come from untrusted mail; keep the cache from growing without bound.
  if (libraryZoneCache.size >= MAX_CACHED) libraryZoneCache.clear();
  libraryZoneCache.set(tzid, text);
  return text;
}

/** RFC 5545 §3.3.11 TEXT escaping for the TZID property value. */
function escapeText(tzid: string): string {
  return tzid.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/**
 * IANA names worth trying for a TZID as found in the wild, best first: the name itself, the IANA name at the
 * end of an Evolution/libical prefix (`/freeassociation.sourceforge.net/Tzfile/Europe/Berlin`,
 * `/mozilla.org/20050126_1/Europe/Berlin`), then for a Windows name (or Lotus Notes' short form of one) CLDR's
 * primary zone and its other zones.
 */
export function ianaCandidates(tzid: string): string[] {
  const out: string[] = [];
  const add = (name: string | undefined): void => {
    if (name && !out.includes(name)) out.push(name);
  };
  const trimmed = tzid
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  add(trimmed);
  const parts = trimmed.split('/').filter((p) => p !== '');
  // Longest IANA-looking tail first: America/Argentina/Buenos_Aires before Argentina/Buenos_Aires.
  for (let n = Math.min(3, parts.length); n >= 1 && parts.length > 1; n--) {
    const tail = parts.slice(parts.length - n).join('/');
    if (libraryName(tail)) add(libraryName(tail));
  }
  // Lotus Notes names a zone by its Windows name without " Standard Time": "Eastern", "Central", "Pacific",
  // "W. Europe", "AUS Eastern". Only that exact Windows name is taken, so "Central" is never Central Europe.
  const win = windowsName(trimmed) ?? (trimmed.includes('/') ? undefined : windowsName(`${trimmed} Standard Time`));
  if (win) {
    try {
      for (const name of findIana(win, '001')) add(name);
      for (const name of findIana(win)) add(name);
    } catch {
      /* the mapping table is data; a failure only loses candidates */
    }
  }
  return out;
}

/** Every TZID referenced by a property anywhere under `comp` (VTIMEZONE components excluded). */
export function referencedTzids(comp: ICAL.Component, into: Set<string> = new Set()): Set<string> {
  collectTzids(comp.jCal as unknown as JcalComponent, into);
  return into;
}

type JcalComponent = [string, [string, Record<string, unknown>, ...unknown[]][], JcalComponent[]];

/** Walks jCal directly: wrapping every property in an ical.js Property costs more than the whole lookup. */
function collectTzids(c: JcalComponent, into: Set<string>): void {
  if (c[0] === 'vtimezone') return;
  for (const p of c[1]) {
    const tzid = p[1]?.tzid;
    if (typeof tzid === 'string' && tzid !== '') into.add(tzid);
  }
  for (const sub of c[2] ?? []) collectTzids(sub, into);
}

function inlineZones(vcalendar: ICAL.Component | null): Map<string, ICAL.Component> {
  const out = new Map<string, ICAL.Component>();
  for (const vtz of vcalendar?.getAllSubcomponents('vtimezone') ?? []) {
    // The raw value, not ical.js' decoded one: `TZID;VALUE=DURATION:Europe/Zurich` threw from the decoder.
    const id: unknown = vtz.getFirstProperty('tzid')?.jCal[3];
    if (typeof id === 'string' && !out.has(id)) out.set(id, vtz);
  }
  return out;
}

/** An inline zone whose TZID differs only in case or surrounding space/quotes (seen from hand-edited exports). */
function looseMatch(zones: Map<string, ICAL.Component>, tzid: string): ICAL.Component | undefined {
  const norm = (s: string): string =>
    s
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase();
  const want = norm(tzid);
  for (const [id, vtz] of zones) if (norm(id) === want) return vtz;
  return undefined;
}

/** A deep copy of a VTIMEZONE under another TZID. */
function copyZone(vtz: ICAL.Component, tzid: string): ICAL.Component {
  const copy = new ICAL.Component(JSON.parse(JSON.stringify(vtz.jCal)) as unknown[]);
  copy.updatePropertyWithValue('tzid', tzid);
  return copy;
}

/** A definition for a TZID the calendar does not define: a loose inline match, else the IANA database. */
function definitionFor(zones: Map<string, ICAL.Component>, tzid: string): ICAL.Component | null {
  const loose = looseMatch(zones, tzid);
  if (loose) return copyZone(loose, tzid);
  const text = libraryVtimezone(tzid);
  if (!text) return null;
  try {
    return new ICAL.Component(parseIcs(text) as unknown[]);
  } catch {
    return null;
  }
}

/**
 * Adds a VTIMEZONE for every referenced TZID the calendar does not define (when the database knows the zone),
 * after reading floating times in the calendar's X-WR-TIMEZONE (see applyCalendarZone). Returns the TZIDs that could not be resolved at all (they stay floating, and callers may report them).
 *
 * ical.js decorates a property value once and caches it, with the zone it found at that moment; a DTSTART read
 * before completion would stay floating. Cached values of properties with a TZID are dropped here so the next
 * read resolves against the added zone (ICAL.Time objects handed out earlier cannot be fixed; read after this).
 */
export function completeTimezones(vcalendar: ICAL.Component): string[] {
  // A VTIMEZONE without a TZID (RFC 5545 §3.6.5: required) names no zone and cannot be referenced; ical.js' zone
  // lookup reads every zone's TZID and throws on the first without one, so it goes before anything looks.
  for (const vtz of vcalendar.getAllSubcomponents('vtimezone'))
    if (typeof vtz.getFirstProperty('tzid')?.jCal[3] !== 'string') vcalendar.removeSubcomponent(vtz);
  const zones = inlineZones(vcalendar);
  applyCalendarZone(vcalendar, zones);
  const unresolved: string[] = [];
  let added = false;
  for (const tzid of referencedTzids(vcalendar)) {
    if (zones.has(tzid) || BUILT_IN.has(tzid)) continue;
    const vtz = definitionFor(zones, tzid);
    if (!vtz) {
      unresolved.push(tzid);
      continue;
    }
    // Put zones before the first component that uses them, as clients conventionally expect.
    insertBeforeFirstNonZone(vcalendar, vtz);
    zones.set(tzid, vtz);
    added = true;
  }
  if (added) forgetDecoratedTimes(vcalendar);
  return unresolved;
}

/** Properties whose floating DATE-TIME values X-WR-TIMEZONE places; DTSTAMP and the like are UTC by definition. */
const ZONED_TIMES = new Set(['dtstart', 'dtend', 'due', 'recurrence-id', 'rdate', 'exdate']);

/**
 * X-WR-TIMEZONE (Apple's and Google's calendar-wide zone): a floating DATE-TIME in such a calendar is a time in
 * that zone, as Apple and Google clients read it, so it gets that TZID, when the zone is known (the calendar's own
 * VTIMEZONE or the database). DATE values, UTC times and times with a TZID keep their meaning.
 */
function applyCalendarZone(vcalendar: ICAL.Component, zones: Map<string, ICAL.Component>): void {
  const raw: unknown = vcalendar.getFirstProperty('x-wr-timezone')?.jCal[3];
  const tzid = typeof raw === 'string' ? raw.trim() : '';
  if (!tzid || BUILT_IN.has(tzid) || (!zones.has(tzid) && !libraryVtimezone(tzid))) return;
  let placed = false;
  for (const c of (vcalendar.jCal as unknown as JcalComponent)[2] ?? []) placed = placeFloating(c, tzid) || placed;
  if (placed) forgetDecoratedTimes(vcalendar);
}

function placeFloating(c: JcalComponent, tzid: string): boolean {
  if (c[0] === 'vtimezone') return false;
  let placed = false;
  for (const p of c[1]) {
    if (!ZONED_TIMES.has(p[0]) || (p[2] !== 'date-time' && p[2] !== 'period')) continue;
    if (typeof p[1].tzid === 'string') continue;
    const values = p.slice(3);
    // A PERIOD is [start, end or duration]; its start says whether it is floating.
    const starts = values.map((v) => (Array.isArray(v) ? v[0] : v));
    if (starts.length === 0 || !starts.every((v) => typeof v === 'string' && !v.endsWith('Z'))) continue;
    p[1].tzid = tzid;
    placed = true;
  }
  for (const sub of c[2] ?? []) placed = placeFloating(sub, tzid) || placed;
  return placed;
}

type CachedComponent = {
  _components?: Array<ICAL.Component | undefined> | null;
  _timezoneCache?: Map<string, unknown> | null;
};

function insertBeforeFirstNonZone(parent: ICAL.Component, child: ICAL.Component): void {
  const subs = (parent.jCal as unknown as [string, unknown[], unknown[][]])[2];
  const idx = subs.findIndex((c) => Array.isArray(c) && c[0] !== 'vtimezone');
  parent.addSubcomponent(child);
  if (idx < 0) return;
  // addSubcomponent appends; move the jCal entry and ical.js' parallel wrapper cache together, so wrappers other
  // code already holds stay the ones the calendar returns.
  const added = subs.pop();
  if (added) subs.splice(idx, 0, added);
  const cache = (parent as unknown as CachedComponent)._components;
  if (Array.isArray(cache) && cache.length === subs.length) {
    const wrapper = cache.pop();
    cache.splice(idx, 0, wrapper);
  } else {
    (parent as unknown as CachedComponent)._components = null;
  }
}

type CachedProperty = { _values?: unknown[] | null };
type PropertyCache = { _properties?: Array<ICAL.Property | undefined> | null };

/** Drops ical.js' decorated values of every already-read property with a TZID parameter, at any depth. */
function forgetDecoratedTimes(comp: ICAL.Component): void {
  for (const sub of comp.getAllSubcomponents()) {
    if (sub.name === 'vtimezone') continue;
    const props = (sub as unknown as PropertyCache)._properties;
    if (Array.isArray(props)) {
      for (const prop of props) {
        if (prop && prop.getParameter('tzid') !== undefined) (prop as unknown as CachedProperty)._values = null;
      }
    }
    forgetDecoratedTimes(sub);
  }
}

/**
 * The VTIMEZONE components an outgoing calendar needs: one for every TZID its components use, taken from
 * `source` (the calendar the event came from) when it defines it, else from the database. A TZID neither defines
 * is taken off the components (the message's own copies, edited in place): we read such a time as floating, so it
 * goes out floating, never as a reference to a zone the recipient cannot resolve (RFC 6047 §2.5).
 */
export function zonesForSending(
  components: readonly ICAL.Component[],
  source: ICAL.Component | null,
): ICAL.Component[] {
  const needed = new Set<string>();
  for (const c of components) referencedTzids(c, needed);
  const zones = inlineZones(source);
  const out: ICAL.Component[] = [];
  const undefinedZones = new Set<string>();
  for (const tzid of needed) {
    if (BUILT_IN.has(tzid)) continue;
    const inline = zones.get(tzid);
    const vtz = inline ? copyZone(inline, tzid) : definitionFor(zones, tzid);
    if (vtz) out.push(vtz);
    else undefinedZones.add(tzid);
  }
  // Their times were floating already (ical.js resolves an undefined TZID to no zone), so nothing cached changes.
  if (undefinedZones.size > 0)
    for (const c of components) removeReferences(c.jCal as unknown as JcalComponent, undefinedZones);
  return out;
}

function removeReferences(c: JcalComponent, tzids: ReadonlySet<string>): void {
  if (c[0] === 'vtimezone') return;
  for (const p of c[1]) if (typeof p[1]?.tzid === 'string' && tzids.has(p[1].tzid)) delete p[1].tzid;
  for (const sub of c[2] ?? []) removeReferences(sub, tzids);
}

/** The span in which two definitions must agree to be the same zone: every instant a calendar here is about. */
const SAME_RULES_FROM = Date.UTC(1970, 0, 1);
const SAME_RULES_TO = Date.UTC(2100, 0, 1);

/**
 * Whether two VTIMEZONEs give every instant of 1970–2099 the same UTC offset, whatever their text (an Outlook
 * definition from 1601 and the IANA database's agree; Outlook's European and Pacific "Customized Time Zone" do
 * not). Offsets are constant between transitions, so comparing at each transition of either zone is exact.
 */
export function sameZoneRules(a: ICAL.Component, b: ICAL.Component): boolean {
  if (a.jCal === b.jCal) return true;
  // Every update from a sender repeats its zones verbatim: the same text is the same zone, and a pair of texts
  // compared once is remembered (bounded), so a merge does not walk 130 years of transitions each time.
  const ta = zoneSourceText(a.jCal);
  const tb = zoneSourceText(b.jCal);
  if (ta === undefined || tb === undefined) return compareZoneRules(a, b);
  if (ta === tb) return true;
  const key = ta < tb ? `${ta}\u0000${tb}` : `${tb}\u0000${ta}`;
  let same = comparedZones.get(key);
  if (same === undefined) {
    same = compareZoneRules(a, b);
    if (comparedZones.size >= 256) comparedZones.delete(comparedZones.keys().next().value as string);
    comparedZones.set(key, same);
  }
  return same;
}

const comparedZones = new Map<string, boolean>();

function compareZoneRules(a: ICAL.Component, b: ICAL.Component): boolean {
  const za = zoneOffsetsFromComponent(a);
  const zb = zoneOffsetsFromComponent(b);
  const points = [SAME_RULES_FROM];
  for (const t of za.transitionsBetween(SAME_RULES_FROM, SAME_RULES_TO)) points.push(t.utc);
  for (const t of zb.transitionsBetween(SAME_RULES_FROM, SAME_RULES_TO)) points.push(t.utc);
  return points.every((p) => za.offsetAtUtc(p) === zb.offsetAtUtc(p));
}

/** The VTIMEZONE a calendar defines for a TZID (the first, as ical.js resolves it), or null. */
export function zoneDefinition(vcalendar: ICAL.Component, tzid: string): ICAL.Component | null {
  return inlineZones(vcalendar).get(tzid) ?? null;
}

/**
 * Gives a calendar's definition of `from` the TZID `to`, and every reference to it with it: the same rules under
 * another name, so the instants stay. The definition is replaced by a renamed copy (clones share VTIMEZONE
 * subtrees, see clone.ts), and what ical.js cached of the old name (decorated times, zones by TZID) is dropped.
 */
export function renameZone(vcalendar: ICAL.Component, from: string, to: string): void {
  const old = zoneDefinition(vcalendar, from);
  if (old) {
    insertBeforeFirstNonZone(vcalendar, copyZone(old, to));
    vcalendar.removeSubcomponent(old);
  }
  renameReferences(vcalendar.jCal as unknown as JcalComponent, from, to);
  forgetDecoratedTimes(vcalendar);
  (vcalendar as unknown as CachedComponent)._timezoneCache?.clear();
}

function renameReferences(c: JcalComponent, from: string, to: string): void {
  if (c[0] === 'vtimezone') return;
  for (const p of c[1]) if (p[1]?.tzid === from) p[1].tzid = to;
  for (const sub of c[2] ?? []) renameReferences(sub, from, to);
}

/** Drops what ical.js resolved of a calendar's zones, after a definition was replaced under the same TZID. */
export function forgetResolvedZones(vcalendar: ICAL.Component): void {
  forgetDecoratedTimes(vcalendar);
  (vcalendar as unknown as CachedComponent)._timezoneCache?.clear();
}
