/**
 * The scheduling engine's entry points. Pure: iCalendar text and plain data in, an `EngineResult` out (what to
 * store, what to send, what to ask a person). Owns the dispatch by METHOD, the auto-processing policy
 * (always / known / never), the time frame and sender verification gates, and carrying out a person's decision.
 */
import type ICAL from 'ical.js';
import type { Message } from '../i18n/index.js';
import type { Choice, EventView, PendingDecision, PendingDraft } from '../model/decisions.js';
import type { MailEnvelope } from '../model/mail.js';
import type { OutgoingItip } from '../model/outgoing.js';
import { formatTimeframe } from '../util/duration.js';
import { missingCase } from '../util/missingCase.js';
import { formatIso } from '../ical/time.js';
import {
  cloneComponent,
  eventsOf,
  findAttendee,
  instanceKey,
  isCancelled,
  masterOf,
  organizerAddress,
  partstatOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  type Comp,
} from './components.js';
import { parseItip, type ItipMessage, type ParseFailure } from './message.js';
import { analyzeRequest } from './methods/request.js';
import { analyzePublish } from './methods/publish.js';
import { analyzeAdd } from './methods/add.js';
import { analyzeCancel } from './methods/cancel.js';
import { analyzeDeclineCounter } from './methods/declineCounter.js';
import { analyzeReply } from './methods/reply.js';
import { analyzeCounter } from './methods/counter.js';
import { analyzeRefresh } from './methods/refresh.js';
import { analyzeFreeBusy } from './methods/freebusy.js';
import { myAttendee } from './identity.js';
import { isMyAddress } from './replyToken.js';
import { matchByReplyToken } from './replyMatch.js';
import { ensureOverride, myIdentities, replyNotAsked, setMyPartstat } from './edit.js';
import { addDefaultReminder } from './defaultReminder.js';
import { nakedInstances } from './obsolete.js';
import { buildReply } from './outgoing.js';
import { noEffect, putCalendar, type Analysis, type Effect } from './analysis.js';
import { itipError, type ItipErrorCode } from './errors.js';
import { senderAuthentication, trustedAuthenticationResults } from './senderTrust.js';
import type {
  AppliedResult,
  EngineContext,
  EngineResult,
  ErrorResult,
  IgnoredResult,
  IncomingItip,
  PendingResult,
} from './types.js';

export type StoredLookup = (uid: string) => Comp | null;

interface AnalyzeOptions {
  /** A person is deciding: a copy already stored at the same version is not "outdated". */
  readonly decision?: boolean;
}

function analyze(
  msg: ItipMessage,
  stored: Comp | null,
  mail: MailEnvelope,
  ctx: EngineContext,
  opts: AnalyzeOptions,
): Analysis {
  const env = trustedEnvelope(mail, ctx);
  if (msg.componentType === 'vfreebusy') return analyzeFreeBusy(msg, env, ctx);
  const deciding = opts.decision === true;
  switch (msg.method) {
    case 'REQUEST':
      return analyzeRequest(msg, stored, env, ctx, deciding);
    case 'PUBLISH':
      return analyzePublish(msg, stored, env, ctx, deciding);
    case 'CANCEL':
      return analyzeCancel(msg, stored, env, ctx);
    case 'ADD':
      return analyzeAdd(msg, stored, env, ctx);
    case 'DECLINECOUNTER':
      return analyzeDeclineCounter(msg, stored, env);
    case 'REPLY':
      return analyzeReply(msg, stored, env, ctx);
    case 'COUNTER':
      return analyzeCounter(msg, stored, env, ctx);
    case 'REFRESH':
      return analyzeRefresh(msg, stored, env, ctx);
    default:
      return missingCase(msg.method);
  }
}

/**
 * The envelope as analyzers see it: only the Authentication-Results the person's own server wrote (a header the
 * sender's side added proves nothing, RFC 8601 §5).
 */
function trustedEnvelope(env: MailEnvelope, ctx: EngineContext): MailEnvelope {
  const trusted = trustedAuthenticationResults(env.authenticationResults, ctx.authservId);
  return trusted.length === env.authenticationResults.length ? env : { ...env, authenticationResults: trusted };
}

