/**
 * The agent's loop with its parts faked: a scripted mailbox instead of the IMAP source, a recording sender instead
 * of SMTP, the real outbox queue on a temporary data dir. What it must do per message (process, mark, report),
 * after a decision (reply sent at once, copy in Sent by its Message-ID, message marked processed; with an undo grace
 * period: held, withdrawn by undo, or sent once the period is over). The same loop
 * runs against Dovecot/Postfix in test/integration/watch.integration.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActivityEntry, ConnectionStatus } from '../../../shared/ipc/contract.js';
import { Agent } from '../../../electron/agent/agent.js';
import { OutboxQueue } from '../../../electron/outbox/index.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { NOW, invitationMail } from '../app/appFixtures.js';
import { FakeMailbox, RecordingSender, config } from './agentFakes.js';
import { rememberUndo, snapshotOf, undoAction } from '../../../electron/app/undoAction.js';

let dir: string;
let agent: Agent | null = null;
afterEach(async () => {
  await agent?.stop();
  agent = null;
  rmSync(dir, { recursive: true, force: true });
});

/** undoSeconds 0: a decision's reply goes out at once (the hold is tested on its own below). */
async function startAgent(undoSeconds = 0): Promise<{
  agent: Agent;
  mailbox: FakeMailbox;
  sender: RecordingSender;
  shared: SharedDataDir;
}> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-agent-'));
  const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
  await shared.run((d) => d.updateConfig({ undoSeconds }));
  const mailbox = new FakeMailbox();
  const sender = new RecordingSender();
  const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
  agent = await Agent.assemble(
    config(shared.root),
    { shared, mailbox, sender, queue },
    { now: () => NOW, log: () => undefined },
  );
  await agent.start();
  return { agent, mailbox, sender, shared };
}

