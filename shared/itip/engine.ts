/**
 * The scheduling engine's entry points. Pure: iCalendar text and plain data in, an `EngineResult` out (what to
 * store, what to send, what to ask a person). Owns the dispatch by METHOD, the auto-processing policy
 * (always / known / never), the time frame and sender verification gates, and carrying out a person's decision.
 */
import type ICAL from 'ical.js';
import type { Choice, EventView, PendingDecision, PendingDraft } from '../model/decisions.js';
import type { MailEnvelope } from '../model/mail.js';
import { formatTimeframe } from '../util/duration.js';
import { missingCase } from '../util/missingCase.js';
import { formatIso } from '../ical/time.js';
import { cloneComponent, eventsOf, findAttendee, instanceKey, masterOf, organizerAddress, recurrenceIdOf, sequenceOf, textValue, type Comp } from './components.js';
import { parseItip, type ItipMessage, type ParseFailure } from './message.js';
import { analyzeRequest } from './attendeeRequest.js';
import { analyzeAdd, analyzeCancel, analyzeDeclineCounter } from './attendeeCancel.js';
import { analyzeReply } from './organizerReply.js';
import { analyzeCounter, analyzeFreeBusy, analyzeRefresh } from './organizerCounter.js';
import { myAttendee } from './identity.js';
import { ensureOverride, setMyPartstat } from './edit.js';
import { buildReply } from './outgoing.js';
import type { Analysis, Effect } from './analysis.js';
import type { EngineContext, EngineResult, IncomingItip } from './types.js';

export type StoredLookup = (uid: string) => Comp | null;

interface AnalyzeOptions {
  /** A person is deciding: a copy already stored at the same version is not "outdated". */
  readonly decision?: boolean;
}

