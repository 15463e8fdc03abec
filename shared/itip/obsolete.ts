/**
 * Which open decisions a result makes obsolete. Owns the scope of a decision or an obsoletion — the whole event,
 * one instance, or several instances of a series the calendar does not have (a "naked" recurrence, RFC 5546 §4.4) —
 * and comparing instances by instant, since one organizer writes RECURRENCE-ID in UTC and another in a zone.
 */
import type { PendingDecision } from '../model/decisions.js';
import { formatIso } from '../ical/time.js';
import { recurrenceIdOf, type Comp } from './components.js';
import type { ObsoletePending } from './types.js';

type Scope = readonly string[] | null;

/** The instances something covers; null for the whole event. Tolerates decisions read back from old JSON. */
function scopeOf(x: {
  readonly recurrenceId: string | null;
  readonly instances?: readonly string[] | undefined;
}): Scope {
  const list = Array.isArray(x.instances) ? x.instances.filter((i): i is string => typeof i === 'string') : [];
  if (list.length > 0) return list;
  return typeof x.recurrenceId === 'string' ? [x.recurrenceId] : null;
}

/** Same instance: equal text, or two date-times naming the same instant (all-day dates compare as text). */
export function sameInstance(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes('T') || !b.includes('T')) return false;
  const x = Date.parse(a);
  return Number.isFinite(x) && x === Date.parse(b);
}

/**
 * True when `o` makes the open decision `p` obsolete: same event and kind (and attendee, when named), and every
 * instance `p` is about is covered by `o`. A question about instances A and B stays open when only C is superseded,
 * and a question about the whole series stays open when one instance is.
 */
export function supersedes(o: ObsoletePending, p: PendingDecision): boolean {
  if (o.uid !== p.uid || !o.kinds.includes(p.kind)) return false;
  if (o.attendee && p.attendee !== o.attendee) return false;
  const covered = scopeOf(o);
  if (covered === null) return true;
  const asked = scopeOf(p);
  if (asked === null) return false;
  return asked.every((i) => covered.some((c) => sameInstance(c, i)));
}

/** True when two scopes share an instance; the whole event shares every one. */
export function overlaps(
  a: { readonly recurrenceId: string | null; readonly instances?: readonly string[] | undefined },
  b: { readonly recurrenceId: string | null; readonly instances?: readonly string[] | undefined },
): boolean {
  const x = scopeOf(a);
  const y = scopeOf(b);
  if (x === null || y === null) return true;
  return x.some((i) => y.some((j) => sameInstance(i, j)));
}

/** The instances of a message without its master (a naked recurrence), when it names more than one. */
export function nakedInstances(comps: readonly Comp[]): readonly string[] | undefined {
  if (comps.length < 2 || comps.some((c) => !c.hasProperty('recurrence-id'))) return undefined;
  const out: string[] = [];
  for (const c of comps) {
    const rid = recurrenceIdOf(c);
    if (rid) out.push(formatIso(rid));
  }
  return out;
}
