/**
 * The account part of Settings: editable in the desktop app (summary, then the form on request); read-only in
 * the web host, where it comes from the config file.
 */
import { useState } from 'react';
import { getApi, type SettingsView } from '../../api';
import { AccountForm } from './AccountForm';
import './account.css';
import { AccountSummary } from './AccountSummary';
import { useWords } from '../../lib/i18n';

export interface AccountSectionProps {
  readonly settings: SettingsView;
  readonly onSaved: (settings: SettingsView) => void;
}

export function AccountSection({ settings, onSaved }: AccountSectionProps) {
  const w = useWords();
  const [editing, setEditing] = useState(false);
  const { account, canEditAccount } = settings;
  if (!canEditAccount) {
    return (
      <>
        <p className="help">{w.t('ui.account.fromConfig')}</p>
        {account ? <AccountSummary account={account} /> : <p className="muted">{w.t('ui.account.noneInConfig')}</p>}
      </>
    );
  }
  if (editing) {
    return (
      <AccountForm
        initial={account}
        initialMe={settings.me}
        onTest={(input) => getApi().testConnection(input)}
        onSave={(input) => getApi().saveAccount(input)}
        onSaved={(next) => {
          setEditing(false);
          onSaved(next);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <>
      {account ? <AccountSummary account={account} /> : <p className="muted">{w.t('ui.account.none')}</p>}
      <button type="button" className="button" onClick={() => setEditing(true)}>
        {account ? w.t('ui.account.change') : w.t('ui.account.add')}
      </button>
    </>
  );
}
