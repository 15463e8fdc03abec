/**
 * Real-client quirks, one fixture folder per case under test/fixtures/itip/<vendor>/<case>/ (sabre/vobject style:
 * incoming message, stored calendar before, expected calendar after, compared by meaning with `canonical()`):
 *
 *   case.json    name (after its origin), me, policy, from, contacts, headerMethod, expected result, optional decision
 *   message.ics  the iTIP message as that client writes it
 *   before.ics   the stored calendar before (optional)
 *   after.ics    the stored calendar after processing and the decision (optional; VTIMEZONEs compared separately)
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Choice, Policy } from '../../../shared/model/decisions.js';
import type { EngineResult } from '../../../shared/itip/index.js';
import {
  Calendar,
  attendeeIn,
  attendeesOf,
  canonical,
  outgoingCalendar,
  outgoingEvents,
  say,
} from '../../helpers/itip.js';

interface OutgoingSpec {
  readonly method: string;
  readonly to: string;
  readonly from?: string;
  readonly attendees?: string[];
  readonly partstat?: string;
  readonly sequence?: number;
  readonly recurrenceIds?: (string | null)[];
  readonly tzids?: string[];
  readonly contains?: string[];
}

interface Expectation {
  readonly kind?: string;
  readonly outcome: string;
  readonly store?: 'put' | 'delete' | null;
  readonly outgoing?: OutgoingSpec[];
  /** Substrings every one of which must appear among the warnings; [] means no warnings at all. */
  readonly warnings?: string[];
  readonly reason?: string;
  readonly proposedStart?: string;
  readonly recurrenceId?: string | null;
  readonly choices?: string[];
}

interface CaseSpec {
  readonly name: string;
  readonly me: string[];
  readonly policy?: Policy;
  readonly from: string | null;
  readonly contacts?: string[];
  readonly headerMethod?: string | null;
  readonly uid: string;
  readonly expect: Expectation;
  readonly decide?: { readonly choice: Choice; readonly comment?: string; readonly expect: Expectation };
  /** TZIDs the stored calendar must define after the run. */
  readonly zones?: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/itip');

function checkResult(r: EngineResult, e: Expectation, where: string): void {
  if (e.kind !== undefined) expect(r.kind, `${where} kind (${say(r.reason)})`).toBe(e.kind);
  expect(r.outcome, `${where} outcome (${say(r.reason)})`).toBe(e.outcome);
  expect(say(r.reason).trim().length, `${where} reason`).toBeGreaterThan(10);
  if (e.store !== undefined) expect(r.store?.type ?? null, `${where} store`).toBe(e.store);
  if (e.reason !== undefined) expect(say(r.reason), `${where} reason`).toContain(e.reason);
  if (e.proposedStart !== undefined)
    expect(r.pending?.proposed?.start, `${where} proposed start`).toBe(e.proposedStart);
  if (e.recurrenceId !== undefined) expect(r.recurrenceId, `${where} recurrenceId`).toBe(e.recurrenceId);
  if (e.choices !== undefined) expect(r.pending?.choices, `${where} choices`).toEqual(e.choices);
  if (e.warnings !== undefined) {
    if (e.warnings.length === 0) expect(r.warnings, `${where} warnings`).toEqual([]);
    for (const w of e.warnings) expect(r.warnings.map(say).join(' '), `${where} warnings`).toContain(w);
  }
  if (e.outgoing !== undefined) {
    expect(
      r.outgoing.map((o) => `${o.method} ${o.to.address}`),
      `${where} outgoing`,
    ).toEqual(e.outgoing.map((o) => `${o.method} ${o.to}`));
    e.outgoing.forEach((spec, i) => checkOutgoing(r, i, spec, where));
  }
}

function checkOutgoing(r: EngineResult, i: number, spec: OutgoingSpec, where: string): void {
  const o = r.outgoing[i];
  const at = `${where} outgoing[${i}]`;
  expect(outgoingCalendar(o).getFirstPropertyValue('method'), at).toBe(spec.method);
  if (spec.from) expect(o?.from.address, `${at} from`).toBe(spec.from);
  const events = outgoingEvents(o);
  if (spec.attendees) for (const ev of events) expect(attendeesOf(ev), `${at} attendees`).toEqual(spec.attendees);
  if (spec.partstat)
    for (const ev of events)
      expect(attendeeIn(ev, spec.attendees?.[0] ?? '')?.getParameter('partstat'), `${at} partstat`).toBe(spec.partstat);
  if (spec.sequence !== undefined)
    for (const ev of events) expect(ev.getFirstPropertyValue('sequence'), `${at} sequence`).toBe(spec.sequence);
  if (spec.recurrenceIds)
    expect(
      events.map((ev) => ev.getFirstProperty('recurrence-id')?.toICALString() ?? null),
      `${at} recurrence ids`,
    ).toEqual(spec.recurrenceIds);
  if (spec.tzids)
    expect(
      outgoingCalendar(o)
        .getAllSubcomponents('vtimezone')
        .map((z) => z.getFirstPropertyValue('tzid'))
        .sort(),
      `${at} zones`,
    ).toEqual([...spec.tzids].sort());
  for (const text of spec.contains ?? []) expect(o?.ics.replace(/\r\n[ \t]/g, ''), `${at} text`).toContain(text);
}

function runCase(dir: string): void {
  const spec = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec;
  it(spec.name, () => {
    const read = (f: string): string | null =>
      existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : null;
    const cal = new Calendar(spec.me, spec.policy ?? 'known');
    for (const c of spec.contacts ?? []) cal.contacts.add(c);
    const before = read('before.ics');
    if (before) cal.put(before);
    const message = read('message.ics');
    if (!message) throw new Error(`${dir}: message.ics missing`);
    const r = cal.process(message, spec.from, {}, spec.headerMethod ?? null);
    checkResult(r, spec.expect, 'process');
    if (spec.decide)
      checkResult(
        cal.decide(r, spec.decide.choice, spec.decide.comment ?? null),
        spec.decide.expect,
        `decide ${spec.decide.choice}`,
      );
    const after = read('after.ics');
    if (after)
      expect(canonical(cal.text(spec.uid), { dropTimezones: true })).toBe(canonical(after, { dropTimezones: true }));
    if (spec.zones) {
      const defined = (cal.get(spec.uid)?.getAllSubcomponents('vtimezone') ?? []).map((z) =>
        String(z.getFirstPropertyValue('tzid')),
      );
      for (const z of spec.zones) expect(defined, 'stored zones').toContain(z);
    }
  });
}

const vendors = ['outlook-exchange', 'google', 'icloud', 'thunderbird', 'zoom-teams', 'proton'];

for (const vendor of vendors) {
  describe(vendor, () => {
    const base = path.join(root, vendor);
    const cases = readdirSync(base, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    it('has fixture cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
    for (const c of cases) runCase(path.join(base, c));
  });
}
