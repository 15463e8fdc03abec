/**
 * REPLY received as organizer (RFC 5546 §3.2.3): per instance, per-attendee ordering, party crashers (an answer
 * from someone not invited, §3.2.2.6) and delegation (§2.1.2, §4.2.5-4.2.6). From a REPLY only the replier's own
 * ATTENDEE parameters, COMMENT and REQUEST-STATUS are taken (Open-Xchange's filtering); everything else the attendee
 * changed is ignored. An answer to the series, or to an occurrence and every later one (RANGE=THISANDFUTURE),
 * reaches the overrides the attendee did not answer on their own. Outlook.com's alias ATTENDEE is read as the invited
 * sender (identity.ts), and Exchange's time proposal sent as a REPLY is weighed as a COUNTER besides its answer.
 */
import ICAL from 'ical.js';
import type { Message } from '../../i18n/index.js';
import type { MailEnvelope } from '../../model/mail.js';
import { formatIso, timeKey, toUtcMs } from '../../ical/time.js';
import { expandSeries, governedInstance, seriesHasInstance } from '../../ical/recurrence.js';
import { normalizeAddress, toMailto } from '../../util/address.js';
import {
  addressListParam,
  attendeeProps,
  cloneComponent,
  dtstampOf,
  eventsOf,
  findAttendee,
  instanceKey,
  isThisAndFuture,
  masterOf,
  overrideOf,
  param,
  partstatOf,
  recurrenceIdOf,
  answersSinceOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
  type Prop,
} from '../components.js';
import {
  counterpartOf,
  movesInstance,
  noEffect,
  nothingToDo,
  putCalendar,
  NOTHING,
  type Analysis,
  type Effect,
} from '../analysis.js';
import { analyzeCounter } from './counter.js';
import { organizerPreconditions } from '../organizerPreconditions.js';
import { originatorOfProp, organizerOf, replierOf, underInvitedSender, verifySender } from '../identity.js';
import { ensureOverride } from '../edit.js';
import { buildRequests } from '../outgoing.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

interface Target {
  readonly incoming: Comp;
  /** Key of the stored component the answer applies to ('MASTER' or a RECURRENCE-ID key). */
  readonly key: string;
  readonly rid: ICAL.Time | null;
  /** RECURRENCE-ID;RANGE=THISANDFUTURE: the answer is for this occurrence and every later one. */
  readonly range: boolean;
}

/**
 * Which stored instance each incoming component answers; instances the series does not have are skipped. An answer
 * from the first occurrence on (RANGE=THISANDFUTURE there; Lotus Notes answers a series so) is an answer to the
 * series, and to that occurrence's own override when there is one.
 */
function targetsOf(msg: ItipMessage, stored: Comp): Target[] {
  const out: Target[] = [];
  const master = masterOf(stored);
  for (const c of msg.components) {
    const rid = recurrenceIdOf(c);
    if (!rid) {
      if (master) out.push({ incoming: c, key: 'MASTER', rid: null, range: false });
      continue;
    }
    const key = timeKey(rid);
    const range = isThisAndFuture(c);
    if (range && master && fromFirstInstance(master, rid)) {
      out.push({ incoming: c, key: 'MASTER', rid: null, range: false });
      if (overrideOf(stored, key)) out.push({ incoming: c, key, rid, range: false });
      continue;
    }
    // An instance without its own override is answered when the series generates it (no copy needed to ask).
    if (overrideOf(stored, key) || (master && seriesHasInstance(master, rid, { maxIterations: 50_000 })))
      out.push({ incoming: c, key, rid, range });
  }
  return out;
}

function fromFirstInstance(master: Comp, rid: ICAL.Time): boolean {
  const start = timeValue(master, 'dtstart');
  return !!start && toUtcMs(rid) <= toUtcMs(start);
}

function storedComponent(cal: Comp, t: Target): Comp | null {
  if (t.key === 'MASTER') return masterOf(cal);
  return overrideOf(cal, t.key) ?? (t.rid ? ensureOverride(cal, t.rid) : null);
}

