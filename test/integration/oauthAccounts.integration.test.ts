/**
 * Several accounts in one `watch`: two IMAP accounts and a POP3 account (password sign-in) share one data dir
 * and one outbox; each invitation is handled once, and each reply leaves with its own account's address,
 * through that account's submission login, to the organizer's mailbox, with its copy in that account's Sent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../../electron/settings/agentConfig.js';
import { openCompanion } from '../../electron/companion/openCompanion.js';
import { invitationMail, removeDir, tempDir, cli } from '../helpers/agentEnv.js';
import { mailboxTexts, mailstackAvailable, readyMailUser, waitFor, type MailUser } from '../helpers/mailstack.js';
import {
  deliverToStack,
  newStackUser,
  OAUTH_PORTS,
  OAUTHSTACK_DIR,
  oauthstackAvailable,
  type StackUser,
} from '../servers/oauthstack.js';

/** The texts of a mailbox on the sign-in stack's Dovecot, read directly. */
function stackMailbox(user: string, mailbox: string): string[] {
  const out = execFileSync(
    'doveadm',
    ['-c', path.join(OAUTHSTACK_DIR, 'etc', 'dovecot.conf'), 'fetch', '-u', user, 'text', 'mailbox', mailbox, 'all'],
    { encoding: 'utf8' },
  );
  return out.split(/^text:\n/m).slice(1);
}

const run = oauthstackAvailable() && mailstackAvailable() ? describe : describe.skip;

