/**
 * Turning a server's calendar object into what the cache stores, and back. Owns the checks that keep the vdir
 * usable: exactly one UID per object (RFC 4791 §4.1), a VCALENDAR that parses.
 */
import ICAL from 'ical.js';
import { parseIcs } from '../../shared/ical/parse.js';
import { serializeCalendar } from '../../shared/ical/serialize.js';
import { scanIcs } from '../store/icsScan.js';

export type ParsedObject =
  | { readonly ok: true; readonly uid: string; readonly calendar: ICAL.Component }
  | { readonly ok: false; readonly message: string };

/** The cheap check a synced object passes before it is cached: well-formed content lines and exactly one UID. */
export function scanObject(text: string): { ok: true; uid: string } | { ok: false; message: string } {
  const scan = scanIcs(text);
  if (scan.error) return { ok: false, message: scan.error };
  const [uid, ...more] = scan.uids;
  if (uid === undefined) return { ok: false, message: 'it has no UID' };
  if (more.length) return { ok: false, message: `it holds ${scan.uids.length} UIDs` };
  return { ok: true, uid };
}

export function parseObject(text: string): ParsedObject {
  const scanned = scanObject(text);
  if (!scanned.ok) return scanned;
  const uid = scanned.uid;
  try {
    const jcal: unknown = parseIcs(text);
    if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') return { ok: false, message: 'it is not one VCALENDAR' };
    return { ok: true, uid, calendar: new ICAL.Component(jcal) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The text PUT to the server: no METHOD (a stored object is not an iTIP message, RFC 4791 §4.1). */
export function objectText(vcalendar: ICAL.Component): string {
  const copy = new ICAL.Component(structuredClone(vcalendar.toJSON()) as unknown[]);
  copy.removeAllProperties('method');
  return serializeCalendar(copy);
}
