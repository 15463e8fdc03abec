/**
 * REQUEST received as attendee (RFC 5546 §3.2.2): new invitations, updates, reschedules of an accepted event,
 * invitations forwarded to me or delegated to me. My own invitations found in Sent are handled in eventFacts.ts.
 */
import ICAL from 'ical.js';
import type { Choice } from '../../model/decisions.js';
import type { MailEnvelope } from '../../model/mail.js';
import { formatIso } from '../../ical/time.js';
import {
  addressListParam,
  eventsOf,
  findAttendee,
  instanceKey,
  masterOf,
  overrideOf,
  partstatOf,
  recurrenceIdOf,
  type Comp,
} from '../components.js';
import { movesInstance, noEffect, previousStart, putCalendar, type Analysis, type Effect } from '../analysis.js';
import { earlyAnswer, eventFacts, type EventFacts } from '../eventFacts.js';
import { myAttendee, organizerChange, verifySender, type Verification } from '../identity.js';
import { mergeRequest, setMyPartstat } from '../edit.js';
import { addDefaultReminder } from '../defaultReminder.js';
import { buildReply } from '../outgoing.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

const ANSWERS: Record<string, string> = { accept: 'ACCEPTED', tentative: 'TENTATIVE', decline: 'DECLINED' };
const CHOICES: readonly Choice[] = ['accept', 'tentative', 'decline', 'ignore'];

export function analyzeRequest(
  msg: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
  deciding = false,
): Analysis {
  const f = eventFacts(msg, stored);
  const early = earlyAnswer(f, msg, stored, env, ctx, deciding);
  if (early) return early;
  const comps = msg.components;
  const mine = myAttendee(comps, ctx.me) ?? (stored ? myAttendee(eventsOf(stored), ctx.me) : null);
  const delegators = mine ? addressListParam(mine.prop, 'delegated-from') : [];
  const rids = comps.map(recurrenceIdOf).filter((r): r is ICAL.Time => !!r);
  // Field by field, not `...f`: this runs for every REQUEST, and spreading showed in the engine's profile.
  return analyzeForMe({
    organizer: f.organizer,
    view: f.view,
    current: f.current,
    newer: f.newer,
    master: f.master,
    base: f.base,
    msg,
    stored,
    ctx,
    verification: organizerChange(verifySender(f.organizer, env, delegators), stored, f.organizer),
    identity: mine?.address ?? ctx.me[0] ?? null,
    inMessage: !!myAttendee(comps, ctx.me),
    storedHasMe: !!(stored && myAttendee(eventsOf(stored), ctx.me)),
    keys: new Set(comps.map(instanceKey)),
    instance: rids.length === 1 && !f.master ? formatIso(rids[0] as ICAL.Time) : 'all',
  });
}

/** What the attendee-side classification works with, computed once per message. */
interface RequestFacts extends EventFacts {
  readonly msg: ItipMessage;
  readonly stored: Comp | null;
  readonly ctx: EngineContext;
  readonly verification: Verification;
  /** The address I was invited as. */
  readonly identity: string | null;
  readonly inMessage: boolean;
  readonly storedHasMe: boolean;
  /** Instance keys the message speaks about. */
  readonly keys: ReadonlySet<string>;
  /** The ISO instant when the message is about one instance only, else 'all'. */
  readonly instance: string;
}

/** Invitation (new, forwarded, new instances), reschedule of an answered event, or an update. */
function analyzeForMe(f: RequestFacts): Analysis {
  const { msg, stored, ctx, organizer, view, newer, base, verification, identity, instance } = f;
  const respond = (choice: Choice, comment: string | null): Effect => answerInvitation(f, choice, comment);
  const common = { ...base, verification, identity, act: respond };
  const summary = view.summary;

  if (!f.inMessage && !f.storedHasMe) {
    return {
      ...common,
      kind: 'invitation',
      person: { choices: CHOICES, reason: { key: 'reason.request.forwarded', params: { summary } } },
    };
  }
  if (!stored || !f.storedHasMe || onlyNewInstances(stored, msg.components)) {
    const provisional = (): Effect => ({
      store: putCalendar(
        msg.uid,
        mergeRequest(stored, msg.calendar, msg.components, { me: ctx.me, keepMyPartstat: false }),
      ),
      outgoing: [],
      reason: { key: 'reason.request.storedUnanswered' },
    });
    return {
      ...common,
      kind: 'invitation',
      auto: provisional,
      hold: { action: 'addInvitation' },
      person: {
        choices: CHOICES,
        reason: {
          key: 'reason.request.invitation',
          params: { organizer: organizer?.name ?? organizer?.address ?? 'none', summary, instance },
        },
      },
    };
  }

  const update = (keep: boolean) => (): Effect => ({
    store: putCalendar(msg.uid, mergeRequest(stored, msg.calendar, newer, { me: ctx.me, keepMyPartstat: keep })),
    outgoing: [],
    reason: { key: keep ? 'reason.request.updated' : 'reason.request.moved', params: { summary, instance } },
  });
  const storedMine = myAttendee(eventsOf(stored), ctx.me);
  const wasAnswered = storedMine ? ['ACCEPTED', 'TENTATIVE'].includes(partstatOf(storedMine.prop)) : false;
  if (wasAnswered && newer.some((c) => movesInstance(stored, c))) {
    const answer = partstatOf(storedMine?.prop ?? null);
    const from = movedFrom(stored, msg.components) ?? f.current?.start ?? '?';
    return {
      ...common,
      kind: 'reschedule',
      auto: update(false),
      hold: { action: 'moveEvent' },
      person: {
        choices: CHOICES,
        reason: {
          key: 'reason.request.reschedule',
          params: { summary, instance, answer, from, to: view.start ?? '?' },
        },
      },
    };
  }
  // Ignoring the very invitation the calendar holds unanswered (stored provisionally) removes it, like "ignore" on a
  // new invitation; ignoring a real update only leaves it unapplied.
  const ignoreUpdate = (): Effect =>
    newer.length === 0 ? dismiss(msg, stored, ctx, f.storedHasMe) : noEffect({ key: 'reason.request.updateDismissed' });
  return {
    ...common,
    kind: 'update',
    auto: update(true),
    hold: { action: 'applyUpdate', summary },
    act: (c, comment) => (c === 'apply' ? update(true)() : c === 'ignore' ? ignoreUpdate() : respond(c, comment)),
  };
}

