/**
 * Every write to the data dir goes through its one lock, whichever root runs: here the app service without a mail
 * agent (the web host without --config, the desktop app without an account) against a second writer, as the CLI's
 * `decide` in another process would be.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { invitationMail, openTestApp, orchestratorFor, type TestApp } from './appFixtures.js';

let app: TestApp;
afterEach(() => app?.cleanup());

describe('the app service without an agent', () => {
  it('sees a decision another writer took since, and sends no second reply', async () => {
    app = await openTestApp();
    const { pendingId } = await app.orchestrator.processMail(invitationMail());
    const id = pendingId as string;
    // Another process on the same folder (its own stores in memory), deciding under the lock.
    const other = await SharedDataDir.open(app.data.root, { fsync: false });
    const theirs = await other.run((data) => orchestratorFor(data).decide(id, 'decline', null));
    expect(theirs.outcome).toBe('applied');
    expect(app.outbox()).toHaveLength(1);

    const mine = await app.api.decide({ id, choice: 'accept' });
    expect(mine).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(app.outbox()).toHaveLength(1);
    expect(await app.api.listDecisions()).toEqual({ ok: true, value: [] });
  });

  it('waits for the lock another live process holds before it writes', async () => {
    app = await openTestApp();
    const { pendingId } = await app.orchestrator.processMail(invitationMail());
    const lock = path.join(app.data.root, '.lock');
    // The parent process is alive and is not this one: its lock is respected, not taken over.
    writeFileSync(lock, String(process.ppid));
    let settled = false;
    const decided = app.api.decide({ id: pendingId as string, choice: 'accept' }).finally(() => {
      settled = true;
    });
    const saved = app.api.updateSettings({ policy: 'never' });
    await new Promise((r) => setTimeout(r, 400));
    expect(settled).toBe(false);
    expect(app.outbox()).toHaveLength(0);
    expect(app.data.config().policy).toBeUndefined();

    unlinkSync(lock);
    expect(await decided).toMatchObject({ ok: true, value: { outcome: 'applied', sentTo: ['olga@example.org'] } });
    expect(await saved).toMatchObject({ ok: true, value: { policy: 'never' } });
    expect(app.outbox()).toHaveLength(1);
    expect(existsSync(lock)).toBe(false); // released again
  });
});
