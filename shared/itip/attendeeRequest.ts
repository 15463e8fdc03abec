/**
 * REQUEST and PUBLISH received as attendee (RFC 5546 §3.2.1, §3.2.2): new invitations, updates, reschedules of
 * an accepted event, invitations forwarded to me or delegated to me, and my own invitations found in Sent.
 */
import ICAL from 'ical.js';
import type { Choice, EventView } from '../model/decisions.js';
import { formatIso } from '../ical/time.js';
import {
  addressListParam,
  dtstampOf,
  eventsOf,
  findAttendee,
  instanceKey,
  masterOf,
  overrideOf,
  partstatOf,
  recurrenceIdOf,
  sequenceOf,
  type Comp,
} from './components.js';
import { compareVersion, counterpartOf, movesInstance, noEffect, previousStart, type Analysis, type Effect } from './analysis.js';
import { isMe, myAttendee, organizerOf, verifySender, type Originator, type Verification } from './identity.js';
import { mergeRequest, setMyPartstat } from './edit.js';
import { buildReply } from './outgoing.js';
import { lazyEventView } from './views.js';
import type { ItipMessage } from './message.js';
import type { EngineContext, Tombstone } from './types.js';
import type { MailEnvelope } from '../model/mail.js';

const ANSWERS: Record<string, string> = { accept: 'ACCEPTED', tentative: 'TENTATIVE', decline: 'DECLINED' };

export function analyzeRequest(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext, deciding = false): Analysis {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const view = lazyEventView(comps[0] as Comp, msg.uid);
  const current = stored ? lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid) : null;
  const base = { originator: organizer, proposed: view, current, notes: msg.notes };

  const newer = comps.filter((c) => {
    const old = counterpartOf(stored, c);
    return !old || compareVersion(c, old) > 0;
  });
  const cancelled = !stored ? ctx.cancelledVersion?.(msg.uid) : null;
  const master = comps.find((c) => !c.hasProperty('recurrence-id'));
  if (cancelled && master && !newerThanTombstone(master, cancelled)) {
    return { ...base, kind: 'outdated', verification: verifySender(organizer, env), ignore: `The organizer already cancelled ${quote(view.summary)} (the cancellation arrived first); this older invitation was not added.`, describe: '', act: () => noEffect('Nothing to do.') };
  }
  if (stored && newer.length === 0 && !deciding) {
    return { ...base, kind: 'outdated', verification: verifySender(organizer, env), ignore: 'The calendar already has this version of the event (same or higher SEQUENCE and DTSTAMP); nothing changed.', describe: '', act: () => noEffect('Nothing to do.') };
  }

  // My own invitation, e.g. found in the Sent folder: it becomes the organizer's copy.
  if (organizer && isMe(organizer.address, ctx.me)) {
    // My own REQUESTs come back through the Sent folder (sent by another client, or by this companion answering a
    // REFRESH): the answers already recorded in the calendar must not fall back to what the message shows.
    const opts = { me: ctx.me, keepMyPartstat: false, keepAttendeeAnswers: true };
    const apply = (): Effect => ({ store: { type: 'put', uid: msg.uid, calendar: mergeRequest(stored, msg.calendar, comps, opts) }, outgoing: [], reason: `Stored your own invitation ${quote(view.summary)} as the organizer's copy.` });
    return { ...base, kind: stored ? 'update' : 'invitation', fromMe: true, verification: verifySender(organizer, env), auto: apply, describe: 'store your own invitation', act: (c) => (c === 'ignore' ? noEffect('Dismissed.') : apply()) };
  }
  if (msg.method === 'PUBLISH') return analyzePublish(msg, stored, env, ctx, base);

  const mine = myAttendee(comps, ctx.me) ?? (stored ? myAttendee(eventsOf(stored), ctx.me) : null);
  const delegators = mine ? addressListParam(mine.prop, 'delegated-from') : [];
  const rids = comps.map(recurrenceIdOf).filter((r): r is ICAL.Time => !!r);
  return analyzeForMe({
    msg, stored, ctx, organizer, view, current, newer, base,
    verification: organizerChange(verifySender(organizer, env, delegators), stored, organizer),
    identity: mine?.address ?? ctx.me[0] ?? null,
    inMessage: !!myAttendee(comps, ctx.me),
    storedHasMe: !!(stored && myAttendee(eventsOf(stored), ctx.me)),
    keys: new Set(comps.map(instanceKey)),
    instanceLabel: rids.length === 1 && !master ? ` on ${formatIso(rids[0] as ICAL.Time)}` : '',
  });
}