/** My answer to the invitation: my PARTSTAT on the instances it names, and one REPLY from the invited address. */
function answerInvitation(f: RequestFacts, choice: Choice, comment: string | null): Effect {
  const { msg, stored, ctx, identity, keys } = f;
  if (choice === 'ignore') return dismiss(msg, stored, ctx, f.storedHasMe);
  const partstat = ANSWERS[choice];
  if (!partstat || !identity) return noEffect({ key: 'reason.request.badChoice', params: { choice } });
  // Answer the newest version: the message when it is newer, else what the calendar already has.
  const work = mergeRequest(stored, msg.calendar, f.newer, { me: ctx.me, keepMyPartstat: false });
  if (!f.inMessage && !f.storedHasMe) addMyself(work, identity, keys);
  setMyPartstat(work, identity, partstat, keys);
  addDefaultReminder(work, identity, ctx.defaultReminderMinutes, keys);
  const replyComps = eventsOf(work).filter((e) => keys.has(instanceKey(e)) && findAttendee(e, identity));
  const reply = buildReply({ components: replyComps, source: work, me: identity, partstat, comment, now: ctx.now });
  return {
    store: putCalendar(msg.uid, work),
    outgoing: reply ? [reply] : [],
    reason: {
      key: 'reason.request.answered',
      params: { partstat, summary: f.view.summary, instance: f.instance, organizer: f.organizer?.address ?? 'none' },
    },
    obsoletes: [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }],
  };
}

/**
 * Instances of a series I only hold in part (no master, RFC 5546 §4.4 invitations to single instances) that the
 * calendar does not have yet: a new invitation for them, not an update of the ones I answered.
 */
function onlyNewInstances(stored: Comp, comps: readonly Comp[]): boolean {
  return !masterOf(stored) && comps.every((c) => c.hasProperty('recurrence-id') && !overrideOf(stored, instanceKey(c)));
}

function movedFrom(stored: Comp, comps: readonly Comp[]): string | null {
  const first = comps[0];
  const t = first ? previousStart(stored, first) : null;
  return t ? formatIso(t) : null;
}

/** "Ignore" on an invitation: a provisional copy (still unanswered) leaves the calendar; nothing is sent. */
function dismiss(msg: ItipMessage, stored: Comp | null, ctx: EngineContext, storedHasMe: boolean): Effect {
  const mine = stored ? myAttendee(eventsOf(stored), ctx.me) : null;
  if (stored && storedHasMe && mine && partstatOf(mine.prop) === 'NEEDS-ACTION') {
    return {
      store: { type: 'delete', uid: msg.uid },
      outgoing: [],
      reason: { key: 'reason.request.dismissedRemoved' },
      obsoletes: [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }],
    };
  }
  return noEffect({ key: 'reason.dismissedNothingSent' });
}

/** A forwarded invitation: I answer as a new attendee (the organizer sees a party crasher, RFC 5546 §3.2.2.6). */
function addMyself(cal: Comp, me: string, keys: ReadonlySet<string>): void {
  for (const e of eventsOf(cal)) {
    if (!keys.has(instanceKey(e)) || findAttendee(e, me)) continue;
    const p = new ICAL.Property('attendee');
    p.setValue(`mailto:${me}`);
    p.setParameter('role', 'REQ-PARTICIPANT');
    p.setParameter('partstat', 'NEEDS-ACTION');
    e.addProperty(p);
  }
}
