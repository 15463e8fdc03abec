/**
 * Two accounts on one data dir with their parts faked, wired as runAccounts.ts wires them: one outbox drained
 * through the AccountRouter, each reply's copy in the Sent folder of the account it left through, each account's
 * waiting messages in its own state folder, and the AgentGroup the app service holds. The same wiring runs against
 * the sign-in stack's Dovecot in test/integration/oauthAccounts.integration.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, type SentFolders } from '../../../electron/agent/agent.js';
import { AccountRouter } from '../../../electron/agent/accountRouter.js';
import { AgentGroup } from '../../../electron/companion/agentGroup.js';
import { envelopeFromHeader } from '../../../electron/mail/smtp/index.js';
import { OutboxQueue } from '../../../electron/outbox/index.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { ME, NOW, invitationMail } from '../app/appFixtures.js';
import { FakeMailbox, RecordingSender, config } from '../agent/agentFakes.js';

let dir: string;
let group: AgentGroup | null = null;
afterEach(async () => {
  await group?.stop();
  group = null;
  rmSync(dir, { recursive: true, force: true });
});

interface Account {
  readonly id: string;
  readonly me: string;
  readonly mailbox: FakeMailbox;
  readonly sender: RecordingSender;
}

async function twoAccounts(): Promise<{
  home: Account;
  work: Account;
  agents: Map<string, Agent>;
  shared: SharedDataDir;
  router: AccountRouter;
}> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-group-'));
  const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
  // Replies go out at once here (no undo grace period): what is tested is the account they go through.
  await shared.run((d) => d.updateConfig({ undoSeconds: 0 }));
  const home: Account = {
    id: 'home',
    me: 'me@home.example',
    mailbox: new FakeMailbox(),
    sender: new RecordingSender(),
  };
  const work: Account = { id: 'work', me: ME, mailbox: new FakeMailbox(), sender: new RecordingSender() };
  const router = new AccountRouter([home, work].map((a) => ({ accountId: a.id, me: [a.me], sender: a.sender })));
  const agents = new Map<string, Agent>();
  const sentFolders: SentFolders = {
    append: async (raw, id) =>
      agents.get(router.routeFor(envelopeFromHeader(raw)?.from ?? null).accountId)?.appendToSent(raw, id),
    has: async () => false,
  };
  for (const a of [home, work]) {
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
    const sender = { send: router.send.bind(router), close: () => undefined };
    const agent = await Agent.assemble(
      { ...config(shared.root), me: [a.me], settings: { me: [home.me, work.me] } },
      { shared, mailbox: a.mailbox, sender, queue },
      { now: () => NOW, log: () => undefined, accountId: a.id, sentFolders },
    );
    await agent.start();
    agents.set(a.id, agent);
  }
  group = new AgentGroup([...agents.values()], () => router.close());
  return { home, work, agents, shared, router };
}

describe('several accounts as one agent handle', () => {
  it('answers through the account the invitation came to, with its copy in that account’s Sent, and marks its message', async () => {
    const { home, work, shared } = await twoAccounts();
    const ref = await work.mailbox.deliver(invitationMail(), 5);
    expect(work.mailbox.marks).toEqual([{ ref, state: 'analyzed' }]);
    expect(existsSync(path.join(shared.root, 'state', 'accounts', 'work', 'analyzed.json'))).toBe(true);
    expect(existsSync(path.join(shared.root, 'state', 'analyzed.json'))).toBe(false);
    const [pending] = shared.current.pending.list();

    // The group hands the decision to its first agent (home's); work's agent marks its own message.
    await group?.decide(pending?.id as string, 'accept', null);
    expect(work.sender.calls.map((c) => c.to)).toEqual([['olga@example.org']]);
    expect(home.sender.calls).toHaveLength(0);
    expect(work.mailbox.appended).toHaveLength(1);
    expect(home.mailbox.appended).toHaveLength(0);
    await vi.waitFor(() => expect(work.mailbox.marks.at(-1)).toEqual({ ref, state: 'processed' }));
    expect(home.mailbox.marks).toEqual([]);
  });

  it('says connected only when every account is, and otherwise which one is not', async () => {
    const { home } = await twoAccounts();
    expect(group?.connection()).toMatchObject({
      state: 'connected',
      message: 'Watching me@imap.example.com · Watching me@imap.example.com',
    });
    home.mailbox.connected = false;
    home.mailbox.lastError = 'connection refused';
    expect(group?.connection()).toMatchObject({
      state: 'offline',
      message: 'Cannot reach imap.example.com: connection refused (retrying)',
    });
  });

  it('stops every agent, then the router’s senders', async () => {
    const { home, work } = await twoAccounts();
    await group?.stop();
    group = null;
    expect(home.sender.closed && work.sender.closed).toBe(true);
  });
});