export function analyzeReply(
  received: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
): Analysis {
  const msg = (stored && underInvitedSender(received, stored, env)) || received;
  const answer = analyzeAnswer(msg, stored, env, ctx);
  if (!stored || answer.kind === 'party-crasher' || !proposesTime(msg, stored)) return answer;
  const counter = analyzeCounter({ ...msg, method: 'COUNTER' }, stored, env, ctx);
  if (counter.ignore !== undefined || !counter.person) return answer;
  // The answer is recorded as any reply is (automatically when policy allows, else with the decision).
  const recordable = answer.ignore === undefined ? answer.auto : undefined;
  const partstat = partstatOf(counter.attendee ? findAttendee(msg.components[0] as Comp, counter.attendee) : null);
  const note: Message = {
    key: 'warning.proposalInReply',
    params: { name: counter.originator?.name ?? counter.attendee ?? '', partstat },
  };
  return {
    ...counter,
    notes: [...(counter.notes ?? []), note],
    auto: recordable,
    act: (c, comment) => {
      const e = counter.act(c, comment);
      // Accepting the time records the proposer's answer itself; declining it keeps the time and the answer.
      return c === 'decline-counter' && recordable ? { ...e, store: recordable().store } : e;
    },
  };
}

/**
 * Exchange's "New Time Proposed" sent as a REPLY: the answer with DTSTART/DTEND set to the proposed time and the
 * meeting's own time in X-MS-OLK-ORIGINALSTART/END. Only that marker makes a moved time a proposal: other clients'
 * replies carry the time of the version they answer, which may be older.
 */
function proposesTime(msg: ItipMessage, stored: Comp): boolean {
  return msg.components.some((c) => c.hasProperty('x-ms-olk-originalstart') && movesInstance(stored, c));
}

