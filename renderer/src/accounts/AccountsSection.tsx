/**
 * The accounts part of Settings: every mail account with what it needs now (working, sign in again, password
 * needed, unreachable), and — where the accounts are the app's own — add, repair and remove. Accounts from a
 * configuration file are listed read-only; an OAuth one among them can still sign in again (its token file).
 */
import { useState } from 'react';
import { getApi, type AccountsView, type MailAccountView } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { AccountEditor } from './AccountEditor';
import { runSignIn } from './runSignIn';
import { accountErrorText } from './accountErrorText';
import { useAccounts } from './useAccounts';
import { problemText } from './problemText';
import './accounts.css';

type Mode = { readonly kind: 'list' } | { readonly kind: 'add' } | { readonly kind: 'repair'; readonly id: string };

export interface AccountsSectionProps {
  /** Open straight into the repair of this account (from the banner). */
  readonly repairId?: string | null;
}

export function AccountsSection({ repairId = null }: AccountsSectionProps) {
  const w = useWords();
  const { view, error, setView } = useAccounts();
  const [mode, setMode] = useState<Mode>(repairId ? { kind: 'repair', id: repairId } : { kind: 'list' });
  const [status, setStatus] = useState('');
  if (!view) return <ErrorMessage message={error} />;
  const saved = (next: AccountsView, name: string): void => {
    setView(next);
    setMode({ kind: 'list' });
    setStatus(w.t('accounts.ui.saved', { account: name }));
  };
  if (mode.kind === 'add')
    return (
      <AccountEditor
        clients={view.oauthClients}
        onSaved={(next) => saved(next, next.accounts.at(-1)?.me[0] ?? '')}
        onCancel={() => setMode({ kind: 'list' })}
      />
    );
  const repairing = mode.kind === 'repair' ? view.accounts.find((a) => a.id === mode.id) : undefined;
  if (repairing && view.canEdit)
    return (
      <AccountEditor
        account={repairing}
        clients={view.oauthClients}
        onSaved={(next) => saved(next, repairing.me[0] ?? repairing.id)}
        onCancel={() => setMode({ kind: 'list' })}
      />
    );
  return (
    <>
      {!view.canEdit ? <p className="help">{w.t('accounts.ui.fromConfig')}</p> : null}
      <p className="save-status" role="status">
        {status}
      </p>
      {view.accounts.length === 0 ? <p className="muted">{w.t('accounts.ui.none')}</p> : null}
      <ul className="account-list">
        {view.accounts.map((a) => (
          <AccountRow
            key={a.id}
            account={a}
            canEdit={view.canEdit}
            onRepair={() => setMode({ kind: 'repair', id: a.id })}
            onRemoved={setView}
          />
        ))}
      </ul>
      {view.canEdit ? (
        <button type="button" className="button" onClick={() => setMode({ kind: 'add' })}>
          {w.t('accounts.ui.add')}
        </button>
      ) : null}
    </>
  );
}

function AccountRow({
  account: a,
  canEdit,
  onRepair,
  onRemoved,
}: {
  readonly account: MailAccountView;
  readonly canEdit: boolean;
  readonly onRepair: () => void;
  readonly onRemoved: (view: AccountsView) => void;
}) {
  const w = useWords();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = a.me[0] ?? a.incoming.user;
  const provider = a.oauth ? w.t(`accounts.ui.provider.${a.oauth.provider}`) : null;

  async function remove(): Promise<void> {
    const r = await getApi().removeAccount({ id: a.id });
    if (r.ok) onRemoved(r.value);
    else setError(accountErrorText(w, r.error));
  }

  async function signInAgain(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await runSignIn({ accountId: a.id });
    setBusy(false);
    if (!r.ok) setError(w.t('accounts.banner.signInFailed', { reason: accountErrorText(w, r.error) }));
  }

  const needsFix = a.health === 'sign-in-needed' || a.health === 'password-needed';
  return (
    <li className={`account-row health-${a.health}`}>
      <div className="account-name">
        <strong>{name}</strong> <span className="account-health">{w.t(`accounts.ui.health.${a.health}`)}</span>
      </div>
      <div className="muted">
        {w.t('accounts.ui.summary', {
          protocol: a.protocol.toUpperCase(),
          host: a.incoming.host,
          smtp: a.smtp.host,
        })}
        {' · '}
        {provider ? w.t('accounts.ui.authOAuth', { provider }) : w.t('accounts.ui.authPassword')}
      </div>
      {a.reason || a.problem ? <p className="account-problem">{problemText(w, a)}</p> : null}
      <div className="form-actions">
        {a.auth === 'oauth2' && (needsFix || !canEdit) ? (
          <button type="button" className="button primary" onClick={() => void signInAgain()} aria-disabled={busy}>
            {busy ? w.t('accounts.ui.signingIn') : w.t('accounts.ui.signInAgain')}
          </button>
        ) : null}
        {canEdit ? (
          <button type="button" className={needsFix ? 'button primary' : 'button'} onClick={onRepair}>
            {needsFix ? w.t('accounts.ui.repair') : w.t('accounts.ui.edit')}
          </button>
        ) : null}
        {canEdit && !confirming ? (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {w.t('accounts.ui.remove')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label={w.t('accounts.ui.remove')}>
          <p>{w.t('accounts.ui.removeConfirm', { account: name })}</p>
          <button type="button" className="button danger" onClick={() => void remove()}>
            {w.t('accounts.ui.removeYes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {w.t('accounts.ui.keep')}
          </button>
        </div>
      ) : null}
      <ErrorMessage message={error} />
    </li>
  );
}