/**
 * A verified sender whose mail the person's server did not authenticate (no DMARC pass) is held when the person
 * asked for that (`unverifiedSenders: 'hold'`); a DMARC failure already failed verification.
 */
function unauthenticated(a: Analysis, env: MailEnvelope, ctx: EngineContext): Message | null {
  if (ctx.unverifiedSenders !== 'hold' || !a.verification.verified || a.fromMe) return null;
  const trusted = trustedAuthenticationResults(env.authenticationResults, ctx.authservId);
  if (senderAuthentication(trusted) === 'pass') return null;
  return { key: 'warning.senderUnauthenticated', params: { sender: env.from?.address ?? 'none' } };
}

/** What every result about a message says before its outcome. */
export interface Head {
  readonly method: string | null;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly sequence: number | null;
}

const NO_HEAD: Head = { method: null, uid: null, recurrenceId: null, sequence: null };

// Results are built field by field: spreading `head` into every result cost a few percent of the engine's time.

function ignored(
  head: Head,
  kind: EngineResult['kind'],
  reason: Message,
  warnings: readonly Message[],
  extra: Partial<Pick<IgnoredResult, 'store' | 'obsoletes' | 'errorCode' | 'tombstone'>> = {},
): IgnoredResult {
  const r: { -readonly [K in keyof IgnoredResult]: IgnoredResult[K] } = {
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId,
    sequence: head.sequence,
    kind,
    outcome: 'ignored',
    reason,
    warnings,
    store: extra.store ?? null,
    outgoing: [],
    pending: null,
    obsoletes: extra.obsoletes ?? [],
  };
  if (extra.errorCode) r.errorCode = extra.errorCode;
  if (extra.tombstone) r.tombstone = extra.tombstone;
  return r;
}

function failed(head: Head, kind: EngineResult['kind'], errorCode: ItipErrorCode, reason: Message): ErrorResult {
  return {
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId,
    sequence: head.sequence,
    kind,
    outcome: 'error',
    reason,
    warnings: [],
    store: null,
    outgoing: [],
    pending: null,
    obsoletes: [],
    errorCode,
  };
}

function applied(
  head: Head,
  kind: EngineResult['kind'],
  e: Effect,
  warnings: readonly Message[],
  obsoletes: EngineResult['obsoletes'],
): AppliedResult {
  return {
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId,
    sequence: head.sequence,
    kind,
    outcome: 'applied',
    reason: e.reason,
    warnings,
    store: e.store,
    outgoing: e.outgoing,
    pending: null,
    obsoletes,
  };
}

function asked(
  head: Head,
  kind: EngineResult['kind'],
  reason: Message,
  warnings: readonly Message[],
  pending: PendingResult['pending'],
  store: PendingResult['store'],
  obsoletes: EngineResult['obsoletes'],
): PendingResult {
  return {
    method: head.method,
    uid: head.uid,
    recurrenceId: head.recurrenceId,
    sequence: head.sequence,
    kind,
    outcome: 'pending',
    reason,
    warnings,
    store,
    outgoing: [],
    pending,
    obsoletes,
  };
}

function parseFailureResult(e: ParseFailure, method: string | null): EngineResult {
  const head = { ...NO_HEAD, method };
  if (e.code === 'ITIP_NO_METHOD')
    return ignored(head, 'not-scheduling', { key: 'reason.notScheduling' }, [], { errorCode: e.code });
  if (e.code === 'ITIP_UNSUPPORTED') return ignored(head, 'unsupported', e.message, [], { errorCode: e.code });
  return failed(head, 'invalid', e.code, e.message);
}

/**
 * ical.js resolves a TZID while decorating RECURRENCE-ID and throws on a VTIMEZONE it cannot read (one without TZID,
 * found by the fuzzer); the result then names no instance rather than failing.
 */
function readableRecurrenceId(c: Comp): ICAL.Time | null {
  try {
    return recurrenceIdOf(c);
  } catch {
    return null;
  }
}

