/**
 * Messages from attendees to me as organizer: REPLY (RFC 5546 §3.2.3), party crashers, delegation (§2.1.2,
 * §4.2.5-4.2.6), COUNTER (§3.2.7) and REFRESH (§3.2.6). From a REPLY only the replier's own ATTENDEE parameters,
 * COMMENT and REQUEST-STATUS are taken (Open-Xchange's filtering); everything else the attendee changed is ignored.
 */
import ICAL from 'ical.js';
import { formatIso, timeKey } from '../ical/time.js';
import { seriesHasInstance } from '../ical/recurrence.js';
import { normalizeAddress, toMailto } from '../util/address.js';
import {
  addressListParam,
  attendeeProps,
  cloneComponent,
  dtstampOf,
  eventsOf,
  findAttendee,
  masterOf,
  overrideOf,
  param,
  partstatOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  type Comp,
  type Prop,
} from './components.js';
import { noEffect, type Analysis, type Effect } from './analysis.js';
import { isMe, originatorOfProp, organizerOf, replierOf, verifySender } from './identity.js';
import { ensureOverride } from './edit.js';
import { buildRequests } from './outgoing.js';
import { lazyEventView } from './views.js';
import { quote } from './attendeeRequest.js';
import type { ItipMessage } from './message.js';
import type { EngineContext } from './types.js';
import type { MailEnvelope } from '../model/mail.js';

/** Checks shared by REPLY, COUNTER and REFRESH: the event exists and I organize it. */
export function organizerPreconditions(msg: ItipMessage, stored: Comp | null, ctx: EngineContext): string | null {
  if (!stored) return `There is no event with this UID in the calendar, so the ${msg.method} cannot be applied.`;
  const org = organizerOf(eventsOf(stored));
  if (!org || !isMe(org.address, ctx.me)) return `You are not the organizer of this event${org ? ` (${org.address} is)` : ''}, so the ${msg.method} is not for you to apply.`;
  return null;
}

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
    if (overrideOf(stored, key) || (master && seriesHasInstance(master, rid, { maxIterations: 50_000 }))) out.push({ incoming: c, key, rid });
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
  const base = { kind: 'reply' as const, originator, verification, proposed, current: null, notes: msg.notes, attendee: originator?.address ?? null, describe: '' };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, ignore: pre ?? '', act: () => noEffect('Nothing to do.') };
  if (!replier || !originator) return { ...base, ignore: 'The reply names no attendee.', act: () => noEffect('Nothing to do.') };
  const who = originator.address;
  const identity = organizerOf(eventsOf(stored))?.address ?? null;
  const current = lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid);
  const targets = targetsOf(msg, stored);
  if (targets.length === 0) return { ...base, current, identity, ignore: 'The reply is for an instance this event does not have.', act: () => noEffect('Nothing to do.') };

  const fresh: Target[] = [];
  let older = '';
  for (const t of targets) {
    const comp = overrideOf(stored, t.key) ?? masterOf(stored);
    if (!comp) continue;
    if (sequenceOf(t.incoming) < sequenceOf(comp)) {
      older = `The reply answers an older version of the event (SEQUENCE ${sequenceOf(t.incoming)}, current ${sequenceOf(comp)}); it was not applied.`;
      continue;
    }
    const att = findAttendee(comp, who);
    if (att && !newerThanReceived(t.incoming, att)) continue;
    fresh.push(t);
  }
  if (fresh.length === 0) {
    return { ...base, kind: 'outdated', current, identity, ignore: older || `This reply from ${who} was already applied, or a newer one was.`, act: () => noEffect('Nothing to do.') };
  }
  const partstat = partstatOf(attendeeIn(fresh[0]?.incoming, who) ?? replier);
  const label = fresh.length === 1 && fresh[0]?.rid ? ` for ${formatIso(fresh[0].rid)}` : '';
  const known = fresh.every((t) => {
    const comp = overrideOf(stored, t.key) ?? masterOf(stored);
    return !!comp && (!!findAttendee(comp, who) || isDelegateOf(comp, who));
  });

  const apply = (addUnknown: boolean): Effect => {
    const cal = cloneComponent(stored);
    for (const t of fresh) {
      const comp = storedComponent(cal, t);
      if (comp) applyReplyTo(comp, t.incoming, who, addUnknown);
    }
    return { store: { type: 'put', uid: msg.uid, calendar: cal }, outgoing: [], reason: `${originator.name ?? who} ${verbFor(partstat)} ${quote(current.summary)}${label}.` };
  };

  if (!known) {
    const approve = (): Effect => {
      const e = apply(true);
      const cal = e.store?.type === 'put' ? e.store.calendar : stored;
      const requests = buildRequests({ calendar: cal, me: ctx.me, recipients: [who], now: ctx.now, subjectPrefix: 'Invitation', text: `You were added to "${current.summary}".` });
      return { ...e, outgoing: requests, reason: `Added ${who} to ${quote(current.summary)} as ${partstat.toLowerCase()}; an invitation was sent to them.` };
    };
    const delegatedFrom = addressListParam(attendeeIn(fresh[0]?.incoming, who) ?? replier, 'delegated-from');
    const why = delegatedFrom.length ? ` They say ${delegatedFrom.join(', ')} delegated to them, but the event does not show that delegation.` : '';
    return {
      ...base, kind: 'party-crasher', current, identity, act: (c) => (c === 'approve' ? approve() : noEffect(`Ignored the reply from ${who}; they were not added.`)),
      person: { choices: ['approve', 'ignore'], reason: `${originator.name ?? who} is not invited to ${quote(current.summary)} but replied (${partstat.toLowerCase()}).${why} Approve to add them, or ignore the reply.` },
    };
  }
  return { ...base, current, identity, describe: `record that ${who} ${verbFor(partstat)} ${quote(current.summary)}${label}`, auto: () => apply(false), act: (c) => (c === 'apply' ? apply(false) : noEffect('Dismissed; the reply was not applied.')) };
}

function verbFor(partstat: string): string {
  switch (partstat) {
    case 'ACCEPTED':
      return 'accepted';
    case 'DECLINED':
      return 'declined';
    case 'TENTATIVE':
      return 'tentatively accepted';
    case 'DELEGATED':
      return 'delegated';
    default:
      return `answered ${partstat.toLowerCase()} to`;
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
  for (const p of comp.getAllProperties('x-imip-attendee-comment')) if (normalizeAddress(param(p, 'x-attendee')) === who) comp.removeProperty(p);
  if (!comment) return;
  // ical.js writes values of unknown X- properties unescaped; typed as TEXT, a line break in the comment
  // (Outlook ends every COMMENT with one) is escaped instead of breaking the stored file (RFC 5545 §3.3.11).
  const p = new ICAL.Property('x-imip-attendee-comment', comp);
  p.resetType('text');
  p.setValue(comment);
  p.setParameter('x-attendee', toMailto(who));
  comp.addProperty(p);
}
