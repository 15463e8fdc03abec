/**
 * A PUBLISH of several events through the orchestrator: one record per UID (what the CLI prints as one line each),
 * each event in its own calendar file, and the mail recorded once so processing it again does nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openOrchestrator } from '../../helpers/orchestratorDir.js';
import type { MailEnvelope } from '../../../shared/model/mail.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/multi-uid');
const env: MailEnvelope = {
  messageId: '<export-1@example.org>',
  from: { address: 'olga@example.org' },
  sender: null,
  replyTo: [],
  to: [{ address: 'me@example.com' }],
  cc: [],
  subject: 'Calendar',
  receivedAt: Date.parse('2026-03-01T10:00:00Z'),
  authenticationResults: [],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-parts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('PUBLISH with several UIDs through the orchestrator', () => {
  it('Outlook export: a record per UID, three calendar files, a second run is a duplicate', async () => {
    const { data, orch } = await openOrchestrator(dir, { policy: 'always', fsync: false });
    const text = readFileSync(path.join(FIX, 'outlook-export.ics'), 'utf8');
    const r = await orch.processCalendar(text, 'PUBLISH', env);
    expect(r.parts?.map((p) => [p.uid?.slice(-8), p.outcome])).toEqual([
      ['AAAA0001', 'applied'],
      ['AAAA0002', 'applied'],
      ['AAAA0003', 'applied'],
    ]);
    expect(r.outcome).toBe('applied');
    expect([...data.calendar.entries()]).toHaveLength(3);
    const again = await orch.processCalendar(text, 'PUBLISH', env);
    expect(again.duplicate).toBe(true);
    expect(again.parts).toBeUndefined();
  });

  it('Google holidays from an unknown sender: a decision per holiday, the mail pending', async () => {
    const { data, orch } = await openOrchestrator(dir, { policy: 'known', fsync: false });
    const text = readFileSync(path.join(FIX, 'google-holidays.ics'), 'utf8');
    const r = await orch.processCalendar(text, null, env);
    expect(r.outcome).toBe('pending');
    expect(r.parts?.map((p) => p.outcome)).toEqual(['pending', 'pending', 'pending']);
    expect(
      data.pending
        .list()
        .map((p) => p.summary)
        .sort(),
    ).toEqual(['Easter Monday', 'Good Friday', 'Labour Day']);
  });
});