function describeMessage(msg: ItipMessage): Head {
  const comps = msg.components;
  const first = comps[0];
  const rid = comps.length === 1 && first ? readableRecurrenceId(first) : null;
  const master = comps.find((c) => !c.hasProperty('recurrence-id')) ?? first;
  return {
    method: msg.method,
    uid: msg.uid || null,
    recurrenceId: rid ? formatIso(rid) : null,
    sequence: master ? sequenceOf(master) : 0,
  };
}

/**
 * What a message says about itself (METHOD, UID, RECURRENCE-ID, SEQUENCE) without weighing it: for the record of
 * a message seen before, which keeps what was readable. A message that cannot be parsed names its header method.
 */
export function describeItip(ics: string, headerMethod: string | null): Head {
  const parsed = parseItip(ics, headerMethod);
  if (parsed.ok) return describeMessage(parsed.value);
  return { ...NO_HEAD, method: headerMethod?.trim().toUpperCase() || null };
}

/**
 * Whether policy and verification let the change happen without a person, and if not, why: a code the catalogue
 * words (`held` in `reason.heldBack` and the person reasons) and the sender it names.
 */
function gate(
  a: Analysis,
  ctx: EngineContext,
  unauth: Message | null,
): { auto: boolean; held: 'never' | 'unknown' | 'unverified' | 'none'; sender: string } {
  const o = a.originator;
  const sender = o?.address ?? 'none';
  if (!a.verification.verified || unauth) return { auto: false, held: 'unverified', sender };
  if (ctx.policy === 'never') return { auto: false, held: 'never', sender };
  if (ctx.policy === 'always' || a.fromMe) return { auto: true, held: 'none', sender };
  const known = !!o && (ctx.isKnownAddress(o.address) || (!!o.sentBy && ctx.isKnownAddress(o.sentBy)));
  return known ? { auto: true, held: 'none', sender } : { auto: false, held: 'unknown', sender };
}

function outsideTimeframe(env: MailEnvelope, ctx: EngineContext): Message | null {
  if (env.receivedAt === null) return null;
  const age = ctx.now - env.receivedAt;
  if (age <= ctx.timeframeMs) return null;
  return {
    key: 'reason.outsideTimeframe',
    params: { age: formatTimeframe(age), timeframe: formatTimeframe(ctx.timeframeMs) },
  };
}

/** Processes one incoming scheduling message against the calendar. */
export function processItip(incoming: IncomingItip, lookup: StoredLookup, ctx: EngineContext): EngineResult {
  const parsed = parseItip(incoming.ics, incoming.headerMethod);
  if (!parsed.ok) return parseFailureResult(parsed.error, incoming.headerMethod?.toUpperCase() ?? null);
  const { msg, stored } = matchByReplyToken(parsed.value, lookup, incoming.envelope, ctx);
  const a = analyze(msg, stored, incoming.envelope, ctx, {});
  const head = describeMessage(msg);
  const unauth = a.ignore === undefined ? unauthenticated(a, incoming.envelope, ctx) : null;
  const checks = unauth ? a.verification.warnings.concat(unauth) : a.verification.warnings;
  const warnings = a.notes ? checks.concat(a.notes) : checks.slice();
  if (a.ignore !== undefined) {
    const tombstone = a.tombstone
      ? { uid: msg.uid, sequence: a.tombstone.sequence, dtstamp: a.tombstone.dtstamp }
      : undefined;
    return ignored(head, a.kind, a.ignore, warnings, { obsoletes: a.obsoletes ?? [], tombstone });
  }
  const late = outsideTimeframe(incoming.envelope, ctx);
  if (late) return lateDecision(a, msg, incoming, head, late, warnings, checks);

  const g = gate(a, ctx, unauth);
  if (a.person) {
    const effect = g.auto && a.auto ? a.auto() : null;
    // Say why nothing was stored only when there was something to store (a party crasher never is).
    const held = effect?.store || a.inCalendar ? 'stored' : !g.auto && a.auto ? g.held : 'none';
    const reason: Message = { key: a.person.reason.key, params: { ...a.person.reason.params, held, sender: g.sender } };
    const pending = draft(a, msg, incoming, head.recurrenceId, a.person.choices, reason, checks);
    const obsoletes = (a.obsoletes ?? []).concat(supersededBy(a, msg.uid, head.recurrenceId, pending.instances));
    return asked(head, a.kind, reason, warnings, pending, effect?.store ?? null, obsoletes);
  }
  if (!a.auto) return ignored(head, a.kind, { key: 'reason.nothingToDo' }, warnings);
  if (g.auto) {
    const e = a.auto();
    return applied(
      head,
      a.kind,
      e,
      warnings,
      e.obsoletes ? (a.obsoletes ?? []).concat(e.obsoletes) : (a.obsoletes ?? []),
    );
  }
  const reason: Message = {
    key: 'reason.heldBack',
    params: { action: 'none', ...a.hold, held: g.held, sender: g.sender },
  };
  const pending = draft(a, msg, incoming, head.recurrenceId, ['apply', 'ignore'], reason, checks);
  return asked(head, a.kind, reason, warnings, pending, null, []);
}

