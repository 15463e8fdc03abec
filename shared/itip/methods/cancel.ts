/**
 * CANCEL received as attendee (RFC 5546 §3.2.5). Honoured only from the event's organizer (or its SENT-BY) and only
 * when its SEQUENCE is at least the stored one (Open-Xchange's rule); one instance, a range (THISANDFUTURE) or the
 * whole series. A cancellation for an event the calendar never had is remembered (a tombstone).
 */
import ICAL from 'ical.js';
import type { Message } from '../../i18n/index.js';
import type { MailEnvelope } from '../../model/mail.js';
import { formatIso, timeKey, toUtcMs } from '../../ical/time.js';
import { seriesHasInstanceFrom } from '../../ical/recurrence.js';
import {
  cloneComponent,
  dtstampOf,
  eventsOf,
  instanceKey,
  isCancelled,
  isThisAndFuture,
  masterOf,
  overrideOf,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
} from '../components.js';
import {
  compareVersion,
  counterpartOf,
  noEffect,
  nothingToDo,
  putCalendar,
  type Analysis,
  type Effect,
} from '../analysis.js';
import { isMe, organizerOf, verifySender } from '../identity.js';
import { ensureOverride, markCancelled, mergeWithZones, withZonesFrom } from '../edit.js';
import { nakedInstances } from '../obsolete.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext, ObsoletePending } from '../types.js';

