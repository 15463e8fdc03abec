/**
 * How an account signs in: a password, or the provider's own sign-in (Microsoft, Google, or any OpenID Connect
 * issuer with its client ID) through the system browser. The sign-in button runs the whole browser flow and
 * reports the finished flow's id to the form.
 */
import { useId, useState } from 'react';
import type { AccountsView } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { oauthChoiceOf, type AccountDraft, type Invalid, type ProviderName } from './accountDraft';
import { runSignIn } from './runSignIn';
import { accountErrorText } from './accountErrorText';

export interface SignInMethodFieldsProps {
  readonly draft: AccountDraft;
  readonly onChange: (next: AccountDraft) => void;
  readonly invalid: ReadonlySet<Invalid>;
  readonly clients: AccountsView['oauthClients'];
  /** Repairing an account that keeps its password or sign-in when nothing new is entered. */
  readonly repairing: boolean;
}

export function SignInMethodFields({ draft, onChange, invalid, clients, repairing }: SignInMethodFieldsProps) {
  const w = useWords();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [renewed, setRenewed] = useState(false);
  const set = (patch: Partial<AccountDraft>): void => onChange({ ...draft, ...patch });
  const providerName = w.t(`accounts.ui.provider.${draft.provider}`);

  async function signIn(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    // Repairing renews the account's own sign-in (stored at once); a new account's is kept for its form.
    const target =
      draft.id !== null && repairing
        ? { accountId: draft.id }
        : { oauth: oauthChoiceOf(draft), loginHint: draft.address.trim(), protocol: draft.protocol };
    const r = await runSignIn(target, (u) => setLink(u));
    setBusy(false);
    setLink(null);
    if (r.ok && r.value.accountId) setRenewed(true);
    else if (r.ok) set({ flowId: r.value.flowId, password: '' });
    else setError(w.t('accounts.banner.signInFailed', { reason: accountErrorText(w, r.error) }));
  }

  return (
    <fieldset className="sign-in-method">
      <legend>{w.t('accounts.ui.method')}</legend>
      <div className="choice-row" role="radiogroup">
        {(['password', 'oauth2'] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name={`${id}-method`}
              checked={draft.method === m}
              onChange={() => set({ method: m, flowId: null })}
            />{' '}
            {w.t(m === 'password' ? 'accounts.ui.method.password' : 'accounts.ui.method.oauth')}
          </label>
        ))}
      </div>
      {draft.method === 'password' ? (
        <div className="field">
          <label htmlFor={`${id}-password`}>{w.t('accounts.ui.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={draft.password}
            aria-invalid={invalid.has('password') || undefined}
            aria-describedby={repairing ? `${id}-kept` : undefined}
            onChange={(e) => set({ password: e.target.value })}
          />
          {repairing ? (
            <p className="help" id={`${id}-kept`}>
              {w.t('accounts.ui.passwordKept')}
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-provider`}>{w.t('accounts.ui.provider')}</label>
            <select
              id={`${id}-provider`}
              value={draft.provider}
              onChange={(e) => set({ provider: e.target.value as ProviderName, flowId: null })}
            >
              {(['microsoft', 'google', 'oidc'] as const).map((p) => (
                <option key={p} value={p}>
                  {w.t(`accounts.ui.provider.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {draft.provider === 'oidc' ? (
            <div className="field">
              <label htmlFor={`${id}-issuer`}>{w.t('accounts.ui.issuer')}</label>
              <input
                id={`${id}-issuer`}
                type="text"
                inputMode="url"
                spellCheck={false}
                value={draft.issuer}
                aria-invalid={invalid.has('issuer') || undefined}
                onChange={(e) => set({ issuer: e.target.value, flowId: null })}
              />
            </div>
          ) : null}
          {draft.provider === 'oidc' || !clients[draft.provider] ? (
            <div className="field">
              <label htmlFor={`${id}-client`}>{w.t('accounts.ui.clientId')}</label>
              <input
                id={`${id}-client`}
                type="text"
                spellCheck={false}
                value={draft.clientId}
                aria-describedby={`${id}-client-help`}
                aria-invalid={invalid.has('issuer') || undefined}
                onChange={(e) => set({ clientId: e.target.value, flowId: null })}
              />
              <p className="help" id={`${id}-client-help`}>
                {w.t('accounts.ui.clientIdHelp')}
              </p>
            </div>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              onClick={() => void signIn()}
              aria-disabled={busy}
              aria-invalid={invalid.has('signIn') || undefined}
            >
              {busy
                ? w.t('accounts.ui.signingIn')
                : repairing
                  ? w.t('accounts.ui.signInAgain')
                  : w.t('accounts.ui.signInWith', { provider: providerName })}
            </button>
            {link ? (
              <a href={link} target="_blank" rel="noopener noreferrer">
                {w.t('accounts.ui.openSignIn')}
              </a>
            ) : null}
          </div>
          <p role="status" className="save-status">
            {draft.flowId || renewed ? w.t('accounts.ui.signedIn') : ''}
          </p>
          <ErrorMessage message={error} />
        </>
      )}
    </fieldset>
  );
}