run('several accounts in one agent', () => {
  let dir: string;
  let organizer: MailUser;
  beforeAll(async () => {
    dir = tempDir('accounts');
    organizer = await readyMailUser('orgm');
  });
  afterAll(() => dir && removeDir(dir));

  it('two IMAP accounts and a POP3 account: each invitation once, each reply through its own account', async () => {
    const work = newStackUser('work');
    const side = newStackUser('side');
    const home = newStackUser('home');
    const caFile = path.join(OAUTHSTACK_DIR, 'tls', 'cert.pem');
    const pw = (u: StackUser) => {
      const f = path.join(dir, `${u.user}.pw`);
      writeFileSync(f, u.pass, { mode: 0o600 });
      return f;
    };
    const smtp = (u: StackUser) => ({
      host: '127.0.0.1',
      port: OAUTH_PORTS.submission,
      secure: false,
      user: u.user,
      passwordFile: pw(u),
      caFile,
    });
    const configFile = path.join(dir, 'agent.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        accounts: [
          {
            id: 'work',
            me: [work.user],
            imap: {
              host: '127.0.0.1',
              port: OAUTH_PORTS.imaps,
              secure: true,
              user: work.user,
              passwordFile: pw(work),
              caFile,
            },
            smtp: smtp(work),
          },
          {
            id: 'side',
            me: [side.user],
            imap: {
              host: '127.0.0.1',
              port: OAUTH_PORTS.imaps,
              secure: true,
              user: side.user,
              passwordFile: pw(side),
              caFile,
            },
            smtp: smtp(side),
          },
          {
            id: 'home',
            me: [home.user],
            pop3: {
              host: '127.0.0.1',
              port: OAUTH_PORTS.pop3s,
              secure: true,
              user: home.user,
              passwordFile: pw(home),
              caFile,
            },
            smtp: smtp(home),
          },
        ],
        policy: 'known',
        dataDir: 'data',
        pollSeconds: 5,
      }),
    );
    const config = await loadAgentConfig(configFile);
    const processed: { account: string; uid: unknown; pendingId: unknown }[] = [];
    const companion = await openCompanion({ dataDir: config.dataDir, config, runAgent: false, log: () => undefined });
    await companion.startAgent(config, {
      onProcessed: (account, r) => processed.push({ account, uid: r.uid, pendingId: r.pendingId }),
    });
    const dataDir = path.join(dir, 'data');
    try {
      const toWork = invitationMail(organizer, [{ user: work.user, pass: '', address: work.user }], {
        summary: 'Work meeting',
      });
      const toHome = invitationMail(organizer, [{ user: home.user, pass: '', address: home.user }], {
        summary: 'Home meeting',
      });
      const toSide = invitationMail(organizer, [{ user: side.user, pass: '', address: side.user }], {
        summary: 'Side meeting',
      });
      await deliverToStack(toWork.raw, organizer.address, work.user);
      await deliverToStack(toSide.raw, organizer.address, side.user);
      await deliverToStack(toHome.raw, organizer.address, home.user);
      const w = await waitFor(() => processed.find((p) => p.uid === toWork.uid), {
        what: 'the IMAP invitation',
        timeoutMs: 30_000,
      });
      const sd = await waitFor(() => processed.find((p) => p.uid === toSide.uid), {
        what: 'the second IMAP invitation',
        timeoutMs: 30_000,
      });
      const h = await waitFor(() => processed.find((p) => p.uid === toHome.uid), {
        what: 'the POP3 invitation',
        timeoutMs: 30_000,
      });
      expect([w.account, sd.account, h.account]).toEqual(['work', 'side', 'home']);
      cli(dataDir, 'decide', String(w.pendingId), 'accept');
      cli(dataDir, 'decide', String(sd.pendingId), 'tentative');
      cli(dataDir, 'decide', String(h.pendingId), 'decline');
      const replies = await waitFor(
        () => {
          const texts = mailboxTexts(organizer.user).filter((t) => t.includes('METHOD:REPLY'));
          return texts.length >= 3 ? texts : null;
        },
        { what: 'the three replies in the organizer INBOX', timeoutMs: 40_000 },
      );
      expect(replies).toHaveLength(3);
      const replyTo = (uid: string) => replies.find((t) => t.includes(uid)) ?? '';
      expect(replyTo(toWork.uid)).toMatch(new RegExp(`^From: .*${work.user}`, 'mi'));
      expect(replyTo(toHome.uid)).toMatch(new RegExp(`^From: .*${home.user}`, 'mi'));
      expect(replyTo(toSide.uid)).toMatch(new RegExp(`^From: .*${side.user}`, 'mi'));
      expect(replyTo(toHome.uid)).toContain('PARTSTAT=DECLINED');
      // Each IMAP account's Sent folder holds its own reply only (POP3 has no Sent folder).
      const sent = (u: StackUser) => stackMailbox(u.user, 'Sent').filter((t) => t.includes('METHOD:REPLY'));
      await waitFor(() => (sent(work).length && sent(side).length) || null, {
        what: 'the copies in Sent',
        timeoutMs: 20_000,
      });
      expect(sent(work).map((t) => t.includes(toWork.uid))).toEqual([true]);
      expect(sent(side).map((t) => t.includes(toSide.uid))).toEqual([true]);
      // Each account keeps its own records in the one data dir.
      expect(existsSync(path.join(dataDir, 'state', 'accounts', 'work', 'imap'))).toBe(true);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'state', 'pop3', 'home.json'), 'utf8'))).toMatchObject({
        handled: [expect.any(String)],
      });
      expect(processed.filter((p) => [toWork.uid, toSide.uid, toHome.uid].includes(String(p.uid)))).toHaveLength(3);
      expect(existsSync(path.join(dataDir, 'state', 'accounts', 'side', 'imap'))).toBe(true);
    } finally {
      await companion.close();
    }
    // Which login sent each reply: Dovecot's submission log names the user of every session that relayed mail.
    const log = readFileSync(path.join(OAUTHSTACK_DIR, 'log', 'dovecot.log'), 'utf8');
    expect(log).toMatch(new RegExp(`submission\\(${work.user}\\)`));
    expect(log).toMatch(new RegExp(`submission\\(${home.user}\\)`));
    expect(log).toMatch(new RegExp(`submission\\(${side.user}\\)`));
  });
});