/**
 * A message received before the time frame is never applied automatically, but it is not lost either: it becomes
 * a decision marked old, with the choices it would have had (apply / ignore for a change, the answers for an
 * invitation), and nothing is stored provisionally.
 */
function lateDecision(
  a: Analysis,
  msg: ItipMessage,
  incoming: IncomingItip,
  head: Head,
  late: Message,
  warnings: readonly Message[],
  checks: readonly Message[],
): EngineResult {
  if (!a.person && !a.auto) return ignored(head, a.kind, late, warnings);
  const reason: Message = {
    key: 'reason.old',
    params: { ...late.params, action: 'none', ...a.hold, person: a.person ? 'yes' : 'no' },
  };
  const choices = a.person ? a.person.choices : (['apply', 'ignore'] as const);
  const pending = { ...draft(a, msg, incoming, head.recurrenceId, choices, reason, checks), old: true };
  const obsoletes = a.person ? supersededBy(a, msg.uid, head.recurrenceId, pending.instances) : [];
  return asked(head, a.kind, reason, warnings, pending, null, obsoletes);
}

/** A newer question about the same event replaces the older one (an update while an invitation is open). */
function supersededBy(
  a: Analysis,
  uid: string,
  recurrenceId: string | null,
  instances: readonly string[] | undefined,
): EngineResult['obsoletes'] {
  const scope = instances ? { recurrenceId, instances } : { recurrenceId };
  if (a.kind === 'invitation' || a.kind === 'reschedule')
    return [{ uid, ...scope, kinds: ['invitation', 'reschedule', 'update'] }];
  if ((a.kind === 'party-crasher' || a.kind === 'counter') && a.attendee)
    return [{ uid, ...scope, kinds: [a.kind], attendee: a.attendee }];
  return [];
}

function draft(
  a: Analysis,
  msg: ItipMessage,
  incoming: IncomingItip,
  recurrenceId: string | null,
  choices: readonly Choice[],
  reason: Message,
  warnings: readonly Message[],
): PendingDraft {
  const first = msg.components[0];
  const instances = nakedInstances(msg.components);
  const d = {
    kind: a.kind,
    uid: msg.uid,
    recurrenceId,
    ...(instances ? { instances } : {}),
    // A REPLY or COUNTER need not carry SUMMARY (RFC 5546 §3.2.3): name the event as the calendar knows it.
    summary: (first ? textValue(first, 'summary') : null) ?? a.current?.summary ?? a.proposed?.summary ?? '(no title)',
    choices,
    reason,
    warnings,
    from: incoming.envelope.from?.address ?? null,
    identity: a.identity ?? null,
  } as Mutable<PendingDraft>;
  withLazyViews(d, a);
  d.message = { ics: incoming.ics, envelope: incoming.envelope };
  d.attendee = a.attendee ?? null;
  d.comment = first ? textValue(first, 'comment') : null;
  return d;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/*
 * Pending decisions are stored as JSON, sent over IPC (structured clone) and read by other processes: their views
 * must be plain objects there. Formatting them is most of the cost of an invitation's draft, and a caller that only
 * counts or routes the result never reads them, so each plain view is made on first read (JSON and structured clone
 * read own getters too) and kept.
 *
 * The getters are the same two functions on every draft, reading the analysis from a hidden slot: getters written
 * in an object literal are new functions on each draft, and V8 then gives every draft a shape of its own, whose
 * getters (and the analysis and message they hold) outlive young collections and are copied by each of them.
 */
const VIEWS = Symbol('views');

class ViewSlot {
  proposed: EventView | null | undefined = undefined;
  current: EventView | null | undefined = undefined;
  constructor(readonly analysis: Analysis) {}
}

type WithViews = { [VIEWS]: ViewSlot };

function viewProperty(key: 'proposed' | 'current'): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: WithViews): EventView | null {
      const slot = this[VIEWS];
      const v = slot[key];
      return v === undefined ? (slot[key] = plainView(slot.analysis[key])) : v;
    },
    set(this: WithViews, v: EventView | null): void {
      this[VIEWS][key] = v;
    },
  };
}