/** What the attendee-side classification works with, computed once per message. */
interface RequestFacts {
  readonly msg: ItipMessage;
  readonly stored: Comp | null;
  readonly ctx: EngineContext;
  readonly organizer: Originator | null;
  readonly view: EventView;
  readonly current: EventView | null;
  /** The message's components that are newer than what the calendar holds. */
  readonly newer: readonly Comp[];
  readonly base: Pick<Analysis, 'originator' | 'proposed' | 'current' | 'notes'>;
  readonly verification: Verification;
  /** The address I was invited as. */
  readonly identity: string | null;
  readonly inMessage: boolean;
  readonly storedHasMe: boolean;
  /** Instance keys the message speaks about. */
  readonly keys: ReadonlySet<string>;
  /** " on <date>" when the message is about one instance only. */
  readonly instanceLabel: string;
}

const CHOICES: readonly Choice[] = ['accept', 'tentative', 'decline', 'ignore'];

/** Invitation (new, forwarded, new instances), reschedule of an answered event, or an update. */
function analyzeForMe(f: RequestFacts): Analysis {
  const { msg, stored, ctx, organizer, view, newer, base, verification, identity, instanceLabel } = f;
  const respond = (choice: Choice, comment: string | null): Effect => answerInvitation(f, choice, comment);
  const common = { ...base, verification, identity, act: respond };

  if (!f.inMessage && !f.storedHasMe) {
    return { ...common, kind: 'invitation', describe: '', person: { choices: CHOICES, reason: `You are not on the attendee list of ${quote(view.summary)}; the invitation was probably forwarded to you. Answering adds you as a new attendee for the organizer to approve.` } };
  }
  if (!stored || !f.storedHasMe || onlyNewInstances(stored, msg.components)) {
    const provisional = (): Effect => ({ store: { type: 'put', uid: msg.uid, calendar: mergeRequest(stored, msg.calendar, msg.components, { me: ctx.me, keepMyPartstat: false }) }, outgoing: [], reason: '' });
    return {
      ...common, kind: 'invitation', auto: provisional, describe: 'add the invitation to the calendar as not yet answered',
      person: { choices: CHOICES, reason: `${organizer?.name ?? organizer?.address ?? 'Someone'} invites you to ${quote(view.summary)}${instanceLabel}: accept, tentatively accept or decline.` },
    };
  }

  const update = (keep: boolean) => (): Effect => ({
    store: { type: 'put', uid: msg.uid, calendar: mergeRequest(stored, msg.calendar, newer, { me: ctx.me, keepMyPartstat: keep }) },
    outgoing: [],
    reason: keep ? `Applied the organizer's update to ${quote(view.summary)}${instanceLabel}; your answer is unchanged.` : `Applied the new time of ${quote(view.summary)}${instanceLabel}.`,
  });
  const storedMine = myAttendee(eventsOf(stored), ctx.me);
  const wasAnswered = storedMine ? ['ACCEPTED', 'TENTATIVE'].includes(partstatOf(storedMine.prop)) : false;
  if (wasAnswered && newer.some((c) => movesInstance(stored, c))) {
    const answer = partstatOf(storedMine?.prop ?? null) === 'ACCEPTED' ? 'accepted' : 'tentatively accepted';
    return {
      ...common, kind: 'reschedule', auto: update(false), describe: 'move the event to its new time',
      person: { choices: CHOICES, reason: `${quote(view.summary)}${instanceLabel}, which you had ${answer}, was moved from ${movedFrom(stored, msg.components) ?? f.current?.start ?? '?'} to ${view.start ?? '?'}: confirm or change your answer.` },
    };
  }
  // Ignoring the very invitation the calendar holds unanswered (stored provisionally) removes it, like "ignore" on a
  // new invitation; ignoring a real update only leaves it unapplied.
  const ignoreUpdate = (): Effect => (newer.length === 0 ? dismiss(msg, stored, ctx, f.storedHasMe) : noEffect('Dismissed; the update was not applied.'));
  return {
    ...common, kind: 'update', auto: update(true), describe: `apply the organizer's update to ${quote(view.summary)}`,
    act: (c, comment) => (c === 'apply' ? update(true)() : c === 'ignore' ? ignoreUpdate() : respond(c, comment)),
  };
}