describe('the agent with faked mailbox and sender', () => {
  it('asks about an invitation, then carries out the decision: reply sent, copy in Sent, message processed', async () => {
    const { agent, mailbox, sender, shared } = await startAgent();
    const activity: ActivityEntry[] = [];
    let changed = 0;
    agent.onActivity((e) => activity.push(e));
    agent.onDecisionsChanged(() => changed++);

    const ref = await mailbox.deliver(invitationMail(), 11);
    expect(mailbox.marks).toEqual([{ ref, state: 'analyzed' }]);
    expect(activity).toMatchObject([{ kind: 'invitation', outcome: 'pending', uid: 'inv-1', source: 'mail' }]);
    expect(changed).toBe(1);
    const [pending] = shared.current.pending.list();
    expect(pending?.source).toEqual(ref);

    const record = await agent.decide(pending?.id as string, 'accept', null);
    expect(record).toMatchObject({ outcome: 'applied', outgoing: [{ method: 'REPLY', to: 'olga@example.org' }] });
    expect(sender.calls.map((c) => c.to)).toEqual([['olga@example.org']]);
    expect(mailbox.appended).toHaveLength(1);
    expect(mailbox.appended[0]?.toString()).toMatch(/PARTSTAT=ACCEPTED/);
    expect(mailbox.marks.at(-1)).toEqual({ ref, state: 'processed' });
  });

  it('files its own answer in Sent by its Message-ID, for the mailbox to store marked handled (never read back as news)', async () => {
    const { agent, mailbox, sender, shared } = await startAgent();
    await mailbox.deliver(invitationMail(), 1);
    const [pending] = shared.current.pending.list();
    await agent.decide(pending?.id as string, 'decline', null);
    const sent = sender.calls[0];
    expect(sent?.messageId).toMatch(/^<[0-9a-f]{32}@/);
    expect(mailbox.appended).toEqual([sent?.raw]);
    expect(mailbox.appendedIds).toEqual([sent?.messageId]);
  });

  it('says how the connection is, and stops the sender when it stops', async () => {
    const { agent, mailbox, sender } = await startAgent();
    const seen: ConnectionStatus[] = [];
    agent.onConnection((s) => seen.push(s));
    expect(agent.connection()).toMatchObject({ state: 'connected', message: 'Watching me@imap.example.com' });
    // The same for the app, in catalogue messages it words in the person's language.
    expect(agent.connection().details).toEqual([
      { key: 'ui.connection.watching', params: { account: 'me@imap.example.com', queued: 0 } },
    ]);
    mailbox.connected = false;
    mailbox.lastError = 'connection refused';
    agent.wake();
    await agent.decide('nothing-here', 'accept', null); // waits for the tick
    expect(seen.at(-1)).toMatchObject({
      state: 'offline',
      message: 'Cannot reach imap.example.com: connection refused (retrying)',
      details: [
        { key: 'ui.connection.unreachable', params: { host: 'imap.example.com', error: 'connection refused' } },
      ],
    });
    await agent.stop();
    expect(sender.closed).toBe(true);
  });

  it('holds the reply for the undo grace period: undo withdraws it, nothing is sent, the decision is open again', async () => {
    const { agent, mailbox, sender, shared } = await startAgent(30);
    await mailbox.deliver(invitationMail(), 5);
    const [pending] = shared.current.pending.list();
    const before = shared.current.calendar.getText('inv-1');
    const snapshot = await shared.run(async (d) => snapshotOf(d, 'inv-1'));
    const record = await agent.decide(pending?.id as string, 'accept', null);
    const ticket = await shared.run((d) =>
      rememberUndo(d, snapshot, record, {
        action: 'accept',
        kind: 'invitation',
        pendingId: pending?.id ?? null,
        graceMs: 30_000,
        outboxDir: path.join(shared.root, 'outbox'),
        now: NOW,
      }),
    );
    expect(ticket).not.toBeNull();
    expect(sender.calls).toHaveLength(0);
    const undone = await shared.run((d) => undoAction(d, ticket?.id ?? null));
    expect(undone).toMatchObject({ outcome: 'undone', withdrawn: 1 });
    agent.wake();
    await agent.decide('nothing-here', 'accept', null); // waits for the tick
    expect(sender.calls).toHaveLength(0);
    expect(shared.current.calendar.getText('inv-1')).toBe(before);
    expect(shared.current.pending.list().map((p) => p.id)).toEqual([pending?.id]);
  });

  it('an undone decision leaves its message processed: open again in the data dir, decided again once', async () => {
    const { agent, mailbox, sender, shared } = await startAgent(30);
    const ref = await mailbox.deliver(invitationMail(), 8);
    const [pending] = shared.current.pending.list();
    const snapshot = await shared.run(async (d) => snapshotOf(d, 'inv-1'));
    const record = await agent.decide(pending?.id as string, 'accept', null);
    const ticket = await shared.run((d) =>
      rememberUndo(d, snapshot, record, {
        action: 'accept',
        kind: 'invitation',
        pendingId: pending?.id ?? null,
        graceMs: 30_000,
        outboxDir: path.join(shared.root, 'outbox'),
        now: NOW,
      }),
    );
    expect(mailbox.marks).toEqual([
      { ref, state: 'analyzed' },
      { ref, state: 'processed' },
    ]);
    expect(await shared.run((d) => undoAction(d, ticket?.id ?? null))).toMatchObject({ outcome: 'undone' });
    agent.wake();
    await agent.decide('nothing-here', 'accept', null); // waits for the tick
    // No keyword goes back to $ITipAnalyzed: the decision waits in the data dir with its own copy of the message.
    expect(mailbox.marks.map((m) => m.state)).toEqual(['analyzed', 'processed']);
    expect(shared.current.pending.list().map((p) => p.id)).toEqual([pending?.id]);

    await shared.run((d) => d.updateConfig({ undoSeconds: 0 }));
    const again = await agent.decide(pending?.id as string, 'tentative', null);
    expect(again.outcome).toBe('applied');
    expect(sender.calls).toHaveLength(1);
    expect(String(sender.calls[0]?.raw)).toMatch(/PARTSTAT=TENTATIVE/);
    expect(mailbox.marks.every((m, i) => i === 0 || m.state === 'processed')).toBe(true);
    expect(shared.current.pending.list()).toEqual([]);
  });

  it('sends the held reply once the grace period is over, and only once', async () => {
    const { agent, mailbox, sender, shared } = await startAgent(1);
    await mailbox.deliver(invitationMail(), 6);
    const [pending] = shared.current.pending.list();
    await agent.decide(pending?.id as string, 'accept', null);
    expect(sender.calls).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1200));
    agent.wake();
    await agent.decide('nothing-here', 'accept', null);
    agent.wake();
    await agent.decide('nothing-here', 'accept', null);
    expect(sender.calls.map((c) => c.to)).toEqual([['olga@example.org']]);
  });
});
