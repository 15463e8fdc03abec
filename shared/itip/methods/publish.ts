/**
 * PUBLISH (RFC 5546 §3.2.1): an event sent for information, without asking for an answer; added or updated as
 * published. A changed organizer is never applied automatically, as for a REQUEST.
 */
import type { MailEnvelope } from '../../model/mail.js';
import type { Comp } from '../components.js';
import { noEffect, putCalendar, type Analysis, type Effect } from '../analysis.js';
import { earlyAnswer, eventFacts } from '../eventFacts.js';
import { organizerChange, verifySender } from '../identity.js';
import { mergeRequest } from '../edit.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

export function analyzePublish(
  msg: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
  deciding = false,
): Analysis {
  const f = eventFacts(msg, stored);
  const early = earlyAnswer(f, msg, stored, env, ctx, deciding);
  if (early) return early;
  const summary = f.view.summary;
  const apply = (): Effect => ({
    store: putCalendar(
      msg.uid,
      mergeRequest(stored, msg.calendar, msg.components, { me: ctx.me, keepMyPartstat: true }),
    ),
    outgoing: [],
    reason: { key: 'reason.publish.applied', params: { change: stored ? 'updated' : 'added', summary } },
  });
  return {
    ...f.base,
    kind: 'publish',
    verification: organizerChange(verifySender(f.organizer, env), stored, f.organizer),
    auto: apply,
    hold: { action: 'addPublished', summary },
    act: (c) => (c === 'apply' ? apply() : noEffect({ key: 'reason.publish.dismissed' })),
  };
}
