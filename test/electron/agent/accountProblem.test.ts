/**
 * What failed, as a code, from the agents to the app: the IMAP source's and POP3 client's codes, a token source's
 * refusal wrapped inside a login error, and SMTP results per account (the single agent's own sender, and each
 * route of the several-accounts router). Never read from the server's wording.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from '../../../electron/agent/agent.js';
import { AccountRouter } from '../../../electron/agent/accountRouter.js';
import { problemOfCode, problemOfError, problemOfSmtp } from '../../../electron/agent/accountProblem.js';
import { SMTP_RECHECK_MS, SmtpHealth } from '../../../electron/agent/smtpHealth.js';
import { AccountError } from '../../../electron/accounts/accountError.js';
import { ImapError } from '../../../electron/mail/imap/imapErrors.js';
import { Pop3Error } from '../../../electron/mail/pop3/pop3Error.js';
import { OutboxQueue } from '../../../electron/outbox/index.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { NOW, invitationMail } from '../app/appFixtures.js';
import { BAD_LOGIN, OK, UNKNOWN_USER } from '../outbox/fakeSender.js';
import { FakeMailbox, RecordingSender, config } from './agentFakes.js';

let dir: string | null = null;
let agent: Agent | null = null;
afterEach(async () => {
  await agent?.stop();
  agent = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('account problems as codes', () => {
  it('maps the transports and the token source, whatever the words', () => {
    expect(problemOfCode('AUTH', 'imap')).toEqual({ code: 'AUTH_REFUSED', server: 'imap' });
    expect(problemOfCode('TLS', 'imap')).toEqual({ code: 'TLS_FAILED', server: 'imap' });
    expect(problemOfCode('HOST_UNREACHABLE', 'imap')).toEqual({ code: 'CONNECT_FAILED', server: 'imap' });
    expect(problemOfCode('PROTOCOL', 'imap')).toEqual({ code: 'SERVER_FAILED', server: 'imap' });
    expect(problemOfCode('AUTH_SIGN_IN_AGAIN', 'imap')).toEqual({ code: 'AUTH_SIGN_IN_AGAIN', server: 'oauth' });
    expect(problemOfCode(null, 'imap')).toBeNull();
    expect(problemOfError(new Pop3Error('AUTH', 'Authentication failed.'), 'pop3')).toEqual({
      code: 'AUTH_REFUSED',
      server: 'pop3',
    });
    expect(problemOfError(new Pop3Error('AUTH', 'OK all fine'), 'pop3').code).toBe('AUTH_REFUSED');
    // The token source's refusal inside the login error (clientOptions.ts wraps it as AUTH with a cause).
    const lapsed = new AccountError('AUTH_SIGN_IN_AGAIN', 'invalid_grant');
    expect(problemOfError(new ImapError('AUTH', 'no access token', { cause: lapsed }), 'imap')).toEqual({
      code: 'AUTH_SIGN_IN_AGAIN',
      server: 'oauth',
    });
    expect(problemOfError(lapsed, 'pop3')).toEqual({ code: 'AUTH_SIGN_IN_AGAIN', server: 'oauth' });
    expect(problemOfError(new AccountError('AUTH_UNREACHABLE', 'ENOTFOUND'), 'pop3')).toEqual({
      code: 'CONNECT_FAILED',
      server: 'oauth',
    });
    expect(problemOfError(new Error('socket hang up'), 'pop3').code).toBe('SERVER_FAILED');
    // A refused recipient is the message's trouble, not the account's.
    expect(problemOfSmtp('REJECTED')).toBeNull();
    expect(problemOfSmtp('AUTH')).toEqual({ code: 'AUTH_REFUSED', server: 'smtp' });
  });

  it("keeps each account's SMTP problem until a message goes through again", async () => {
    const health = new SmtpHealth();
    health.observe(BAD_LOGIN);
    expect(health.problem).toMatchObject({
      code: 'AUTH_REFUSED',
      server: 'smtp',
      message: '535 5.7.8 Authentication failed.',
    });
    health.observe(UNKNOWN_USER);
    expect(health.problem?.code).toBe('AUTH_REFUSED');
    health.observe(OK);
    expect(health.problem).toBeNull();
    // Several accounts: the router knows whose server refused.
    const ann = new RecordingSender();
    const bob = new RecordingSender();
    bob.script = [BAD_LOGIN];
    const router = new AccountRouter([
      { accountId: 'ann', me: ['ann@example.org'], sender: ann },
      { accountId: 'bob', me: ['bob@example.org'], sender: bob },
    ]);
    await router.send(Buffer.from('From: bob@example.org\r\nTo: x@example.com\r\n\r\nhi'));
    await router.send(Buffer.from('From: ann@example.org\r\nTo: x@example.com\r\n\r\nhi'));
    expect(router.smtpProblem('bob')).toMatchObject({ code: 'AUTH_REFUSED', server: 'smtp' });
    expect(router.smtpProblem('ann')).toBeNull();
  });

  it('logs in without sending when due: at the start, then every 15 minutes while a problem stands', async () => {
    const health = new SmtpHealth();
    const answers = [BAD_LOGIN, BAD_LOGIN, OK];
    let logins = 0;
    const tester = {
      testLogin: async () => {
        logins++;
        return answers.shift() ?? OK;
      },
    };
    const t0 = 1_000_000;
    expect(await health.checkWhenDue(t0, tester)).toBe(true);
    expect(health.problem).toMatchObject({ code: 'AUTH_REFUSED', server: 'smtp' });
    expect(await health.checkWhenDue(t0 + SMTP_RECHECK_MS - 1, tester)).toBe(false);
    expect(logins).toBe(1);
    // Tried again, refused again: nothing changed.
    expect(await health.checkWhenDue(t0 + SMTP_RECHECK_MS, tester)).toBe(false);
    expect(logins).toBe(2);
    // Repaired (a new password on the server, the network back): cleared without a message sent.
    expect(await health.checkWhenDue(t0 + 2 * SMTP_RECHECK_MS, tester)).toBe(true);
    expect(health.problem).toBeNull();
    // Nothing wrong: no more logins; sends tell from here on.
    expect(await health.checkWhenDue(t0 + 10 * SMTP_RECHECK_MS, tester)).toBe(false);
    expect(logins).toBe(3);
    // A sender that cannot test (a fake) is never asked; one test at a time.
    expect(await new SmtpHealth().checkWhenDue(t0, {})).toBe(false);
    const slow = new SmtpHealth();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first = slow.checkWhenDue(t0, { testLogin: () => gate.then(() => BAD_LOGIN) });
    expect(await slow.checkWhenDue(t0, tester)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(logins).toBe(3);
  });

  it("shows a refused SMTP login on the agent's connection before any message is sent", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-problem-'));
    const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
    const mailbox = new FakeMailbox();
    const sender = Object.assign(new RecordingSender(), { testLogin: async () => BAD_LOGIN });
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
    agent = await Agent.assemble(
      config(shared.root),
      { shared, mailbox, sender, queue },
      { now: () => NOW, log: () => undefined },
    );
    const seen: string[] = [];
    agent.onConnection((c) => seen.push(`${c.state}/${c.code ?? '-'}/${c.server ?? '-'}`));
    await agent.start();
    await vi.waitFor(() => expect(seen).toContain('error/AUTH_REFUSED/smtp'));
    expect(sender.calls).toHaveLength(0);
  });

  it("puts the code on the agent's connection: a refused IMAP login, then an SMTP server refusing the reply's login", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-problem-'));
    const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
    await shared.run((d) => d.updateConfig({ undoSeconds: 0 }));
    const mailbox = new FakeMailbox();
    const sender = new RecordingSender();
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
    agent = await Agent.assemble(
      config(shared.root),
      { shared, mailbox, sender, queue },
      { now: () => NOW, log: () => undefined },
    );
    await agent.start();
    mailbox.connected = false;
    mailbox.lastError = 'The mail server refused the user name or password: NO [UNAVAILABLE] try later';
    mailbox.lastErrorCode = 'AUTH';
    expect(agent.connection()).toMatchObject({
      state: 'offline',
      code: 'AUTH_REFUSED',
      server: 'imap',
      // The server's text without the IMAP source's own English sentence before it.
      details: [
        { key: 'accounts.problem.AUTH_REFUSED', params: { server: 'IMAP', detail: 'NO [UNAVAILABLE] try later' } },
      ],
    });
    mailbox.connected = true;
    mailbox.lastError = null;
    mailbox.lastErrorCode = null;
    expect(agent.connection()).toMatchObject({ state: 'connected', code: null });
    sender.script = [BAD_LOGIN];
    await mailbox.deliver(invitationMail(), 3);
    const [pending] = shared.current.pending.list();
    await agent.decide(pending?.id as string, 'accept', null);
    expect(sender.calls).toHaveLength(1);
    expect(agent.connection()).toMatchObject({
      state: 'error',
      code: 'AUTH_REFUSED',
      server: 'smtp',
      details: [{ key: 'accounts.problem.AUTH_REFUSED', params: { server: 'SMTP' } }],
    });
  });
});
