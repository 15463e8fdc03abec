/**
 * Finding the event an attendee's answer belongs to through its reply token (see replyToken.ts). A REPLY, COUNTER
 * or REFRESH (RFC 5546 §3.2.3, §3.2.7, §3.2.6) normally names its event by UID; some clients send it back with a
 * UID of their own (a forwarded copy imported as a new event, gateways that regenerate UIDs) or an ORGANIZER they
 * rewrote. When the UID is unknown and the mail was addressed to `me+token@…` (To, Cc) or carries that ORGANIZER,
 * the event that carries the token answers for it, and the message is read with that event's UID.
 */
import type { Message } from '../i18n/index.js';
import type { MailEnvelope } from '../model/mail.js';
import {
  cloneComponent,
  eventsOf,
  masterOf,
  organizerAddress,
  organizerProp,
  propAddress,
  type Comp,
} from './components.js';
import type { ItipMessage } from './message.js';
import { replyTokenIn, subaddress } from './replyToken.js';
import type { EngineContext } from './types.js';

/** The methods an attendee sends to me as organizer. */
const TO_ORGANIZER = new Set(['REPLY', 'COUNTER', 'REFRESH']);

export interface Matched {
  readonly msg: ItipMessage;
  readonly stored: Comp | null;
  /** Says that the message was matched by its token and which UID it named (`warning.replyToken.matched`). */
  readonly note: Message | null;
}

export function matchByReplyToken(
  msg: ItipMessage,
  lookup: (uid: string) => Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
): Matched {
  const stored = msg.componentType === 'vevent' ? lookup(msg.uid) : null;
  const none = { msg, stored, note: null };
  if (stored || !ctx.eventByReplyToken || !TO_ORGANIZER.has(msg.method) || msg.componentType !== 'vevent') return none;
  const organizers = msg.components.map((c) => organizerProp(c)).map((p) => (p ? propAddress(p) : null));
  const addressed = [...env.to, ...env.cc].map((a) => a.address);
  const token = replyTokenIn([...addressed, ...organizers], ctx.me);
  if (!token) return none;
  const uid = ctx.eventByReplyToken(token);
  const found = uid && uid !== msg.uid ? lookup(uid) : null;
  // The calendar's answer is checked here too: the event must be mine and carry exactly this token.
  if (!uid || !found || !carriesToken(found, token, ctx.me)) return none;
  const note: Message = { key: 'warning.replyToken.matched', params: { uid, named: msg.uid } };
  return { msg: withUid(msg, uid, note), stored: found, note };
}

function carriesToken(cal: Comp, token: string, me: readonly string[]): boolean {
  const first = masterOf(cal) ?? eventsOf(cal)[0];
  const { base, detail } = subaddress((first && organizerAddress(first)) ?? '');
  return detail === token && me.includes(base);
}

/** The same message naming `uid`: a copy, the parsed message stays as it was. */
function withUid(msg: ItipMessage, uid: string, note: Message): ItipMessage {
  const calendar = cloneComponent(msg.calendar);
  const kind = msg.componentType;
  const components = calendar.getAllSubcomponents(kind);
  for (const c of components) c.updatePropertyWithValue('uid', uid);
  return { ...msg, calendar, uid, components, notes: [...msg.notes, note] };
}
