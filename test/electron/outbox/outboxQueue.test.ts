import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxQueue } from '../../../electron/outbox/outboxQueue.js';
import { RETRY, newRecord, serialiseRecord } from '../../../electron/outbox/outboxRecord.js';
import { STALE_LOCK_MS } from '../../../electron/fsio/lockFile.js';
import { writeToOutbox } from '../../../electron/outbox/outboxFolder.js';
import { BAD_LOGIN, DEFERRED, FakeSender, OK, UNKNOWN_USER, UNREACHABLE } from './fakeSender.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');

class Clock {
  t = T0;
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

async function setup(opts: { random?: () => number } = {}) {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'imip-outbox-')), 'outbox');
  const clock = new Clock();
  const logs: string[] = [];
  const queue = await OutboxQueue.open(dir, {
    now: clock.now,
    log: (l) => logs.push(l),
    random: opts.random ?? (() => 0.5),
  });
  return { dir, clock, queue, logs };
}

let n = 0;
function mail(to: string, messageId: string | null = `<m${++n}@example.org>`, extra = ''): Buffer {
  return Buffer.from(
    `From: Bob <bob@example.org>\r\nTo: ${to}\r\n${messageId ? `Message-ID: ${messageId}\r\n` : ''}Subject: Accepted${extra}\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n`,
  );
}

async function enqueue(dir: string, raw: Buffer, to = 'ann@example.com'): Promise<string> {
  return path.basename(await writeToOutbox(dir, raw, { method: 'REPLY', to, uid: 'u1' }));
}

const emls = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
const record = async (file: string) =>
  JSON.parse(await readFile(`${file}.state.json`, 'utf8')) as Record<string, unknown>;

