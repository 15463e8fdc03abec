/** DECLINECOUNTER received as attendee (RFC 5546 §3.2.8): the organizer refused my proposal; nothing in the calendar changes. */
import type { MailEnvelope } from '../../model/mail.js';
import { eventsOf, masterOf, textValue, type Comp } from '../components.js';
import { noEffect, nothingToDo, type Analysis, type Effect } from '../analysis.js';
import { organizerOf, verifySender } from '../identity.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';

export function analyzeDeclineCounter(msg: ItipMessage, stored: Comp | null, env: MailEnvelope): Analysis {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const comment = textValue(comps[0] as Comp, 'comment');
  const base = {
    kind: 'declinecounter' as const,
    originator: organizer,
    verification,
    proposed,
    current: null,
    notes: msg.notes,
    hold: { action: 'noteDeclineCounter' } as const,
  };
  if (!stored)
    return {
      ...base,
      ignore: { key: 'reason.declineCounter.unknownEvent', params: { summary: proposed.summary } },
      act: nothingToDo,
    };
  const title =
    textValue(comps[0] as Comp, 'summary') ??
    textValue(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), 'summary') ??
    proposed.summary;
  const note = (): Effect =>
    noEffect(
      comment
        ? { key: 'reason.declineCounter.notedWithComment', params: { summary: title, comment } }
        : { key: 'reason.declineCounter.noted', params: { summary: title } },
    );
  return { ...base, auto: note, act: note };
}
