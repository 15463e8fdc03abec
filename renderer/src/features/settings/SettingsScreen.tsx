/**
 * Settings: what goes into my calendar by itself, the time frame, my addresses, my meetings (the default reminder,
 * a reply address per meeting, who gets invitations by mail), contacts, the language,
 * notifications and start at login where the host has them (its `host` features), the account. Each change is
 * saved at once with `updateSettings`; a refusal is said in plain words next to the control, and each value says
 * where it comes from (SettingSource).
 */
import { useState } from 'react';
import { getApi, type SettingsPatch, type SettingsView } from '../../api';
import { AddressList } from '../../components/AddressList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenHeading } from '../../components/ScreenHeading';
import {
  browserNotificationsSupported,
  browserNotificationsWanted,
  setBrowserNotifications,
} from '../../lib/browserNotifications';
import { hostInfo } from '../../lib/host';
import { useWords } from '../../lib/i18n';
import { CalendarsSection } from '../../calendars/CalendarsSection';
import { AccountsSection } from '../../accounts/AccountsSection';
import { ContactsImport } from './ContactsImport';
import { ImipPatternsField } from './ImipPatternsField';
import { ReminderField } from './ReminderField';
import { LanguageField } from './LanguageField';
import { PolicyField } from './PolicyField';
import { SettingSource } from './SettingSource';
import { TimeframeField } from './TimeframeField';
import { ToggleField } from './ToggleField';
import { DisplayNameField } from './DisplayNameField';
import { AddressNamesField } from './AddressNamesField';
import { errorText } from '../../lib/errorWords';

export interface SettingsScreenProps {
  readonly settings: SettingsView;
  readonly onSettings: (settings: SettingsView) => void;
  /** Opens the accounts part at this account's repair form (from the sign-in banner). */
  readonly repairAccountId?: string | null;
}

/** What my organizer address looks like with a reply token (RFC 5233 subaddress), for the toggle's explanation. */
function tokenExample(address: string | undefined): string {
  const at = address?.lastIndexOf('@') ?? -1;
  if (!address || at < 1) return 'me+k3vq7xma@example.com';
  return `${address.slice(0, at).split('+')[0] ?? ''}+k3vq7xma${address.slice(at)}`;
}

export function SettingsScreen({ settings, onSettings, repairAccountId = null }: SettingsScreenProps) {
  const w = useWords();
  const features = hostInfo().features;
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [browserNotify, setBrowserNotify] = useState(browserNotificationsWanted);
  const [notifyDenied, setNotifyDenied] = useState(false);

  /** Saves a patch; resolves to null or the server's sentence (shown at the top for the toggles). */
  async function update(patch: SettingsPatch): Promise<string | null> {
    setStatus('');
    const result = await getApi().updateSettings(patch);
    if (!result.ok) {
      setError(w.t('ui.settings.failed', { reason: errorText(w, result.error) }));
      return errorText(w, result.error);
    }
    setError(null);
    onSettings(result.value);
    setStatus(w.t('ui.settings.saved'));
    return null;
  }

  /** For fields that say a refusal themselves. */
  async function updateQuietly(patch: SettingsPatch): Promise<string | null> {
    const failure = await update(patch);
    if (failure) setError(null);
    return failure;
  }

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <ScreenHeading id="settings-heading">{w.t('ui.settings.heading')}</ScreenHeading>
      <p className="save-status" role="status">
        {status}
      </p>
      <ErrorMessage message={error} />

      <section className="panel" aria-labelledby="settings-auto">
        <h2 id="settings-auto">{w.t('ui.settings.auto')}</h2>
        <PolicyField value={settings.policy} onChange={(policy) => void update({ policy })} />
        <SettingSource settings={settings} setting="policy" />
        <TimeframeField value={settings.timeframe} onSave={(timeframe) => updateQuietly({ timeframe })} />
        <SettingSource settings={settings} setting="timeframe" />
      </section>

      <section className="panel" aria-labelledby="settings-me">
        <h2 id="settings-me">{w.t('ui.settings.addresses')}</h2>
        <DisplayNameField value={settings.displayName} onSave={(displayName) => updateQuietly({ displayName })} />
        <SettingSource settings={settings} setting="displayName" />
        <AddressList addresses={settings.me} onChange={(me) => updateQuietly({ me })} />
        <SettingSource settings={settings} setting="me" />
        <AddressNamesField
          addresses={settings.me}
          names={settings.addressNames}
          onSave={(addressNames) => updateQuietly({ addressNames })}
        />
        {settings.me.length > 1 ? <SettingSource settings={settings} setting="addressNames" /> : null}
      </section>

      <section className="panel" aria-labelledby="settings-meetings">
        <h2 id="settings-meetings">{w.t('ui.settings.meetings')}</h2>
        <ReminderField
          value={settings.defaultReminderMinutes}
          onChange={(defaultReminderMinutes) => void update({ defaultReminderMinutes })}
        />
        <SettingSource settings={settings} setting="defaultReminderMinutes" />
        <ToggleField
          label={w.t('ui.settings.replyTokens')}
          help={w.t('ui.settings.replyTokens.help', { example: tokenExample(settings.me[0]) })}
          checked={settings.replyTokens}
          onChange={(replyTokens) => void update({ replyTokens })}
        />
        <SettingSource settings={settings} setting="replyTokens" />
        <ImipPatternsField
          patterns={settings.imipAddressPatterns}
          onChange={(imipAddressPatterns) => updateQuietly({ imipAddressPatterns })}
        />
        <SettingSource settings={settings} setting="imipAddressPatterns" />
      </section>

      <section className="panel" aria-labelledby="settings-contacts">
        <h2 id="settings-contacts">{w.t('ui.settings.contacts')}</h2>
        <ContactsImport onImport={(vcf) => getApi().importContacts({ vcf })} />
      </section>

      <section className="panel" aria-labelledby="settings-app">
        <h2 id="settings-app">{w.t('ui.settings.app')}</h2>
        <LanguageField />
        {features.systemNotifications ? (
          <ToggleField
            label={w.t('ui.settings.notifications')}
            help={w.t('ui.settings.notifications.help')}
            checked={settings.notifications}
            onChange={(notifications) => void update({ notifications })}
          />
        ) : null}
        {features.systemNotifications ? <SettingSource settings={settings} setting="notifications" /> : null}
        {features.browserNotifications && browserNotificationsSupported() ? (
          <ToggleField
            label={w.t('ui.settings.browserNotifications')}
            help={
              notifyDenied
                ? w.t('ui.settings.browserNotifications.denied')
                : w.t('ui.settings.browserNotifications.help')
            }
            checked={browserNotify}
            onChange={(on) =>
              void setBrowserNotifications(on).then((now) => {
                setBrowserNotify(now);
                setNotifyDenied(on && !now);
              })
            }
          />
        ) : null}
        {features.startAtLogin ? (
          <ToggleField
            label={w.t('ui.settings.startAtLogin')}
            help={w.t('ui.settings.startAtLogin.help')}
            checked={settings.startAtLogin}
            onChange={(startAtLogin) => void update({ startAtLogin })}
          />
        ) : null}
        {features.startAtLogin ? <SettingSource settings={settings} setting="startAtLogin" /> : null}
      </section>

      <section className="panel" aria-labelledby="settings-account">
        <h2 id="settings-account">{w.t('ui.settings.account')}</h2>
        <AccountsSection repairId={repairAccountId} />
      </section>

      <section className="panel" aria-labelledby="settings-calendars">
        <h2 id="settings-calendars">{w.t('calendars.settings.heading')}</h2>
        <CalendarsSection />
      </section>
    </section>
  );
}