/** The REPLY as an answer: recorded per instance, a party crasher's answer waits for a person. */
function analyzeAnswer(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const replier = replierOf(msg.components, env);
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const proposed = lazyEventView(msg.components[0] as Comp, msg.uid);
  const base = {
    kind: 'reply' as const,
    originator,
    verification,
    proposed,
    current: null,
    notes: msg.notes,
    attendee: originator?.address ?? null,
  };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, ignore: pre ?? NOTHING, act: nothingToDo };
  if (!replier || !originator) return { ...base, ignore: { key: 'reason.reply.noAttendee' }, act: nothingToDo };
  const who = originator.address;
  const identity = organizerOf(eventsOf(stored))?.address ?? null;
  const current = lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid);
  const targets = targetsOf(msg, stored);
  if (targets.length === 0)
    return { ...base, current, identity, ignore: { key: 'reason.reply.noInstance' }, act: nothingToDo };

  const fresh: Target[] = [];
  let older: Message | null = null;
  for (const t of targets) {
    const comp = counterpartOf(stored, t.incoming);
    if (!comp) continue;
    if (sequenceOf(t.incoming) < answersSinceOf(comp)) {
      older = {
        key: 'reason.reply.olderVersion',
        params: { sequence: String(sequenceOf(t.incoming)), current: String(sequenceOf(comp)) },
      };
      continue;
    }
    const att = findAttendee(comp, who);
    if (att && !newerThanReceived(t.incoming, att)) continue;
    fresh.push(t);
  }
  if (fresh.length === 0) {
    return {
      ...base,
      kind: 'outdated',
      current,
      identity,
      ignore: older ?? { key: 'reason.reply.alreadyApplied', params: { who } },
      act: nothingToDo,
    };
  }
  const partstat = partstatOf(attendeeIn(fresh[0]?.incoming, who) ?? replier);
  const instance = fresh.length === 1 && fresh[0]?.rid ? formatIso(fresh[0].rid) : 'all';
  const range = fresh.length === 1 && fresh[0]?.range ? 'yes' : 'no';
  const summary = current.summary;
  const answer = { partstat, answer: partstat.toLowerCase() };
  const known = fresh.every((t) => {
    const comp = counterpartOf(stored, t.incoming);
    return !!comp && (!!findAttendee(comp, who) || isDelegateOf(comp, who));
  });

  const edited = (addUnknown: boolean): Comp => {
    const cal = cloneComponent(stored);
    for (const t of fresh) {
      const existed = t.key !== 'MASTER' && !!overrideOf(stored, t.key);
      const comp = storedComponent(cal, t);
      if (!comp) continue;
      applyReplyTo(comp, t.incoming, who, addUnknown);
      if (t.range && t.rid) answerRestOfSeries(cal, comp, existed, t.rid, t.incoming, who);
    }
    answerOnLaterOverrides(cal, stored, msg, fresh, who);
    return cal;
  };
  const apply = (): Effect => ({
    store: putCalendar(msg.uid, edited(false)),
    outgoing: [],
    reason: {
      key: 'reason.reply.applied',
      params: { name: originator.name ?? who, ...answer, summary, instance, range },
    },
  });

  if (!known) {
    const approve = (): Effect => {
      const cal = edited(true);
      const store = putCalendar(msg.uid, cal);
      const requests = buildRequests({
        calendar: cal,
        me: ctx.me,
        patterns: ctx.imipAddressPatterns,
        recipients: [who],
        now: ctx.now,
        subject: 'outgoing.request.invitation',
        text: [{ key: 'outgoing.request.added', params: { summary } }],
      });
      return {
        store,
        outgoing: requests,
        reason: { key: 'reason.reply.crasherAdded', params: { who, summary, ...answer } },
      };
    };
    const delegatedFrom = addressListParam(attendeeIn(fresh[0]?.incoming, who) ?? replier, 'delegated-from');
    const params = { name: originator.name ?? who, summary, ...answer };
    return {
      ...base,
      kind: 'party-crasher',
      current,
      identity,
      act: (c) => (c === 'approve' ? approve() : noEffect({ key: 'reason.reply.crasherIgnored', params: { who } })),
      person: {
        choices: ['approve', 'ignore'],
        reason: delegatedFrom.length
          ? { key: 'reason.reply.crasherDelegated', params: { ...params, delegators: delegatedFrom.join(', ') } }
          : { key: 'reason.reply.crasher', params },
      },
    };
  }
  return {
    ...base,
    current,
    identity,
    hold: { action: 'recordReply', who, ...answer, summary, instance },
    auto: apply,
    act: (c) => (c === 'apply' ? apply() : noEffect({ key: 'reason.reply.dismissed' })),
  };
}

/**
 * An answer to the whole series (a REPLY without RECURRENCE-ID; Google, Fastmail and Outlook send only the master),
 * or to an occurrence and every later one (RANGE=THISANDFUTURE), is the attendee's answer on every occurrence in
 * that range they did not answer on its own: on each override in the range and not in the message where their
 * PARTSTAT is still what the series said there before, or NEEDS-ACTION (an override made from the series, or a
 * moved occurrence that asks again), the override takes the answer too. An override answered on its own keeps that
 * answer. A delegation of the series (RFC 5546 §4.2.5 delegates "the event") so reaches those overrides as well:
 * there the delegator becomes DELEGATED and the delegate is added, and the delegate's invitation carries those
 * instances instead of an EXDATE for each.
 */
function answerOnLaterOverrides(
  cal: Comp,
  stored: Comp,
  msg: ItipMessage,
  fresh: readonly Target[],
  who: string,
): void {
  const answered = new Set(msg.components.map((c) => instanceKey(c)));
  for (const t of fresh) {
    if (t.key !== 'MASTER' && !t.range) continue;
    const from = t.rid ? toUtcMs(t.rid) : Number.NEGATIVE_INFINITY;
    const before = seriesBefore(stored, t);
    const seriesSaid = before ? partstatOf(findAttendee(before, who)) : null;
    for (const o of eventsOf(cal)) {
      const rid = recurrenceIdOf(o);
      if (!rid || toUtcMs(rid) <= from || answered.has(instanceKey(o))) continue;
      // An occurrence I moved after the version this answers (its SEQUENCE higher) asked again: not answered here.
      if (answersSinceOf(o) > sequenceOf(t.incoming)) continue;
      const att = findAttendee(o, who);
      if (!att || !newerThanReceived(t.incoming, att)) continue;
      const own = partstatOf(att);
      if (own !== 'NEEDS-ACTION' && own !== seriesSaid) continue;
      applyReplyTo(o, t.incoming, who, false);
    }
  }
}

