/**
 * Checks every message from an attendee to me as organizer shares (REPLY, COUNTER, REFRESH; RFC 5546 §3.2.3,
 * §3.2.7, §3.2.6): the event exists and I organize it.
 */
import type { Message } from '../i18n/index.js';
import { eventsOf, type Comp } from './components.js';
import { isMe, organizerOf } from './identity.js';
import type { ItipMessage } from './message.js';
import type { EngineContext } from './types.js';

/** Why the message is not for me to apply, or null when it is. */
export function organizerPreconditions(msg: ItipMessage, stored: Comp | null, ctx: EngineContext): Message | null {
  if (!stored) return { key: 'reason.organizer.noEvent', params: { method: msg.method } };
  const org = organizerOf(eventsOf(stored));
  if (!org) return { key: 'reason.organizer.noOrganizer', params: { method: msg.method } };
  if (!isMe(org.address, ctx.me))
    return { key: 'reason.organizer.notMine', params: { method: msg.method, organizer: org.address } };
  return null;
}