const PROPOSED = viewProperty('proposed');
const CURRENT = viewProperty('current');

function withLazyViews(d: object, analysis: Analysis): void {
  Object.defineProperty(d, VIEWS, { value: new ViewSlot(analysis) });
  Object.defineProperty(d, 'proposed', PROPOSED);
  Object.defineProperty(d, 'current', CURRENT);
}

function plainView(v: EventView | null | undefined): EventView | null {
  if (!v) return null;
  const json = (v as { toJSON?: () => EventView }).toJSON;
  return typeof json === 'function' ? json.call(v) : v;
}

/** Carries out a person's choice on an open decision, re-evaluated against the calendar as it is now. */
export function decideItip(
  pending: PendingDecision,
  choice: Choice,
  comment: string | null,
  lookup: StoredLookup,
  ctx: EngineContext,
): EngineResult {
  const head = { ...NO_HEAD, uid: pending.uid, recurrenceId: pending.recurrenceId };
  if (!pending.choices.includes(choice))
    return failed(
      head,
      pending.kind,
      'ITIP_BAD_CHOICE',
      itipError('ITIP_BAD_CHOICE', { choice, choices: pending.choices.join(', ') }).message,
    );
  const parsed = parseItip(pending.message.ics, null);
  if (!parsed.ok) return failed(head, pending.kind, parsed.error.code, parsed.error.message);
  const { msg, stored } = matchByReplyToken(parsed.value, lookup, pending.message.envelope, ctx);
  const a = analyze(msg, stored, pending.message.envelope, ctx, { decision: true });
  const base = { ...head, method: msg.method, sequence: describeMessage(msg).sequence };
  if (a.ignore !== undefined && choice !== 'ignore') {
    // The message became moot meanwhile (outdated, cancelled, not for me): its own reason says why nothing was done.
    return ignored(base, pending.kind, a.ignore, []);
  }
  const acted: Effect = a.act(choice, comment);
  // "Ignore" removes an invitation never answered. A question about a meeting I had answered (a reschedule, whose
  // new version the calendar may already hold unanswered) is ignored by leaving the meeting as it is.
  const e: Effect =
    choice === 'ignore' && pending.kind === 'reschedule' && acted.store?.type === 'delete'
      ? noEffect({ key: 'reason.dismissedNothingSent' })
      : acted;
  const obsoletes = e.obsoletes ?? [];
  if (choice === 'ignore') return ignored(base, pending.kind, e.reason, [], { store: e.store, obsoletes });
  return applied(base, pending.kind, e, [], obsoletes);
}

/**
 * My answer to an event already in the calendar, without a pending decision (RFC 5546 §3.2.3): sets my PARTSTAT
 * on the whole event or one instance and builds the REPLY from the identity that was invited.
 */
