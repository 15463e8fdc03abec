/**
 * The outbox end to end: files written the way the CLI and the orchestrator write them (buildImipMail →
 * outboxFolder.ts, as FolderSink does), drained through the real Postfix and Dovecot submission.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SmtpSender } from '../../electron/mail/smtp/index.js';
import { OutboxQueue } from '../../electron/outbox/index.js';
import { buildImipMail } from '../../electron/mail/buildImipMail.js';
import { writeToOutbox } from '../../electron/outbox/index.js';
import type { ItipMail } from '../../shared/model/outgoing.js';
import { DOMAIN, mailstackAvailable } from '../helpers/mailstack.js';
import { inbox, postfix, readyUser, replyFrom, submission } from '../electron/mail/smtp/smtpFixtures.js';

async function outboxDir(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'imip-smtp-outbox-')), 'outbox');
}

/** What FolderSink (electron/scheduling/outbox.ts) does for each outgoing message. */
class Sink {
  constructor(private readonly dir: string) {}
  async deliver(msg: ItipMail, meta: { now: number; autoSubmitted: boolean }): Promise<void> {
    const raw = await buildImipMail(msg, { date: new Date(meta.now), autoSubmitted: meta.autoSubmitted });
    await writeToOutbox(this.dir, raw, { method: msg.method, to: msg.to, uid: msg.uid });
  }
}

describe.skipIf(!mailstackAvailable())('OutboxQueue drained through the real servers', () => {
  it('drains through Postfix: delivered, copied to Sent, moved to sent/ with the server answer', async () => {
    const dir = await outboxDir();
    const bob = await readyUser('bob');
    const ann = await readyUser('ann');
    const carol = await readyUser('carol');
    const sink = new Sink(dir);
    const now = Date.now();
    const first = replyFrom(bob, ann.address, `drain-a-${now}@example.test`);
    await sink.deliver(first, { now, autoSubmitted: true });
    await sink.deliver(replyFrom(bob, carol.address, `drain-b-${now}@example.test`), { now, autoSubmitted: false });

    const queue = await OutboxQueue.open(dir, { now: () => Date.now() });
    expect(queue.list().map((e) => e.to)).toEqual([[ann.address], [carol.address]]);
    const sender = new SmtpSender(postfix);
    const copies: Buffer[] = [];
    const asked: string[] = [];
    const r = await queue.drain(sender, {
      alreadySent: async (id) => (asked.push(id), false),
      afterSend: async (raw) => void copies.push(raw),
    });
    sender.close();
    expect(r).toEqual({ sent: 2, skipped: 0, retried: 0, failed: 0, halted: null });
    expect(asked).toHaveLength(2);
    expect(copies).toHaveLength(2);

    const [annMail] = await inbox(ann);
    expect(annMail).toContain('Auto-Submitted: auto-generated');
    expect(annMail).toContain(`Message-ID: ${asked[0]}`);
    expect(await inbox(carol)).toHaveLength(1);
    const sent = (await readdir(path.join(dir, 'sent'))).filter((f) => f.endsWith('.eml'));
    expect(sent).toHaveLength(2);
    const record = JSON.parse(await readFile(path.join(dir, 'sent', `${sent[0]}.state.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      state: 'sent',
      attempts: 1,
      serverResponse: expect.stringMatching(/^250 /),
      sentCopy: 'done',
    });
    expect(queue.nextDue()).toBeNull();
  });

  it('an unknown recipient goes to failed/ with the 550; the other message is sent', async () => {
    const dir = await outboxDir();
    const bob = await readyUser('bob');
    const ann = await readyUser('ann');
    const sink = new Sink(dir);
    const now = Date.now();
    await sink.deliver(replyFrom(bob, `no=body@${DOMAIN}`, `fail-${now}@example.test`), { now, autoSubmitted: false });
    await sink.deliver(replyFrom(bob, ann.address, `ok-${now}@example.test`), { now, autoSubmitted: false });
    const queue = await OutboxQueue.open(dir, { now: () => Date.now() });
    expect(await queue.drain(new SmtpSender(postfix), {})).toEqual({
      sent: 1,
      skipped: 0,
      retried: 0,
      failed: 1,
      halted: null,
    });
    const failed = (await readdir(path.join(dir, 'failed'))).filter((f) => f.endsWith('.eml'));
    expect(failed).toHaveLength(1);
    const record = JSON.parse(await readFile(path.join(dir, 'failed', `${failed[0]}.state.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      state: 'failed',
      lastCode: 'REJECTED',
      serverResponse: expect.stringMatching(/^550 5\.1\.1 .*User unknown/),
    });
    expect(await inbox(ann)).toHaveLength(1);
  });

  it('a wrong password keeps everything queued and pauses; after the fix the same files go out once', async () => {
    const dir = await outboxDir();
    const bob = await readyUser('bob');
    const ann = await readyUser('ann');
    const sink = new Sink(dir);
    const now = Date.now();
    await sink.deliver(replyFrom(bob, ann.address, `auth-a-${now}@example.test`), { now, autoSubmitted: false });
    await sink.deliver(replyFrom(bob, ann.address, `auth-b-${now}@example.test`), {
      now: now + 1,
      autoSubmitted: false,
    });
    const queue = await OutboxQueue.open(dir, { now: () => Date.now() });
    const r = await queue.drain(new SmtpSender(submission(bob, { password: 'wrong' })), {});
    expect(r).toMatchObject({ sent: 0, retried: 1, failed: 0, halted: { code: 'AUTH' } });
    expect(queue.list().map((e) => e.state)).toEqual(['retry', 'queued']);
    expect((queue.nextDue() ?? 0) - Date.now()).toBeGreaterThan(20_000);

    queue.resume();
    const fixed = new SmtpSender(submission(bob));
    expect(await queue.drain(fixed, {})).toMatchObject({ sent: 1 });
    expect(queue.list().map((e) => e.state)).toEqual(['retry']);
    expect(await inbox(ann, 1)).toHaveLength(1);
  });
});
