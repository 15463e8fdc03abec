/**
 * POP3 accounts against Dovecot's pop3 service (test/servers/oauthstack.sh): messages are read and left on
 * the server, the data dir's UIDL record makes each one handled once across restarts, STLS is required when
 * asked for, and certificates are verified.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pop3Agent, pop3RecordFile } from '../../electron/agent/pop3Agent.js';
import { Pop3Client, type Pop3Account } from '../../electron/mail/pop3/pop3Client.js';
import { SharedDataDir } from '../../electron/store/sharedDataDir.js';
import { invitationMail } from '../helpers/agentEnv.js';
import type { MailUser } from '../helpers/mailstack.js';
import {
  deliverToStack,
  newStackUser,
  OAUTH_PORTS,
  oauthstackAvailable,
  oauthstackCa,
  type StackUser,
} from '../servers/oauthstack.js';

const run = oauthstackAvailable() ? describe : describe.skip;

const asMailUser = (u: StackUser): MailUser => ({ user: u.user, pass: u.pass, address: u.user });
const organizer: MailUser = { user: 'org', pass: '', address: 'organizer@example.test' };

run('POP3 accounts', () => {
  const ca = oauthstackAvailable() ? oauthstackCa() : '';
  const account = (u: StackUser, extra: Partial<Pop3Account> = {}): Pop3Account => ({
    host: '127.0.0.1',
    port: OAUTH_PORTS.pop3s,
    security: 'tls',
    user: u.user,
    password: u.pass,
    ca,
    ...extra,
  });

  async function agentFor(u: StackUser, dataDir: string, seen: unknown[]): Promise<Pop3Agent> {
    const shared = await SharedDataDir.open(dataDir);
    await shared.run((d) => d.updateConfig({ me: [u.user] }));
    return Pop3Agent.create({
      accountId: u.user,
      pop3: account(u),
      dataDir,
      log: () => undefined,
      onProcessed: (r) => seen.push(r),
    });
  }

  it('handles each message once across restarts and leaves every message on the server', async () => {
    const u = newStackUser('pop');
    const first = invitationMail(organizer, [asMailUser(u)], { summary: 'POP planning' });
    await deliverToStack(first.raw, organizer.address, u.user);
    await deliverToStack(
      `From: ${organizer.address}\r\nTo: ${u.user}\r\nSubject: just mail\r\nMessage-ID: <plain-${Date.now()}@example.test>\r\n\r\nno calendar here\r\n`,
      organizer.address,
      u.user,
    );
    const dataDir = await mkdtemp(path.join(tmpdir(), 'imip-pop3-'));

    const seen: Record<string, unknown>[] = [];
    const a1 = await agentFor(u, dataDir, seen);
    expect(await a1.pollOnce()).toMatchObject({ listed: 2, handled: 2, retry: 0 });
    await a1.stop();
    expect(seen.find((r) => r.uid === first.uid)).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(seen.filter((r) => r.kind === 'not-scheduling')).toHaveLength(1);

    // A restart: a new agent on the same data dir hands nothing out again.
    const a2 = await agentFor(u, dataDir, seen);
    expect(await a2.pollOnce()).toMatchObject({ listed: 2, handled: 0 });
    const second = invitationMail(organizer, [asMailUser(u)], { summary: 'POP follow-up' });
    await deliverToStack(second.raw, organizer.address, u.user);
    expect(await a2.pollOnce()).toMatchObject({ listed: 3, handled: 1 });
    await a2.stop();
    expect(seen).toHaveLength(3);
    expect(seen[2]).toMatchObject({ uid: second.uid, kind: 'invitation' });

    const record = JSON.parse(await readFile(pop3RecordFile(dataDir, u.user), 'utf8')) as { handled: string[] };
    expect(record.handled).toHaveLength(3);
    const c = await Pop3Client.connect(account(u));
    expect(await c.uidl()).toHaveLength(3);
    await c.quit();
  });

  it('reads byte for byte over STLS, including dot-stuffed lines', async () => {
    const u = newStackUser('stls');
    const body = `From: ${organizer.address}\r\nTo: ${u.user}\r\nSubject: dots\r\nMessage-ID: <dots-${Date.now()}@example.test>\r\n\r\n.leading dot\r\n..two\r\nend\r\n`;
    await deliverToStack(body, organizer.address, u.user);
    const c = await Pop3Client.connect(account(u, { port: OAUTH_PORTS.pop3, security: 'starttls' }));
    const [entry] = await c.uidl();
    const raw = (await c.retr(entry!.msg)).toString('utf8');
    await c.quit();
    expect(raw).toContain('\r\n.leading dot\r\n..two\r\nend\r\n');
  });

  it('refuses a wrong password, an untrusted certificate and clear text to a remote host with a code', async () => {
    const u = newStackUser('popbad');
    await expect(Pop3Client.connect(account(u, { password: 'wrong' }))).rejects.toMatchObject({ code: 'AUTH' });
    await expect(
      Pop3Client.connect({
        host: '127.0.0.1',
        port: OAUTH_PORTS.pop3s,
        security: 'tls',
        user: u.user,
        password: u.pass,
      }),
    ).rejects.toMatchObject({ code: 'TLS' });
    await expect(
      Pop3Client.connect({ host: 'pop.example.com', port: 110, security: 'none', user: u.user, password: u.pass }),
    ).rejects.toMatchObject({ code: 'TLS' });
  });
});
