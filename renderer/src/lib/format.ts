/**
 * Words and times for people: event times in my zone (and the organizer's), participation answers, message
 * kinds and outcomes. Pure functions over the contract's ISO strings; the locale is the browser's.
 */
import type { Choice, MessageKind, Outcome } from '../api';

interface TimeSpan {
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
}

const DAY_MS = 86_400_000;

function parseDateOnly(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function parseInstant(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function dateTimeFormat(timeZone: string | undefined, withDate: boolean): Intl.DateTimeFormat {
  const base: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  const opts: Intl.DateTimeFormatOptions = withDate ? { ...base, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : base;
  try {
    return new Intl.DateTimeFormat(undefined, timeZone ? { ...opts, timeZone } : opts);
  } catch {
    // An unknown zone name from the server must not break the card: fall back to my zone.
    return new Intl.DateTimeFormat(undefined, opts);
  }
}

function formatAllDay(start: string, end: string | null): string {
  const from = parseDateOnly(start);
  if (!from) return start;
  const fmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1): the last day shown is the day before.
  const until = end ? parseDateOnly(end) : null;
  const last = until ? new Date(until.getTime() - DAY_MS) : null;
  if (!last || last.getTime() <= from.getTime()) return `${fmt.format(from)}, all day`;
  return `${fmt.formatRange(from, last)}, all day`;
}

/** "Tue, 3 Mar 2026, 10:00 – 11:00" in the given zone (my zone when none), or "…, all day". */
export function formatSpan(span: TimeSpan, timeZone?: string): string {
  if (!span.start) return 'Time not given';
  if (span.allDay) return formatAllDay(span.start, span.end);
  const from = parseInstant(span.start);
  if (!from) return span.start;
  const to = span.end ? parseInstant(span.end) : null;
  const fmt = dateTimeFormat(timeZone, true);
  if (!to || to.getTime() <= from.getTime()) return fmt.format(from);
  return fmt.formatRange(from, to);
}

/** A single instant with date and time, in my zone. */
export function formatInstant(iso: string): string {
  const d = parseInstant(iso);
  return d ? dateTimeFormat(undefined, true).format(d) : iso;
}

/** My own IANA zone, for labelling times. */
export function myTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export const PARTSTAT_WORDS: Readonly<Record<string, string>> = {
  'NEEDS-ACTION': 'not answered yet',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
  DELEGATED: 'delegated',
};

/** A participation status (RFC 5545 §3.2.12) in words; unknown values shown as written. */
export function describePartstat(partstat: string | null | undefined): string {
  if (!partstat) return 'no answer';
  return PARTSTAT_WORDS[partstat.toUpperCase()] ?? partstat.toLowerCase();
}

export const KIND_LABELS: Readonly<Record<MessageKind, string>> = {
  invitation: 'Invitation',
  update: 'Update',
  reschedule: 'Rescheduled',
  cancel: 'Cancellation',
  reply: 'Reply',
  'party-crasher': 'Uninvited answer',
  counter: 'Counter-proposal',
  declinecounter: 'Proposal declined',
  refresh: 'Refresh request',
  add: 'Added occurrence',
  publish: 'Published event',
  freebusy: 'Free/busy',
  outdated: 'Outdated',
  unsupported: 'Unsupported',
  invalid: 'Invalid',
  'not-scheduling': 'Not scheduling',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  applied: 'Applied',
  pending: 'Waiting for you',
  ignored: 'Ignored',
  error: 'Error',
};

export const CHOICE_LABELS: Readonly<Record<Choice, string>> = {
  accept: 'Accept',
  tentative: 'Tentative',
  decline: 'Decline',
  apply: 'Apply',
  approve: 'Approve',
  ignore: 'Ignore',
  'accept-counter': 'Accept proposal',
  'decline-counter': 'Decline proposal',
};

/** The order buttons appear in, whatever order the engine listed the choices. */
export const CHOICE_ORDER: readonly Choice[] = ['accept', 'tentative', 'decline', 'accept-counter', 'decline-counter', 'approve', 'apply', 'ignore'];

/** Choices that send a message to someone, so a comment can go with them. */
export const CHOICES_WITH_COMMENT: ReadonlySet<Choice> = new Set<Choice>(['accept', 'tentative', 'decline', 'accept-counter', 'decline-counter']);

/** "Ada Lovelace <ada@example.com>" or the bare address. */
export function formatPerson(person: { readonly address: string; readonly name: string | null } | null | undefined): string {
  if (!person) return 'unknown';
  const address = stripMailto(person.address);
  return person.name ? `${person.name} <${address}>` : address;
}

/** Calendar addresses are often written as `mailto:` URIs (RFC 5545 §3.3.3); people read the address. */
export function stripMailto(address: string): string {
  return address.replace(/^mailto:/i, '');
}
