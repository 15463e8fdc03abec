/**
 * Many open decisions: the cost of a message must not grow with the number of invitations already waiting (the
 * orchestrator looks up the UID's decisions for every message). 5,000 invitations from an unknown sender stay
 * pending; the last thousand may not take much longer per message than the first thousand. The bound is a ratio
 * and generous, so a loaded machine does not fail it, while a scan of every decision per message does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mail } from '../../helpers/cli.js';
import { openOrchestrator } from '../../helpers/orchestratorDir.js';
import { ics } from '../../helpers/itip.js';

const COUNT = 5_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-growth-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function invitation(i: number): Buffer {
  return Buffer.from(
    mail({
      from: 'olga@example.org',
      to: 'me@example.com',
      messageId: `g${i}@example.org`,
      ics: ics(
        'REQUEST',
        'BEGIN:VEVENT',
        `UID:growth-${i}`,
        'DTSTAMP:20260228T000000Z',
        'SEQUENCE:0',
        'DTSTART:20260312T090000Z',
        'DTEND:20260312T100000Z',
        `SUMMARY:Meeting ${i}`,
        'ORGANIZER:mailto:olga@example.org',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
      ),
    }),
  );
}

describe('open decisions piling up', () => {
  it('the last thousand of 5,000 pending invitations cost about what the first thousand did', async () => {
    const { data, orch } = await openOrchestrator(dir, { policy: 'never', fsync: false });
    const mails = Array.from({ length: COUNT }, (_, i) => invitation(i));
    // Warm up the engine and the file system path once, outside both measured thousands.
    for (let i = 0; i < 50; i++) await orch.processMail(mails[i]!);
    const spent: number[] = [];
    for (let i = 50; i < COUNT; i++) {
      const t = performance.now();
      const r = await orch.processMail(mails[i]!);
      spent.push(performance.now() - t);
      if (r.outcome !== 'pending') throw new Error(`message ${i}: ${r.outcome} ${r.reason}`);
    }
    expect(data.pending.size).toBe(COUNT);
    // Medians, so a pause of the machine in one stretch does not decide the result.
    const first = median(spent.slice(0, 1000));
    const last = median(spent.slice(-1000));
    expect(last / first).toBeLessThan(2);
  }, 600_000);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
