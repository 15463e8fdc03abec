/**
 * COUNTER (RFC 5546 §3.2.7) and REFRESH (§3.2.6) received as organizer, and VFREEBUSY requests (§3.3.2).
 * A counter-proposal always waits for a person; accepting it reschedules the event (SEQUENCE + 1) and sends the
 * update to every attendee, declining it sends DECLINECOUNTER to the proposer.
 */
import ICAL from 'ical.js';
import { formatIso, timeKey, toUtcMs } from '../ical/time.js';
import { toMailto } from '../util/address.js';
import {
  attendeeProps,
  cloneComponent,
  eventsOf,
  findAttendee,
  masterOf,
  organizerProp,
  overrideOf,
  partstatOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
} from './components.js';
import { noEffect, type Analysis, type Effect } from './analysis.js';
import { isMe, originatorOfProp, organizerOf, replierOf, verifySender } from './identity.js';
import { ensureOverride } from './edit.js';
import { buildDeclineCounter, buildRequests, serializeItip } from './outgoing.js';
import { lazyEventView } from './views.js';
import { quote } from './attendeeRequest.js';
import { organizerPreconditions } from './organizerReply.js';
import type { ItipMessage } from './message.js';
import type { EngineContext } from './types.js';
import type { MailEnvelope } from '../model/mail.js';
import type { OutgoingItip } from '../model/outgoing.js';

/** What a COUNTER may change: when and where (other properties stay the organizer's). */
const COUNTER_FIELDS = ['dtstart', 'dtend', 'duration', 'location'];

export function analyzeCounter(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const counter = msg.components[0] as Comp;
  const replier = replierOf(msg.components, env);
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const proposed = lazyEventView(counter, msg.uid);
  const base = { kind: 'counter' as const, originator, verification, proposed, current: null, notes: msg.notes, attendee: originator?.address ?? null, describe: '' };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, ignore: pre ?? '', act: () => noEffect('Nothing to do.') };
  const who = originator?.address;
  if (!who) return { ...base, ignore: 'The counter-proposal names no attendee.', act: () => noEffect('Nothing to do.') };
  const rid = recurrenceIdOf(counter);
  const comp = rid ? (overrideOf(stored, timeKey(rid)) ?? ensureOverride(cloneComponent(stored), rid)) : masterOf(stored);
  const identity = organizerOf(eventsOf(stored))?.address ?? null;
  if (!comp) return { ...base, identity, ignore: 'The counter-proposal is for an instance this event does not have.', act: () => noEffect('Nothing to do.') };
  const current = lazyEventView(comp, msg.uid);
  if (!findAttendee(comp, who) && !eventsOf(stored).some((e) => findAttendee(e, who))) {
    return { ...base, current, identity, ignore: `${who} is not an attendee of ${quote(current.summary)}; their counter-proposal was ignored.`, act: () => noEffect('Nothing to do.') };
  }
  if (sequenceOf(counter) < sequenceOf(comp)) {
    return { ...base, kind: 'outdated', current, identity, ignore: `The counter-proposal refers to an older version of ${quote(current.summary)}.`, act: () => noEffect('Nothing to do.') };
  }
  const warnings: string[] = [];
  if (/^true$/i.test(textValue(masterOf(stored) ?? comp, 'x-microsoft-disallow-counter') ?? '')) warnings.push('The event was sent with counter-proposals disabled (X-MICROSOFT-DISALLOW-COUNTER).');

  const accept = (comment: string | null): Effect => {
    const cal = cloneComponent(stored);
    const t = rid ? ensureOverride(cal, rid) : masterOf(cal);
    if (!t) return noEffect('The instance no longer exists.');
    for (const name of COUNTER_FIELDS) {
      const p = counter.getFirstProperty(name);
      if (!p) continue;
      t.removeAllProperties(name);
      if (name === 'dtend') t.removeAllProperties('duration');
      if (name === 'duration') t.removeAllProperties('dtend');
      t.addProperty(ICAL.Property.fromString(p.toICALString()));
    }
    t.updatePropertyWithValue('sequence', sequenceOf(t) + 1);
    if (comment) t.updatePropertyWithValue('comment', comment);
    const proposerAnswer = partstatOf(findAttendee(counter, who));
    for (const a of attendeeProps(t)) {
      const addr = String(a.getFirstValue()).replace(/^mailto:/i, '').toLowerCase();
      if (isMe(addr, ctx.me)) continue;
      const answer = addr === who && proposerAnswer !== 'NEEDS-ACTION' ? proposerAnswer : 'NEEDS-ACTION';
      a.setParameter('partstat', answer);
      if (answer === 'NEEDS-ACTION') a.setParameter('rsvp', 'TRUE');
      a.removeParameter('x-received-sequence');
      a.removeParameter('x-received-dtstamp');
      a.removeParameter('schedule-status');
    }
    const requests = buildRequests({ calendar: cal, me: ctx.me, now: ctx.now, subjectPrefix: 'Updated invitation', text: `"${current.summary}" was changed as ${who} proposed.` });
    return { store: { type: 'put', uid: msg.uid, calendar: cal }, outgoing: requests, reason: `Accepted ${who}'s proposal: ${quote(current.summary)} now starts ${lazyEventView(t, msg.uid).start ?? '?'}; the update went to ${requests.length} attendee${requests.length === 1 ? '' : 's'}.` };
  };
  const decline = (comment: string | null): Effect => {
    const me = identity ?? ctx.me[0] ?? '';
    const out = buildDeclineCounter({ stored, component: comp, attendee: who, me, comment, now: ctx.now, counter });
    return { store: null, outgoing: out ? [out] : [], reason: `Declined ${who}'s proposal for ${quote(current.summary)}; they were told.` };
  };
  const from = current.start ?? '?';
  const to = proposed.start ?? '?';
  return {
    ...base, current, identity, notes: [...msg.notes, ...warnings],
    act: (c, comment) => (c === 'accept-counter' ? accept(comment) : c === 'decline-counter' ? decline(comment) : noEffect('Ignored the counter-proposal; nothing was sent.')),
    person: { choices: ['accept-counter', 'decline-counter', 'ignore'], reason: `${originator?.name ?? who} proposes to change ${quote(current.summary)}${from !== to ? ` from ${from} to ${to}` : ''}${proposed.location && proposed.location !== current.location ? ` at ${proposed.location}` : ''}.` },
  };
}

