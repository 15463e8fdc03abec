/**
 * Helpers for engine tests in the sabre/vobject style: build iCalendar text from lines, run the engine with a
 * fixed clock and an in-memory calendar, and compare calendars by meaning rather than layout.
 */
import ICAL from 'ical.js';
import {
  addressesIn,
  processItip,
  decideItip,
  respondToEvent,
  type EngineContext,
  type EngineResult,
  type OpenDecision,
} from '../../shared/itip/index.js';
import type { MailEnvelope } from '../../shared/model/mail.js';
import type { Choice, PendingDecision, Policy } from '../../shared/model/decisions.js';
import type { OutgoingItip } from '../../shared/model/outgoing.js';
import type { BusyPeriod } from '../../shared/itip/types.js';
import { timeKey } from '../../shared/ical/time.js';
import { parseIcs } from '../../shared/ical/parse.js';
import { english, type Message } from '../../shared/i18n/index.js';
import { completeTimezones, referencedTzids } from '../../shared/ical/zones.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** Joins lines with CRLF; `VEVENT` bodies are wrapped into a VCALENDAR with the given METHOD. */
export function ics(method: string | null, ...lines: string[]): string {
  const body = lines.join('\r\n');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Test//EN',
    ...(method ? [`METHOD:${method}`] : []),
    body,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function envelope(from: string | null, extra: Partial<MailEnvelope> = {}): MailEnvelope {
  return {
    messageId: null,
    from: from ? { address: from } : null,
    sender: null,
    replyTo: [],
    to: [],
    cc: [],
    subject: 'test',
    receivedAt: NOW - 3_600_000,
    authenticationResults: [],
    ...extra,
  };
}

/** A tiny in-memory calendar that applies engine results, for multi-step scenarios. */
export class Calendar {
  readonly events = new Map<string, ICAL.Component>();
  readonly contacts = new Set<string>();
  me: string[];
  policy: Policy;
  now = NOW;
  timeframeMs = 28 * 86_400_000;
  /** What `busyPeriods` answers for free/busy requests. */
  busy: BusyPeriod[] = [];
  /** Decisions still waiting for the person, as the product's pending store lists them (`openDecisions`). */
  open: (OpenDecision & { readonly uid: string })[] = [];
  constructor(me: string[] = ['me@example.com'], policy: Policy = 'known') {
    this.me = me;
    this.policy = policy;
  }

  ctx(): EngineContext {
    return {
      me: this.me,
      now: this.now,
      policy: this.policy,
      timeframeMs: this.timeframeMs,
      // Like the product's store: any organizer, attendee or SENT-BY address in a stored event, or a contact.
      isKnownAddress: (a) =>
        this.contacts.has(a.toLowerCase()) ||
        [...this.events.values()].some((c) => addressesIn(c).has(a.toLowerCase())),
      busyPeriods: (from, to) => this.busy.filter((b) => b.endMs > from && b.startMs < to),
      openDecisions: (uid) => this.open.filter((d) => d.uid === uid),
    };
  }

  /** Stores a calendar as the product's import does: time zones completed from the database. */
  put(text: string): void {
    const c = new ICAL.Component(ICAL.parse(text) as unknown[]);
    completeTimezones(c);
    const uid = String(c.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid'));
    this.events.set(uid, c);
  }

  get(uid: string): ICAL.Component | null {
    return this.events.get(uid) ?? null;
  }

  /** Applies a result to the calendar, after checking what every result must satisfy (see `checkInvariants`). */
  apply(r: EngineResult): EngineResult {
    checkInvariants(r);
    // As the product's store does: the engine's text, parsed again when read.
    if (r.store?.type === 'put') this.events.set(r.store.uid, new ICAL.Component(parseIcs(r.store.ics) as unknown[]));
    if (r.store?.type === 'delete') this.events.delete(r.store.uid);
    return r;
  }

  process(
    text: string,
    from: string | null,
    env: Partial<MailEnvelope> = {},
    headerMethod: string | null = null,
  ): EngineResult {
    return this.apply(
      processItip({ ics: text, headerMethod, envelope: envelope(from, env) }, (u) => this.get(u), this.ctx()),
    );
  }

  decide(r: EngineResult, choice: Choice, comment: string | null = null): EngineResult {
    if (!r.pending) throw new Error(`no pending decision: ${say(r.reason)}`);
    const p: PendingDecision = { ...r.pending, id: 'p1', createdAt: new Date(this.now).toISOString() };
    return this.apply(decideItip(p, choice, comment, (u) => this.get(u), this.ctx()));
  }

  respond(
    uid: string,
    partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED',
    rid: string | null = null,
    comment: string | null = null,
  ): EngineResult {
    const t = rid ? ICAL.Time.fromString(rid, null as unknown as ICAL.Property) : null;
    return this.apply(
      respondToEvent({ stored: this.get(uid), uid, recurrenceId: t, partstat, comment, ctx: this.ctx() }),
    );
  }

  text(uid: string): string {
    return this.get(uid)?.toString() ?? '';
  }
}

/**
 * Holds for every engine result in every test: a human reason; outgoing messages that parse, say their METHOD and
 * define every TZID they use (RFC 6047 §2.5 forbids time zones by reference).
 */
export function checkInvariants(r: EngineResult): void {
  if (say(r.reason).trim().length === 0)
    throw new Error(`result without a reason: ${JSON.stringify({ kind: r.kind, outcome: r.outcome })}`);
  for (const w of r.warnings) if (say(w).trim().length === 0) throw new Error(`empty warning ${w.key}`);
  if (r.store?.type === 'put' && /^METHOD[:;]/m.test(r.store.ics)) throw new Error('a stored object carries METHOD');
  for (const o of r.outgoing) {
    const cal = parseCalendar(o.ics);
    if (cal.getFirstPropertyValue('method') !== o.method)
      throw new Error(`outgoing ${o.method} says METHOD:${String(cal.getFirstPropertyValue('method'))}`);
    const defined = new Set(cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
    for (const tzid of referencedTzids(cal)) {
      if (!defined.has(tzid) && !['UTC', 'Etc/UTC', 'GMT'].includes(tzid))
        throw new Error(`outgoing ${o.method} uses TZID ${tzid} without its VTIMEZONE`);
    }
  }
}

/** The English sentence of an engine message (reasons and warnings are catalogue keys with parameters). */
export function say(m: Message): string {
  return english.render(m);
}

/** Properties whose values differ run to run or are bookkeeping, dropped before comparing by meaning. */
const VOLATILE = new Set(['dtstamp', 'prodid', 'calscale']);

/** A canonical form of an iCalendar text: components and properties sorted, volatile ones removed. */
export function canonical(
  text: string,
  opts: { keepDtstamp?: boolean; dropParams?: string[]; dropTimezones?: boolean; dropProps?: string[] } = {},
): string {
  const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
  if (opts.dropTimezones) comp.removeAllSubcomponents('vtimezone');
  const dropProps = new Set((opts.dropProps ?? []).map((s) => s.toLowerCase()));
  const drop = new Set((opts.dropParams ?? ['x-received-sequence', 'x-received-dtstamp']).map((s) => s.toLowerCase()));
  const walk = (c: ICAL.Component, depth: number): string => {
    const props = c
      .getAllProperties()
      .filter((p) => (opts.keepDtstamp || !VOLATILE.has(p.name)) && !dropProps.has(p.name))
      .map((p) => {
        // Parameters in name order, so CN;ROLE and ROLE;CN compare equal.
        const [name, params, type, ...values] = JSON.parse(JSON.stringify(p.toJSON())) as [
          string,
          Record<string, unknown>,
          string,
          ...unknown[],
        ];
        const sorted = Object.fromEntries(
          Object.entries(params)
            .filter(([k]) => !drop.has(k.toLowerCase()))
            .sort(([a], [b]) => a.localeCompare(b)),
        );
        const q = new ICAL.Property([name, sorted, type, ...values] as unknown as unknown[]);
        return q.toICALString().replace(/mailto:/gi, 'mailto:');
      })
      .sort();
    const subs = c
      .getAllSubcomponents()
      .map((s) => walk(s, depth + 1))
      .sort();
    return [`BEGIN:${c.name.toUpperCase()}`, ...props, ...subs, `END:${c.name.toUpperCase()}`].join('\n');
  };
  return walk(comp, 0);
}

/** Wraps property lines into one VEVENT block (for `ics()`). */
export function vevent(...lines: string[]): string {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
}

export function parseCalendar(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

/** The VEVENT of one instance: RECURRENCE-ID matched by instant (any zone), or the master when rid is null. */
export function instanceOf(cal: ICAL.Component | null | undefined, rid: string | null = null): ICAL.Component | null {
  if (!cal) return null;
  const events = cal.getAllSubcomponents('vevent');
  if (rid === null) return events.find((e) => !e.hasProperty('recurrence-id')) ?? null;
  const want = timeKey(ICAL.Time.fromString(rid, null as unknown as ICAL.Property));
  return (
    events.find((e) => {
      const r = e.getFirstPropertyValue('recurrence-id');
      return r instanceof ICAL.Time && timeKey(r) === want;
    }) ?? null
  );
}

export function attendeeIn(c: ICAL.Component | null, address: string): ICAL.Property | null {
  if (!c) return null;
  return (
    c.getAllProperties('attendee').find(
      (p) =>
        String(p.getFirstValue())
          .replace(/^mailto:/i, '')
          .toLowerCase() === address.toLowerCase(),
    ) ?? null
  );
}

/** PARTSTAT of an attendee on one instance (or the master) of a stored calendar; null when absent. */
export function partstatIn(
  cal: ICAL.Component | null | undefined,
  address: string,
  rid: string | null = null,
): string | null {
  const a = attendeeIn(instanceOf(cal, rid), address);
  if (!a) return null;
  const v = a.getParameter('partstat');
  return typeof v === 'string' ? v.toUpperCase() : 'NEEDS-ACTION';
}

/** The parsed VCALENDAR of an outgoing message. */
export function outgoingCalendar(o: OutgoingItip | undefined): ICAL.Component {
  if (!o) throw new Error('no outgoing message');
  return parseCalendar(o.ics);
}

export function outgoingEvents(o: OutgoingItip | undefined): ICAL.Component[] {
  return outgoingCalendar(o).getAllSubcomponents('vevent');
}

/** Bare, lower-case addresses of every ATTENDEE of a component. */
export function attendeesOf(c: ICAL.Component | null): string[] {
  return (c?.getAllProperties('attendee') ?? []).map((p) =>
    String(p.getFirstValue())
      .replace(/^mailto:/i, '')
      .toLowerCase(),
  );
}

/** The UTC DTSTAMP text the engine writes for `now`. */
export function stampOf(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