describe('OutboxQueue: sending', () => {
  it('sends in creation order, copies to Sent, moves each file with its record to sent/', async () => {
    const { dir, queue } = await setup();
    const a = await enqueue(dir, mail('ann@example.com', '<a@example.org>'));
    const b = await enqueue(dir, mail('carol@example.com', '<b@example.org>'), 'carol@example.com');
    expect(queue.nextDue()).toBe(T0);
    expect(queue.list()).toMatchObject([
      { file: a, state: 'queued', attempts: 0, to: ['ann@example.com'], messageId: '<a@example.org>', lastError: null },
      { file: b, state: 'queued', to: ['carol@example.com'], messageId: '<b@example.org>' },
    ]);
    const sender = new FakeSender();
    const copies: string[] = [];
    const asked: string[] = [];
    const r = await queue.drain(sender, {
      alreadySent: async (id) => (asked.push(id), false),
      afterSend: async (raw) => void copies.push(raw.toString()),
    });
    expect(r).toEqual({ sent: 2, skipped: 0, retried: 0, failed: 0, halted: null });
    expect(sender.sentIds()).toEqual(['<a@example.org>', '<b@example.org>']);
    expect(asked).toEqual(['<a@example.org>', '<b@example.org>']);
    expect(copies).toEqual(sender.calls.map((c) => c.raw.toString()));
    expect(await emls(dir)).toEqual([]);
    expect(await emls(path.join(dir, 'sent'))).toEqual([a, b]);
    expect(await record(path.join(dir, 'sent', a))).toMatchObject({
      state: 'sent',
      attempts: 1,
      sentAt: T0,
      serverResponse: OK.ok ? OK.response : '',
      sentCopy: 'done',
    });
    expect(await readdir(dir)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/\.(lock|state\.json|tmp)$/)]),
    );
    expect(queue.nextDue()).toBeNull();
    expect(queue.list()).toEqual([]);
  });

  it('gives a message without Message-ID a content-derived id before the first attempt and keeps it for retries', async () => {
    const { dir, queue, clock } = await setup();
    const name = await enqueue(dir, mail('ann@example.com', null));
    const sender = new FakeSender();
    sender.script = [DEFERRED, OK];
    await queue.drain(sender, {});
    const onDisk = await readFile(path.join(dir, name), 'utf8');
    const id = /^Message-ID: (<[0-9a-f]{32}@imip-companion>)\r\n/.exec(onDisk)?.[1];
    expect(id).toBeDefined();
    expect(queue.list()[0]?.messageId).toBe(id);
    clock.advance(RETRY.firstMs);
    await queue.drain(sender, {});
    expect(sender.sentIds()).toEqual([id, id]);
  });

  it('files written during a drain wait for the next drain; drains of one queue never overlap', async () => {
    const { dir, queue } = await setup();
    await enqueue(dir, mail('ann@example.com', '<first@example.org>'));
    const sender = new FakeSender();
    sender.script = [async () => (await enqueue(dir, mail('ann@example.com', '<late@example.org>')), OK)];
    const [r1, r2] = await Promise.all([queue.drain(sender, {}), queue.drain(sender, {})]);
    expect(r1.sent).toBe(1);
    expect(r2.sent).toBe(1);
    expect(sender.sentIds()).toEqual(['<first@example.org>', '<late@example.org>']);
    expect(sender.maxActive).toBe(1);
  });

  it('a partly refused recipient list still counts as sent and is recorded', async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com, x@example.com'));
    const sender = new FakeSender();
    sender.script = [{ ok: true, response: '250 ok', messageId: null, rejected: ['x@example.com'] }];
    const told: unknown[] = [];
    expect(
      (await queue.drain(sender, { onUndelivered: async (sent, refused) => void told.push([sent, refused]) })).sent,
    ).toBe(1);
    expect(await record(path.join(dir, 'sent', name))).toMatchObject({ rejected: ['x@example.com'] });
    // What was refused comes from the outbox record: method and UID as the writer gave them, nothing re-read.
    const sent = {
      messageId: expect.stringMatching(/^<m\d+@example.org>$/),
      method: 'REPLY',
      uid: 'u1',
      to: ['ann@example.com', 'x@example.com'],
    };
    expect(told).toEqual([[sent, [{ recipient: 'x@example.com', response: null }]]]);
  });

  it('a failing Sent copy is recorded and never causes a second send', async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    const r = await queue.drain(sender, { afterSend: () => Promise.reject(new Error('APPEND failed')) });
    expect(r.sent).toBe(1);
    expect(await record(path.join(dir, 'sent', name))).toMatchObject({
      state: 'sent',
      sentCopy: 'failed',
      sentCopyError: 'APPEND failed',
    });
    await queue.drain(sender, {});
    expect(sender.calls).toHaveLength(1);
  });

  it('keeps both when a reused file name meets an older one in sent/', async () => {
    const { dir, queue } = await setup();
    const sender = new FakeSender();
    const first = await enqueue(dir, mail('ann@example.com', '<one@example.org>'));
    await queue.drain(sender, {});
    // outboxFolder.ts numbers files by what is left in outbox/, so the same name comes back.
    const second = await enqueue(dir, mail('ann@example.com', '<two@example.org>'));
    expect(second).toBe(first);
    await queue.drain(sender, {});
    const stem = first.replace(/\.eml$/, '');
    expect(await emls(path.join(dir, 'sent'))).toEqual([first, `${stem}.1.eml`].sort());
    expect(await record(path.join(dir, 'sent', `${stem}.1.eml`))).toMatchObject({ messageId: '<two@example.org>' });
  });
});