export function analyzeCancel(msg: ItipMessage, mine: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const comps = msg.components;
  const stored = mine && withZonesFrom(mine, msg.calendar);
  const storedOrganizer = stored ? organizerOf(eventsOf(stored)) : null;
  const organizer = organizerOf(comps) ?? storedOrganizer;
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const current = stored ? lazyEventView(masterOf(stored) ?? (eventsOf(stored)[0] as Comp), msg.uid) : null;
  // A CANCEL need not repeat SUMMARY (RFC 5546 §3.2.5); name the event as the calendar knows it.
  const title = textValue(comps[0] as Comp, 'summary') ?? current?.summary ?? proposed.summary;
  const base = {
    kind: 'cancel' as const,
    originator: organizer,
    verification,
    proposed,
    current,
    notes: msg.notes,
    hold: { action: 'cancel', summary: title } as const,
  };
  const obsoletes = verification.verified
    ? [{ uid: msg.uid, ...cancelScope(comps), kinds: ['invitation', 'reschedule', 'update'] as const }]
    : [];
  if (!stored) {
    // Remembered so that the invitation, if it arrives late, is not shown as a live one.
    const master = comps.find((c) => !c.hasProperty('recurrence-id'));
    const tombstone =
      verification.verified && master ? { sequence: sequenceOf(master), dtstamp: dtstampOf(master) } : undefined;
    const asked = (ctx.openDecisions?.(msg.uid) ?? []).filter((d) => ASKING.some((k) => k === d.kind));
    const who = organizer?.name ?? organizer?.address ?? 'none';
    if (asked.length > 0 && master) {
      // The invitation is in front of the person: the cancellation withdraws it (a person confirms an unverified one).
      const withdraw = (): Effect => ({
        store: null,
        outgoing: [],
        reason: { key: 'reason.cancel.withdrawn', params: { organizer: who, summary: title } },
        obsoletes: closedQuestions(msg.uid, null, ctx),
      });
      if (verification.verified)
        return { ...base, obsoletes, ...(tombstone ? { tombstone } : {}), ignore: withdraw().reason, act: withdraw };
      return {
        ...base,
        obsoletes: [],
        auto: withdraw,
        act: (c) => (c === 'apply' ? withdraw() : noEffect({ key: 'reason.cancel.dismissed' })),
      };
    }
    if (asked.length > 0) {
      // Occurrences of a series whose invitation is still unanswered: nothing to cancel yet, so the cancellation
      // waits as a decision of its own, applied once the invitation's answer has put the series in the calendar.
      const instances = comps.flatMap((c) => {
        const rid = recurrenceIdOf(c);
        return rid ? [formatIso(rid)] : [];
      });
      return {
        ...base,
        obsoletes: [],
        person: {
          choices: ['apply', 'ignore'],
          reason: {
            key: 'reason.cancel.awaitsInvitation',
            params: { organizer: who, summary: title, instances: instances.join(', ') },
          },
        },
        act: (c) =>
          noEffect({ key: c === 'apply' ? 'reason.cancel.answerInvitationFirst' : 'reason.cancel.dismissed' }),
      };
    }
    return {
      ...base,
      obsoletes,
      ...(tombstone ? { tombstone } : {}),
      ignore: { key: 'reason.cancel.unknownEvent', params: { summary: proposed.summary } },
      act: () => noEffect({ key: 'reason.cancel.nothingToCancel' }),
    };
  }
  if (storedOrganizer && organizer && storedOrganizer.address !== organizer.address) {
    return {
      ...base,
      ignore: {
        key: 'reason.cancel.wrongOrganizer',
        params: { from: organizer.address, organizer: storedOrganizer.address },
      },
      act: () => noEffect({ key: 'reason.notApplied' }),
    };
  }
  const pending: Comp[] = [];
  const unknown: ICAL.Time[] = [];
  for (const c of comps) {
    const old = counterpartOf(stored, c);
    const rid = recurrenceIdOf(c);
    if (!old) {
      if (rid) unknown.push(rid);
      continue;
    }
    if (sequenceOf(c) < sequenceOf(old)) continue;
    const target = overrideOf(stored, instanceKey(c));
    if (target && isCancelled(target) && compareVersion(c, target) <= 0) continue;
    pending.push(c);
  }
  if (pending.length === 0 && unknown.length === comps.length) {
    // Occurrences of an event I hold only some occurrences of: not older, just not in my calendar.
    return {
      ...base,
      ignore: {
        key: 'reason.cancel.unknownInstance',
        params: { summary: title, instances: unknown.map(formatIso).join(', ') },
      },
      act: () => noEffect({ key: 'reason.cancel.nothingToCancel' }),
    };
  }
  if (pending.length === 0) {
    return { ...base, kind: 'outdated', ignore: { key: 'reason.cancel.outdated' }, act: nothingToDo };
  }
  const apply = (): Effect => {
    const cal = cloneComponent(stored);
    const scopes = mergeWithZones(cal, msg.calendar, () => pending.map((c) => cancelOne(cal, c))).filter(
      (s) => s.changed,
    );
    // A range after the series' last instance takes nothing away; the copy stays as it is.
    const first = pending[0];
    const rid = first ? recurrenceIdOf(first) : null;
    if (scopes.length === 0)
      return noEffect({
        key: 'reason.cancel.nothingFrom',
        params: { summary: title, from: rid ? formatIso(rid) : '' },
      });
    const whole = scopes.some((s) => s.whole);
    return {
      store: putCalendar(msg.uid, cal),
      outgoing: [],
      reason: cancelReason(organizer?.name ?? organizer?.address ?? 'none', title, whole ? [] : scopes),
      obsoletes: closedQuestions(msg.uid, whole ? null : scopes, ctx),
    };
  };
  return {
    ...base,
    obsoletes: [],
    fromMe: !!organizer && isMe(organizer.address, ctx.me),
    auto: apply,
    act: (c) => (c === 'apply' ? apply() : noEffect({ key: 'reason.cancel.dismissed' })),
  };
}

const ASKING = ['invitation', 'reschedule', 'update'] as const;

/**
 * The open questions a cancellation answers: all of them when the whole event is cancelled; else those about the
 * cancelled occurrences, an occurrence cancelled with all later ones closing the questions about those later ones.
 */
function closedQuestions(uid: string, scopes: readonly CancelScope[] | null, ctx: EngineContext): ObsoletePending[] {
  if (scopes === null) return [{ uid, recurrenceId: null, kinds: ASKING }];
  const instances = scopes.filter((s) => !s.range).map((s) => s.from);
  const ranges = scopes.filter((s) => s.range).map((s) => Date.parse(s.from));
  if (ranges.length > 0) {
    const from = Math.min(...ranges);
    for (const d of ctx.openDecisions?.(uid) ?? []) {
      const asked = d.instances && d.instances.length > 0 ? d.instances : d.recurrenceId ? [d.recurrenceId] : [];
      instances.push(...asked.filter((i) => Date.parse(i) >= from));
    }
  }
  if (instances.length === 0) return [];
  return [{ uid, recurrenceId: null, instances, kinds: ASKING }];
}

