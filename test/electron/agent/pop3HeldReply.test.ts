/**
 * A POP3 account's held answer (the undo grace) leaves when it falls due, not at the account's next poll: the
 * POP3 agent sets a timer for the outbox's next due message.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pop3Agent } from '../../../electron/agent/pop3Agent.js';
import { createLiveOrchestrator } from '../../../electron/scheduling/liveOrchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { ME, NOW, invitationMail } from '../app/appFixtures.js';
import { RecordingSender } from './agentFakes.js';

let dir: string | null = null;
let agent: Pop3Agent | null = null;
afterEach(async () => {
  await agent?.stop();
  agent = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

it("sends a POP3 account's held answer when the undo grace is over, long before the next poll", async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-pop3-held-'));
  const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
  await shared.run((d) => d.updateConfig({ me: [ME], undoSeconds: 1 }));
  // The invitation read on March 1 (the mail's own date), as a poll would have read it.
  await shared.run((d) =>
    createLiveOrchestrator(d, new FolderSink(path.join(shared.root, 'outbox')), () => NOW).processMail(
      invitationMail(),
    ),
  );
  const [pending] = shared.current.pending.list();
  const sender = new RecordingSender();
  agent = await Pop3Agent.create({
    accountId: 'pop',
    // Nothing listens there: each poll fails and is retried in ten minutes.
    pop3: { host: '127.0.0.1', port: 1, security: 'none', user: 'me', password: 'pw' },
    shared,
    sender,
    pollSeconds: 600,
    log: () => undefined,
  });
  agent.start();
  await agent.decide(pending?.id as string, 'accept', null);
  expect(sender.calls).toHaveLength(0); // held for the undo grace
  await vi.waitFor(() => expect(sender.calls).toHaveLength(1), { timeout: 5_000, interval: 100 });
});
