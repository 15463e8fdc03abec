/**
 * Exactly once across crashes: whatever step a run stopped at, processing the message again leaves the calendar,
 * the open decisions and the outbox as one uninterrupted run would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { mail } from '../../helpers/cli.js';
import { openOrchestrator } from '../../helpers/orchestratorDir.js';
import { ics } from '../../helpers/itip.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-once-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (): ReturnType<typeof openOrchestrator> => openOrchestrator(dir);

const organized = ics(
  null,
  'BEGIN:VEVENT',
  'UID:org-1',
  'DTSTAMP:20260201T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260310T090000Z',
  'DTEND:20260310T100000Z',
  'SUMMARY:Review',
  'ORGANIZER:mailto:me@example.com',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
  'END:VEVENT',
);
const reply = mail({
  from: 'bob@example.net',
  to: 'me@example.com',
  messageId: 'r1@example.net',
  ics: ics(
    'REPLY',
    'BEGIN:VEVENT',
    'UID:org-1',
    'DTSTAMP:20260228T000000Z',
    'SEQUENCE:0',
    'ORGANIZER:mailto:me@example.com',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.net',
    'END:VEVENT',
  ),
});
const inviteEvent = [
  'BEGIN:VEVENT',
  'UID:inv-1',
  'DTSTAMP:20260228T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260312T090000Z',
  'DTEND:20260312T100000Z',
  'SUMMARY:Lunch',
  'ORGANIZER:mailto:olga@example.org',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
  'END:VEVENT',
];
const invite = mail({
  from: 'olga@example.org',
  to: 'me@example.com',
  messageId: 'i1@example.org',
  ics: ics('REQUEST', ...inviteEvent),
});

describe('exactly once', () => {
  it('a crash after the calendar write but before the processed record changes nothing on the second run', async () => {
    const first = await open();
    await first.data.calendar.put('org-1', new ICAL.Component(ICAL.parse(organized) as unknown[]));
    const r1 = await first.orch.processMail(Buffer.from(reply));
    expect(r1).toMatchObject({ kind: 'reply', outcome: 'applied' });
    const after = first.data.calendar.getText('org-1');
    // Simulate the crash: the processed record never made it to disk.
    writeFileSync(path.join(dir, 'data', 'state', 'processed.jsonl'), '');
    const second = await open();
    const r2 = await second.orch.processMail(Buffer.from(reply));
    expect(r2).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
    expect(second.data.calendar.getText('org-1')).toBe(after);
  });

  it('an invitation processed twice leaves one open decision', async () => {
    const a = await open();
    await a.orch.processMail(Buffer.from(invite));
    writeFileSync(path.join(dir, 'data', 'state', 'processed.jsonl'), '');
    const b = await open();
    const r = await b.orch.processMail(Buffer.from(invite));
    expect(r.outcome).toBe('pending');
    expect(b.data.pending.list()).toHaveLength(1);
  });

  it('an invitation a server already put into the calendar: its mail asks once, and the answer goes to that copy', async () => {
    const { orch, data } = await open();
    await data.calendar.put('inv-1', new ICAL.Component(ICAL.parse(ics(null, ...inviteEvent)) as unknown[]));
    const copy = data.calendar.getText('inv-1');
    const r = await orch.processMail(Buffer.from(invite));
    expect(r).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(data.calendar.getText('inv-1')).toBe(copy);
    // The same mail again (another folder, another Message-ID): the open decision is not repeated.
    const again = await orch.processMail(Buffer.from(invite.replace('i1@example.org', 'i1-copy@example.org')));
    expect(again).toMatchObject({ kind: 'outdated', outcome: 'ignored', pendingId: null });
    expect(data.pending.list().map((p) => p.id)).toEqual([r.pendingId]);
    expect((await orch.decide(r.pendingId as string, 'accept', null)).outcome).toBe('applied');
    expect(data.calendar.getText('inv-1')).toMatch(/PARTSTAT=ACCEPTED[^\r\n]*:mailto:me@example\.com/);
    expect(data.calendar.uids()).toEqual(['inv-1']);
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    expect(data.pending.list()).toHaveLength(0);
  });

  it('a decision is carried out once: deciding again reports that it is gone', async () => {
    const { orch, data } = await open();
    const r = await orch.processMail(Buffer.from(invite));
    const d1 = await orch.decide(r.pendingId as string, 'accept', null);
    expect(d1.outcome).toBe('applied');
    const d2 = await orch.decide(r.pendingId as string, 'accept', null);
    expect(d2.outcome).toBe('error');
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    expect(data.pending.list()).toHaveLength(0);
  });

  it('an update while the invitation is open replaces the open decision', async () => {
    const { orch, data } = await open();
    await orch.processMail(Buffer.from(invite));
    const updated = mail({
      from: 'olga@example.org',
      to: 'me@example.com',
      messageId: 'i2@example.org',
      ics: ics(
        'REQUEST',
        'BEGIN:VEVENT',
        'UID:inv-1',
        'DTSTAMP:20260228T010000Z',
        'SEQUENCE:1',
        'DTSTART:20260312T100000Z',
        'DTEND:20260312T110000Z',
        'SUMMARY:Lunch (moved)',
        'ORGANIZER:mailto:olga@example.org',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
      ),
    });
    const r = await orch.processMail(Buffer.from(updated));
    expect(r.outcome).toBe('pending');
    const open1 = data.pending.list();
    expect(open1).toHaveLength(1);
    expect(open1[0]?.summary).toBe('Lunch (moved)');
  });
});
