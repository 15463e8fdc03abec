// @vitest-environment jsdom
/** First run: no account yet in the desktop app → the account form; the connection test names what failed. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { settingsFirstRun } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

function fillForm(): void {
  fireEvent.change(screen.getByLabelText('IMAP server'), { target: { value: 'imap.example.com' } });
  fireEvent.change(screen.getByLabelText('SMTP server'), { target: { value: 'smtp.example.com' } });
  fireEvent.change(screen.getByLabelText('SMTP security'), { target: { value: 'starttls' } });
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'me@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
  fireEvent.change(screen.getByLabelText('Add an address'), { target: { value: 'me@example.com' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add address' }));
}

const expectedInput = {
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me@example.com' },
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me@example.com' },
  password: 'secret',
  me: ['me@example.com'],
};

describe('first run', () => {
  it('shows the account form and what is missing', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    await screen.findByRole('heading', { name: 'Add your mail account', level: 1 });
    expect(screen.queryByRole('navigation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const problems = await screen.findByRole('alert');
    expect(problems.textContent).toContain('Enter the IMAP server.');
    expect(problems.textContent).toContain('Enter the password.');
    expect(problems.textContent).toContain('Add at least one of your e-mail addresses.');
    expect(screen.getByLabelText('IMAP server').getAttribute('aria-invalid')).toBe('true');
    expect(api.argsOf('testConnection')).toEqual([]);
  });

  it('reports IMAP and SMTP failures separately with their messages', async () => {
    const { api } = renderWithApi(<App />, {
      settings: settingsFirstRun,
      connectionTest: {
        imap: { ok: false, code: 'AUTHENTICATIONFAILED', message: 'Invalid credentials (Failure)' },
        smtp: { ok: false, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 192.0.2.1:587' },
      },
    });
    await screen.findByRole('heading', { name: 'Add your mail account' });
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('list', { name: 'Connection test result' });
    const [imap, smtp] = within(report).getAllByRole('listitem');
    expect(imap?.textContent).toContain('IMAP (incoming):');
    expect(imap?.textContent).toContain('Authentication failed — Invalid credentials (Failure)');
    expect(smtp?.textContent).toContain('SMTP (outgoing):');
    expect(smtp?.textContent).toContain('Host unreachable — connect ECONNREFUSED 192.0.2.1:587');
    expect(api.argsOf('testConnection')).toEqual([expectedInput]);
  });

  it('names a TLS failure and shows success per server', async () => {
    renderWithApi(<App />, {
      settings: settingsFirstRun,
      connectionTest: {
        imap: { ok: true, code: null, message: '' },
        smtp: { ok: false, code: 'ESOCKET', message: 'self-signed certificate in certificate chain' },
      },
    });
    await screen.findByRole('heading', { name: 'Add your mail account' });
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('list', { name: 'Connection test result' });
    expect(report.textContent).toContain('IMAP (incoming): connected');
    expect(report.textContent).toContain('TLS problem — self-signed certificate in certificate chain');
  });

  it('shows an error result of testConnection itself', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    api.override('testConnection', async () => ({
      ok: false,
      error: { code: 'CONNECTION_FAILED', message: 'The connection test failed.' },
    }));
    await screen.findByRole('heading', { name: 'Add your mail account' });
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The connection test failed.');
  });

  it('saves the account and then shows the app', async () => {
    const { api } = renderWithApi(<App />, { settings: settingsFirstRun });
    await screen.findByRole('heading', { name: 'Add your mail account' });
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(api.argsOf('saveAccount')).toEqual([expectedInput]);
    await screen.findByRole('heading', { name: 'Decisions', level: 1 });
  });

  it('does not ask in the web host, where the account comes from the config file', async () => {
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
