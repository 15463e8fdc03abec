/** REFRESH received as organizer (RFC 5546 §3.2.6): a known attendee asks for the current event; only attendees get it (never strangers). */
import type { MailEnvelope } from '../../model/mail.js';
import { eventsOf, findAttendee, masterOf, type Comp } from '../components.js';
import { noEffect, nothingToDo, NOTHING, type Analysis, type Effect } from '../analysis.js';
import { organizerPreconditions } from '../organizerPreconditions.js';
import { originatorOfProp, replierOf, verifySender } from '../identity.js';
import { buildRequests } from '../outgoing.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

export function analyzeRefresh(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const replier = replierOf(msg.components, env);
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const proposed = lazyEventView(msg.components[0] as Comp, msg.uid);
  const base = {
    kind: 'refresh' as const,
    originator,
    verification,
    proposed,
    current: null,
    notes: msg.notes,
    attendee: originator?.address ?? null,
  };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, ignore: pre ?? NOTHING, act: nothingToDo };
  const who = originator?.address;
  const current = lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid);
  if (!who || !eventsOf(stored).some((e) => findAttendee(e, who))) {
    return {
      ...base,
      current,
      ignore: { key: 'reason.refresh.notAttendee', params: { who: who ?? 'none', summary: current.summary } },
      act: nothingToDo,
    };
  }
  const send = (): Effect => ({
    store: null,
    outgoing: buildRequests({
      calendar: stored,
      me: ctx.me,
      patterns: ctx.imipAddressPatterns,
      recipients: [who],
      now: ctx.now,
      subject: 'outgoing.request.invitation',
      text: [{ key: 'outgoing.request.resent', params: { summary: current.summary, who } }],
    }),
    reason: { key: 'reason.refresh.sent', params: { who, summary: current.summary } },
  });
  return {
    ...base,
    current,
    hold: { action: 'sendEvent', who },
    auto: send,
    act: (c) => (c === 'apply' ? send() : noEffect({ key: 'reason.dismissedNothingSent' })),
  };
}
