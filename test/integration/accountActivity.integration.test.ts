/**
 * A refused login, through the app service against the real servers: the app's own IMAP account with a wrong
 * password on the mail stack's Dovecot, the same account with a wrong password for Postfix's submission port (found
 * when a message is sent), and a POP3 account with a wrong password on the sign-in stack's Dovecot.
 * The account's health carries the code (AUTH_REFUSED) and its worded reason, the activity list records the
 * failure once however often the agent retries, and once more when the person saves the right password and the
 * login works again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry, MailAccountInput, MainApi } from '../../shared/ipc/contract.js';
import { openCompanion, type Companion } from '../../electron/companion/openCompanion.js';
import { enveloped } from '../../electron/app/serveMainApi.js';
import { FileMailAccounts } from '../../electron/settings/mailAccounts.js';
import { FileSecretStore } from '../../electron/settings/secretStore.js';
import { english } from '../../shared/i18n/index.js';
import { CA_FILE, PORTS, mailstackAvailable, readyMailUser, waitFor } from '../helpers/mailstack.js';
import { removeDir, tempDir } from '../helpers/agentEnv.js';
import { newStackUser, OAUTH_PORTS, oauthstackAvailable, oauthstackCa } from '../servers/oauthstack.js';

let companion: Companion | null = null;
let dir: string | null = null;
afterEach(async () => {
  await companion?.close();
  companion = null;
  if (dir) removeDir(dir);
  dir = null;
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

async function open(ca: string, lines: string[]): Promise<MainApi> {
  dir = tempDir('account-activity');
  companion = await openCompanion({
    dataDir: path.join(dir, 'data'),
    stores: {
      accounts: new FileMailAccounts(path.join(dir, 'accounts', 'accounts.json')),
      secrets: new FileSecretStore(path.join(dir, 'accounts', 'secrets.json')),
      tokens: () => null,
    },
    ca,
    pollSeconds: 1,
    fsync: false,
    log: (l) => lines.push(l),
  });
  return enveloped(companion.service);
}

async function accountEntries(api: MainApi): Promise<ActivityEntry[]> {
  return value(await api.listActivity({})).filter((e) => e.source === 'account');
}

/** Wrong password, retries, right password: one failure line, one "works again" line. */
async function refuseThenRepair(
  api: MainApi,
  input: MailAccountInput,
  password: string,
  refusals: () => number,
): Promise<void> {
  const id = input.me[0]!;
  value(await api.saveMailAccount(input));
  const sick = await waitFor(
    async () => {
      const a = value(await api.listAccounts()).accounts[0];
      return a?.health === 'password-needed' ? a : null;
    },
    { timeoutMs: 30_000, what: 'the refused login in the account health' },
  );
  expect(sick).toMatchObject({ problemCode: 'AUTH_REFUSED', reason: { key: 'accounts.problem.AUTH_REFUSED' } });
  expect(english.render(sick.reason!)).toBe(
    `The ${input.protocol === 'pop3' ? 'POP3' : 'IMAP'} server refused the login of ${id}.`,
  );
  // The agent keeps trying (back-off or poll); the list keeps one entry.
  await waitFor(() => refusals() >= 3, { timeoutMs: 30_000, what: 'three refused logins' });
  expect(await accountEntries(api)).toMatchObject([
    { kind: 'account', outcome: 'error', account: id, reason: { key: 'accounts.problem.AUTH_REFUSED' } },
  ]);
  value(await api.saveMailAccount({ ...input, id, auth: { kind: 'password', password } }));
  await waitFor(async () => (await accountEntries(api)).length === 2, {
    timeoutMs: 30_000,
    what: 'the login working again',
  });
  expect((await accountEntries(api)).map((e) => e.outcome)).toEqual(['applied', 'error']);
  expect(value(await api.listAccounts()).accounts[0]).toMatchObject({ health: 'ok', problemCode: null });
}

