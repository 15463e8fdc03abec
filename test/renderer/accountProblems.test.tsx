// @vitest-environment jsdom
/**
 * An account's problems as the person reads them: the banner and the list word the code from the catalogue (in
 * German too) with the server's text as detail; the form's errors use the service's wording; editing an account
 * sends its other addresses; the activity list's account entries.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { AccountsSection } from '../../renderer/src/accounts/AccountsSection';
import { describeEntry } from '../../renderer/src/features/activity/ActivityTable';
import { I18nProvider, makeWords } from '../../renderer/src/lib/i18n';
import type { AccountsView, ActivityEntry, MailAccountView } from '../../shared/ipc/contract.js';
import { installFakeApi } from './fakeApi';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

const refused: MailAccountView = {
  id: 'pam@example.org',
  me: ['pam@example.org', 'pam@example.net'],
  protocol: 'imap',
  incoming: { host: 'imap.example.org', port: 993, security: 'tls', user: 'pam' },
  smtp: { host: 'smtp.example.org', port: 465, security: 'tls', user: 'pam' },
  auth: 'password',
  oauth: null,
  hasSecret: true,
  health: 'password-needed',
  problem: '[AUTHENTICATIONFAILED] Authentication failed.',
  problemCode: 'AUTH_REFUSED',
  reason: {
    key: 'accounts.problem.AUTH_REFUSED',
    params: { account: 'pam@example.org', server: 'IMAP', detail: '[AUTHENTICATIONFAILED] Authentication failed.' },
  },
};
const view = (...accounts: MailAccountView[]): AccountsView => ({
  accounts,
  canEdit: true,
  oauthClients: { microsoft: false, google: false },
});

describe('account problems in the app', () => {
  it('words a refused login from its code, with what the server said after it', async () => {
    renderWithApi(<App />, { accounts: view(refused) });
    expect(
      await screen.findByText(
        'The IMAP server refused the login of pam@example.org. The server said: [AUTHENTICATIONFAILED] Authentication failed.',
      ),
    ).toBeTruthy();
  });

  it('says it in German', async () => {
    installFakeApi({ accounts: view(refused) });
    render(
      <I18nProvider initial="de">
        <AccountsSection />
      </I18nProvider>,
    );
    expect(
      await screen.findByText(
        'Der IMAP-Server hat die Anmeldung von pam@example.org abgelehnt. Der Server meldete: [AUTHENTICATIONFAILED] Authentication failed.',
      ),
    ).toBeTruthy();
  });

  it("edits an account's other addresses, and shows the service's worded error", async () => {
    const { api } = renderWithApi(<AccountsSection />, { accounts: view({ ...refused, health: 'ok' }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Change' }));
    const others = screen.getByLabelText('Other addresses of this account') as HTMLInputElement;
    expect(others.value).toBe('pam@example.net');
    fireEvent.change(others, { target: { value: 'pam@example.net, PAM@Example.com' } });
    api.override('saveMailAccount', async () => ({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'Type the password: a stored one is only sent to the server it was saved for.',
        reason: { key: 'accounts.form.passwordAgain' },
      },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(
      await screen.findByText('Type the password: a stored password is only sent to the servers it was saved for.'),
    ).toBeTruthy();
    expect(api.argsOf('saveMailAccount')).toMatchObject([
      { id: 'pam@example.org', me: ['pam@example.org', 'pam@example.net', 'pam@example.com'] },
    ]);
    fireEvent.change(others, { target: { value: 'not an address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(screen.getByText('Each other address must be an e-mail address.')).toBeTruthy());
    expect(api.argsOf('saveMailAccount')).toHaveLength(1);
  });

  it("lists an account's failing login and its repair in the activity list", () => {
    const w = makeWords('en', undefined, ['en-GB']);
    const failed: ActivityEntry = {
      at: '2026-03-01T12:00:00Z',
      kind: 'account',
      outcome: 'error',
      reason: refused.reason!,
      uid: null,
      recurrenceId: null,
      source: 'account',
      choice: null,
      account: refused.id,
    };
    expect(describeEntry(w, failed)).toMatchObject({
      by: 'pam@example.org',
      kind: 'Account',
      outcome: 'Login failed',
      reason:
        'The IMAP server refused the login of pam@example.org. The server said: [AUTHENTICATIONFAILED] Authentication failed.',
    });
    const restored: ActivityEntry = {
      ...failed,
      outcome: 'applied',
      reason: { key: 'accounts.activity.restored.login', params: { account: 'pam@example.org' } },
    };
    expect(describeEntry(w, restored)).toMatchObject({ outcome: 'Works again' });
  });
});
