/**
 * REPLY received as organizer (RFC 5546 §3.2.3): per instance, per-attendee ordering, party crashers (an answer
 * from someone not invited, §3.2.2.6) and delegation (§2.1.2, §4.2.5-4.2.6). From a REPLY only the replier's own
 * ATTENDEE parameters, COMMENT and REQUEST-STATUS are taken (Open-Xchange's filtering); everything else the attendee
 * changed is ignored.
 */
import ICAL from 'ical.js';
import type { Message } from '../../i18n/index.js';
import type { MailEnvelope } from '../../model/mail.js';
import { formatIso, timeKey } from '../../ical/time.js';
import { seriesHasInstance } from '../../ical/recurrence.js';
import { normalizeAddress, toMailto } from '../../util/address.js';
import {
  addressListParam,
  attendeeProps,
  cloneComponent,
  dtstampOf,
  eventsOf,
  findAttendee,
  instanceKey,
  masterOf,
  overrideOf,
  param,
  partstatOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  type Comp,
  type Prop,
} from '../components.js';
import { counterpartOf, noEffect, nothingToDo, putCalendar, NOTHING, type Analysis, type Effect } from '../analysis.js';
import { organizerPreconditions } from '../organizerPreconditions.js';
import { originatorOfProp, organizerOf, replierOf, verifySender } from '../identity.js';
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
}

/** Which stored instance each incoming component answers; instances the series does not have are skipped. */
function targetsOf(msg: ItipMessage, stored: Comp): Target[] {
  const out: Target[] = [];
  for (const c of msg.components) {
    const rid = recurrenceIdOf(c);
    if (!rid) {
      if (masterOf(stored)) out.push({ incoming: c, key: 'MASTER', rid: null });
      continue;
    }
    const key = timeKey(rid);
    // An instance without its own override is answered when the series generates it (no copy needed to ask).
    const master = masterOf(stored);
    if (overrideOf(stored, key) || (master && seriesHasInstance(master, rid, { maxIterations: 50_000 })))
      out.push({ incoming: c, key, rid });
  }
  return out;
}

function storedComponent(cal: Comp, t: Target): Comp | null {
  if (t.key === 'MASTER') return masterOf(cal);
  return overrideOf(cal, t.key) ?? (t.rid ? ensureOverride(cal, t.rid) : null);
}

export function analyzeReply(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
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
    if (sequenceOf(t.incoming) < sequenceOf(comp)) {
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
  const summary = current.summary;
  const answer = { partstat, answer: partstat.toLowerCase() };
  const known = fresh.every((t) => {
    const comp = counterpartOf(stored, t.incoming);
    return !!comp && (!!findAttendee(comp, who) || isDelegateOf(comp, who));
  });

  const edited = (addUnknown: boolean): Comp => {
    const cal = cloneComponent(stored);
    for (const t of fresh) {
      const comp = storedComponent(cal, t);
      if (comp) applyReplyTo(comp, t.incoming, who, addUnknown);
    }
    seriesAnswerOnOverrides(cal, stored, msg, fresh, who);
    return cal;
  };
  const apply = (): Effect => ({
    store: putCalendar(msg.uid, edited(false)),
    outgoing: [],
    reason: { key: 'reason.reply.applied', params: { name: originator.name ?? who, ...answer, summary, instance } },
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
 * An answer to the whole series (a REPLY without RECURRENCE-ID; Google, Fastmail and Outlook send only the master)
 * is the attendee's answer on every occurrence they did not answer on its own: on each override not in the message
 * where their PARTSTAT is still what the series said before, or NEEDS-ACTION (an override made from the series, or
 * a moved occurrence that asks again), the override takes the answer too. An override answered on its own keeps
 * that answer. A delegation of the series (RFC 5546 §4.2.5 delegates "the event") so reaches those overrides as
 * well: there the delegator becomes DELEGATED and the delegate is added, and the delegate's invitation carries
 * those instances instead of an EXDATE for each.
 */
function seriesAnswerOnOverrides(
  cal: Comp,
  stored: Comp,
  msg: ItipMessage,
  fresh: readonly Target[],
  who: string,
): void {
  const series = fresh.find((t) => t.key === 'MASTER');
  if (!series) return;
  const storedMaster = masterOf(stored);
  const before = storedMaster ? findAttendee(storedMaster, who) : null;
  const seriesSaid = before ? partstatOf(before) : null;
  const answered = new Set(msg.components.map((c) => instanceKey(c)));
  for (const o of eventsOf(cal)) {
    if (!o.hasProperty('recurrence-id') || answered.has(instanceKey(o))) continue;
    const att = findAttendee(o, who);
    if (!att || !newerThanReceived(series.incoming, att)) continue;
    const own = partstatOf(att);
    if (own !== 'NEEDS-ACTION' && own !== seriesSaid) continue;
    applyReplyTo(o, series.incoming, who, false);
  }
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
  if (!att) {
    if (!addUnknown && !isDelegateOf(comp, who)) return;
    att = new ICAL.Property('attendee');
    att.setValue(toMailto(who));
    comp.addProperty(att);
  }
  for (const name of ['partstat', 'cn', 'delegated-to', 'delegated-from', 'role', 'cutype', 'language']) {
    const v = from.getParameter(name) as unknown;
    if (v !== undefined && v !== null && v !== '') att.setParameter(name, v as string);
  }
  att.removeParameter('rsvp');
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
