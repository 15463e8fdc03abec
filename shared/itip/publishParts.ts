/**
 * A PUBLISH that carries several events (a holiday list, a booking with several legs, an Outlook calendar export):
 * iTIP wants one UID per message (RFC 5546 §1.4), but what people mean by such a mail is "add these events", so it
 * is read as one PUBLISH per UID, each with the time zones it uses, and each handled and answered on its own.
 * Every other method keeps the one-UID rule (a REQUEST for two events cannot be answered with one REPLY).
 */
import ICAL from 'ical.js';
import { parseIcs } from '../ical/parse.js';
import { completeTimezones } from '../ical/zones.js';
import { serializeCalendar } from '../ical/serialize.js';
import { splitByUid } from '../calendar/queries.js';
import { cloneComponent, textValue } from './components.js';
import { PRODID } from './outgoing.js';
import { MAX_ITIP_CHARS } from './message.js';
import { processItip, type StoredLookup } from './engine.js';
import type { EngineContext, EngineResult, IncomingItip } from './types.js';

export interface PublishPart {
  readonly uid: string;
  /** The part as its own PUBLISH message (METHOD:PUBLISH, its events, the VTIMEZONEs they use). */
  readonly ics: string;
}

/**
 * The parts of a PUBLISH with more than one UID, in the order the events first appear, then each task or journal
 * entry beside them as a part of its own; null for anything else (one UID, another method, unreadable text, no
 * event, an event without UID, or other components — those keep the single-message path and its errors).
 */
export function publishParts(ics: string, headerMethod: string | null): readonly PublishPart[] | null {
  // Cheap tests first: this runs for every incoming message. Too large a text is refused by parseItip.
  if (!/^METHOD:\s*PUBLISH\s*$/im.test(ics) && headerMethod?.trim().toUpperCase() !== 'PUBLISH') return null;
  if (ics.length > MAX_ITIP_CHARS || distinctUidLines(ics) < 2) return null;
  try {
    return splitPublish(ics, headerMethod);
  } catch {
    // Whatever cannot be read here (a value ical.js refuses to decode, an odd shape) takes the single-message
    // path, whose parser reports it as a coded error: one place says what is wrong with a message.
    return null;
  }
}

/**
 * How many different UID values the text holds, read from its unfolded lines without parsing: most PUBLISH
 * messages carry one event, and they are parsed once, by parseItip, not here as well.
 */
function distinctUidLines(ics: string): number {
  const uids = new Set<string>();
  for (const m of ics.replace(/\r?\n[ \t]/g, '').matchAll(/^UID(?:;[^:\r\n]*)?:(.*)$/gim)) {
    uids.add((m[1] ?? '').trim());
    if (uids.size > 1) break;
  }
  return uids.size;
}

function splitPublish(ics: string, headerMethod: string | null): readonly PublishPart[] | null {
  const jcal = parseIcs(ics.replace(/^\uFEFF/, ''));
  if (!Array.isArray(jcal) || typeof jcal[0] !== 'string') return null;
  const cal = new ICAL.Component(jcal as unknown[]);
  if (cal.name !== 'vcalendar') return null;
  const method = textValue(cal, 'method')?.trim().toUpperCase() ?? headerMethod?.trim().toUpperCase() ?? '';
  if (method !== 'PUBLISH') return null;
  const subs = cal.getAllSubcomponents();
  if (subs.some((c) => !PART_COMPONENTS.has(c.name))) return null;
  const events = cal.getAllSubcomponents('vevent');
  if (events.length === 0 || events.some((e) => !(textValue(e, 'uid') ?? '').trim())) return null;
  // Completed before the split: a part is a calendar of its own and would lose X-WR-TIMEZONE and the zone it names.
  completeTimezones(cal);
  const byUid = splitByUid(cal);
  const others = subs.filter((c) => UNSUPPORTED.has(c.name));
  if (byUid.size + others.length < 2) return null;
  const out: PublishPart[] = [];
  for (const [uid, part] of byUid) {
    part.addPropertyWithValue('method', 'PUBLISH');
    out.push({ uid, ics: serializeCalendar(part) });
  }
  // A task or journal entry is a message of its own, which gets the answer a lone one gets (not supported), so
  // the events beside it are handled as without it.
  for (const c of others) {
    const part = new ICAL.Component(['vcalendar', [], []]);
    part.addPropertyWithValue('prodid', textValue(cal, 'prodid') ?? PRODID);
    part.addPropertyWithValue('version', '2.0');
    part.addPropertyWithValue('method', 'PUBLISH');
    part.addSubcomponent(cloneComponent(c));
    out.push({ uid: (textValue(c, 'uid') ?? '').trim(), ics: serializeCalendar(part) });
  }
  return out;
}

/** Components that are not scheduled here; parseItip refuses a message of them (reason.error.unsupportedComponent). */
const UNSUPPORTED = new Set(['vtodo', 'vjournal']);
const PART_COMPONENTS = new Set(['vevent', 'vtimezone', ...UNSUPPORTED]);

/** Processes a message, a PUBLISH of several events as one result per UID; anything else as one result. */
export function processItipEach(incoming: IncomingItip, lookup: StoredLookup, ctx: EngineContext): EngineResult[] {
  const parts = publishParts(incoming.ics, incoming.headerMethod);
  if (!parts) return [processItip(incoming, lookup, ctx)];
  return parts.map((p) => processItip({ ...incoming, ics: p.ics }, lookup, ctx));
}