describe.skipIf(!mailstackAvailable())('a refused IMAP login in the app', () => {
  it('is coded, recorded once in the activity list, and recorded again when the right password is saved', async () => {
    const bob = await readyMailUser('refused');
    const lines: string[] = [];
    const api = await open(readFileSync(CA_FILE, 'utf8'), lines);
    const input: MailAccountInput = {
      me: [bob.address],
      protocol: 'imap',
      incoming: { host: '127.0.0.1', port: PORTS.imaps, security: 'tls', user: bob.user },
      smtp: { host: '127.0.0.1', port: PORTS.submission, security: 'starttls', user: bob.user },
      auth: { kind: 'password', password: 'wrong-password' },
    };
    await refuseThenRepair(api, input, bob.pass, () => lines.filter((l) => /imap: .*refused/.test(l)).length);
  });
});

describe.skipIf(!mailstackAvailable())('a refused SMTP login in the app', () => {
  it('is coded for the SMTP server before any message is sent, recorded once, and cleared by the right password', async () => {
    const bob = await readyMailUser('refusedsmtp');
    const carol = await readyMailUser('smtpcarol');
    const lines: string[] = [];
    const api = await open(readFileSync(CA_FILE, 'utf8'), lines);
    await companion!.store.run((d) => d.updateConfig({ undoSeconds: 0 }));
    const input: MailAccountInput = {
      me: [bob.address],
      protocol: 'imap',
      incoming: { host: '127.0.0.1', port: PORTS.imaps, security: 'tls', user: bob.user },
      smtp: { host: '127.0.0.1', port: PORTS.submission, security: 'starttls', user: bob.user },
      auth: { kind: 'password', password: bob.pass, smtpPassword: 'wrong-password' },
    };
    const id = bob.address;
    value(await api.saveMailAccount(input));
    // The agent logs in to the SMTP server when it starts: the refusal shows before an answer waits on it.
    const sick = await waitFor(
      async () => {
        const a = value(await api.listAccounts()).accounts[0];
        return a?.health === 'password-needed' ? a : null;
      },
      { timeoutMs: 30_000, what: 'the refused SMTP login in the account health' },
    );
    expect(sick).toMatchObject({
      problemCode: 'AUTH_REFUSED',
      reason: { key: 'accounts.problem.AUTH_REFUSED', params: { server: 'SMTP' } },
      problem: expect.stringMatching(/^535 /),
    });
    expect(await accountEntries(api)).toMatchObject([{ outcome: 'error', account: id }]);
    // A message sent meanwhile is refused too: the same episode, no second entry.
    value(
      await api.createEvent({
        summary: 'Refused on the way out',
        start: '2026-03-20T10:00',
        end: '2026-03-20T11:00',
        tz: 'Europe/Berlin',
        allDay: false,
        attendees: [{ address: carol.address }],
      }),
    );
    await waitFor(async () => lines.some((l) => /smtp: .*535/.test(l)), {
      timeoutMs: 30_000,
      what: 'the refused send',
    });
    expect(await accountEntries(api)).toMatchObject([{ outcome: 'error', account: id }]);
    // The right SMTP password (the IMAP one is kept: same servers): the account works again.
    value(
      await api.saveMailAccount({ ...input, id, auth: { kind: 'password', password: '', smtpPassword: bob.pass } }),
    );
    await waitFor(async () => (await accountEntries(api)).length === 2, {
      timeoutMs: 30_000,
      what: 'the account working again',
    });
    expect((await accountEntries(api)).map((e) => e.outcome)).toEqual(['applied', 'error']);
  });
});

describe.skipIf(!oauthstackAvailable())('a refused POP3 login in the app', () => {
  it('is coded, recorded once in the activity list, and recorded again when the right password is saved', async () => {
    const pam = newStackUser('refusedpop');
    const lines: string[] = [];
    const api = await open(oauthstackCa(), lines);
    const input: MailAccountInput = {
      me: [pam.user],
      protocol: 'pop3',
      incoming: { host: '127.0.0.1', port: OAUTH_PORTS.pop3s, security: 'tls', user: pam.user },
      smtp: { host: '127.0.0.1', port: OAUTH_PORTS.submission, security: 'starttls', user: pam.user },
      auth: { kind: 'password', password: 'wrong-password' },
    };
    await refuseThenRepair(api, input, pam.pass, () => lines.filter((l) => /pop3: .*login/.test(l)).length);
  });
});
