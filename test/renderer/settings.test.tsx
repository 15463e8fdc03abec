// @vitest-environment jsdom
/** Settings: every change goes through updateSettings; the server's validation errors are shown. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/ipc/contract.js';
import { SettingsScreen } from '../../renderer/src/features/settings/SettingsScreen';
import { settingsWithAccount } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

function Harness({ initial }: { initial: SettingsView }) {
  const [settings, setSettings] = useState(initial);
  return <SettingsScreen settings={settings} onSettings={setSettings} />;
}

describe('settings', () => {
  it('explains each policy in one line and saves a change with updateSettings', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const group = screen.getByRole('group', { name: 'Apply changes automatically' });
    const always = within(group).getByRole('radio', { name: 'Always' });
    const known = within(group).getByRole('radio', { name: 'From people I know' });
    const never = within(group).getByRole('radio', { name: 'Never' });
    expect((known as HTMLInputElement).checked).toBe(true);
    expect(always.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(always.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/still wait for your answer/);
    expect(document.getElementById(known.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/already in your calendar or contacts/);
    expect(document.getElementById(never.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/everything waits for you/);
    fireEvent.click(never);
    await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ policy: 'never' }]));
    await waitFor(() => expect((never as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText('Policy saved.')).toBeTruthy();
  });

  it("shows the server's validation error for a bad time frame and saves a good one", async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const input = screen.getByLabelText('Time frame');
    fireEvent.change(input, { target: { value: 'two weeks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save time frame' }));
    expect((await screen.findByRole('alert')).textContent).toContain('"two weeks" is not a time frame');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: '2D 1h' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save time frame' }));
    await waitFor(() => expect(api.state.settings.timeframe).toBe('2D 1h'));
    // The alert goes once the component has the saved settings back, a render after the fake API stored them.
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(api.argsOf('updateSettings')).toEqual([{ timeframe: 'two weeks' }, { timeframe: '2D 1h' }]);
  });

  it('adds and removes my addresses', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    fireEvent.change(screen.getByLabelText('Add an address'), { target: { value: 'work@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add address' }));
    await screen.findByText('work@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Remove me@example.com' }));
    await waitFor(() => expect(api.state.settings.me).toEqual(['work@example.org']));
    expect(api.argsOf('updateSettings')).toEqual([{ me: ['me@example.com', 'work@example.org'] }, { me: ['work@example.org'] }]);
  });

  it('imports contacts from a .vcf file as text', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const vcf = 'BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:a@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:b@example.com\r\nEND:VCARD\r\n';
    const file = new File([vcf], 'friends.vcf', { type: 'text/vcard' });
    fireEvent.change(screen.getByLabelText('Import contacts from a vCard file (.vcf)'), { target: { files: [file] } });
    await screen.findByText('Imported 2 contacts from friends.vcf.');
    expect(api.argsOf('importContacts')).toEqual([{ vcf }]);
  });

  it('switches notifications and start at login', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show notifications' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Start at login' }));
    await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ notifications: false }, { startAtLogin: true }]));
  });

  it('shows the account read-only, from the config file, in the web host', () => {
    renderWithApi(<Harness initial={{ ...settingsWithAccount, canEditAccount: false }} />);
    expect(screen.getByText(/comes from the companion's configuration file/)).toBeTruthy();
    expect(screen.getByText('imap.example.com:993 (TLS), user me@example.com')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change account' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('says where each value comes from, and that a changed file value comes back at the next start', () => {
    const fromFile: SettingsView = {
      ...settingsWithAccount,
      sources: { policy: 'data-dir', timeframe: 'config-file', me: 'config-file', notifications: 'default', startAtLogin: 'data-dir' },
      setByConfigFile: ['policy', 'timeframe', 'me'],
    };
    renderWithApi(<Harness initial={fromFile} />);
    const notes = [...document.querySelectorAll('.setting-source')].map((n) => [n.getAttribute('data-source'), n.textContent]);
    expect(notes).toEqual([
      ['data-dir', "Changed here; the configuration file's value applies again at the next start."],
      ['config-file', 'Set in the configuration file.'],
      ['config-file', 'Set in the configuration file.'],
      ['default', 'The default.'],
      ['data-dir', 'Saved in the data folder.'],
    ]);
  });
});
