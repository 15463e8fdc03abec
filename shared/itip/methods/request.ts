/**
 * REQUEST received as attendee (RFC 5546 §3.2.2): new invitations, updates, reschedules of an accepted event,
 * invitations forwarded to me or delegated to me, and an invitation a server already put into my calendar unanswered.
 * My own invitations found in Sent are handled in eventFacts.ts.
 */
import ICAL from 'ical.js';
import type { Choice, MessageKind } from '../../model/decisions.js';
import type { MailEnvelope } from '../../model/mail.js';
import { formatIso } from '../../ical/time.js';
import {
  addressListParam,
  cloneComponent,
  eventsOf,
  findAttendee,
  instanceKey,
  isCancelled,
  overrideOf,
  partstatOf,
  recurrenceIdOf,
  timeValue,
  type Comp,
} from '../components.js';
import {
  compareVersion,
  counterpartOf,
  movesInstance,
  noEffect,
  previousStart,
  putCalendar,
  type Analysis,
  type Effect,
} from '../analysis.js';
import { earlyAnswer, eventFacts, type EventFacts } from '../eventFacts.js';
import { isMe, myAttendee, organizerChange, verifySender, type Verification } from '../identity.js';
import { ensureOverride, markCancelled, mergeRequest, myIdentities, replyNotAsked, setMyPartstat } from '../edit.js';
import { addDefaultReminder } from '../defaultReminder.js';
import { buildReply } from '../outgoing.js';
import { nakedInstances, overlaps } from '../obsolete.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { Message } from '../../i18n/index.js';
import type { EngineContext, ObsoletePending } from '../types.js';

const ANSWERS: Record<string, string> = { accept: 'ACCEPTED', tentative: 'TENTATIVE', decline: 'DECLINED' };
const CHOICES: readonly Choice[] = ['accept', 'tentative', 'decline', 'ignore'];
/** Open decisions that already ask for my answer to an event (the kinds an answer makes obsolete). */
const ASKING: readonly MessageKind[] = ['invitation', 'reschedule', 'update'];