describe('OutboxQueue: failures', () => {
  it('retries a deferral with capped exponential back-off: 30 s, 1 min, 2 min … 1 h', async () => {
    const { dir, queue, clock } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      sender.script = [DEFERRED];
      const before = clock.t;
      expect(await queue.drain(sender, {})).toMatchObject({ retried: 1, halted: null });
      const due = queue.nextDue();
      expect(due).not.toBeNull();
      delays.push((due ?? 0) - before);
      // Not due yet: a drain now does nothing.
      clock.advance((due ?? 0) - clock.t - 1);
      expect(await queue.drain(sender, {})).toMatchObject({ sent: 0, retried: 0 });
      clock.advance(1);
    }
    expect(delays).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
    expect(sender.calls).toHaveLength(10);
    expect(queue.list()).toMatchObject([
      { file: name, state: 'retry', attempts: 10, lastError: DEFERRED.ok ? '' : DEFERRED.message },
    ]);
    expect(await record(path.join(dir, name))).toMatchObject({
      lastCode: 'TEMPORARY',
      serverResponse: '451 4.3.0 try later',
    });
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
  });

  it('jitters the delay with the injected random source', async () => {
    const { dir, queue } = await setup({ random: () => 0 });
    await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.script = [DEFERRED, DEFERRED];
    await queue.drain(sender, {});
    expect(queue.nextDue()).toBe(T0 + 30_000); // 24 s, raised to the 30 s floor
  });

  it('moves a permanent refusal (5xx) to failed/ with the server answer, and goes on with the next message', async () => {
    const { dir, queue } = await setup();
    const bad = await enqueue(dir, mail('x@example.test'), 'x@example.test');
    const good = await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.byRecipient.set('x@example.test', UNKNOWN_USER);
    const told: unknown[] = [];
    // A hook that fails is logged; the queue goes on.
    const onUndelivered = async (_sent: unknown, refused: readonly unknown[]): Promise<void> => {
      told.push(refused);
      throw new Error('calendar busy');
    };
    expect(await queue.drain(sender, { onUndelivered })).toEqual({
      sent: 1,
      skipped: 0,
      retried: 0,
      failed: 1,
      halted: null,
    });
    expect(told).toEqual([[{ recipient: 'x@example.test', response: '550 5.1.1 <x@example.test>: User unknown' }]]);
    expect(await emls(path.join(dir, 'failed'))).toEqual([bad]);
    expect(await emls(path.join(dir, 'sent'))).toEqual([good]);
    expect(await record(path.join(dir, 'failed', bad))).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastCode: 'REJECTED',
      serverResponse: '550 5.1.1 <x@example.test>: User unknown',
      lastError: expect.stringContaining('550'),
    });
  });

  it('stops the drain and pauses the queue when the login fails; nothing is lost or moved to failed/', async () => {
    const { dir, queue, clock } = await setup();
    const a = await enqueue(dir, mail('ann@example.com'));
    const b = await enqueue(dir, mail('carol@example.com'), 'carol@example.com');
    const sender = new FakeSender();
    sender.script = [BAD_LOGIN];
    const r = await queue.drain(sender, {});
    expect(r).toEqual({
      sent: 0,
      skipped: 0,
      retried: 1,
      failed: 0,
      halted: { code: 'AUTH', message: BAD_LOGIN.ok ? '' : BAD_LOGIN.message },
    });
    expect(sender.calls).toHaveLength(1);
    expect(queue.list().map((e) => [e.file, e.state])).toEqual([
      [a, 'retry'],
      [b, 'queued'],
    ]);
    // b is due, but the account is broken: the agent sleeps until the pause ends.
    expect(queue.nextDue()).toBe(T0 + 30_000);
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 0, retried: 0 });
    expect(sender.calls).toHaveLength(1);
    // The user fixed the password: resume() sends what is due at once.
    queue.resume();
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
    clock.advance(30_000);
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
    expect(await emls(path.join(dir, 'failed'))).toEqual([]);
  });

  it('an unreachable server pauses the queue with growing pauses', async () => {
    const { dir, queue, clock } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    await enqueue(dir, mail('carol@example.com'), 'carol@example.com');
    const sender = new FakeSender();
    sender.script = [UNREACHABLE, UNREACHABLE];
    expect((await queue.drain(sender, {})).halted?.code).toBe('HOST_UNREACHABLE');
    clock.advance(30_000);
    await queue.drain(sender, {});
    expect(queue.nextDue()).toBe(clock.t + 60_000);
  });

  it('a 4yz to one message does not stop the others', async () => {
    const { dir, queue } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    await enqueue(dir, mail('carol@example.com'), 'carol@example.com');
    const sender = new FakeSender();
    sender.script = [DEFERRED];
    expect(await queue.drain(sender, {})).toEqual({ sent: 1, skipped: 0, retried: 1, failed: 0, halted: null });
  });

  it('gives up after 5 days of deferrals (RFC 5321 §4.5.4.1)', async () => {
    const { dir, queue, clock } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.script = [DEFERRED];
    await queue.drain(sender, {});
    clock.advance(RETRY.giveUpMs);
    sender.script = [DEFERRED];
    const told: (readonly { recipient: string; response: string | null }[])[] = [];
    const onUndelivered = async (
      _sent: unknown,
      refused: readonly { recipient: string; response: string | null }[],
    ): Promise<void> => void told.push(refused);
    expect(await queue.drain(sender, { onUndelivered })).toMatchObject({ failed: 1 });
    expect(await record(path.join(dir, 'failed', name))).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: expect.stringContaining('Gave up after 120 hours'),
    });
    expect(told).toEqual([
      [{ recipient: 'ann@example.com', response: expect.stringContaining('Gave up after 120 hours') }],
    ]);
  });

  it('a throwing sender is a temporary failure, not a crash of the drain', async () => {
    const { dir, queue } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.script = [
      () => {
        throw new Error('socket exploded');
      },
    ];
    expect(await queue.drain(sender, {})).toMatchObject({ retried: 1 });
    expect(queue.list()[0]?.lastError).toContain('socket exploded');
  });
});

