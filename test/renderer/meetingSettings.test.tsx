// @vitest-environment jsdom
/**
 * Settings → Meetings: the default reminder as a choice in words, the reply address per meeting as a switch with its
 * one-sentence explanation, and the iMIP address patterns as a list whose refusals say what is wrong (the boundary's
 * catalogue message, in the person's language), never the host's raw text.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/ipc/contract.js';
import { SettingsScreen } from '../../renderer/src/features/settings/SettingsScreen';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { settingsWithAccount } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

function Harness({ initial }: { initial: SettingsView }) {
  const [settings, setSettings] = useState(initial);
  return <SettingsScreen settings={settings} onSettings={setSettings} />;
}

const meetings = () => screen.getByRole('region', { name: 'Meetings' });

describe('meeting settings', () => {
  it('offers the default reminder in plain words and saves the choice, None as null', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const select = within(meetings()).getByLabelText('Remind me of meetings I accept or organize') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'No reminder',
      'When it starts',
      '5 minutes before',
      '10 minutes before',
      '15 minutes before',
      '30 minutes before',
      '1 hour before',
      '1 day before',
    ]);
    expect(select.value).toBe('none');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /never sent to anyone/,
    );
    fireEvent.change(select, { target: { value: '15' } });
    await waitFor(() => expect(api.state.settings.defaultReminderMinutes).toBe(15));
    await screen.findByText('Saved.');
    fireEvent.change(select, { target: { value: '1440' } });
    await waitFor(() => expect(api.state.settings.defaultReminderMinutes).toBe(1440));
    fireEvent.change(select, { target: { value: 'none' } });
    await waitFor(() => expect(api.state.settings.defaultReminderMinutes).toBeNull());
    expect(api.argsOf('updateSettings')).toEqual([
      { defaultReminderMinutes: 15 },
      { defaultReminderMinutes: 1440 },
      { defaultReminderMinutes: null },
    ]);
  });

  it('shows a reminder written by hand that is no preset as one more choice', () => {
    renderWithApi(<Harness initial={{ ...settingsWithAccount, defaultReminderMinutes: 45 }} />);
    const select = screen.getByLabelText('Remind me of meetings I accept or organize') as HTMLSelectElement;
    expect(select.value).toBe('45');
    expect(select.selectedOptions[0]?.textContent).toBe('45 minutes before');
  });

  it('switches the reply address per meeting, explained with my own address', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    const toggle = within(meetings()).getByRole('checkbox', { name: 'A reply address for each meeting I create' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(document.getElementById(toggle.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /an address like me\+k3vq7xma@example\.com, so answers find their meeting/,
    );
    fireEvent.click(toggle);
    await waitFor(() => expect(api.argsOf('updateSettings')).toEqual([{ replyTokens: true }]));
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
  });

  it('adds and removes iMIP address patterns; everyone is mailed while there are none', async () => {
    const { api } = renderWithApi(<Harness initial={settingsWithAccount} />);
    expect(within(meetings()).getByText('Everyone: no patterns are set.')).toBeTruthy();
    const input = within(meetings()).getByLabelText('Add a pattern');
    fireEvent.change(input, { target: { value: ' *@example.com ' } });
    fireEvent.click(within(meetings()).getByRole('button', { name: 'Add pattern' }));
    await within(meetings()).findByText('*@example.com');
    fireEvent.change(input, { target: { value: 'partner.org' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(api.state.settings.imipAddressPatterns).toEqual(['*@example.com', 'partner.org']));
    expect((input as HTMLInputElement).value).toBe('');
    const list = within(meetings()).getByRole('list', { name: 'Address patterns' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['*@example.com', 'partner.org']);
    fireEvent.click(within(meetings()).getByRole('button', { name: 'Remove *@example.com' }));
    await waitFor(() => expect(api.state.settings.imipAddressPatterns).toEqual(['partner.org']));
    expect(api.argsOf('updateSettings')).toEqual([
      { imipAddressPatterns: ['*@example.com'] },
      { imipAddressPatterns: ['*@example.com', 'partner.org'] },
      { imipAddressPatterns: ['partner.org'] },
    ]);
  });

  it('says in words what is wrong with a pattern, next to the field, and keeps the draft', async () => {
    const initial: SettingsView = { ...settingsWithAccount, imipAddressPatterns: ['partner.org'] };
    const { api } = renderWithApi(<Harness initial={initial} />, { settings: initial });
    const input = within(meetings()).getByLabelText('Add a pattern') as HTMLInputElement;
    const tryAdd = async (text: string): Promise<string> => {
      fireEvent.change(input, { target: { value: text } });
      fireEvent.click(within(meetings()).getByRole('button', { name: 'Add pattern' }));
      return (await within(meetings()).findByRole('alert')).textContent ?? '';
    };
    expect(await tryAdd('example.com, other.org')).toContain(
      '"example.com, other.org" contains a space or a comma: enter one pattern at a time.',
    );
    expect(input.value).toBe('example.com, other.org');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(await tryAdd('/[a-z/')).toContain('"/[a-z/" is not a regular expression that can be read');
    expect(await tryAdd('a@b@example.com')).toContain('"a@b@example.com" has more than one @');
    expect(await tryAdd('   ')).toContain('A pattern cannot be empty.');
    expect(await tryAdd('Partner.org')).toContain('"Partner.org" is already in the list.');
    // Never the host's English sentence for the log, and nothing saved.
    expect(screen.queryByText(/updateSettings/)).toBeNull();
    expect(api.state.settings.imipAddressPatterns).toEqual(['partner.org']);
    expect(screen.queryByText(/could not be saved/)).toBeNull();
    fireEvent.change(input, { target: { value: '/^(?!room-)/' } });
    fireEvent.click(within(meetings()).getByRole('button', { name: 'Add pattern' }));
    await waitFor(() => expect(api.state.settings.imipAddressPatterns).toEqual(['partner.org', '/^(?!room-)/']));
    await waitFor(() => expect(within(meetings()).queryByRole('alert')).toBeNull());
  });

  it('words the meeting settings and a refused pattern in German', async () => {
    renderWithApi(
      <I18nProvider initial="de">
        <Harness initial={settingsWithAccount} />
      </I18nProvider>,
    );
    const section = screen.getByRole('region', { name: 'Besprechungen' });
    const select = within(section).getByLabelText(
      'Erinnern an Besprechungen, die ich zusage oder organisiere',
    ) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toContain('15 Minuten vorher');
    expect([...select.options].map((o) => o.textContent)).toContain('1 Stunde vorher');
    expect(within(section).getByRole('checkbox', { name: /eigene Antwortadresse/ })).toBeTruthy();
    fireEvent.change(within(section).getByLabelText('Muster hinzufügen'), { target: { value: 'a b' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Muster hinzufügen' }));
    expect((await within(section).findByRole('alert')).textContent).toContain(
      '„a b“ enthält ein Leerzeichen oder Komma',
    );
  });
});
