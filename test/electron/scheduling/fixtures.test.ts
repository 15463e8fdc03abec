/**
 * Real clients' mail, end to end through the orchestrator: MIME reading, detection, engine, data dir, outbox.
 * Each case names the client behaviour it models (see test/fixtures/eml/<vendor>/README.md).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { DataDir } from '../../../electron/store/dataDir.js';
import { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import { detectScheduling } from '../../../shared/mail/detectScheduling.js';
import type { Policy } from '../../../shared/model/decisions.js';
import { say } from '../../helpers/itip.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/eml');
const NOW = Date.parse('2026-05-01T00:00:00Z');
const eml = (rel: string): Buffer => readFileSync(path.join(FIX, rel));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-orch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function setup(
  me: string[],
  policy: Policy = 'known',
): Promise<{ data: DataDir; orch: Orchestrator; outbox: string }> {
  const data = await DataDir.open(path.join(dir, 'data'));
  await data.addMe(me);
  const outbox = path.join(dir, 'out');
  const orch = new Orchestrator(data, {
    policy,
    timeframeMs: 100 * 7 * 86_400_000,
    now: () => NOW,
    sink: new FolderSink(outbox),
  });
  return { data, orch, outbox };
}

/** Stores the calendar of a request mail as the organizer's own copy (what the organizer's calendar holds). */
async function storeOrganizerCopy(data: DataDir, rel: string): Promise<void> {
  const mail = await readImipMail(eml(rel));
  if (!mail.ok) throw new Error(mail.error.message);
  const d = detectScheduling(mail.value);
  if (d.kind !== 'calendar') throw new Error('no calendar');
  const cal = new ICAL.Component(ICAL.parse(d.text) as unknown[]);
  cal.removeAllProperties('method');
  const uid = String(cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid'));
  await data.calendar.put(uid, cal);
}

describe('vendor mail through the orchestrator', () => {
  it.each([
    ['google/request.eml', 'Google: text/calendar plus identical invite.ics'],
    ['outlook/request-base64.eml', 'Exchange: base64 part, Windows time zone'],
    ['thunderbird/request.eml', 'Thunderbird: text/calendar alternative plus invite.ics'],
    ['zoom-teams/teams-request.eml', 'Teams: long description and X-ALT-DESC'],
    ['zoom-teams/zoom-request.eml', 'Zoom: stray TZID property'],
    ['proton/request-no-method.eml', 'Proton Bridge: no method= parameter'],
    ['edge/lowercase-method.eml', 'lower-case method=request'],
    ['edge/latin1-ics-no-charset.eml', 'Latin-1 application/ics without charset'],
    ['edge/lf-only.eml', 'LF-only line endings'],
    ['edge/single-part.eml', 'whole body is text/calendar'],
  ])('%s (%s) is an invitation waiting for bob', async (rel) => {
    const { orch, data } = await setup(['bob@example.org'], 'always');
    const r = await orch.processMail(eml(rel));
    expect(r).toMatchObject({ method: 'REQUEST', kind: 'invitation', outcome: 'pending' });
    expect(r.pendingId).toBeTruthy();
    expect(data.calendar.has(r.uid as string)).toBe(true);
    expect(data.pending.list()).toHaveLength(1);
  });

  it('decodes the Latin-1 calendar without replacement characters', async () => {
    const { orch, data } = await setup(['bob@example.org'], 'always');
    const r = await orch.processMail(eml('edge/latin1-ics-no-charset.eml'));
    expect(data.calendar.getText(r.uid as string)).toMatch(/Müller/);
    expect(data.calendar.getText(r.uid as string)).not.toMatch(/\uFFFD/);
  });

  it('Google: invitation, accept, then the organizer cancels the series', async () => {
    const { orch, data, outbox } = await setup(['bob@example.org'], 'known');
    const inv = await orch.processMail(eml('google/request.eml'));
    expect(inv).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    const d = await orch.decide(inv.pendingId as string, 'accept', null);
    expect(d.outcome).toBe('applied');
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const c = await orch.processMail(eml('google/cancel.eml'));
    expect(c).toMatchObject({ kind: 'cancel', outcome: 'applied' });
    expect(data.calendar.getText(inv.uid as string)).toMatch(/STATUS:CANCELLED/);
  });

  it('Thunderbird: the organizer applies a tentative REPLY without a person', async () => {
    const { orch, data } = await setup(['ivan.petrov@example.com'], 'known');
    await storeOrganizerCopy(data, 'thunderbird/request.eml');
    const r = await orch.processMail(eml('thunderbird/reply.eml'));
    expect(r).toMatchObject({ method: 'REPLY', kind: 'reply', outcome: 'applied' });
    expect(data.calendar.getText(r.uid as string)?.replace(/\r\n /g, '')).toMatch(
      /PARTSTAT=TENTATIVE[^\r\n]*mailto:bob@example\.org/i,
    );
  });

  it('a CANCEL labelled method=REQUEST in the header is read as the CANCEL its body says', async () => {
    const { orch } = await setup(['bob@example.org']);
    const r = await orch.processMail(eml('edge/method-mismatch.eml'));
    expect(r).toMatchObject({ method: 'CANCEL', kind: 'cancel' });
    expect(r.warnings.map(say).join(' ')).toMatch(/REQUEST/);
  });

  it.each([
    ['edge/no-calendar.eml', 'not-scheduling', 'ignored'],
    ['edge/plain-ics-attachment.eml', 'not-scheduling', 'ignored'],
    ['edge/broken-boundary.eml', 'not-scheduling', 'ignored'],
    ['edge/truncated-base64.eml', 'invalid', 'error'],
  ])('%s → %s / %s, and the data dir is untouched', async (rel, kind, outcome) => {
    const { orch, data } = await setup(['bob@example.org'], 'always');
    const r = await orch.processMail(eml(rel));
    expect(r).toMatchObject({ kind, outcome });
    expect(data.calendar.size).toBe(0);
    expect(data.pending.list()).toHaveLength(0);
  });

  it('iCloud: sent from a noreply address, so the invitation is not stored without a person', async () => {
    const { orch, data } = await setup(['bob@example.org'], 'always');
    const r = await orch.processMail(eml('icloud/request-qp.eml'));
    expect(r).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(r.warnings.map(say).join(' ')).toMatch(/noreply@example\.net/);
    expect(data.calendar.size).toBe(0);
  });

  it('Outlook forward: the forwarded invitation waits for the new invitee with a warning', async () => {
    const { orch } = await setup(['grace.kim@example.org'], 'always');
    const r = await orch.processMail(eml('outlook/meeting-forward.eml'));
    expect(r).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(r.warnings.map(say).join(' ')).toMatch(/erik\.lang@example\.com/);
  });

  it('a webinar PUBLISH attached as application/octet-stream is added under "always"', async () => {
    const { orch, data } = await setup(['bob@example.org'], 'always');
    const r = await orch.processMail(eml('edge/octet-stream-ics.eml'));
    expect(r).toMatchObject({ method: 'PUBLISH', kind: 'publish', outcome: 'applied' });
    expect(data.calendar.size).toBe(1);
  });
});

describe('bounces through the orchestrator', () => {
  it("Exchange's non-delivery report of my invitation: the failed attendee is marked, nobody is asked, nothing is sent", async () => {
    const { orch, data, outbox } = await setup(['anna.schmidt@contoso.example']);
    await storeOrganizerCopy(data, 'outlook/ndr-request.eml');
    const r = await orch.processMail(eml('outlook/ndr-request.eml'));
    expect(r).toMatchObject({
      kind: 'not-scheduling',
      outcome: 'applied',
      method: 'REQUEST',
      pendingId: null,
      outgoing: [],
    });
    expect(say(r.reason)).toMatch(
      /^Your invitation about "Projektstart" could not be delivered \(left\.company@fabrikam\.example: 550 5\.1\.10 RESOLVER/,
    );
    expect(data.pending.list()).toHaveLength(0);
    const ev = data.calendar.get(r.uid as string)?.getFirstSubcomponent('vevent');
    const status = (a: string) =>
      ev
        ?.getAllProperties('attendee')
        .find((p) => String(p.getFirstValue()).endsWith(a))
        ?.getParameter('schedule-status');
    expect(status('left.company@fabrikam.example')).toBe('5.1');
    expect(status('jonas.weber@contoso.example')).toBeUndefined();
    expect(() => readdirSync(outbox)).toThrow();
    // The same bounce again (a second device, a re-run): handled once.
    expect(await orch.processMail(eml('outlook/ndr-request.eml'))).toMatchObject({
      outcome: 'ignored',
      duplicate: true,
    });
  });

  it("Postfix's bounce of my reply marks the organizer of my copy", async () => {
    const { orch, data } = await setup(['bob@example.com']);
    await storeOrganizerCopy(data, 'edge/bounce-postfix-reply.eml');
    const r = await orch.processMail(eml('edge/bounce-postfix-reply.eml'));
    expect(r).toMatchObject({ kind: 'not-scheduling', outcome: 'applied', method: 'REPLY' });
    expect(
      data.calendar
        .get(r.uid as string)
        ?.getFirstSubcomponent('vevent')
        ?.getFirstProperty('organizer')
        ?.getParameter('schedule-status'),
    ).toBe('5.1');
  });
});