describe('OutboxQueue: crashes and other processes', () => {
  /** Runs one send and puts the disk back the way a crash right after the server's 250 would have left it. */
  async function crashAfterSend(dir: string, queue: OutboxQueue, name: string): Promise<void> {
    let sendingRecord = '';
    const sender = new FakeSender();
    sender.script = [async () => ((sendingRecord = await readFile(path.join(dir, `${name}.state.json`), 'utf8')), OK)];
    await queue.drain(sender, {});
    await rename(path.join(dir, 'sent', name), path.join(dir, name));
    await rm(path.join(dir, 'sent', `${name}.state.json`));
    await writeFile(path.join(dir, `${name}.state.json`), sendingRecord);
    expect(JSON.parse(sendingRecord)).toMatchObject({ state: 'sending', messageId: expect.any(String) });
  }

  it("'sent' is on disk in the same turn of the event loop that read the server's 250, before anything else runs", async () => {
    // A kill -9 landing after the answer must find 'sent': the crash bench sent messages twice when this write
    // waited in the thread pool behind other writes' fsyncs. setImmediate runs before any pending file I/O completes.
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com', '<quick@example.org>'));
    let seen: unknown = null;
    const sender = new FakeSender();
    sender.script = [
      () => {
        setImmediate(
          () =>
            (seen = (JSON.parse(readFileSync(path.join(dir, `${name}.state.json`), 'utf8')) as { state: string })
              .state),
        );
        return OK;
      },
    ];
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
    expect(seen).toBe('sent');
  });

  it('a message regenerated after a crash (same Message-ID) is not sent again, even when its Sent copy is missing', async () => {
    // The crash bench's REFRESH processed twice (killed before its processed record): the second REQUEST has the
    // same deterministic Message-ID; the Sent folder cannot tell when the first copy was never filed there.
    const { dir, queue } = await setup();
    await enqueue(dir, mail('carol@example.com', '<again@example.org>'));
    const sender = new FakeSender();
    expect(await queue.drain(sender, { afterSend: () => Promise.reject(new Error('IMAP down')) })).toMatchObject({
      sent: 1,
    });
    await enqueue(dir, mail('carol@example.com', '<again@example.org>'));
    const restarted = await OutboxQueue.open(dir, { now: () => T0, random: () => 0.5 });
    expect(await restarted.drain(sender, { alreadySent: async () => false })).toMatchObject({ sent: 0, skipped: 1 });
    expect(sender.sentIds()).toEqual(['<again@example.org>']);
    expect(await emls(dir)).toEqual([]);
  });

  it("'sending' left behind + alreadySent true: not sent again", async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com', '<crash@example.org>'));
    await crashAfterSend(dir, queue, name);
    expect(queue.list()).toMatchObject([{ file: name, state: 'sending' }]);
    const sender = new FakeSender();
    const asked: string[] = [];
    const r = await queue.drain(sender, { alreadySent: async (id) => (asked.push(id), true) });
    expect(r).toEqual({ sent: 0, skipped: 1, retried: 0, failed: 0, halted: null });
    expect(asked).toEqual(['<crash@example.org>']);
    expect(sender.calls).toHaveLength(0);
    expect(await record(path.join(dir, 'sent', name))).toMatchObject({ state: 'sent', alreadySent: true });
  });

  it("'sending' left behind + alreadySent false: sent exactly once", async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com', '<crash2@example.org>'));
    await crashAfterSend(dir, queue, name);
    const sender = new FakeSender();
    expect(await queue.drain(sender, { alreadySent: async () => false })).toMatchObject({ sent: 1 });
    expect(await queue.drain(sender, { alreadySent: async () => false })).toMatchObject({ sent: 0 });
    expect(sender.sentIds()).toEqual(['<crash2@example.org>']);
  });

  it("'sending' left behind and the Sent folder cannot be asked: waits instead of risking a duplicate", async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    await crashAfterSend(dir, queue, name);
    const sender = new FakeSender();
    expect(await queue.drain(sender, { alreadySent: () => Promise.reject(new Error('IMAP down')) })).toMatchObject({
      retried: 1,
      halted: null,
    });
    expect(sender.calls).toHaveLength(0);
    expect(queue.list()[0]).toMatchObject({ state: 'retry', lastError: expect.stringContaining('IMAP down') });
  });

  it('a never-attempted message is sent even when the Sent folder cannot be asked', async () => {
    const { dir, queue } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    expect(await queue.drain(sender, { alreadySent: () => Promise.reject(new Error('IMAP down')) })).toMatchObject({
      sent: 1,
    });
  });

  it("a crash after 'sent' was recorded finishes the move and the Sent copy without sending", async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    let sentRecord = '';
    const first = new FakeSender();
    await queue.drain(first, {
      afterSend: async () => void (sentRecord = await readFile(path.join(dir, `${name}.state.json`), 'utf8')),
    });
    await rename(path.join(dir, 'sent', name), path.join(dir, name));
    await writeFile(path.join(dir, `${name}.state.json`), sentRecord);
    expect(JSON.parse(sentRecord)).toMatchObject({ state: 'sent', sentCopy: 'pending' });
    const copies: Buffer[] = [];
    const again = new FakeSender();
    expect(await queue.drain(again, { afterSend: async (raw) => void copies.push(raw) })).toMatchObject({
      sent: 0,
      skipped: 1,
    });
    expect(again.calls).toHaveLength(0);
    expect(copies).toHaveLength(1);
    expect(await emls(dir)).toEqual([]);
  });

  it('after a definite refusal (4yz) the retry goes out even when the Sent folder cannot be asked', async () => {
    const { dir, queue, clock } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.script = [DEFERRED];
    await queue.drain(sender, {});
    clock.advance(RETRY.firstMs);
    expect(await queue.drain(sender, { alreadySent: () => Promise.reject(new Error('IMAP down')) })).toMatchObject({
      sent: 1,
    });
  });

  it('after a connection lost mid-send the retry waits for the Sent folder, and keeps waiting while it is down', async () => {
    const { dir, queue, clock } = await setup();
    await enqueue(dir, mail('ann@example.com'));
    const sender = new FakeSender();
    sender.script = [{ ok: false, code: 'TEMPORARY', permanent: false, message: 'connection lost during DATA' }];
    await queue.drain(sender, {});
    const imapDown = { alreadySent: () => Promise.reject(new Error('IMAP down')) };
    for (let i = 0; i < 3; i++) {
      clock.advance(RETRY.maxMs);
      expect(await queue.drain(sender, imapDown)).toMatchObject({ sent: 0, retried: 1 });
    }
    clock.advance(RETRY.maxMs);
    expect(await queue.drain(sender, { alreadySent: async () => false })).toMatchObject({ sent: 1 });
    expect(sender.calls).toHaveLength(2);
  });

  it('a damaged state file means "maybe sent": the Sent folder is asked first', async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com', '<dmg@example.org>'));
    await writeFile(path.join(dir, `${name}.state.json`), '{"version":1,"sta');
    const sender = new FakeSender();
    expect(await queue.drain(sender, { alreadySent: () => Promise.reject(new Error('IMAP down')) })).toMatchObject({
      retried: 1,
    });
    expect(sender.calls).toHaveLength(0);
  });

  it('a state file about other bytes (an earlier message of the same name) is ignored', async () => {
    const { dir, queue } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    await writeFile(
      path.join(dir, `${name}.state.json`),
      JSON.stringify({
        version: 1,
        state: 'sent',
        sha256: 'feed',
        to: [],
        attempts: 1,
        nextAttemptAt: 0,
        sentCopy: 'done',
      }),
    );
    const sender = new FakeSender();
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
  });

  it('two queues on one folder (two processes) send each message once', async () => {
    const { dir, clock } = await setup();
    const names: string[] = [];
    for (let i = 0; i < 8; i++)
      names.push(await enqueue(dir, mail(`p${i}@example.com`, `<p${i}@example.org>`), `p${i}@example.com`));
    const q1 = await OutboxQueue.open(dir, { now: clock.now });
    const q2 = await OutboxQueue.open(dir, { now: clock.now });
    const sender = new FakeSender();
    sender.delayMs = 5;
    const [r1, r2] = await Promise.all([q1.drain(sender, {}), q2.drain(sender, {})]);
    expect(r1.sent + r2.sent).toBe(8);
    expect(sender.maxActive).toBe(2); // they really did run at the same time
    expect([...sender.sentIds()].sort()).toEqual(names.map((_, i) => `<p${i}@example.org>`).sort());
    expect(await emls(path.join(dir, 'sent'))).toEqual(names);
  });

  it('a fresh lock means another process is sending it: left alone; a stale one (dead process) is taken over', async () => {
    const { dir, queue, clock } = await setup();
    const name = await enqueue(dir, mail('ann@example.com'));
    const lock = path.join(dir, `${name}.lock`);
    await writeFile(lock, '{"token":"other-process"}');
    const sender = new FakeSender();
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 0, retried: 0 });
    expect(queue.list()).toMatchObject([{ file: name, state: 'sending' }]);
    expect(queue.nextDue()).toBe(clock.t + 30_000);
    const old = new Date(Date.now() - STALE_LOCK_MS - 1000);
    await utimes(lock, old, old);
    expect(await queue.drain(sender, {})).toMatchObject({ sent: 1 });
    expect((await readdir(dir)).filter((f) => f.includes('.lock'))).toEqual([]);
  });

  it('removes records and stale locks whose message is gone', async () => {
    const { dir, queue } = await setup();
    await writeFile(path.join(dir, 'gone.eml.state.json'), '{}');
    await writeFile(path.join(dir, 'gone2.eml.lock'), '{}');
    const old = new Date(Date.now() - STALE_LOCK_MS - 1000);
    await utimes(path.join(dir, 'gone.eml.state.json'), old, old);
    await utimes(path.join(dir, 'gone2.eml.lock'), old, old);
    // A finished record goes at once; a young queued one stays: the writer links the record just before its message.
    const done = newRecord('x', { messageId: '<d@x>', method: 'REPLY', uid: 'u', to: ['a@b'] }, 0);
    await writeFile(path.join(dir, 'done.eml.state.json'), serialiseRecord({ ...done, state: 'sent' }));
    await writeFile(path.join(dir, 'coming.eml.state.json'), serialiseRecord(done));
    await queue.drain(new FakeSender(), {});
    expect((await readdir(dir)).sort()).toEqual(['coming.eml.state.json', 'failed', 'sent']);
  });
});

