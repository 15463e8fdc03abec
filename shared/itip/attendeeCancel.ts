/**
 * CANCEL, ADD and DECLINECOUNTER received as attendee (RFC 5546 §3.2.5, §3.2.4, §3.2.8).
 * A CANCEL is honoured only from the event's organizer (or its SENT-BY) and only when its SEQUENCE is at least the
 * stored one (Open-Xchange's rule); one instance, a range (THISANDFUTURE) or the whole series.
 */
import ICAL from 'ical.js';
import { formatIso, timeKey, toUtcMs } from '../ical/time.js';
import {
  cloneComponent,
  dtstampOf,
  forgetInstanceKey,
  eventsOf,
  instanceKey,
  isThisAndFuture,
  masterOf,
  overrideOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
} from './components.js';
import { compareVersion, counterpartOf, noEffect, type Analysis, type Effect } from './analysis.js';
import { isMe, myAttendee, organizerOf, verifySender } from './identity.js';
import { ensureOverride, copyNeededZones } from './edit.js';
import { buildRefresh } from './outgoing.js';
import { lazyEventView } from './views.js';
import { quote } from './attendeeRequest.js';
import type { ItipMessage } from './message.js';
import type { EngineContext } from './types.js';
import type { MailEnvelope } from '../model/mail.js';

export function analyzeCancel(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const comps = msg.components;
  const storedOrganizer = stored ? organizerOf(eventsOf(stored)) : null;
  const organizer = organizerOf(comps) ?? storedOrganizer;
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const current = stored ? lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid) : null;
  // A CANCEL need not repeat SUMMARY (RFC 5546 §3.2.5); name the event as the calendar knows it.
  const title = textValue(comps[0] as Comp, 'summary') ?? current?.summary ?? proposed.summary;
  const base = { kind: 'cancel' as const, originator: organizer, verification, proposed, current, notes: msg.notes, describe: `cancel ${quote(title)}` };
  const obsoletes = verification.verified ? [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] as const }] : [];
  if (!stored) {
    // Remembered so that the invitation, if it arrives late, is not shown as a live one.
    const master = comps.find((c) => !c.hasProperty('recurrence-id'));
    const tombstone = verification.verified && master ? { sequence: sequenceOf(master), dtstamp: dtstampOf(master) } : undefined;
    return { ...base, obsoletes, ...(tombstone ? { tombstone } : {}), ignore: `There is no event ${quote(proposed.summary)} in the calendar, so there is nothing to cancel.`, act: () => noEffect('Nothing to cancel.') };
  }
  if (storedOrganizer && organizer && storedOrganizer.address !== organizer.address) {
    return { ...base, ignore: `The cancellation comes from ${organizer.address}, but the event's organizer is ${storedOrganizer.address}; it was not applied.`, act: () => noEffect('Not applied.') };
  }
  const pending: Comp[] = [];
  for (const c of comps) {
    const old = counterpartOf(stored, c);
    if (!old) continue;
    if (sequenceOf(c) < sequenceOf(old)) continue;
    const target = overrideOf(stored, instanceKey(c));
    if (target && (textValue(target, 'status') ?? '').toUpperCase() === 'CANCELLED' && compareVersion(c, target) <= 0) continue;
    pending.push(c);
  }
  if (pending.length === 0) {
    return { ...base, kind: 'outdated', ignore: 'This cancellation is older than the event in the calendar (lower SEQUENCE), or was already applied.', act: () => noEffect('Nothing to do.') };
  }
  const apply = (): Effect => {
    const cal = cloneComponent(stored);
    const labels: string[] = [];
    for (const c of pending) labels.push(cancelOne(cal, c));
    copyNeededZones(cal, msg.calendar);
    const whole = labels.includes('');
    return {
      store: { type: 'put', uid: msg.uid, calendar: cal },
      outgoing: [],
      reason: `${organizer?.name ?? organizer?.address ?? 'The organizer'} cancelled ${quote(title)}${whole ? '' : ` on ${labels.join(', ')}`}; it is kept in the calendar marked cancelled.`,
      obsoletes: whole ? [{ uid: msg.uid, recurrenceId: null, kinds: ['invitation', 'reschedule', 'update'] }] : [],
    };
  };
  return { ...base, obsoletes: [], fromMe: !!organizer && isMe(organizer.address, ctx.me), auto: apply, act: (c) => (c === 'apply' ? apply() : noEffect('Dismissed; the cancellation was not applied.')) };
}

/** Applies one cancelled component to the working copy; returns '' for the whole series, else the instance label. */
function cancelOne(cal: Comp, c: Comp): string {
  const rid = recurrenceIdOf(c);
  const master = masterOf(cal);
  const startOfMaster = master ? timeValue(master, 'dtstart') : null;
  if (!rid || (isThisAndFuture(c) && startOfMaster && timeKey(startOfMaster) === timeKey(rid))) {
    for (const e of eventsOf(cal)) markCancelled(e, c);
    return '';
  }
  if (isThisAndFuture(c) && master) {
    truncateSeries(cal, master, rid);
    markCancelledFrom(cal, rid, c);
    return `${formatIso(rid)} and later`;
  }
  const target = ensureOverride(cal, rid);
  if (target) markCancelled(target, c);
  else {
    // Naked instance we never had, or an instance the series does not generate: record the cancellation anyway.
    const copy = cloneComponent(c);
    copy.updatePropertyWithValue('status', 'CANCELLED');
    cal.addSubcomponent(copy);
  }
  return formatIso(rid);
}