function analyze(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext, opts: AnalyzeOptions): Analysis {
  if (msg.componentType === 'vfreebusy') return analyzeFreeBusy(msg, env, ctx);
  switch (msg.method) {
    case 'REQUEST':
    case 'PUBLISH':
      return analyzeRequest(msg, stored, env, ctx, opts.decision === true);
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

function parseFailureResult(e: ParseFailure, method: string | null): EngineResult {
  const base = { method, uid: null, recurrenceId: null, sequence: null, store: null, outgoing: [], pending: null, obsoletes: [], warnings: [], errorCode: e.code };
  if (e.code === 'ITIP_NO_METHOD') return { ...base, kind: 'not-scheduling', outcome: 'ignored', reason: `${e.message} It was left alone.` };
  if (e.code === 'ITIP_UNSUPPORTED') return { ...base, kind: 'unsupported', outcome: 'ignored', reason: e.message };
  return { ...base, kind: 'invalid', outcome: 'error', reason: e.message };
}

function describeMessage(msg: ItipMessage): { recurrenceId: string | null; sequence: number } {
  const comps = msg.components;
  const first = comps[0];
  const rid = comps.length === 1 && first ? recurrenceIdOf(first) : null;
  const master = comps.find((c) => !c.hasProperty('recurrence-id')) ?? first;
  return { recurrenceId: rid ? formatIso(rid) : null, sequence: master ? sequenceOf(master) : 0 };
}

/** Whether policy and verification let the change happen without a person, and if not, why. */
function gate(a: Analysis, ctx: EngineContext): { auto: boolean; why: string } {
  if (!a.verification.verified) return { auto: false, why: a.verification.warnings.join(' ') };
  if (ctx.policy === 'never') return { auto: false, why: 'Your policy is "never": nothing is applied automatically.' };
  if (ctx.policy === 'always' || a.fromMe) return { auto: true, why: '' };
  const o = a.originator;
  const known = !!o && (ctx.isKnownAddress(o.address) || (!!o.sentBy && ctx.isKnownAddress(o.sentBy)));
  return known ? { auto: true, why: '' } : { auto: false, why: `${o?.address ?? 'The sender'} is not in your calendar or contacts, and your policy applies changes only from known senders.` };
}

function outsideTimeframe(env: MailEnvelope, ctx: EngineContext): string | null {
  if (env.receivedAt === null) return null;
  const age = ctx.now - env.receivedAt;
  if (age <= ctx.timeframeMs) return null;
  return `It was received ${formatTimeframe(age)} ago, outside the ${formatTimeframe(ctx.timeframeMs)} time frame for automatic processing.`;
}

/** Processes one incoming scheduling message against the calendar. */
export function processItip(incoming: IncomingItip, lookup: StoredLookup, ctx: EngineContext): EngineResult {
  const parsed = parseItip(incoming.ics, incoming.headerMethod);
  if (!parsed.ok) return parseFailureResult(parsed.error, incoming.headerMethod?.toUpperCase() ?? null);
  const msg = parsed.value;
  const stored = msg.componentType === 'vevent' ? lookup(msg.uid) : null;
  const a = analyze(msg, stored, incoming.envelope, ctx, {});
  const info = describeMessage(msg);
  const head = { method: msg.method, uid: msg.uid || null, recurrenceId: info.recurrenceId, sequence: info.sequence };
  const warnings = a.notes ? a.verification.warnings.concat(a.notes) : a.verification.warnings.slice();
  if (a.ignore !== undefined) {
    const tombstone = a.tombstone ? { tombstone: { uid: msg.uid, ...a.tombstone } } : {};
    return { ...head, kind: a.kind, outcome: 'ignored', reason: a.ignore, store: null, outgoing: [], pending: null, obsoletes: a.obsoletes ?? [], warnings, ...tombstone };
  }
  const late = outsideTimeframe(incoming.envelope, ctx);
  if (late) return { ...head, kind: a.kind, outcome: 'ignored', reason: late, store: null, outgoing: [], pending: null, obsoletes: [], warnings };

  const g = gate(a, ctx);
  if (a.person) {
    const effect = g.auto && a.auto ? a.auto() : null;
    const provisional = !effect?.store ? '' : a.kind === 'reschedule' ? ' The new time is in your calendar, waiting for your answer.' : ' It was added to your calendar as not yet answered.';
    // Say why nothing was stored only when there was something to store (a party crasher never is).
    const heldBack = !g.auto && a.auto ? ` Not applied automatically: ${g.why}` : '';
    const reason = `${a.person.reason}${provisional}${heldBack}`;
    const pending = draft(a, msg, incoming, head.recurrenceId, a.person.choices, reason, a.verification.warnings);
    return result(head, a.kind, 'pending', reason, effect?.store ?? null, [], pending, (a.obsoletes ?? []).concat(supersededBy(a, msg.uid, head.recurrenceId)), warnings);
  }
  if (!a.auto) return { ...head, kind: a.kind, outcome: 'ignored', reason: 'Nothing to do.', store: null, outgoing: [], pending: null, obsoletes: [], warnings };
  if (g.auto) {
    const e = a.auto();
    return result(head, a.kind, 'applied', e.reason, e.store, e.outgoing, null, (a.obsoletes ?? []).concat(e.obsoletes ?? []), warnings);
  }
  const reason = `Not applied automatically: ${g.why} A person can apply it (${a.describe}) or ignore it.`;
  const pending = draft(a, msg, incoming, head.recurrenceId, ['apply', 'ignore'], reason, a.verification.warnings);
  return { ...head, kind: a.kind, outcome: 'pending', reason, store: null, outgoing: [], pending, obsoletes: [], warnings };
}

interface Head {
  readonly method: string | null;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly sequence: number | null;
}

function result(head: Head, kind: EngineResult['kind'], outcome: EngineResult['outcome'], reason: string, store: EngineResult['store'], outgoing: EngineResult['outgoing'], pending: EngineResult['pending'], obsoletes: EngineResult['obsoletes'], warnings: EngineResult['warnings']): EngineResult {
  return { method: head.method, uid: head.uid, recurrenceId: head.recurrenceId, sequence: head.sequence, kind, outcome, reason, store, outgoing, pending, obsoletes, warnings };
}

/** A newer question about the same event replaces the older one (an update while an invitation is open). */
function supersededBy(a: Analysis, uid: string, recurrenceId: string | null): EngineResult['obsoletes'] {
  if (a.kind === 'invitation' || a.kind === 'reschedule') return [{ uid, recurrenceId, kinds: ['invitation', 'reschedule', 'update'] }];
  if ((a.kind === 'party-crasher' || a.kind === 'counter') && a.attendee) return [{ uid, recurrenceId, kinds: [a.kind], attendee: a.attendee }];
  return [];
}

function draft(a: Analysis, msg: ItipMessage, incoming: IncomingItip, recurrenceId: string | null, choices: readonly Choice[], reason: string, warnings: readonly string[]): PendingDraft {
  const first = msg.components[0];
  return {
    kind: a.kind,
    uid: msg.uid,
    recurrenceId,
    // A REPLY or COUNTER need not carry SUMMARY (RFC 5546 §3.2.3): name the event as the calendar knows it.
    summary: (first ? textValue(first, 'summary') : null) ?? a.current?.summary ?? a.proposed?.summary ?? '(no title)',
    choices,
    reason,
    warnings,
    from: incoming.envelope.from?.address ?? null,
    identity: a.identity ?? null,
    proposed: plainView(a.proposed),
    current: plainView(a.current),
    message: { ics: incoming.ics, envelope: incoming.envelope },
    attendee: a.attendee ?? null,
    comment: first ? textValue(first, 'comment') : null,
  };
}

/** Pending decisions are stored as JSON and read by other processes: always plain views. */
function plainView(v: EventView | null | undefined): EventView | null {
  if (!v) return null;
  const json = (v as { toJSON?: () => EventView }).toJSON;
  return typeof json === 'function' ? json.call(v) : v;
}

/** Carries out a person's choice on an open decision, re-evaluated against the calendar as it is now. */
export function decideItip(pending: PendingDecision, choice: Choice, comment: string | null, lookup: StoredLookup, ctx: EngineContext): EngineResult {
  const head = { method: null, uid: pending.uid, recurrenceId: pending.recurrenceId, sequence: null, kind: pending.kind };
  const fail = (reason: string): EngineResult => ({ ...head, outcome: 'error', reason, store: null, outgoing: [], pending: null, obsoletes: [], warnings: [] });
  if (!pending.choices.includes(choice)) return fail(`"${choice}" is not a choice for this decision; choose one of ${pending.choices.join(', ')}.`);
  const parsed = parseItip(pending.message.ics, null);
  if (!parsed.ok) return fail(parsed.error.message);
  const msg = parsed.value;
  const stored = msg.componentType === 'vevent' ? lookup(msg.uid) : null;
  const a = analyze(msg, stored, pending.message.envelope, ctx, { decision: true });
  const info = describeMessage(msg);
  const base = { ...head, method: msg.method, sequence: info.sequence, pending: null, warnings: [] };
  if (a.ignore !== undefined && choice !== 'ignore') {
    return { ...base, outcome: 'ignored', reason: `Nothing was done: ${a.ignore}`, store: null, outgoing: [], obsoletes: [] };
  }
  const e: Effect = a.act(choice, comment);
  return { ...base, outcome: choice === 'ignore' ? 'ignored' : 'applied', reason: e.reason, store: e.store, outgoing: e.outgoing, obsoletes: e.obsoletes ?? [] };
}

/**
 * My answer to an event already in the calendar, without a pending decision (RFC 5546 §3.2.3): sets my PARTSTAT
 * on the whole event or one instance and builds the REPLY from the identity that was invited.
 */
export function respondToEvent(args: { stored: Comp | null; uid: string; recurrenceId: ICAL.Time | null; partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED'; comment: string | null; ctx: EngineContext }): EngineResult {
  const { stored, uid, ctx } = args;
  const head = { method: 'REPLY', uid, recurrenceId: args.recurrenceId ? formatIso(args.recurrenceId) : null, sequence: null, kind: 'reply' as const, pending: null, obsoletes: [], warnings: [] };
  const fail = (reason: string): EngineResult => ({ ...head, outcome: 'error', reason, store: null, outgoing: [] });
  if (!stored) return fail(`There is no event with UID ${uid} in the calendar.`);
  // The organizer often lists itself as an attendee (Google); it still has nobody to REPLY to (RFC 5546 §3.2.3).
  const org = organizerAddress(masterOf(stored) ?? (eventsOf(stored)[0] as Comp));
  if (org && ctx.me.includes(org)) return fail('You organize this event; there is nobody to reply to.');
  const mine = myAttendee(eventsOf(stored), ctx.me);
  if (!mine) return fail('None of your addresses is an attendee of this event.');
  const work = cloneComponent(stored);
  let comps: Comp[];
  if (args.recurrenceId) {
    const o = ensureOverride(work, args.recurrenceId);
    if (!o) return fail(`The event has no instance at ${formatIso(args.recurrenceId)}.`);
    comps = [o];
    setMyPartstat(work, mine.address, args.partstat, new Set([instanceKey(o)]));
  } else {
    setMyPartstat(work, mine.address, args.partstat, null);
    comps = eventsOf(work).filter((e) => findAttendee(e, mine.address));
  }
  const reply = buildReply({ components: comps, source: work, me: mine.address, partstat: args.partstat, comment: args.comment, now: ctx.now });
  const first = comps[0];
  const summary = first ? (textValue(first, 'summary') ?? '(no title)') : '(no title)';
  return {
    ...head,
    sequence: first ? sequenceOf(first) : null,
    outcome: 'applied',
    reason: `Your answer to "${summary}"${head.recurrenceId ? ` on ${head.recurrenceId}` : ''} is now ${args.partstat.toLowerCase()}; a reply goes to the organizer.`,
    store: { type: 'put', uid, calendar: work },
    outgoing: reply ? [reply] : [],
    obsoletes: [{ uid, recurrenceId: head.recurrenceId, kinds: ['invitation', 'reschedule'] }],
  };
}
