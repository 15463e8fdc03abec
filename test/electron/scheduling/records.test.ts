/**
 * The record of a message keeps what was readable: a message seen before still says its METHOD and SEQUENCE; a
 * mail whose calendar part is cut off (a truncated download, Thunderbird's part without END:VCALENDAR) still
 * names its Message-ID.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openOrchestrator } from '../../helpers/orchestratorDir.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/eml');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const truncated = [
  'From: Olga <olga@example.org>',
  'To: me@example.com',
  'Subject: Invitation: Retro',
  'Date: Sun, 01 Mar 2026 09:00:00 +0000',
  'Message-ID: <cut-off-1@example.org>',
  'MIME-Version: 1.0',
  'User-Agent: Mozilla Thunderbird',
  'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
  'Content-Transfer-Encoding: 8bit',
  '',
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:cut-1@example.org',
  'DTSTAMP:20260301T090000Z',
  'DTSTART:20260310T100000Z',
  'SUMMARY:Retro',
  'ORGANIZER:mailto:olga@example.org',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com',
  '',
].join('\r\n');

describe('records keep what was readable', () => {
  it('Google invitation processed twice: the duplicate still records METHOD and SEQUENCE', async () => {
    const { orch } = await openOrchestrator(dir, { fsync: false });
    const raw = readFileSync(path.join(FIX, 'google/request.eml'));
    const first = await orch.processMail(raw);
    expect(first.method).toBe('REQUEST');
    const again = await orch.processMail(raw);
    expect(again.duplicate).toBe(true);
    expect(again.method).toBe('REQUEST');
    expect(again.sequence).toBe(first.sequence);
    expect(again.uid).toBe(first.uid);
    expect(again.messageId).toBe(first.messageId);
  });

  it('a record written before METHOD and SEQUENCE were kept: the duplicate reads them from the message', async () => {
    const raw = readFileSync(path.join(FIX, 'google/request.eml'));
    const first = await (await openOrchestrator(dir, { fsync: false })).orch.processMail(raw);
    const log = path.join(dir, 'data', 'state', 'processed.jsonl');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const older = lines.map((l) => {
      const { method: _m, sequence: _s, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    expect(older.join('\n')).not.toMatch(/"method"|"sequence"/);
    writeFileSync(log, `${older.join('\n')}\n`);
    const again = await (await openOrchestrator(dir, { fsync: false })).orch.processMail(raw);
    expect(again).toMatchObject({ duplicate: true, method: 'REQUEST', sequence: first.sequence });
  });

  it('Thunderbird mail with a cut-off calendar part: the error record names the Message-ID', async () => {
    const { orch } = await openOrchestrator(dir, { fsync: false });
    const r = await orch.processMail(Buffer.from(truncated, 'utf8'));
    expect(r.outcome).toBe('error');
    expect(r.errorCode).toBe('CALENDAR_TRUNCATED');
    expect(r.messageId).toBe('<cut-off-1@example.org>');
  });
});