describe('OutboxQueue: an outbox written by an earlier version', () => {
  it('a message without a record (the earlier writer) is listed and sent from its header; its record gets what is known', async () => {
    const { dir, queue } = await setup();
    await writeFile(
      path.join(dir, '0000000007-REPLY-ann@example.com.eml'),
      mail('Ann <ann@example.com>', '<legacy@example.org>'),
    );
    expect(queue.list()).toMatchObject([
      {
        file: '0000000007-REPLY-ann@example.com.eml',
        state: 'queued',
        messageId: '<legacy@example.org>',
        to: ['ann@example.com'],
        method: null,
        uid: null,
      },
    ]);
    const sender = new FakeSender();
    const copies: unknown[] = [];
    expect(await queue.drain(sender, { afterSend: async (_raw, sent) => void copies.push(sent) })).toMatchObject({
      sent: 1,
    });
    expect(sender.sentIds()).toEqual(['<legacy@example.org>']);
    expect(copies).toEqual([{ messageId: '<legacy@example.org>', method: null, uid: null, to: ['ann@example.com'] }]);
    expect(await record(path.join(dir, 'sent', '0000000007-REPLY-ann@example.com.eml'))).toMatchObject({
      version: 2,
      state: 'sent',
      sentCopy: 'done',
    });
  });

  it("a version 1 record left 'sending' by an earlier version is read: the Sent folder is asked before sending again", async () => {
    const { dir, queue } = await setup();
    const raw = mail('ann@example.com', '<v1@example.org>');
    const name = '0000000002-REPLY-ann@example.com.eml';
    await writeFile(path.join(dir, name), raw);
    const v1 = {
      version: 1,
      state: 'sending',
      messageId: '<v1@example.org>',
      sha256: createHash('sha256').update(raw).digest('hex'),
      to: ['ann@example.com'],
      attempts: 0,
      firstAttemptAt: T0,
      lastAttemptAt: T0,
      nextAttemptAt: T0,
      lastError: null,
      lastCode: null,
      serverResponse: null,
      sentAt: null,
      alreadySent: false,
      rejected: [],
      sentCopy: 'none',
      sentCopyError: null,
    };
    await writeFile(path.join(dir, `${name}.state.json`), JSON.stringify(v1));
    const asked: string[] = [];
    const sender = new FakeSender();
    expect(await queue.drain(sender, { alreadySent: async (id) => (asked.push(id), true) })).toMatchObject({
      skipped: 1,
    });
    expect(asked).toEqual(['<v1@example.org>']);
    expect(sender.calls).toHaveLength(0);
  });
});

