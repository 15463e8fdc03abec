/**
 * The account part of Settings: editable in the desktop app (summary, then the form on request); read-only in
 * the web host, where it comes from the config file.
 */
import { useState } from 'react';
import { getApi, type SettingsView } from '../../api';
import { AccountForm } from './AccountForm';
import './account.css';
import { AccountSummary } from './AccountSummary';

export interface AccountSectionProps {
  readonly settings: SettingsView;
  readonly onSaved: (settings: SettingsView) => void;
}

export function AccountSection({ settings, onSaved }: AccountSectionProps) {
  const [editing, setEditing] = useState(false);
  const { account, canEditAccount } = settings;
  if (!canEditAccount) {
    return (
      <>
        <p className="help">The account comes from the companion's configuration file on the machine that runs it; change it there.</p>
        {account ? <AccountSummary account={account} /> : <p className="muted">No account is configured in the configuration file.</p>}
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
      {account ? <AccountSummary account={account} /> : <p className="muted">No mail account yet.</p>}
      <button type="button" className="button" onClick={() => setEditing(true)}>
        {account ? 'Change account' : 'Add account'}
      </button>
    </>
  );
}