/** What the series said at the start of a range before the answer: its range override, the one governing it, or the master. */
function seriesBefore(stored: Comp, t: Target): Comp | null {
  if (!t.rid) return masterOf(stored);
  const own = overrideOf(stored, t.key);
  if (own && isThisAndFuture(own)) return own;
  return governedInstance(eventsOf(stored), t.rid, { maxIterations: 50_000 })?.component ?? masterOf(stored);
}

/**
 * The series from an occurrence answered with RANGE=THISANDFUTURE on: the occurrences the series generates from
 * there take the answer through a range override (RFC 5545 §3.8.4.4), as a split of the series is stored. The
 * occurrence's new override becomes that range override; when it had an override of its own already (moved or
 * changed for that day only, which must not spread), the range starts at the next occurrence the series generates.
 */
function answerRestOfSeries(cal: Comp, comp: Comp, existed: boolean, rid: ICAL.Time, reply: Comp, who: string): void {
  if (isThisAndFuture(comp)) return;
  if (!existed) {
    comp.getFirstProperty('recurrence-id')?.setParameter('range', 'THISANDFUTURE');
    return;
  }
  const next = nextGeneratedInstance(cal, rid);
  const o = next ? ensureOverride(cal, next) : null;
  if (!o) return;
  o.getFirstProperty('recurrence-id')?.setParameter('range', 'THISANDFUTURE');
  applyReplyTo(o, reply, who, false);
}

/** Ten years ahead: where an instance without an override of its own is looked for after a range's first one. */
const NEXT_INSTANCE_HORIZON_MS = 10 * 366 * 86_400_000;

/** The RECURRENCE-ID of the first occurrence after `rid` that the series generates (has no override of its own). */
function nextGeneratedInstance(cal: Comp, rid: ICAL.Time): ICAL.Time | null {
  const after = toUtcMs(rid);
  const { occurrences } = expandSeries(cal, after + 1, after + NEXT_INSTANCE_HORIZON_MS, { maxOccurrences: 1_000 });
  let best: ICAL.Time | null = null;
  for (const o of occurrences) {
    if (o.source !== 'series' && o.source !== 'thisAndFuture') continue;
    const r = o.recurrenceId;
    if (r && toUtcMs(r) > after && (!best || toUtcMs(r) < toUtcMs(best))) best = r;
  }
  return best;
}

function attendeeIn(c: Comp | undefined, who: string): Prop | null {
  return c ? findAttendee(c, who) : null;
}

/** Someone the event's attendees delegated to (DELEGATED-TO on a stored attendee). */
function isDelegateOf(comp: Comp, who: string): boolean {
  return attendeeProps(comp).some((a) => addressListParam(a, 'delegated-to').includes(who));
}

/** Per-attendee ordering (Thunderbird keeps RECEIVED-SEQUENCE/DTSTAMP per attendee; we use X- parameters). */
function newerThanReceived(reply: Comp, att: Prop): boolean {
  const seqParam = param(att, 'x-received-sequence');
  const stampParam = param(att, 'x-received-dtstamp');
  if (seqParam === null || stampParam === null) return true;
  const seq = sequenceOf(reply);
  const rseq = Number.parseInt(seqParam, 10) || 0;
  if (seq !== rseq) return seq > rseq;
  return dtstampOf(reply) > (Number.parseInt(stampParam, 10) || 0);
}