function markCancelled(e: Comp, msg: Comp): void {
  e.updatePropertyWithValue('status', 'CANCELLED');
  e.updatePropertyWithValue('sequence', Math.max(sequenceOf(e), sequenceOf(msg)));
  const stamp = msg.getFirstPropertyValue('dtstamp');
  if (stamp instanceof ICAL.Time) e.updatePropertyWithValue('dtstamp', stamp.clone());
}

function markCancelledFrom(cal: Comp, rid: ICAL.Time, msg: Comp): void {
  const from = toUtcMs(rid);
  for (const e of eventsOf(cal)) {
    const r = recurrenceIdOf(e);
    if (r && toUtcMs(r) >= from) markCancelled(e, msg);
  }
}

/** Ends the series just before `rid` (RRULE UNTIL), and drops RDATEs from then on. */
function truncateSeries(_cal: Comp, master: Comp, rid: ICAL.Time): void {
  const cutoff = toUtcMs(rid);
  for (const p of master.getAllProperties('rrule')) {
    const recur = p.getFirstValue() as ICAL.Recur;
    const until = ICAL.Time.fromJSDate(new Date(cutoff - 1000), true);
    if (rid.isDate) {
      const d = rid.clone();
      d.adjust(-1, 0, 0, 0);
      recur.until = d;
    } else recur.until = until;
    recur.count = null as unknown as number;
    p.setValue(recur);
  }
  for (const p of master.getAllProperties('rdate')) {
    const keep = (p.getValues() as unknown[]).filter((v) => !(v instanceof ICAL.Time) || toUtcMs(v) < cutoff);
    if (keep.length === 0) master.removeProperty(p);
    else p.setValues(keep);
  }
}

/** ADD (RFC 5546 §3.2.4): new instances for a series I have; for a series I lack, ask the organizer (REFRESH). */
export function analyzeAdd(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const base = { kind: 'add' as const, originator: organizer, verification, proposed, current: null, notes: msg.notes, describe: `add instances to ${quote(proposed.summary)}` };
  const master = stored ? masterOf(stored) : null;
  // A new rule of instances (RFC 5546 §4.4.7) cannot be merged as RDATEs: ask for the whole series instead.
  const newRule = comps.some((c) => c.hasProperty('rrule'));
  if (!stored || !master || newRule) {
    // Ask as the address that was invited (one of several of mine), not just the first one.
    const me = myAttendee(comps, ctx.me)?.address ?? ctx.me[0];
    const refresh = (): Effect => {
      const r = me ? buildRefresh({ component: comps[0] as Comp, me, now: ctx.now }) : null;
      const why = stored && master ? `The added instances of ${quote(proposed.summary)} come as a new rule, which cannot be merged` : `The series ${quote(proposed.summary)} is not in the calendar`;
      return { store: null, outgoing: r ? [r] : [], reason: `${why}, so the organizer was asked to send it again (REFRESH).` };
    };
    return { ...base, describe: 'ask the organizer for the whole series (REFRESH)', auto: refresh, act: (c) => (c === 'apply' ? refresh() : noEffect('Dismissed.')) };
  }
  if (sequenceOf(comps[0] as Comp) < sequenceOf(master)) {
    return { ...base, kind: 'outdated', ignore: 'These added instances belong to an older version of the series.', act: () => noEffect('Nothing to do.') };
  }
  const fresh = comps.filter((c) => {
    const start = timeValue(c, 'dtstart');
    return start && !overrideOf(stored, timeKey(start));
  });
  if (fresh.length === 0) {
    return { ...base, kind: 'outdated', ignore: 'These instances are already in the calendar.', act: () => noEffect('Nothing to do.') };
  }
  const apply = (): Effect => {
    const cal = cloneComponent(stored);
    const m = masterOf(cal) as Comp;
    for (const c of fresh) {
      const start = timeValue(c, 'dtstart') as ICAL.Time;
      const rdate = m.addPropertyWithValue('rdate', start.clone());
      const tz = c.getFirstProperty('dtstart')?.getParameter('tzid');
      if (typeof tz === 'string') rdate.setParameter('tzid', tz);
      const inst = cloneComponent(c);
      const rid = inst.updatePropertyWithValue('recurrence-id', start.clone());
      forgetInstanceKey(inst);
      if (typeof tz === 'string') rid.setParameter('tzid', tz);
      cal.addSubcomponent(inst);
    }
    copyNeededZones(cal, msg.calendar);
    return { store: { type: 'put', uid: msg.uid, calendar: cal }, outgoing: [], reason: `Added ${fresh.length} instance${fresh.length > 1 ? 's' : ''} to ${quote(proposed.summary)}.` };
  };
  return { ...base, auto: apply, act: (c) => (c === 'apply' ? apply() : noEffect('Dismissed; the instances were not added.')) };
}

/** DECLINECOUNTER (RFC 5546 §3.2.8): the organizer refused my proposal; nothing in the calendar changes. */
export function analyzeDeclineCounter(msg: ItipMessage, stored: Comp | null, env: MailEnvelope): Analysis {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const comment = textValue(comps[0] as Comp, 'comment');
  const base = { kind: 'declinecounter' as const, originator: organizer, verification, proposed, current: null, notes: msg.notes, describe: 'note that the organizer declined your proposal' };
  if (!stored) return { ...base, ignore: `The organizer declined a proposal for ${quote(proposed.summary)}, which is not in the calendar.`, act: () => noEffect('Nothing to do.') };
  const title = textValue(comps[0] as Comp, 'summary') ?? textValue(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), 'summary') ?? proposed.summary;
  const note = (): Effect => noEffect(`The organizer declined your proposed change to ${quote(title)}${comment ? `: "${comment}"` : ''}; the event stays as it is.`);
  return { ...base, auto: note, act: note };
}
