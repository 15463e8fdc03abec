/**
 * Time zone resolution for calendars we receive and send. Owns: finding a definition for every TZID a calendar
 * uses (its own inline VTIMEZONE first, then Windows zone names mapped to IANA through CLDR's table, then the
 * IANA database shipped by timezones-ical-library), and the VTIMEZONEs an outgoing message must carry.
 *
 * ical.js resolves a TZID only against a VTIMEZONE inside the same parsed VCALENDAR; an unknown TZID silently
 * becomes floating time. So every calendar is completed with the missing VTIMEZONEs right after parsing.
 */
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { findIana } from 'windows-iana';

const libraryZoneCache = new Map<string, string | null>();

/** The VTIMEZONE text the IANA database has for a TZID (IANA or Windows name), or null. Cached. */
export function libraryVtimezone(tzid: string): string | null {
  const cached = libraryZoneCache.get(tzid);
  if (cached !== undefined) return cached;
  let text: string | null = null;
  for (const candidate of ianaCandidates(tzid)) {
    const block = tzlib_get_ical_block(candidate);
    const first = Array.isArray(block) ? block[0] : undefined;
    if (typeof first === 'string' && first.startsWith('BEGIN:VTIMEZONE')) {
      // Keep the TZID exactly as the calendar wrote it, so references resolve.
      text = first.replace(/^TZID:.*$/m, `TZID:${escapeTzid(tzid)}`);
      break;
    }
  }
  libraryZoneCache.set(tzid, text);
  return text;
}

function escapeTzid(tzid: string): string {
  return tzid.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/** IANA names worth trying for a TZID as found in the wild. */
export function ianaCandidates(tzid: string): string[] {
  const out: string[] = [];
  const trimmed = tzid.trim();
  out.push(trimmed);
  // Evolution/libical style prefixes: /freeassociation.sourceforge.net/Tzfile/Europe/Berlin, /mozilla.org/20050126_1/Europe/Berlin
  const m = /([A-Za-z_]+\/[A-Za-z_+\-]+(?:\/[A-Za-z_+\-]+)?)$/.exec(trimmed);
  if (m?.[1] && m[1] !== trimmed) out.push(m[1]);
  try {
    const mapped = findIana(trimmed);
    if (Array.isArray(mapped)) out.push(...mapped);
  } catch {
    /* not a Windows name */
  }
  return out;
}

/** Every TZID referenced by a property anywhere under `comp` (VTIMEZONE components excluded). */
export function referencedTzids(comp: ICAL.Component, into: Set<string> = new Set()): Set<string> {
  if (comp.name === 'vtimezone') return into;
  for (const prop of comp.getAllProperties()) {
    const tzid = prop.getParameter('tzid');
    if (typeof tzid === 'string' && tzid !== '') into.add(tzid);
  }
  for (const sub of comp.getAllSubcomponents()) referencedTzids(sub, into);
  return into;
}

/**
 * Adds a VTIMEZONE for every referenced TZID the calendar does not define (when the database knows the zone).
 * Returns the TZIDs that could not be resolved at all (they stay floating, and callers may report them).
 */
export function completeTimezones(vcalendar: ICAL.Component): string[] {
  const defined = new Set<string>();
  for (const vtz of vcalendar.getAllSubcomponents('vtimezone')) {
    const id = vtz.getFirstPropertyValue('tzid');
    if (typeof id === 'string') defined.add(id);
  }
  const unresolved: string[] = [];
  for (const tzid of referencedTzids(vcalendar)) {
    if (defined.has(tzid) || tzid === 'UTC' || tzid === 'Etc/UTC' || tzid === 'GMT') continue;
    const text = libraryVtimezone(tzid);
    if (!text) {
      unresolved.push(tzid);
      continue;
    }
    const vtz = new ICAL.Component(ICAL.parse(text));
    // Put zones before the first component that uses them, as clients conventionally expect.
    const first = vcalendar.getAllSubcomponents().find((c) => c.name !== 'vtimezone');
    if (first) insertBefore(vcalendar, vtz, first);
    else vcalendar.addSubcomponent(vtz);
    defined.add(tzid);
  }
  if (unresolved.length === 0 && vcalendar.getAllSubcomponents('vtimezone').length > 0) {
    // Properties parsed before the VTIMEZONE was added cached a floating zone; re-resolve lazily on next read.
    resetTimeCaches(vcalendar);
  }
  return unresolved;
}

function insertBefore(parent: ICAL.Component, child: ICAL.Component, before: ICAL.Component): void {
  const jcal = parent.jCal as unknown as [string, unknown[], unknown[][]];
  const subs = jcal[2];
  const idx = subs.indexOf(before.jCal as unknown as unknown[]);
  parent.addSubcomponent(child);
  if (idx >= 0) {
    const added = subs.pop();
    if (added) subs.splice(idx, 0, added);
    // ical.js keeps a parallel cache of wrapped components; drop it so order follows jCal again.
    (parent as unknown as { _components?: unknown })._components = undefined;
  }
}

function resetTimeCaches(comp: ICAL.Component): void {
  for (const sub of comp.getAllSubcomponents()) {
    if (sub.name === 'vtimezone') continue;
    // Drop ical.js' cached property wrappers so DTSTART etc. are decorated again with the now-known zone.
    (sub as unknown as { _properties?: unknown })._properties = undefined;
    (sub as unknown as { _hydratedPropertyCount?: number })._hydratedPropertyCount = 0;
    resetTimeCaches(sub);
  }
}

/**
 * The VTIMEZONE components an outgoing calendar needs: one for every TZID its components use, taken from
 * `source` (the calendar the event came from) when it defines it, else from the database.
 */
export function vtimezonesFor(components: readonly ICAL.Component[], source: ICAL.Component | null): ICAL.Component[] {
  const needed = new Set<string>();
  for (const c of components) referencedTzids(c, needed);
  const out: ICAL.Component[] = [];
  for (const tzid of needed) {
    if (tzid === 'UTC' || tzid === 'Etc/UTC' || tzid === 'GMT') continue;
    const inline = source?.getAllSubcomponents('vtimezone').find((v) => v.getFirstPropertyValue('tzid') === tzid);
    if (inline) {
      out.push(new ICAL.Component(JSON.parse(JSON.stringify(inline.jCal)) as unknown[]));
      continue;
    }
    const text = libraryVtimezone(tzid);
    if (text) out.push(new ICAL.Component(ICAL.parse(text)));
  }
  return out;
}
