/**
 * A REQUEST that names me as ORGANIZER but was not sent by me: not my own invitation coming back through Sent, but a
 * lookalike — the "COUNTER sent as REQUEST" of mail programs that cannot send COUNTER (an attendee proposing another
 * time or place, RFC 5546 §3.2.7), or Exchange's "Meeting Forward Notification" (an attendee forwarded my meeting
 * and the message lists the new invitee). Never a replacement of my organizer copy: a proposal is weighed as a
 * COUNTER, a forward is a party-crasher style decision (add the new people and invite them, or ignore), and anything
 * else is ignored with the reason.
 */
import type { MailEnvelope } from '../../model/mail.js';
import {
  attendeeProps,
  cloneComponent,
  eventsOf,
  findAttendee,
  masterOf,
  param,
  propAddress,
  type Comp,
} from '../components.js';
import {
  counterpartOf,
  noEffect,
  nothingToDo,
  putCalendar,
  timeChanged,
  type Analysis,
  type Effect,
} from '../analysis.js';
import { isMe, senderAddresses, verifySender, type Originator } from '../identity.js';
import { buildRequests } from '../outgoing.js';
import { analyzeCounter } from './counter.js';
import { addAttendee } from '../organize/createEvent.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

/** True when the mail carrying a REQUEST of mine came from someone else (and says who sent it). */
export function isLookalike(organizer: Originator, env: MailEnvelope, me: readonly string[]): boolean {
  const senders = senderAddresses(env);
  return (
    senders.length > 0 && !senders.some((s) => isMe(s, me)) && !(organizer.sentBy && senders.includes(organizer.sentBy))
  );
}

export function analyzeLookalike(
  msg: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
  base: Pick<Analysis, 'originator' | 'proposed' | 'current' | 'notes'>,
): Analysis {
  const sender = senderAddresses(env)[0] ?? '';
  const common = {
    ...base,
    verification: verifySender(base.originator, env),
    identity: base.originator?.address ?? null,
  };
  const summary = base.current?.summary ?? base.proposed?.summary ?? '(no title)';
  if (!stored)
    return {
      ...common,
      kind: 'outdated',
      ignore: { key: 'reason.lookalike.unknownEvent', params: { sender, summary } },
      act: nothingToDo,
    };
  const proposes = msg.components.some((c) => {
    const old = counterpartOf(stored, c);
    return (
      !!old &&
      (timeChanged(old, c) ||
        (c.getFirstPropertyValue('location') ?? '') !== (old.getFirstPropertyValue('location') ?? ''))
    );
  });
  const senderAttends = eventsOf(stored).some((e) => !!findAttendee(e, sender));
  if (proposes && senderAttends) return analyzeCounter({ ...msg, method: 'COUNTER' }, stored, env, ctx);
  const added = newAttendees(msg.components, stored, ctx.me);
  if (added.length === 0)
    return {
      ...common,
      kind: 'outdated',
      ignore: { key: 'reason.lookalike.notFromMe', params: { sender, summary } },
      act: nothingToDo,
    };
  const who = added.map((a) => a.address).join(', ');
  const approve = (): Effect => {
    const cal = cloneComponent(stored);
    const master = masterOf(cal) ?? (eventsOf(cal)[0] as Comp);
    for (const a of added) addAttendee(master, { address: a.address, name: a.name ?? undefined });
    const requests = buildRequests({
      calendar: cal,
      me: ctx.me,
      patterns: ctx.imipAddressPatterns,
      recipients: added.map((a) => a.address),
      now: ctx.now,
      subject: 'outgoing.request.invitation',
      text: [{ key: 'outgoing.request.added', params: { summary } }],
    });
    return {
      store: putCalendar(msg.uid, cal),
      outgoing: requests,
      reason: { key: 'reason.lookalike.forwardAdded', params: { who, summary } },
    };
  };
  return {
    ...common,
    kind: 'party-crasher',
    attendee: added[0]?.address ?? null,
    act: (c) => (c === 'approve' ? approve() : noEffect({ key: 'reason.lookalike.forwardIgnored', params: { who } })),
    person: {
      choices: ['approve', 'ignore'],
      reason: { key: 'reason.lookalike.forwarded', params: { sender, who, summary } },
    },
  };
}

/** Attendees the message lists that my copy does not (whom a forward added), with their names; never me. */
function newAttendees(
  comps: readonly Comp[],
  stored: Comp,
  me: readonly string[],
): { address: string; name: string | null }[] {
  const out: { address: string; name: string | null }[] = [];
  for (const c of comps) {
    for (const p of attendeeProps(c)) {
      const a = propAddress(p);
      if (!a || isMe(a, me) || out.some((o) => o.address === a) || eventsOf(stored).some((e) => !!findAttendee(e, a)))
        continue;
      out.push({ address: a, name: param(p, 'cn') });
    }
  }
  return out;
}
