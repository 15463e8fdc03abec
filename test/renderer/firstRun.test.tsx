// @vitest-environment jsdom
/**
 * First run: no account yet → add one: the address, what discovery found (or the servers by hand), password or
 * the provider's sign-in, the connection test naming what failed, save; accounts from a config file skip it.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { settingsFirstRun } from './fixtures';
import { renderWithApi, teardown } from './helpers';
import type { FakeApi } from './fakeApi';

afterEach(teardown);

async function enterAddress(address = 'me@example.com', server = 'IMAP server'): Promise<void> {
  await screen.findByRole('heading', { name: 'Add your mail account', level: 1 });
  fireEvent.change(screen.getByLabelText('Your e-mail address'), { target: { value: address } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByLabelText(server);
}

function fillServers(): void {
  fireEvent.change(screen.getByLabelText('IMAP server'), { target: { value: 'imap.example.com' } });
  fireEvent.change(screen.getByLabelText('SMTP server'), { target: { value: 'smtp.example.com' } });
  fireEvent.change(screen.getByLabelText('SMTP security'), { target: { value: 'starttls' } });
  fireEvent.change(screen.getByLabelText('Password', { selector: 'input[type=password]' }), {
    target: { value: 'secret' },
  });
}

const expectedInput = {
  id: null,
  me: ['me@example.com'],
  protocol: 'imap',
  incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me@example.com' },
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me@example.com' },
  auth: { kind: 'password', password: 'secret' },
};

function found(api: FakeApi): void {
  api.override('discoverAccount', async ({ address }) => ({
    ok: true,
    value: {
      address,
      found: true,
      protocol: 'pop3',
      incoming: { host: 'pop.example.net', port: 995, security: 'tls', user: address },
      smtp: { host: 'smtp.example.net', port: 465, security: 'tls', user: address },
      oauthProvider: null,
      sources: ['pop3 pop.example.net:995 — autoconfig https://autoconfig.example.net/mail/config-v1.1.xml'],
      guessed: false,
    },
  }));
}

describe('first run', () => {
  it('asks for the address first, then shows what is missing', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    await screen.findByRole('heading', { name: 'Add your mail account', level: 1 });
    expect(screen.queryByRole('navigation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter your e-mail address.');
    await enterAddress();
    expect(api.argsOf('discoverAccount')).toEqual([{ address: 'me@example.com' }]);
    expect(screen.getByText(/No settings were found for me@example.com/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const problems = await screen.findByRole('alert');
    expect(problems.textContent).toContain('Enter the IMAP server.');
    expect(problems.textContent).toContain('Enter the password.');
    expect(screen.getByLabelText('IMAP server').getAttribute('aria-invalid')).toBe('true');
    expect(api.argsOf('testAccount')).toEqual([]);
  });

  it('fills the servers from discovery and says where they came from', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    found(api);
    await enterAddress('me@example.net', 'POP3 server');
    expect((screen.getByLabelText('POP3 server') as HTMLInputElement).value).toBe('pop.example.net');
    expect(screen.getByText(/autoconfig https:\/\/autoconfig.example.net/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: /POP3/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('reports the incoming and outgoing failures separately with their messages', async () => {
    const { api } = renderWithApi(<App />, {
      settings: settingsFirstRun,
      connectionTest: {
        imap: { ok: false, code: 'AUTHENTICATIONFAILED', message: 'Invalid credentials (Failure)' },
        smtp: { ok: false, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 192.0.2.1:587' },
      },
    });
    await enterAddress();
    fillServers();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('list', { name: 'Connection test result' });
    const [imap, smtp] = within(report).getAllByRole('listitem');
    expect(imap?.textContent).toContain('IMAP (incoming):');
    expect(imap?.textContent).toContain('Authentication failed — Invalid credentials (Failure)');
    expect(smtp?.textContent).toContain('Host unreachable — connect ECONNREFUSED 192.0.2.1:587');
    expect(api.argsOf('testAccount')).toEqual([expectedInput]);
  });

  it('signs in with an OpenID Connect provider and saves the account with that sign-in', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    await enterAddress();
    fillServers();
    fireEvent.click(screen.getByRole('radio', { name: /With my provider/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the provider address and the client ID.');
    fireEvent.change(screen.getByLabelText('Provider address (issuer URL)'), {
      target: { value: 'https://id.example.com' },
    });
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'companion' } });
    fireEvent.click(screen.getByRole('button', { name: /Sign in with Other provider/ }));
    await screen.findByText('Signed in.');
    expect(api.argsOf('beginSignIn')).toEqual([
      {
        oauth: { provider: 'oidc', issuer: 'https://id.example.com', clientId: 'companion' },
        loginHint: 'me@example.com',
        protocol: 'imap',
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.argsOf('saveMailAccount')).toHaveLength(1));
    expect(api.argsOf('saveMailAccount')).toEqual([
      {
        ...expectedInput,
        auth: {
          kind: 'oauth2',
          oauth: { provider: 'oidc', issuer: 'https://id.example.com', clientId: 'companion' },
          flowId: 'flow-0000001',
        },
      },
    ]);
  });

  it('saves a password account and then shows the app', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    api.override('saveMailAccount', async (input) => {
      api.state.settings = {
        ...api.state.settings,
        account: { imap: input.incoming, smtp: input.smtp, hasPassword: true },
      };
      return { ok: true, value: api.state.accounts };
    });
    await enterAddress();
    fillServers();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByRole('heading', { name: 'Decisions', level: 1 });
    expect(api.argsOf('saveMailAccount')).toEqual([expectedInput]);
  });

  it('does not ask where the accounts come from the config file', async () => {
    renderWithApi(<App />, { settings: { ...settingsFirstRun, canEditAccount: false } });
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('heading', { name: 'Add your mail account' })).toBeNull();
  });

  it('can be put off and done later from Settings', async () => {
    renderWithApi(<App />, { settings: settingsFirstRun });
    fireEvent.click(await screen.findByRole('button', { name: 'Set up later' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add account' })).toBeTruthy());
  });
});
