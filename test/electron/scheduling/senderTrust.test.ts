/**
 * Sender trust end to end: the mail layer hands every Authentication-Results header in order (topmost first), the
 * data dir's config.json names the receiving server (`authservId`) and what an unconfirmed sender gets
 * (`unverifiedSenders`), and the engine believes only that server. Google's mail (test/fixtures/eml/google): From
 * the organizer, Sender calendar-notification, the receiving server mx2.example.org on top.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDir } from '../../../electron/store/dataDir.js';
import { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/eml/google');
const NOW = Date.parse('2026-03-03T00:00:00Z');
const MY_SERVER = /^Authentication-Results: mx2\.example\.org;\r?\n(?:[ \t].*\r?\n)*/m;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-trust-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function setup(config: Record<string, unknown>): Promise<{ data: DataDir; orch: Orchestrator }> {
  const data = await DataDir.open(path.join(dir, 'data'));
  await data.addMe(['bob@example.org']);
  await data.updateConfig(config);
  const orch = new Orchestrator(data, {
    policy: 'always',
    timeframeMs: 28 * 86_400_000,
    now: () => NOW,
    sink: new FolderSink(path.join(dir, 'out')),
  });
  // The invitation is stored unanswered under `always`; the cancellation is what the tests weigh.
  await orch.processMail(readFileSync(path.join(FIX, 'request.eml')));
  return { data, orch };
}

const cancel = (strip = false): Buffer => {
  const text = readFileSync(path.join(FIX, 'cancel.eml'), 'latin1');
  return Buffer.from(strip ? text.replace(MY_SERVER, '') : text, 'latin1');
};

describe('sender trust through the orchestrator', () => {
  it("Google's cancellation, DMARC pass by my server: applied even when unverified senders are held", async () => {
    const { orch } = await setup({ authservId: 'mx2.example.org', unverifiedSenders: 'hold' });
    const r = await orch.processMail(cancel());
    expect(r.outcome).toBe('applied');
    expect(r.warnings.filter((w) => w.key !== 'common.text')).toEqual([]);
  });

  it("without my server's header, the relay's arc=none leaves it unverified: held under hold", async () => {
    const { data, orch } = await setup({ authservId: 'mx2.example.org', unverifiedSenders: 'hold' });
    const r = await orch.processMail(cancel(true));
    expect(r.outcome).toBe('pending');
    // common.text: the reader's note that the attachment repeats the inline part.
    expect(r.warnings.map((w) => w.key).filter((k) => k !== 'common.text')).toEqual(['warning.senderUnauthenticated']);
    expect(data.pending.list()).toHaveLength(2);
  });

  it('learned from the topmost header when no authservId is set; default apply takes the unverified', async () => {
    const held = await setup({ unverifiedSenders: 'hold' });
    expect((await held.orch.processMail(cancel(true))).outcome).toBe('pending');
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-trust-'));
    const open = await setup({});
    expect((await open.orch.processMail(cancel(true))).outcome).toBe('applied');
  });
});