export function respondToEvent(args: {
  stored: Comp | null;
  uid: string;
  recurrenceId: ICAL.Time | null;
  partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';
  comment: string | null;
  ctx: EngineContext;
}): EngineResult {
  const { stored, uid, ctx } = args;
  const instance = args.recurrenceId ? formatIso(args.recurrenceId) : null;
  const head = { method: 'REPLY', uid, recurrenceId: instance, sequence: null };
  const fail = (code: ItipErrorCode, params?: Message['params']): EngineResult =>
    failed(head, 'reply', code, itipError(code, params).message);
  if (!stored) return fail('ITIP_NO_EVENT', { uid });
  // The organizer often lists itself as an attendee (Google); it still has nobody to REPLY to (RFC 5546 §3.2.3).
  const org = organizerAddress(masterOf(stored) ?? (eventsOf(stored)[0] as Comp));
  if (org && isMyAddress(org, ctx.me)) return fail('ITIP_I_ORGANIZE');
  const mine = myAttendee(eventsOf(stored), ctx.me);
  if (!mine) return fail('ITIP_NOT_ATTENDEE');
  const work = cloneComponent(stored);
  let comps: Comp[];
  let kept = 0;
  if (args.recurrenceId) {
    const o = ensureOverride(work, args.recurrenceId);
    // A cancelled occurrence takes place no more: there is nothing to answer (RFC 5546 §3.2.5).
    if (!o || isCancelled(o)) return fail('ITIP_NO_INSTANCE', { instance: instance ?? '' });
    comps = [o];
  } else {
    const series = seriesAnswered(work, mine.address);
    comps = series.answered;
    kept = series.kept;
  }
  const keys = new Set(comps.map(instanceKey));
  // Read before my answer is written: the organizer asked for no answer from me (RSVP=FALSE).
  const notAsked = comps.some((e) => replyNotAsked(findAttendee(e, mine.address)));
  const replies: OutgoingItip[] = [];
  for (const me of myIdentities(comps, ctx.me, mine.address)) {
    setMyPartstat(work, me, args.partstat, keys);
    addDefaultReminder(work, me, ctx.defaultReminderMinutes, keys);
    if (notAsked) continue;
    const reply = buildReply({
      components: comps.filter((e) => findAttendee(e, me)),
      source: work,
      me,
      partstat: args.partstat,
      comment: args.comment,
      now: ctx.now,
    });
    if (reply) replies.push(reply);
  }
  const first = comps[0];
  const summary = first ? (textValue(first, 'summary') ?? '(no title)') : '(no title)';
  const sent = notAsked ? 'notAsked' : replies.length > 0 ? 'yes' : org ? 'notScheduled' : 'noOrganizer';
  return {
    ...head,
    sequence: first ? sequenceOf(first) : null,
    kind: 'reply',
    outcome: 'applied',
    reason: {
      key: 'reason.respond.answered',
      params: { summary, instance: instance ?? 'all', partstat: args.partstat, kept, sent },
    },
    warnings: [],
    store: putCalendar(uid, work),
    outgoing: replies,
    pending: null,
    obsoletes: [{ uid, recurrenceId: instance, kinds: ['invitation', 'reschedule'] }],
  };
}

/**
 * What my answer to the whole series answers, as Thunderbird and Outlook treat it: the series and every occurrence
 * that goes with it, that is each override where my PARTSTAT is still what the series said before, or NEEDS-ACTION.
 * An occurrence I answered on its own keeps that answer (answering it again is a step of its own), and so does the
 * REPLY, which carries only what it answers: the organizer, reading a series answer, leaves such an occurrence as
 * it is too. A cancelled occurrence gets no answer. `kept` counts the occurrences keeping their own answer.
 */
function seriesAnswered(work: Comp, me: string): { answered: Comp[]; kept: number } {
  const master = masterOf(work);
  const seriesSaid = master ? partstatOf(findAttendee(master, me)) : null;
  const answered: Comp[] = [];
  let kept = 0;
  for (const e of eventsOf(work)) {
    const mine = findAttendee(e, me);
    if (!mine) continue;
    if (e !== master && isCancelled(e)) continue;
    const own = partstatOf(mine);
    if (e === master || !master || own === 'NEEDS-ACTION' || own === seriesSaid) answered.push(e);
    else kept++;
  }
  return { answered, kept };
}