describe('OutboxQueue: keeping finished messages', () => {
  const DAY = 24 * 3600 * 1000;

  it('removes sent and failed messages with their records once older than the retention, on the first drain and then daily', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'imip-outbox-')), 'outbox');
    const clock = new Clock();
    const logs: string[] = [];
    const queue = await OutboxQueue.open(dir, {
      now: clock.now,
      log: (l) => logs.push(l),
      random: () => 0.5,
      keepFinishedMs: 30 * DAY,
    });
    const sent = await enqueue(dir, mail('ann@example.com'));
    const refused = await enqueue(dir, mail('nobody@example.com'), 'nobody@example.com');
    const sender = new FakeSender();
    sender.byRecipient.set('nobody@example.com', UNKNOWN_USER);
    await queue.drain(sender, {});
    expect(await emls(path.join(dir, 'sent'))).toEqual([sent]);
    expect(await emls(path.join(dir, 'failed'))).toEqual([refused]);

    // 20 days later: a new message goes out; the old ones are younger than 30 days and stay.
    clock.advance(20 * DAY);
    const recent = await enqueue(dir, mail('carol@example.com'), 'carol@example.com');
    await queue.drain(new FakeSender(), {});
    expect(await emls(path.join(dir, 'sent'))).toEqual([sent, recent].sort());

    // 31 days after the first: the first two go, with their records; the recent one stays.
    clock.advance(11 * DAY);
    await queue.drain(new FakeSender(), {});
    expect(await readdir(path.join(dir, 'sent'))).toEqual([recent, `${recent}.state.json`]);
    expect(await readdir(path.join(dir, 'failed'))).toEqual([]);
    expect(logs.some((l) => /removed 2 finished messages older than 30 days/.test(l))).toBe(true);
  });

  it('keeps a finished message whose record is missing or damaged, and removes a record left without its message', async () => {
    const { dir, clock, queue } = await setup();
    const sentDir = path.join(dir, 'sent');
    await writeFile(path.join(sentDir, 'a.eml'), 'x');
    await writeFile(path.join(sentDir, 'b.eml'), 'x');
    await writeFile(path.join(sentDir, 'b.eml.state.json'), 'not json');
    const old = {
      version: 1,
      state: 'sent',
      messageId: '<o@x>',
      sha256: 'x',
      to: ['a@x'],
      attempts: 1,
      firstAttemptAt: T0,
      lastAttemptAt: T0,
      nextAttemptAt: T0,
      lastError: null,
      lastCode: null,
      serverResponse: '250 ok',
      sentAt: T0,
      alreadySent: false,
      rejected: [],
      sentCopy: 'done',
      sentCopyError: null,
    };
    await writeFile(path.join(sentDir, 'c.eml.state.json'), JSON.stringify(old));
    clock.advance(91 * DAY);
    expect(await queue.pruneFinished()).toBe(1);
    expect((await readdir(sentDir)).sort()).toEqual(['a.eml', 'b.eml', 'b.eml.state.json']);
  });
});