/** REFRESH: a known attendee asks for the current event; only attendees get it (never strangers). */
export function analyzeRefresh(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const replier = replierOf(msg.components, env);
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const proposed = lazyEventView(msg.components[0] as Comp, msg.uid);
  const base = { kind: 'refresh' as const, originator, verification, proposed, current: null, notes: msg.notes, attendee: originator?.address ?? null };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, describe: '', ignore: pre ?? '', act: () => noEffect('Nothing to do.') };
  const who = originator?.address;
  const current = lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid);
  if (!who || !eventsOf(stored).some((e) => findAttendee(e, who))) {
    return { ...base, current, describe: '', ignore: `${who ?? 'The sender'} is not an attendee of ${quote(current.summary)}, so the event is not sent to them.`, act: () => noEffect('Nothing to do.') };
  }
  const send = (): Effect => ({
    store: null,
    outgoing: buildRequests({ calendar: stored, me: ctx.me, recipients: [who], now: ctx.now, subjectPrefix: 'Invitation', text: `The current version of "${current.summary}", as ${who} asked.` }),
    reason: `Sent the current version of ${quote(current.summary)} to ${who}, who asked for it.`,
  });
  return { ...base, current, describe: `send the current event to ${who}`, auto: send, act: (c) => (c === 'apply' ? send() : noEffect('Dismissed; nothing was sent.')) };
}

/** Longest free/busy window answered, so a request cannot make us expand years of events. */
const MAX_FREEBUSY_MS = 366 * 86_400_000;

/** VFREEBUSY REQUEST (RFC 5546 §3.3.2): busy periods go only to known, verified senders. */
export function analyzeFreeBusy(msg: ItipMessage, env: MailEnvelope, ctx: EngineContext): Analysis {
  const fb = msg.components[0] as Comp;
  const originator = originatorOfProp(organizerProp(fb));
  const verification = verifySender(originator, env);
  const base = { kind: 'freebusy' as const, originator, verification, proposed: null, current: null, notes: msg.notes };
  if (msg.method !== 'REQUEST') return { ...base, describe: '', ignore: `A free/busy ${msg.method} needs no action.`, act: () => noEffect('Nothing to do.') };
  const mine = attendeeProps(fb).find((a) => isMe(String(a.getFirstValue()), ctx.me));
  const start = timeValue(fb, 'dtstart');
  const end = timeValue(fb, 'dtend');
  if (!mine || !start || !end || !originator) return { ...base, describe: '', ignore: 'The free/busy request does not ask for your time, or has no valid range.', act: () => noEffect('Nothing to do.') };
  const fromMs = toUtcMs(start);
  const toMs = Math.min(toUtcMs(end), fromMs + MAX_FREEBUSY_MS);
  const me = String(mine.getFirstValue()).replace(/^mailto:/i, '').toLowerCase();
  const send = (): Effect => {
    const periods = ctx.busyPeriods ? ctx.busyPeriods(fromMs, toMs) : [];
    const r = new ICAL.Component('vfreebusy');
    r.addPropertyWithValue('uid', textValue(fb, 'uid') ?? `freebusy-${fromMs}`);
    r.addProperty(ICAL.Property.fromString((organizerProp(fb) as ICAL.Property).toICALString()));
    const att = new ICAL.Property('attendee');
    att.setValue(toMailto(me));
    r.addProperty(att);
    r.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
    r.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(fromMs), true));
    r.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(toMs), true));
    for (const p of periods) {
      const prop = new ICAL.Property('freebusy');
      prop.setValue(new ICAL.Period({ start: ICAL.Time.fromJSDate(new Date(p.startMs), true), end: ICAL.Time.fromJSDate(new Date(p.endMs), true) }));
      prop.setParameter('fbtype', p.type);
      r.addProperty(prop);
    }
    const out: OutgoingItip = {
      method: 'REPLY',
      from: { address: me },
      to: { address: originator.address },
      subject: 'Free/busy information',
      text: `Busy times of ${me} from ${formatIso(start)} to ${formatIso(end)}.`,
      ics: serializeItip('REPLY', [r], null),
      uid: textValue(fb, 'uid') ?? '',
      recurrenceId: null,
      sequence: 0,
    };
    return { store: null, outgoing: [out], reason: `Sent your busy times (${periods.length} period${periods.length === 1 ? '' : 's'}) to ${originator.address}.` };
  };
  if (!ctx.isKnownAddress(originator.address) && !(originator.sentBy && ctx.isKnownAddress(originator.sentBy))) {
    return { ...base, describe: '', ignore: `${originator.address} asked for your free/busy time, but free/busy is only shared with people in your calendar or contacts.`, act: () => noEffect('Nothing to do.') };
  }
  return { ...base, describe: `send your busy times to ${originator.address}`, auto: send, act: (c) => (c === 'apply' ? send() : noEffect('Dismissed; nothing was sent.')) };
}
