/**
 * Held mail (the undo grace period): the drain leaves it alone while held and sends it once after; withdrawing it
 * within the period removes it for good, all or nothing; releasing it sends it at the next drain.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxQueue } from '../../../electron/outbox/outboxQueue.js';
import { writeToOutbox } from '../../../electron/outbox/outboxFolder.js';
import { releaseHeld, withdrawHeld } from '../../../electron/outbox/outboxHold.js';
import { tryLock } from '../../../electron/fsio/lockFile.js';
import { FakeSender } from './fakeSender.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');

async function setup() {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'imip-hold-')), 'outbox');
  const queue = await OutboxQueue.open(dir, { now: () => T0, random: () => 0.5 });
  return { dir, queue };
}

let n = 0;
function mail(to: string): Buffer {
  return Buffer.from(
    `From: Bob <bob@example.org>\r\nTo: ${to}\r\nMessage-ID: <h${++n}@example.org>\r\nSubject: Accepted\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n`,
  );
}

const held = (dir: string, to: string, ms: number) =>
  writeToOutbox(dir, mail(to), { method: 'REPLY', to, uid: 'u1', now: T0, heldUntil: Date.now() + ms });
const emls = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.eml'));

describe('held outbox mail', () => {
  it('is not sent while held; nextDue says when the hold ends; sent once after it', async () => {
    const { dir, queue } = await setup();
    await held(dir, 'ann@example.com', 600);
    const sender = new FakeSender();
    expect(await queue.drain(sender)).toMatchObject({ sent: 0 });
    expect(sender.calls).toHaveLength(0);
    expect(queue.list()[0]?.heldUntil).toBeGreaterThan(Date.now());
    expect(queue.nextDue()).toBeGreaterThan(T0);
    await new Promise((r) => setTimeout(r, 700));
    expect(queue.nextDue()).toBe(T0);
    expect(await queue.drain(sender)).toMatchObject({ sent: 1 });
    expect(await queue.drain(sender)).toMatchObject({ sent: 0 });
    expect(sender.calls).toHaveLength(1);
  });

  it('withdrawn within the hold: gone, never sent', async () => {
    const { dir, queue } = await setup();
    const a = await held(dir, 'ann@example.com', 60_000);
    const b = await held(dir, 'bob@example.com', 60_000);
    expect(await withdrawHeld(dir, [a, b])).toBe('withdrawn');
    expect(await emls(dir)).toEqual([]);
    const sender = new FakeSender();
    await queue.drain(sender);
    expect(sender.calls).toHaveLength(0);
  });

  it('is too late when one message is being sent, has gone or is not held; then nothing is removed', async () => {
    const { dir, queue } = await setup();
    const a = await held(dir, 'ann@example.com', 60_000);
    const b = await held(dir, 'bob@example.com', 60_000);
    const lock = await tryLock(`${b}.lock`);
    expect(await withdrawHeld(dir, [a, b])).toBe('too-late');
    await lock?.release();
    expect(await emls(dir)).toHaveLength(2);
    const plain = await writeToOutbox(dir, mail('cy@example.com'), {
      method: 'REPLY',
      to: 'cy@example.com',
      uid: 'u1',
    });
    expect(await withdrawHeld(dir, [a, plain])).toBe('too-late');
    expect(await emls(dir)).toHaveLength(3);
    expect(await withdrawHeld(dir, [path.join(dir, 'gone.eml')])).toBe('too-late');
    void queue;
  });

  it('released early: sent at the next drain and no longer withdrawable', async () => {
    const { dir, queue } = await setup();
    const a = await held(dir, 'ann@example.com', 60_000);
    expect(await releaseHeld(dir, [a])).toBe(1);
    expect(await withdrawHeld(dir, [a])).toBe('too-late');
    const sender = new FakeSender();
    expect(await queue.drain(sender)).toMatchObject({ sent: 1 });
  });
});
