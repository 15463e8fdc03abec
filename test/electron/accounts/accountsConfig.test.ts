/**
 * The accounts of the agent configuration: the `accounts` form and the single-account form read through
 * loadAgentConfig, secrets resolved like passwords, and clear errors for what cannot work.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAgentConfig } from '../../../electron/settings/agentConfig.js';

function write(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'imip-accounts-'));
  writeFileSync(path.join(dir, 'pw'), 'secret\n', { mode: 0o600 });
  const file = path.join(dir, 'agent.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const imap = { host: 'imap.example.com', port: 993, secure: true, user: 'me@example.com', passwordFile: 'pw' };
const smtp = { host: 'smtp.example.com', port: 587, secure: false, user: 'me@example.com', passwordFile: 'pw' };

describe('accounts in the agent configuration', () => {
  it('reads the single-account form as one account "default"', async () => {
    const c = await loadAgentConfig(write({ imap, smtp, me: ['Me@Example.com'], dataDir: 'data' }));
    expect(c.accounts).toHaveLength(1);
    expect(c.accounts?.[0]).toMatchObject({
      id: 'default',
      me: ['me@example.com'],
      incoming: {
        protocol: 'imap',
        server: { host: 'imap.example.com', security: 'tls', password: 'secret', auth: 'password' },
      },
      oauth: null,
    });
    expect(c.imap).toMatchObject({ host: 'imap.example.com', password: 'secret' });
    expect(c.me).toEqual(['me@example.com']);
  });

  it("leaves the single-account form's caldav block to the file (a bare domain is fine), read once", async () => {
    const c = await loadAgentConfig(
      write({
        imap,
        smtp,
        me: ['me@example.com'],
        dataDir: 'data',
        caldav: { url: 'example.com', user: 'me', password: 'literal' },
      }),
    );
    expect(c.accounts?.[0]?.caldav).toBeNull();
    expect(c.caldav).toMatchObject({ url: 'example.com', password: 'literal' });
    expect(c.warnings.filter((w) => w.startsWith('caldav:'))).toHaveLength(1);
  });

  it("reads several accounts: imap with OAuth, pop3 with a password; the first is the agent's imap/smtp", async () => {
    const file = write({
      accounts: [
        {
          id: 'work',
          me: ['me@work.example'],
          imap: { host: 'outlook.office365.com', port: 993, secure: true, user: 'me@work.example' },
          smtp: { host: 'smtp.office365.com', port: 587, secure: false, user: 'me@work.example' },
          oauth: { provider: 'microsoft', clientId: 'abc', tokenFile: 'tokens.json' },
        },
        {
          id: 'home',
          me: ['me@home.example', 'alias@home.example'],
          pop3: { host: 'pop.home.example', port: 995, secure: true, user: 'me', passwordFile: 'pw' },
          smtp: { ...smtp, host: 'smtp.home.example' },
          caldav: { url: 'https://dav.home.example/cal/', user: 'me', passwordFile: 'pw' },
        },
      ],
      dataDir: 'data',
      policy: 'never',
    });
    const c = await loadAgentConfig(file);
    expect(c.accounts?.map((a) => [a.id, a.incoming.protocol, a.incoming.server.auth, a.smtp.auth])).toEqual([
      ['work', 'imap', 'oauth2', 'oauth2'],
      ['home', 'pop3', 'password', 'password'],
    ]);
    expect(c.accounts?.[0]?.oauth).toMatchObject({
      provider: 'microsoft',
      clientId: 'abc',
      tokenFile: path.join(path.dirname(file), 'tokens.json'),
      refreshTokenEnv: null,
    });
    expect(c.accounts?.[1]?.caldav).toMatchObject({
      url: 'https://dav.home.example/cal/',
      password: 'secret',
      auth: 'password',
    });
    expect(c.imap.host).toBe('outlook.office365.com');
    expect(c.me).toEqual(['me@work.example', 'me@home.example', 'alias@home.example']);
    expect(c.policy).toBe('never');
  });

  it('asks Microsoft for the POP scope for a POP3 account, and only for it', async () => {
    const ms = (id: string) => ({ provider: 'microsoft', clientId: 'abc', tokenFile: `${id}.json` });
    const outlook = { host: 'outlook.office365.com', port: 995, secure: true, user: 'me@work.example' };
    const c = await loadAgentConfig(
      write({
        accounts: [
          {
            id: 'pop',
            me: ['me@work.example'],
            pop3: outlook,
            smtp: { ...smtp, user: 'me@work.example' },
            oauth: ms('pop'),
          },
          { id: 'imap', me: ['me@other.example'], imap, smtp, oauth: ms('imap') },
        ],
        dataDir: 'data',
      }),
    );
    expect(c.accounts?.[0]?.oauth).toMatchObject({ provider: 'microsoft', pop3: true });
    expect(c.accounts?.[1]?.oauth).not.toHaveProperty('pop3');
    const { resolveProvider } = await import('../../../electron/accounts/oauthProvider.js');
    expect((await resolveProvider(c.accounts![0]!.oauth!)).scopes).toContain(
      'https://outlook.office.com/POP.AccessAsUser.All',
    );
    expect((await resolveProvider(c.accounts![1]!.oauth!)).scopes).not.toContain(
      'https://outlook.office.com/POP.AccessAsUser.All',
    );
  });

  it('refuses an account with both or neither of imap and pop3, oauth2 without oauth settings, and a repeated id', async () => {
    await expect(
      loadAgentConfig(write({ accounts: [{ me: ['a@b.example'], imap, pop3: imap, smtp }], dataDir: 'd' })),
    ).rejects.toThrow(/exactly one of imap or pop3/);
    await expect(loadAgentConfig(write({ accounts: [{ me: ['a@b.example'], smtp }], dataDir: 'd' }))).rejects.toThrow(
      /exactly one of imap or pop3/,
    );
    await expect(
      loadAgentConfig(
        write({ accounts: [{ id: 'x', me: ['a@b.example'], imap: { ...imap, auth: 'oauth2' }, smtp }], dataDir: 'd' }),
      ),
    ).rejects.toThrow(/x\.imap: auth "oauth2" needs the account's "oauth"/);
    await expect(
      loadAgentConfig(
        write({
          accounts: [
            { id: 'x', me: ['a@b.example'], imap, smtp },
            { id: 'x', me: ['c@d.example'], imap, smtp },
          ],
          dataDir: 'd',
        }),
      ),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(
      loadAgentConfig(
        write({
          accounts: [
            { me: ['a@b.example'], imap, smtp, oauth: { provider: 'oidc', issuer: 'not a url', clientId: 'c' } },
          ],
          dataDir: 'd',
        }),
      ),
    ).rejects.toThrow(/oauth\.issuer/);
  });
});
