/**
 * What REQUEST and PUBLISH (the organizer's copy of an event, RFC 5546 §3.2.1, §3.2.2) share before their own
 * classification: which components are newer than the calendar's, whether a cancellation that arrived first or the
 * calendar's own version makes the message outdated, and my own invitation coming back through the Sent folder.
 */
import type { Comp } from './components.js';
import { dtstampOf, eventsOf, masterOf, sequenceOf } from './components.js';
import {
  compareVersion,
  counterpartOf,
  noEffect,
  nothingToDo,
  putCalendar,
  type Analysis,
  type Effect,
} from './analysis.js';
import { isMe, organizerOf, verifySender, type Originator } from './identity.js';
import { mergeRequest } from './edit.js';
import { analyzeLookalike, isLookalike } from './methods/lookalike.js';
import { lazyEventView } from './views.js';
import type { EventView } from '../model/decisions.js';
import type { MailEnvelope } from '../model/mail.js';
import type { ItipMessage } from './message.js';
import type { EngineContext, Tombstone } from './types.js';

/** The organizer's message measured against the calendar, computed once per message. */
export interface EventFacts {
  readonly organizer: Originator | null;
  readonly view: EventView;
  readonly current: EventView | null;
  /** The message's components that are newer than what the calendar holds. */
  readonly newer: readonly Comp[];
  /** The message's master component, when it has one. */
  readonly master: Comp | undefined;
  readonly base: Pick<Analysis, 'originator' | 'proposed' | 'current' | 'notes'>;
}

export function eventFacts(msg: ItipMessage, stored: Comp | null): EventFacts {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const view = lazyEventView(comps[0] as Comp, msg.uid);
  const current = stored ? lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid) : null;
  const newer = comps.filter((c) => {
    const old = counterpartOf(stored, c);
    return !old || compareVersion(c, old) > 0;
  });
  const master = comps.find((c) => !c.hasProperty('recurrence-id'));
  return {
    organizer,
    view,
    current,
    newer,
    master,
    base: { originator: organizer, proposed: view, current, notes: msg.notes },
  };
}

/**
 * The answer before any classification, or null: outdated against a cancellation that arrived first or against the
 * calendar (a person deciding later is not "outdated" by the copy stored provisionally, nor is a REQUEST whose very
 * version the calendar holds still waiting for my answer, `unanswered`), or my own invitation.
 */
export function earlyAnswer(
  f: EventFacts,
  msg: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
  deciding: boolean,
  unanswered = false,
): Analysis | null {
  const { organizer, view, base } = f;
  const cancelled = !stored ? ctx.cancelledVersion?.(msg.uid) : null;
  if (cancelled && f.master && !newerThanTombstone(f.master, cancelled)) {
    return {
      ...base,
      kind: 'outdated',
      verification: verifySender(organizer, env),
      ignore: { key: 'reason.request.cancelledFirst', params: { summary: view.summary } },
      act: nothingToDo,
    };
  }
  // Names me as organizer but was sent by someone else: a lookalike (often of the same SEQUENCE), never my copy.
  if (organizer && isMe(organizer.address, ctx.me) && isLookalike(organizer, env, ctx.me))
    return analyzeLookalike(msg, stored, env, ctx, base);
  if (stored && f.newer.length === 0 && !deciding && !unanswered) {
    return {
      ...base,
      kind: 'outdated',
      verification: verifySender(organizer, env),
      ignore: { key: 'reason.request.sameVersion' },
      act: nothingToDo,
    };
  }
  if (!organizer || !isMe(organizer.address, ctx.me)) return null;
  // My own REQUESTs come back through the Sent folder (sent by another client, or by this companion answering a
  // REFRESH): the answers already recorded in the calendar must not fall back to what the message shows.
  const opts = { me: ctx.me, keepMyPartstat: false, keepAttendeeAnswers: true };
  const apply = (): Effect => ({
    store: putCalendar(msg.uid, mergeRequest(stored, msg.calendar, msg.components, opts)),
    outgoing: [],
    reason: { key: 'reason.request.ownInvitation', params: { summary: view.summary } },
  });
  return {
    ...base,
    kind: stored ? 'update' : 'invitation',
    fromMe: true,
    verification: verifySender(organizer, env),
    auto: apply,
    hold: { action: 'storeOwnInvitation' },
    act: (c) => (c === 'ignore' ? noEffect({ key: 'reason.dismissed' }) : apply()),
  };
}

function newerThanTombstone(c: Comp, t: Tombstone): boolean {
  const seq = sequenceOf(c);
  return seq !== t.sequence ? seq > t.sequence : dtstampOf(c) > t.dtstamp;
}
