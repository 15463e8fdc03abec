// @vitest-environment jsdom
/** Settings: every change goes through updateSettings; the server's validation errors are shown. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/ipc/contract.js';
import { SettingsScreen } from '../../renderer/src/features/settings/SettingsScreen';
import { settingsWithAccount } from './fixtures';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { installFakeApi } from './fakeApi';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

function Harness({ initial }: { initial: SettingsView }) {
  const [settings, setSettings] = useState(initial);
  return <SettingsScreen settings={settings} onSettings={setSettings} />;
}

describe('settings', () => {
  it('explains each policy in one line and saves a change with updateSettings', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const group = screen.getByRole('group', { name: 'Add invitations and changes to my calendar' });
    const always = within(group).getByRole('radio', { name: 'From everyone' });
    const known = within(group).getByRole('radio', { name: 'Only if the sender is known' });
    const never = within(group).getByRole('radio', { name: 'When I respond' });
    expect((known as HTMLInputElement).checked).toBe(true);
    expect(always.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(always.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /still wait for your answer/,
    );
    expect(document.getElementById(known.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /already in your calendar or in your contacts/,
    );
    expect(document.getElementById(never.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /everything waits for you/,
    );
    fireEvent.click(never);
    await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ policy: 'never' }]));
    await waitFor(() => expect((never as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText('Saved.')).toBeTruthy();
  });

  it('offers the time frame as a choice, saves a preset at once and a custom number of days on request', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const select = screen.getByLabelText('Handle messages received in the last') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '1 week',
      '2 weeks',
      '4 weeks',
      '3 months',
      'Other…',
    ]);
    expect(select.value).toBe('4W');
    fireEvent.change(select, { target: { value: '2W' } });
    await waitFor(() => expect(api.state.settings.timeframe).toBe('2W'));
    await screen.findByText('Saved.');
    fireEvent.change(select, { target: { value: 'custom' } });
    const days = screen.getByLabelText('Number of days');
    fireEvent.change(days, { target: { value: '0.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save days' }));
    // Our own sentence, never the server's internals.
    expect((await screen.findByRole('alert')).textContent).toContain('Enter a whole number of days from 1 to 3650.');
    expect(days.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(days, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save days' }));
    await waitFor(() => expect(api.state.settings.timeframe).toBe('10D'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(api.argsOf('updateSettings')).toEqual([{ timeframe: '2W' }, { timeframe: '10D' }]);
  });

  it('a name for each of my addresses once I have two: saved as a map, an emptied one dropped', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    // One address: my name is its name.
    expect(screen.queryByRole('group', { name: 'A name for each address' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Add an address'), { target: { value: 'Work@Example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add address' }));
    const group = await screen.findByRole('group', { name: 'A name for each address' });
    const work = within(group).getByLabelText('Name for Work@Example.org');
    expect(within(group).getByLabelText('Name for me@example.com')).toBeTruthy();
    fireEvent.change(work, { target: { value: '  Dr. Me ' } });
    fireEvent.blur(work);
    await waitFor(() => expect(api.state.settings.addressNames).toEqual({ 'work@example.org': 'Dr. Me' }));
    expect((work as HTMLInputElement).value).toBe('Dr. Me');
    fireEvent.change(work, { target: { value: '' } });
    fireEvent.keyDown(work, { key: 'Enter' });
    await waitFor(() => expect(api.state.settings.addressNames).toEqual({}));
    expect(api.argsOf('updateSettings').slice(-2)).toEqual([
      { addressNames: { 'work@example.org': 'Dr. Me' } },
      { addressNames: {} },
    ]);
  });

  it('hides the settings a web host cannot carry out and offers browser notifications there', () => {
    const api = installFakeApi({ settings: settingsWithAccount });
    Object.assign(api, {
      host: { kind: 'web', features: { systemNotifications: false, startAtLogin: false, browserNotifications: true } },
    });
    (globalThis as unknown as { Notification?: unknown }).Notification = {
      permission: 'default',
      requestPermission: async () => 'denied',
    };
    render(<Harness initial={settingsWithAccount} />);
    expect(screen.queryByRole('checkbox', { name: 'Show notifications' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Start at login' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Notify me in this browser' })).toBeTruthy();
    delete (globalThis as unknown as { Notification?: unknown }).Notification;
  });

  it('switches the language to German and back to the system', async () => {
    renderWithApi(
      <I18nProvider initial="system">
        <Harness initial={settingsWithAccount} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'de' } });
    await screen.findByRole('heading', { name: 'Einstellungen' });
    expect(screen.getByRole('radio', { name: 'Nur wenn ich den Absender kenne' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
    fireEvent.change(screen.getByLabelText('Sprache'), { target: { value: 'system' } });
    await screen.findByRole('heading', { name: 'Settings' });
  });

  it('saves the language where the main process reads it, for the mail it sends on my behalf', async () => {
    const { api } = renderWithApi(
      <I18nProvider initial="system">
        <Harness initial={settingsWithAccount} />
      </I18nProvider>,
      { settings: settingsWithAccount },
    );
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'de' } });
    await screen.findByRole('heading', { name: 'Einstellungen' });
    fireEvent.change(screen.getByLabelText('Sprache'), { target: { value: 'system' } });
    await screen.findByRole('heading', { name: 'Settings' });
    await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ language: 'de' }, { language: 'system' }]));
  });

  it('takes the language saved in the settings (another window, the configuration file) over this profile', async () => {
    renderWithApi(
      <I18nProvider initial="system">
        <Harness initial={settingsWithAccount} />
      </I18nProvider>,
      {
        settings: {
          ...settingsWithAccount,
          language: 'de',
          sources: { ...settingsWithAccount.sources, language: 'data-dir' },
        },
      },
    );
    await screen.findByRole('heading', { name: 'Einstellungen' });
    expect(window.localStorage.getItem('imip-companion.language')).toBe('de');
    window.localStorage.removeItem('imip-companion.language');
  });

  it('hands a language this profile chose before over to the settings once', async () => {
    window.localStorage.setItem('imip-companion.language', 'de');
    try {
      const { api } = renderWithApi(
        <I18nProvider>
          <Harness initial={settingsWithAccount} />
        </I18nProvider>,
        { settings: settingsWithAccount },
      );
      await screen.findByRole('heading', { name: 'Einstellungen' });
      await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ language: 'de' }]));
    } finally {
      window.localStorage.removeItem('imip-companion.language');
    }
  });

  it('adds and removes my addresses', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    fireEvent.change(screen.getByLabelText('Add an address'), { target: { value: 'work@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add address' }));
    await screen.findByText('work@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Remove me@example.com' }));
    await waitFor(() => expect(api.state.settings.me).toEqual(['work@example.org']));
    expect(api.argsOf('updateSettings')).toEqual([
      { me: ['me@example.com', 'work@example.org'] },
      { me: ['work@example.org'] },
    ]);
  });

  it('imports contacts from a .vcf file as text', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const vcf =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:a@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:b@example.com\r\nEND:VCARD\r\n';
    const file = new File([vcf], 'friends.vcf', { type: 'text/vcard' });
    fireEvent.change(screen.getByLabelText('Import contacts from a vCard file (.vcf)'), { target: { files: [file] } });
    await screen.findByText('Imported 2 contacts from friends.vcf.');
    expect(api.argsOf('importContacts')).toEqual([{ vcf }]);
  });

  it('switches notifications and start at login', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show notifications' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Start at login' }));
    await waitFor(() =>
      expect(api.argsOf('updateSettings')).toEqual([{ notifications: false }, { startAtLogin: true }]),
    );
  });

  it('shows the accounts read-only, from the config file, in the web host', async () => {
    renderWithApi(<Harness initial={{ ...settingsWithAccount, canEditAccount: false }} />, {
      accounts: {
        canEdit: false,
        oauthClients: { microsoft: false, google: false },
        accounts: [
          {
            id: 'work',
            me: ['me@example.com'],
            protocol: 'imap',
            incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me@example.com' },
            smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me@example.com' },
            auth: 'password',
            oauth: null,
            hasSecret: true,
            health: 'ok',
            problem: null,
            problemCode: null,
            reason: null,
          },
        ],
      },
    });
    expect(await screen.findByText(/come from the configuration file/)).toBeTruthy();
    expect(screen.getByText(/IMAP imap.example.com, sending through smtp.example.com/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add account' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('says where each value comes from, and that a changed file value comes back at the next start', () => {
    const fromFile: SettingsView = {
      ...settingsWithAccount,
      sources: {
        policy: 'data-dir',
        timeframe: 'config-file',
        me: 'config-file',
        notifications: 'default',
        startAtLogin: 'data-dir',
        language: 'default',
        defaultReminderMinutes: 'data-dir',
        replyTokens: 'default',
        imipAddressPatterns: 'default',
        displayName: 'config-file',
        addressNames: 'default',
      },
      setByConfigFile: ['policy', 'timeframe', 'me', 'displayName'],
    };
    renderWithApi(<Harness initial={fromFile} />);
    const notes = [...document.querySelectorAll('.setting-source')].map((n) => [
      n.getAttribute('data-source'),
      n.textContent,
    ]);
    expect(notes).toEqual([
      ['data-dir', "Changed here; the configuration file's value applies again at the next start."],
      ['config-file', 'Set in the configuration file.'],
      ['config-file', 'Set in the configuration file.'],
      ['config-file', 'Set in the configuration file.'],
      ['data-dir', 'Saved in the data folder.'],
      ['default', 'The default.'],
      ['default', 'The default.'],
      ['default', 'The default.'],
      ['data-dir', 'Saved in the data folder.'],
    ]);
  });
});