/** My answer to the invitation: my PARTSTAT on the instances it names, and one REPLY from the invited address. */
function answerInvitation(f: RequestFacts, choice: Choice, comment: string | null): Effect {
  const { msg, stored, ctx, identity, keys } = f;
  if (choice === 'ignore') return dismiss(msg, stored, ctx, f.storedHasMe);
  const partstat = ANSWERS[choice];
  if (!partstat || !identity) return noEffect(`"${choice}" does not apply to an invitation.`);
  // Answer the newest version: the message when it is newer, else what the calendar already has.
  const work = mergeRequest(stored, msg.calendar, f.newer, { me: ctx.me, keepMyPartstat: false });
  if (!f.inMessage && !f.storedHasMe) addMyself(work, identity, keys);
  setMyPartstat(work, identity, partstat, keys);
  const replyComps = eventsOf(work).filter((e) => keys.has(instanceKey(e)) && findAttendee(e, identity));
  const reply = buildReply({ components: replyComps, source: work, me: identity, partstat, comment, now: ctx.now });
  const verb = partstat === 'ACCEPTED' ? 'accepted' : partstat === 'DECLINED' ? 'declined' : 'tentatively accepted';
  return {
    store: { type: 'put', uid: msg.uid, calendar: work },
    outgoing: reply ? [reply] : [],
    reason: `You ${verb} ${quote(f.view.summary)}${f.instanceLabel}; a reply goes to ${f.organizer?.address ?? 'the organizer'}.`,
    obsoletes: [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }],
  };
}

function newerThanTombstone(c: Comp, t: Tombstone): boolean {
  const seq = sequenceOf(c);
  return seq !== t.sequence ? seq > t.sequence : dtstampOf(c) > t.dtstamp;
}

function analyzePublish(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext, base: Pick<Analysis, 'originator' | 'proposed' | 'current' | 'notes'>): Analysis {
  const apply = (): Effect => ({ store: { type: 'put', uid: msg.uid, calendar: mergeRequest(stored, msg.calendar, msg.components, { me: ctx.me, keepMyPartstat: true }) }, outgoing: [], reason: `${stored ? 'Updated' : 'Added'} the published event ${quote(base.proposed?.summary ?? '')}.` });
  return {
    ...base, kind: 'publish', verification: organizerChange(verifySender(base.originator ?? null, env), stored, base.originator ?? null), auto: apply, describe: `add the published event ${quote(base.proposed?.summary ?? '')}`,
    act: (c) => (c === 'apply' ? apply() : noEffect('Dismissed; the published event was not added.')),
  };
}

/**
 * A REQUEST naming another organizer than the stored event (RFC 5546 §4.2.11 replacing the organizer; Google moving
 * an event between calendars, cyrus-imapd#3965; or an attendee taking the event over) is never applied automatically.
 */
function organizerChange(v: Verification, stored: Comp | null, organizer: Originator | null): Verification {
  const before = stored ? organizerOf(eventsOf(stored)) : null;
  if (!before || !organizer || before.address === organizer.address) return v;
  return { verified: false, warnings: [...v.warnings, `The organizer changed from ${before.address} to ${organizer.address}; only you can accept that.`] };
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
    return { store: { type: 'delete', uid: msg.uid }, outgoing: [], reason: 'Dismissed; the unanswered invitation was removed from the calendar and nothing was sent.', obsoletes: [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }] };
  }
  return { store: null, outgoing: [], reason: 'Dismissed; nothing was sent.' };
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

export function quote(s: string): string {
  return `"${s}"`;
}