/** Which open questions a CANCEL for an event the calendar lacks answers: its instances, or the whole event. */
function cancelScope(comps: readonly Comp[]): { recurrenceId: string | null; instances?: readonly string[] } {
  const naked = nakedInstances(comps);
  if (naked) return { recurrenceId: null, instances: naked };
  const only = comps.length === 1 && comps[0] && !isThisAndFuture(comps[0]) ? recurrenceIdOf(comps[0]) : null;
  return { recurrenceId: only ? formatIso(only) : null };
}

/** What one cancelled component covered: the whole series, one instance, or an instance and all later ones. */
interface CancelScope {
  readonly whole: boolean;
  /** ISO instant of the instance (or of the first instance of the range). */
  readonly from: string;
  readonly range: boolean;
  /** False for a range from after the series' last instance: nothing was there to cancel. */
  readonly changed: boolean;
}

/** "… cancelled X", "… on <instants>" or "… on <instant> and later". */
function cancelReason(organizer: string, summary: string, scopes: readonly CancelScope[]): Message {
  if (scopes.length === 0) return { key: 'reason.cancel.applied', params: { organizer, summary } };
  const only = scopes[0];
  if (scopes.length === 1 && only?.range)
    return { key: 'reason.cancel.appliedFrom', params: { organizer, summary, from: only.from } };
  return {
    key: 'reason.cancel.appliedInstances',
    params: { organizer, summary, instances: scopes.map((s) => s.from).join(', ') },
  };
}

/** Applies one cancelled component to the working copy. */
function cancelOne(cal: Comp, c: Comp): CancelScope {
  const rid = recurrenceIdOf(c);
  const master = masterOf(cal);
  const startOfMaster = master ? timeValue(master, 'dtstart') : null;
  if (!rid || (isThisAndFuture(c) && startOfMaster && timeKey(startOfMaster) === timeKey(rid))) {
    for (const e of eventsOf(cal)) markCancelled(e, c);
    return { whole: true, from: '', range: false, changed: true };
  }
  if (isThisAndFuture(c) && master) {
    const had = seriesHasInstanceFrom(master, toUtcMs(rid), { maxIterations: 50_000 });
    truncateSeries(master, rid);
    const moved = markCancelledFrom(cal, rid, c);
    return { whole: false, from: formatIso(rid), range: true, changed: had || moved > 0 };
  }
  const target = ensureOverride(cal, rid);
  if (target) markCancelled(target, c);
  else {
    // Naked instance we never had, or an instance the series does not generate: record the cancellation anyway.
    const copy = cloneComponent(c);
    copy.updatePropertyWithValue('status', 'CANCELLED');
    cal.addSubcomponent(copy);
  }
  return { whole: false, from: formatIso(rid), range: false, changed: true };
}

/** Cancels the overrides from `rid` on; returns how many were not cancelled before. */
function markCancelledFrom(cal: Comp, rid: ICAL.Time, msg: Comp): number {
  const from = toUtcMs(rid);
  let n = 0;
  for (const e of eventsOf(cal)) {
    const r = recurrenceIdOf(e);
    if (!r || toUtcMs(r) < from) continue;
    if (!isCancelled(e)) n++;
    markCancelled(e, msg);
  }
  return n;
}

/**
 * Ends the series just before `rid` (RRULE UNTIL), and drops RDATEs from then on: a DATE or DATE-TIME by its
 * instant, a PERIOD (RFC 5545 §3.8.5.2, Lotus Notes' form of every instance) by its start.
 */
function truncateSeries(master: Comp, rid: ICAL.Time): void {
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
    const keep = (p.getValues() as unknown[]).filter((v) => {
      const start = v instanceof ICAL.Period ? v.start : v;
      return !(start instanceof ICAL.Time) || toUtcMs(start) < cutoff;
    });
    if (keep.length === 0) master.removeProperty(p);
    else p.setValues(keep);
  }
}
