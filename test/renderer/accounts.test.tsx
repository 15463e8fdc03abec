// @vitest-environment jsdom
/**
 * The accounts in the app shell: the sign-in banner on every screen (Sign in again runs the browser sign-in for
 * that account; a refused password leads to the account's repair form) and the list's remove with confirmation.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { AccountsView, MailAccountView } from '../../shared/ipc/contract.js';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

const account = (over: Partial<MailAccountView>): MailAccountView => ({
  id: 'ann@example.org',
  me: ['ann@example.org'],
  protocol: 'imap',
  incoming: { host: 'imap.example.org', port: 993, security: 'tls', user: 'ann@example.org' },
  smtp: { host: 'smtp.example.org', port: 465, security: 'tls', user: 'ann@example.org' },
  auth: 'oauth2',
  oauth: { provider: 'oidc', issuer: 'https://id.example.org', clientId: 'companion' },
  hasSecret: true,
  health: 'ok',
  problem: null,
  problemCode: null,
  reason: null,
  ...over,
});

const view = (...accounts: MailAccountView[]): AccountsView => ({
  accounts,
  canEdit: true,
  oauthClients: { microsoft: false, google: false },
});

describe('accounts in the app', () => {
  it('shows a banner for a lapsed sign-in on every screen, signs in again, and drops it when the account works', async () => {
    const { api } = renderWithApi(<App />, {
      accounts: view(account({ health: 'sign-in-needed', problem: 'revoked' })),
    });
    const banner = await screen.findByText(/ann@example.org needs you to sign in again/);
    expect(banner).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    expect(await screen.findByText(/ann@example.org needs you to sign in again/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(api.argsOf('finishSignIn')).toHaveLength(1));
    expect(api.argsOf('beginSignIn')).toEqual([{ accountId: 'ann@example.org' }]);
    api.emit('accountsChanged', view(account({ health: 'ok' })));
    await waitFor(() => expect(screen.queryByText(/needs you to sign in again/)).toBeNull());
  });

  it('leads from a refused password to the repair form of that account', async () => {
    const refused = account({
      auth: 'password',
      oauth: null,
      health: 'password-needed',
      problem: 'Cannot reach imap.example.org: AUTHENTICATIONFAILED (retrying)',
    });
    const { api } = renderWithApi(<App />, { accounts: view(refused) });
    await screen.findByText(/The server refused the password of ann@example.org/);
    fireEvent.click(screen.getByRole('button', { name: 'Enter the password' }));
    const password = await screen.findByLabelText('Password', { selector: 'input[type=password]' });
    expect(screen.getByText('Leave empty to keep the stored password.')).toBeTruthy();
    fireEvent.change(password, { target: { value: 'new-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.argsOf('saveMailAccount')).toHaveLength(1));
    expect(api.argsOf('saveMailAccount')[0]).toMatchObject({
      id: 'ann@example.org',
      auth: { kind: 'password', password: 'new-secret' },
    });
  });

  it('removes an account only after asking', async () => {
    const { api } = renderWithApi(<App />, {
      accounts: view(account({}), account({ id: 'bob', me: ['bob@example.org'] })),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const removes = await screen.findAllByRole('button', { name: 'Remove' });
    fireEvent.click(removes[1]!);
    expect(screen.getByText(/Remove bob@example.org\?/)).toBeTruthy();
    expect(api.argsOf('removeAccount')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(api.argsOf('removeAccount')).toEqual([{ id: 'bob' }]));
    await waitFor(() => expect(screen.queryByText('bob@example.org')).toBeNull());
  });
});
