/**
 * What the organizer's operations share: the result they return (the organizer's copy to store and the messages
 * to send), who may be mailed, and the checks that the event is mine to change.
 */
import type { Message } from '../../i18n/index.js';
import type { MessageKind } from '../../model/decisions.js';
import type { OutgoingItip } from '../../model/outgoing.js';
import { formatIso } from '../../ical/time.js';
import { itipError, type ItipErrorCode } from '../errors.js';
import { putCalendar } from '../analysis.js';
import { attendeeProps, eventsOf, masterOf, organizerAddress, param, propAddress, type Comp } from '../components.js';
import type { EngineContext, EngineResult } from '../types.js';
import ICAL from 'ical.js';
import { imipAllowed } from '../imipPatterns.js';
import { isMyAddress } from '../replyToken.js';

export interface OrganizeHead {
  readonly method: string;
  readonly uid: string;
  readonly recurrenceId: ICAL.Time | null;
}

export function organized(
  head: OrganizeHead,
  kind: MessageKind,
  cal: Comp | null,
  sequence: number,
  reason: Message,
  outgoing: readonly OutgoingItip[],
  notMailed: readonly string[] = [],
): EngineResult {
  return {
    ...(notMailed.length ? { notMailed } : {}),
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId ? formatIso(head.recurrenceId) : null,
    sequence,
    kind,
    outcome: 'applied',
    reason,
    warnings: [],
    store: cal ? putCalendar(head.uid, cal) : null,
    outgoing,
    pending: null,
    obsoletes: [],
  };
}

export function organizeFailed(
  head: OrganizeHead,
  kind: MessageKind,
  code: ItipErrorCode,
  params?: Message['params'],
): EngineResult {
  return {
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId ? formatIso(head.recurrenceId) : null,
    sequence: null,
    kind,
    outcome: 'error',
    reason: itipError(code, params).message,
    warnings: [],
    store: null,
    outgoing: [],
    pending: null,
    obsoletes: [],
    errorCode: code,
  };
}

/**
 * The stored event when I organize it, else the error code. An event someone else organizes is theirs to change
 * (RFC 5546 §2.1.4: only the organizer sends REQUEST/CANCEL for it).
 */
export function myEvent(stored: Comp | null, ctx: EngineContext): ItipErrorCode | Comp {
  if (!stored) return 'ITIP_NO_EVENT';
  const first = masterOf(stored) ?? eventsOf(stored)[0];
  const org = first ? organizerAddress(first) : null;
  if (!org || !isMyAddress(org, ctx.me)) return 'ITIP_NOT_ORGANIZER';
  return stored;
}

/**
 * Attendees to mail. SCHEDULE-AGENT (RFC 6638 §7.1) says who schedules for an attendee: NONE means nobody, so no
 * mail. SERVER (the default) and CLIENT are both ours to send by iMIP: the companion is the client, and it marks
 * attendees CLIENT itself on self-scheduling CalDAV servers precisely so that it, not the server, sends. The iMIP
 * address patterns (imipPatterns.ts) leave out whom they do not match, as NONE would.
 */
export function mailable(cal: Comp, ctx: Pick<EngineContext, 'me' | 'imipAddressPatterns'>): string[] {
  return attendeesToMail(cal, ctx).mailed;
}

/** Who gets mail and who is left out by the iMIP address patterns (never me, the organizer or NONE). */
export function attendeesToMail(
  cal: Comp,
  ctx: Pick<EngineContext, 'me' | 'imipAddressPatterns'>,
): { mailed: string[]; notMailed: string[] } {
  const mailed = new Set<string>();
  const notMailed = new Set<string>();
  for (const e of eventsOf(cal)) {
    const org = organizerAddress(e);
    for (const a of attendeeProps(e)) {
      const addr = propAddress(a);
      if (!addr || isMyAddress(addr, ctx.me) || addr === org) continue;
      if ((param(a, 'schedule-agent') ?? 'SERVER').toUpperCase() === 'NONE') continue;
      (imipAllowed(addr, ctx.imipAddressPatterns) ? mailed : notMailed).add(addr);
    }
  }
  return { mailed: [...mailed], notMailed: [...notMailed] };
}