/** Takes the replier's PARTSTAT and parameters, COMMENT and REQUEST-STATUS; delegates are added (RFC 5546 §4.2.5). */
function applyReplyTo(comp: Comp, reply: Comp, who: string, addUnknown: boolean): void {
  const from = findAttendee(reply, who);
  if (!from) return;
  let att = findAttendee(comp, who);
  const added = !att;
  if (!att) {
    if (!addUnknown && !isDelegateOf(comp, who)) return;
    att = new ICAL.Property('attendee');
    att.setValue(toMailto(who));
    // A delegate takes the delegator's ROLE (RFC 5546 §4.2.5); anyone else is invited as the attendees I add
    // myself are (createEvent's addAttendee), unless their answer says otherwise.
    const delegator = attendeeProps(comp).find((a) => addressListParam(a, 'delegated-to').includes(who));
    att.setParameter('role', (delegator && param(delegator, 'role')) ?? 'REQ-PARTICIPANT');
    comp.addProperty(att);
  }
  for (const name of ['partstat', 'cn', 'delegated-to', 'delegated-from', 'role', 'cutype', 'language']) {
    const v = from.getParameter(name) as unknown;
    if (v !== undefined && v !== null && v !== '') att.setParameter(name, v as string);
  }
  att.removeParameter('rsvp');
  // Someone newly added who has not answered yet (Exchange's forward notification names the new invitee with
  // NEEDS-ACTION) is asked to: without RSVP=TRUE Outlook treats the invitation as needing no response.
  if (added && partstatOf(att) === 'NEEDS-ACTION') {
    att.setParameter('partstat', 'NEEDS-ACTION');
    att.setParameter('rsvp', 'TRUE');
  }
  att.setParameter('schedule-status', requestStatusCode(reply));
  att.setParameter('x-received-sequence', String(sequenceOf(reply)));
  att.setParameter('x-received-dtstamp', String(dtstampOf(reply)));
  setAttendeeComment(comp, who, textValue(reply, 'comment'));
  // The stored attendee (now carrying DELEGATED-TO) keeps the ROLE the organizer gave; the delegate inherits it.
  if (partstatOf(from) === 'DELEGATED') addDelegates(comp, reply, att, who);
}

/**
 * The status code of REQUEST-STATUS ("2.3;Success, …", RFC 5545 §3.8.8.3), which ical.js hands over as the list of
 * its parts; 2.0 when absent or unreadable (sabre/vobject testReplyRequestStatus).
 */
function requestStatusCode(reply: Comp): string {
  const v = reply.getFirstPropertyValue('request-status') as unknown;
  const first = Array.isArray(v) ? (v as unknown[])[0] : typeof v === 'string' ? v.split(';')[0] : null;
  const code = typeof first === 'string' ? first.trim() : '';
  return /^\d+(\.\d+)*$/.test(code) ? code : '2.0';
}

function addDelegates(comp: Comp, reply: Comp, delegator: Prop, who: string): void {
  for (const d of addressListParam(delegator, 'delegated-to')) {
    if (findAttendee(comp, d)) continue;
    const echo = findAttendee(reply, d);
    const p = new ICAL.Property('attendee');
    p.setValue(toMailto(d));
    p.setParameter('delegated-from', toMailto(who));
    p.setParameter('partstat', echo ? partstatOf(echo) : 'NEEDS-ACTION');
    const role = param(delegator, 'role');
    if (role) p.setParameter('role', role);
    const cn = echo ? param(echo, 'cn') : null;
    if (cn) p.setParameter('cn', cn);
    if (!echo || partstatOf(echo) === 'NEEDS-ACTION') p.setParameter('rsvp', 'TRUE');
    comp.addProperty(p);
  }
}

/** An attendee's COMMENT is kept per attendee, replacing their earlier one. */
function setAttendeeComment(comp: Comp, who: string, comment: string | null): void {
  for (const p of comp.getAllProperties('x-imip-attendee-comment'))
    if (normalizeAddress(param(p, 'x-attendee')) === who) comp.removeProperty(p);
  if (!comment) return;
  // ical.js writes values of unknown X- properties unescaped; typed as TEXT, a line break in the comment
  // (Outlook ends every COMMENT with one) is escaped instead of breaking the stored file (RFC 5545 §3.3.11).
  const p = new ICAL.Property('x-imip-attendee-comment', comp);
  p.resetType('text');
  p.setValue(comment);
  p.setParameter('x-attendee', toMailto(who));
  comp.addProperty(p);
}
