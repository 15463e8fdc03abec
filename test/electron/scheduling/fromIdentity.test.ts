/**
 * My From name on outgoing mail is my own identity (config.json `name`), never the CN an inviter wrote on my
 * ATTENDEE line; every header line of the mail stays within RFC 5322's 998 octets whatever the invitation says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDir } from '../../../electron/store/dataDir.js';
import { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-from-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HUGE = 'Z'.repeat(100_000);

function invitation(): Buffer {
  return Buffer.from(
    mail({
      from: 'olga@example.org',
      to: 'me@example.com',
      messageId: 'i1@example.org',
      ics: ics(
        'REQUEST',
        'BEGIN:VEVENT',
        'UID:inv-1',
        'DTSTAMP:20260228T000000Z',
        'SEQUENCE:0',
        'DTSTART:20260312T090000Z',
        'DTEND:20260312T100000Z',
        `SUMMARY:${'S'.repeat(5000)}`,
        `ORGANIZER;CN=${HUGE}:mailto:olga@example.org`,
        `ATTENDEE;CN=Chosen By Olga ${HUGE};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com`,
        'END:VEVENT',
      ),
    }),
  );
}

async function replyHeaders(config: Record<string, unknown>): Promise<string> {
  const data = await DataDir.open(path.join(dir, 'data'), { fsync: false });
  await data.addMe(['me@example.com']);
  await data.updateConfig(config);
  const out = path.join(dir, 'out');
  const orch = new Orchestrator(data, {
    policy: 'never',
    timeframeMs: 28 * 86_400_000,
    now: () => NOW,
    sink: new FolderSink(out),
  });
  const r = await orch.processMail(invitation());
  expect(r.outcome).toBe('pending');
  expect((await orch.decide(r.pendingId as string, 'accept', null)).outcome).toBe('applied');
  const [file] = readdirSync(out).filter((f) => f.endsWith('.eml'));
  return readFileSync(path.join(out, file as string), 'latin1').split('\r\n\r\n')[0] ?? '';
}

describe('From identity and header lengths', () => {
  it('takes my From name from settings and never from the CN the inviter wrote', async () => {
    const head = await replyHeaders({ name: 'Me Myself' });
    expect(head).toMatch(/^From: Me Myself <me@example\.com>$/m);
    expect(head).not.toContain('Chosen By Olga');
    expect(head.split('\r\n').filter((l) => l.length > 998)).toEqual([]);
  });

  it('sends a bare address when no name is set, with every header line within 998 octets', async () => {
    const head = await replyHeaders({});
    expect(head).toMatch(/^From: me@example\.com$/m);
    expect(head).not.toContain('Chosen By Olga');
    expect(
      head
        .split('\r\n')
        .map((l) => l.length)
        .filter((n) => n > 998),
    ).toEqual([]);
  });
});
