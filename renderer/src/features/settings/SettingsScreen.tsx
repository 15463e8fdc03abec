/**
 * Settings: policy, time frame, my addresses, contacts, notifications, start at login, the account. Each change
 * is saved at once with `updateSettings`; the server's answer (or its validation error) is shown next to it, and
 * each value says where it comes from (SettingSource).
 */
import { useState } from 'react';
import { getApi, type SettingsPatch, type SettingsView } from '../../api';
import { AddressList } from '../../components/AddressList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AccountSection } from '../account/AccountSection';
import { ContactsImport } from './ContactsImport';
import { PolicyField } from './PolicyField';
import { SettingSource } from './SettingSource';
import { TimeframeField } from './TimeframeField';
import { ToggleField } from './ToggleField';

export interface SettingsScreenProps {
  readonly settings: SettingsView;
  readonly onSettings: (settings: SettingsView) => void;
}

export function SettingsScreen({ settings, onSettings }: SettingsScreenProps) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  /** Saves a patch; resolves to null or the error sentence (also shown at the top for the toggles). */
  async function update(patch: SettingsPatch, what: string): Promise<string | null> {
    setStatus('');
    const result = await getApi().updateSettings(patch);
    if (!result.ok) {
      setError(result.error.message);
      return result.error.message;
    }
    setError(null);
    onSettings(result.value);
    setStatus(`${what} saved.`);
    return null;
  }

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <ScreenHeading id="settings-heading">Settings</ScreenHeading>
      <p className="save-status" role="status">
        {status}
      </p>
      <ErrorMessage message={error} />

      <section className="panel" aria-labelledby="settings-auto">
        <h2 id="settings-auto">Automatic processing</h2>
        <PolicyField value={settings.policy} onChange={(policy) => void update({ policy }, 'Policy')} />
        <SettingSource settings={settings} setting="policy" />
        <TimeframeField
          value={settings.timeframe}
          onSave={async (timeframe) => {
            const failure = await update({ timeframe }, 'Time frame');
            if (failure) setError(null); // shown next to the field instead
            return failure;
          }}
        />
        <SettingSource settings={settings} setting="timeframe" />
      </section>

      <section className="panel" aria-labelledby="settings-me">
        <h2 id="settings-me">My addresses</h2>
        <AddressList
          addresses={settings.me}
          onChange={async (me) => {
            const failure = await update({ me }, 'Addresses');
            if (failure) setError(null);
            return failure;
          }}
        />
        <SettingSource settings={settings} setting="me" />
      </section>

      <section className="panel" aria-labelledby="settings-contacts">
        <h2 id="settings-contacts">Contacts</h2>
        <ContactsImport onImport={(vcf) => getApi().importContacts({ vcf })} />
      </section>

      <section className="panel" aria-labelledby="settings-app">
        <h2 id="settings-app">App</h2>
        <ToggleField
          label="Show notifications"
          help="A notification when something needs your decision."
          checked={settings.notifications}
          onChange={(notifications) => void update({ notifications }, 'Notifications')}
        />
        <SettingSource settings={settings} setting="notifications" />
        <ToggleField
          label="Start at login"
          help="Start the companion in the background when you log in."
          checked={settings.startAtLogin}
          onChange={(startAtLogin) => void update({ startAtLogin }, 'Start at login')}
        />
        <SettingSource settings={settings} setting="startAtLogin" />
      </section>

      <section className="panel" aria-labelledby="settings-account">
        <h2 id="settings-account">Mail account</h2>
        <AccountSection settings={settings} onSaved={onSettings} />
      </section>
    </section>
  );
}