export function analyzeRequest(
  msg: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
  deciding = false,
): Analysis {
  const f = eventFacts(msg, stored);
  // A person deciding goes the way a provisional copy always went (its choices are carried out as an update's).
  const unanswered = !deciding && awaitsMyAnswer(f, msg, stored, ctx) && !askedAlready(msg, ctx);
  const early = earlyAnswer(f, msg, stored, env, ctx, deciding, unanswered);
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
    unanswered,
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
  /** The calendar holds this very version with my PARTSTAT still NEEDS-ACTION (see awaitsMyAnswer). */
  readonly unanswered: boolean;
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
  const removed = stored && f.storedHasMe ? removedFrom(stored, f.newer, ctx.me) : [];
  if (stored && removed.length > 0) return removal(f, stored, removed);
  const invited: Message = {
    key: 'reason.request.invitation',
    params: { organizer: organizer?.name ?? organizer?.address ?? 'none', summary, instance },
  };
  if (f.unanswered) {
    // No store change: the calendar already holds exactly this version, and writing it again would only be a second
    // PUT of the same event to a CalDAV server (new ETag, and a scheduling server may act on it). Without one, what
    // this message leaves is the decision and the processed record alone: processed again after a crash, it finds
    // its decision open and is outdated (askedAlready), or, if the decision was never written, asks again; nothing
    // else is there to redo. The person's answer is then written into this copy.
    return { ...common, kind: 'invitation', inCalendar: true, person: { choices: CHOICES, reason: invited } };
  }
  if (!stored || !f.storedHasMe || asksAnew(stored, newer, ctx.me)) {
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
      person: { choices: CHOICES, reason: invited },
    };
  }

  const update = (keep: boolean) => (): Effect => ({
    store: putCalendar(msg.uid, mergeRequest(stored, msg.calendar, newer, { me: ctx.me, keepMyPartstat: keep })),
    outgoing: [],
    reason: { key: keep ? 'reason.request.updated' : 'reason.request.moved', params: { summary, instance } },
  });
  const moved = newer.filter((c) => movesInstance(stored, c));
  const asked = askedAgain(stored, moved, ctx.me);
  if (asked) {
    const { component, answer } = asked;
    const rid = recurrenceIdOf(component);
    // A series moved as a whole is named by its master; otherwise by the instance that moved (the master may come
    // along unchanged, as Cyrus sends it), and the person sees that instance before and after.
    const one = !!rid && !moved.some((c) => !c.hasProperty('recurrence-id'));
    const before = one ? instanceBefore(stored, component) : null;
    const from = previousStart(stored, component);
    const to = timeValue(component, 'dtstart');
    // Only moved instances: the question, my answer and the provisional copy are about them; the rest of the
    // series (sent along unchanged, as Thunderbird and sabre/dav do) keeps my answer.
    const movedKeys = new Set(moved.map(instanceKey));
    const scoped: RequestFacts = one ? { ...f, keys: movedKeys, instance: formatIso(rid) } : f;
    const provisional = one
      ? (): Effect => {
          const cal = mergeRequest(stored, msg.calendar, newer, { me: ctx.me, keepMyPartstat: true });
          if (identity) setMyPartstat(cal, identity, 'NEEDS-ACTION', movedKeys);
          return {
            store: putCalendar(msg.uid, cal),
            outgoing: [],
            reason: { key: 'reason.request.moved', params: { summary, instance: formatIso(rid) } },
          };
        }
      : update(false);
    return {
      ...common,
      act: (choice: Choice, comment: string | null) => answerInvitation(scoped, choice, comment),
      ...(one ? { proposed: lazyEventView(component, msg.uid) } : {}),
      ...(before ? { current: lazyEventView(before, msg.uid) } : {}),
      kind: 'reschedule',
      auto: provisional,
      hold: { action: 'moveEvent' },
      person: {
        choices: CHOICES,
        reason: {
          key: 'reason.request.reschedule',
          params: {
            summary,
            instance: one && rid ? formatIso(rid) : instance,
            others: one ? moved.length - 1 : 0,
            answer,
            from: from ? formatIso(from) : (f.current?.start ?? '?'),
            to: to ? formatIso(to) : '?',
          },
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

/**
 * The newer components that no longer list me where my copy did: the organizer removed me from the event (its
 * master) or from those occurrences. RFC 6638 servers send the removed attendee a CANCEL; an organizer mailing
 * the update instead (Horde, SOGo) means the same.
 */
function removedFrom(stored: Comp, newer: readonly Comp[], me: readonly string[]): Comp[] {
  return newer.filter((c) => {
    if (myAttendee([c], me)) return false;
    const old = counterpartOf(stored, c);
    return !!old && !!myAttendee([old], me);
  });
}

/**
 * Removed from the event or some of its occurrences: those are cancelled in my copy, as the organizer's CANCEL to
 * a removed attendee leaves them (kept, marked cancelled, at the message's SEQUENCE so older messages stay
 * outdated); the rest of the update is applied with my answer kept. Nothing is sent.
 */
function removal(f: RequestFacts, stored: Comp, removed: readonly Comp[]): Analysis {
  const { msg, ctx, organizer, base, verification, identity, view } = f;
  const whole = removed.some((c) => !c.hasProperty('recurrence-id'));
  const rest = f.newer.filter((c) => !removed.includes(c));
  const instances = removed
    .map(recurrenceIdOf)
    .filter((r): r is ICAL.Time => !!r)
    .map(formatIso);
  const reason: Message = {
    key: 'reason.request.removed',
    params: {
      organizer: organizer?.name ?? organizer?.address ?? 'none',
      summary: view.summary,
      instances: whole ? 'all' : instances.join(', '),
    },
  };
  const apply = (): Effect => {
    const cal =
      rest.length > 0
        ? mergeRequest(stored, msg.calendar, rest, { me: ctx.me, keepMyPartstat: true })
        : cloneComponent(stored);
    // Occurrences the rest of the message still invites me to stay; everything else of a series I left goes.
    const still = new Set(rest.filter((c) => myAttendee([c], ctx.me)).map(instanceKey));
    for (const c of removed) {
      const rid = recurrenceIdOf(c);
      const targets = rid ? [ensureOverride(cal, rid)] : eventsOf(cal).filter((e) => !still.has(instanceKey(e)));
      for (const t of targets) if (t) markCancelled(t, c);
    }
    return {
      store: putCalendar(msg.uid, cal),
      outgoing: [],
      reason,
      obsoletes: [
        whole || instances.length === 0
          ? { uid: msg.uid, recurrenceId: null, kinds: ASKING }
          : instances.length === 1
            ? { uid: msg.uid, recurrenceId: instances[0] ?? null, kinds: ASKING }
            : { uid: msg.uid, recurrenceId: null, instances, kinds: ASKING },
      ],
    };
  };
  return {
    ...base,
    verification,
    identity,
    kind: 'cancel',
    auto: apply,
    hold: { action: 'cancel', summary: view.summary },
    act: (c) => (c === 'apply' ? apply() : noEffect({ key: 'reason.cancel.dismissed' })),
  };
}

/** My answer to the invitation: my PARTSTAT on the instances it names, and one REPLY from the invited address. */
function answerInvitation(f: RequestFacts, choice: Choice, comment: string | null): Effect {
  const { msg, stored, ctx, identity, keys } = f;
  if (choice === 'ignore') return dismiss(msg, stored, ctx, f.storedHasMe);
  const partstat = ANSWERS[choice];
  if (!partstat || !identity) return noEffect({ key: 'reason.request.badChoice', params: { choice } });
  // Answer the newest version: the message when it is newer, else what the calendar already has; what this answer
  // does not cover keeps the answer I gave it.
  const work = mergeRequest(stored, msg.calendar, f.newer, { me: ctx.me, keepMyPartstat: true });
  if (!f.inMessage && !f.storedHasMe) addMyself(work, identity, keys);
  const named = eventsOf(work).filter((e) => keys.has(instanceKey(e)));
  // What still awaits my answer, when part of what the message names has one: an occurrence moved beside the
  // unchanged series I accepted (its provisional copy asks about that occurrence only), a series invitation after
  // instances I answered on their own. Those answers stay mine.
  const awaiting = named.filter((e) => partstatOf(findAttendee(e, identity)) === 'NEEDS-ACTION');
  const answered = awaiting.length > 0 ? awaiting : named;
  const answeredKeys = new Set(answered.map(instanceKey));
  const identities = myIdentities(answered, ctx.me, identity);
  // Read before my answer is written: the organizer asked for no answer from me.
  const notAsked = answered.some((e) => replyNotAsked(findAttendee(e, identity)));
  const replies = [];
  for (const me of identities) {
    setMyPartstat(work, me, partstat, answeredKeys);
    addDefaultReminder(work, me, ctx.defaultReminderMinutes, answeredKeys);
    if (notAsked) continue;
    const comps = answered.filter((e) => findAttendee(e, me));
    const reply = buildReply({ components: comps, source: work, me, partstat, comment, now: ctx.now });
    if (reply) replies.push(reply);
  }
  const sent = notAsked ? 'notAsked' : replies.length > 0 ? 'yes' : f.organizer ? 'notScheduled' : 'noOrganizer';
  return {
    store: putCalendar(msg.uid, work),
    outgoing: replies,
    reason: {
      key: 'reason.request.answered',
      params: {
        partstat,
        summary: f.view.summary,
        instance: f.instance,
        organizer: f.organizer?.address ?? 'none',
        sent,
        identities: replies.length,
      },
    },
    obsoletes: [answeredScope(msg.uid, answered)],
  };
}

/**
 * The open questions an answer settles: about the whole event when it answers the series, else about the
 * instances it answers only (a second instance invitation, or the series invitation, stays open).
 */
function answeredScope(uid: string, answered: readonly Comp[]): ObsoletePending {
  const kinds = ['invitation', 'reschedule', 'update'] as const;
  const rids = answered.map(recurrenceIdOf);
  if (rids.length === 0 || rids.some((r) => r === null)) return { uid, recurrenceId: null, kinds: [...kinds] };
  const instances = rids.map((r) => formatIso(r as ICAL.Time));
  return instances.length === 1
    ? { uid, recurrenceId: instances[0] ?? null, kinds: [...kinds] }
    : { uid, recurrenceId: null, instances, kinds: [...kinds] };
}

/**
 * True when the calendar already holds the very version the message carries (equal SEQUENCE and DTSTAMP, none
 * older) and I have not answered it: a server that schedules by itself (RFC 6638, e.g. Cyrus) delivered the
 * organizer's invitation into my calendar before its mail came, or it was imported. My PARTSTAT there is NEEDS-ACTION
 * (absent is NEEDS-ACTION, RFC 5545 §3.2.12) on every stored component the message speaks about that lists me;
 * RSVP does not matter, as for a new invitation. Each component is measured against its own in the calendar (the
 * master, or the override of that instance), never against the series it would be made from.
 */
function awaitsMyAnswer(f: EventFacts, msg: ItipMessage, stored: Comp | null, ctx: EngineContext): boolean {
  if (!stored || f.newer.length > 0 || (f.organizer && isMe(f.organizer.address, ctx.me))) return false;
  let listed = false;
  for (const c of msg.components) {
    const old = overrideOf(stored, instanceKey(c));
    if (!old || compareVersion(c, old) !== 0) return false;
    const mine = myAttendee([old], ctx.me);
    if (!mine) continue;
    if (partstatOf(mine.prop) !== 'NEEDS-ACTION') return false;
    listed = true;
  }
  return listed;
}

/**
 * True when an open decision already asks for my answer to what the message is about: the message that opened it
 * and stored its copy (a reschedule moved provisionally, an invitation kept unanswered) is read again after a crash,
 * or a second copy of the mail arrives. That decision stays as it is; a second one would only repeat it.
 */
function askedAlready(msg: ItipMessage, ctx: EngineContext): boolean {
  const open = ctx.openDecisions?.(msg.uid) ?? [];
  if (open.length === 0) return false;
  const first = msg.components[0];
  const only = msg.components.length === 1 && first ? recurrenceIdOf(first) : null;
  const scope = { recurrenceId: only ? formatIso(only) : null, instances: nakedInstances(msg.components) };
  return open.some((d) => ASKING.includes(d.kind) && overlaps(d, scope));
}

/**
 * True when the message asks me as a new invitation does: every newer component that lists me is an instance or a
 * series the calendar does not hold for me yet (RFC 5546 §4.4: invited to single instances, then to the whole
 * series), one the organizer had cancelled and now invites me to again, or one I have not answered yet (the open
 * question is asked again about the newer version, and replaces the one showing the old).
 */
function asksAnew(stored: Comp, newer: readonly Comp[], me: readonly string[]): boolean {
  let listed = false;
  for (const c of newer) {
    if (!myAttendee([c], me)) continue;
    const old = counterpartOf(stored, c);
    const mine = old ? myAttendee([old], me) : null;
    if (old && mine && !(isCancelled(old) && !isCancelled(c)) && partstatOf(mine.prop) !== 'NEEDS-ACTION') return false;
    listed = true;
  }
  return listed;
}

/**
 * The first moved component that asks me again, with the answer I had given there: a time I accepted or tentatively
 * accepted is no longer the one I agreed to (RFC 5546 §2.1.4); a meeting I declined asks me again when the organizer
 * reset my answer with the move (§3.2.2: PARTSTAT back to NEEDS-ACTION). A declined meeting the organizer still
 * lists me as declining keeps my answer.
 */
function askedAgain(
  stored: Comp,
  moved: readonly Comp[],
  me: readonly string[],
): { readonly component: Comp; readonly answer: string } | null {
  for (const c of moved) {
    const old = counterpartOf(stored, c);
    const before = old ? myAttendee([old], me) : null;
    if (!before) continue;
    const answer = partstatOf(before.prop);
    const now = myAttendee([c], me);
    if (answer === 'ACCEPTED' || answer === 'TENTATIVE') return { component: c, answer };
    if (answer === 'DECLINED' && now && partstatOf(now.prop) === 'NEEDS-ACTION') return { component: c, answer };
  }
  return null;
}

/** The instance a moved override replaces, as the calendar holds it now (its own override, else the occurrence). */
function instanceBefore(stored: Comp, incoming: Comp): Comp | null {
  const own = overrideOf(stored, instanceKey(incoming));
  if (own) return own;
  const rid = recurrenceIdOf(incoming);
  return rid ? ensureOverride(cloneComponent(stored), rid) : null;
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
