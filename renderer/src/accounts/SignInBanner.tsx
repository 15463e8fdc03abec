/**
 * The notice above every screen for an account that needs the person: a lapsed sign-in (AUTH_SIGN_IN_AGAIN) with
 * a "Sign in again" button that runs the browser sign-in right here, or a refused password with a way to the
 * account's repair form. Gone as soon as the account works again (`accountsChanged`).
 */
import { useState } from 'react';
import type { MailAccountView } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { runSignIn } from './runSignIn';
import { accountErrorText } from './accountErrorText';
import { useAccounts } from './useAccounts';
import { problemText } from './problemText';
import './accounts.css';

export interface SignInBannerProps {
  /** Opens the account's repair form (Settings). */
  readonly onRepair: (accountId: string) => void;
}

export function SignInBanner({ onRepair }: SignInBannerProps) {
  const { view } = useAccounts();
  const needing = (view?.accounts ?? []).filter(
    (a) => a.health === 'sign-in-needed' || (a.health === 'password-needed' && a.problem !== null),
  );
  if (needing.length === 0) return null;
  return (
    <>
      {needing.map((a) => (
        <AccountNotice key={a.id} account={a} onRepair={onRepair} />
      ))}
    </>
  );
}

function AccountNotice({ account: a, onRepair }: { readonly account: MailAccountView } & SignInBannerProps) {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = a.me[0] ?? a.incoming.user;
  const headingId = `sign-in-banner-${a.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  async function signIn(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await runSignIn({ accountId: a.id }, (url) => setLink(url));
    setBusy(false);
    setLink(null);
    if (!r.ok) setError(w.t('accounts.banner.signInFailed', { reason: accountErrorText(w, r.error) }));
  }

  const oauth = a.health === 'sign-in-needed' && a.auth === 'oauth2';
  return (
    <section className="banner sign-in-banner" role="alert" aria-labelledby={headingId}>
      <p id={headingId}>
        {oauth
          ? w.t('accounts.banner.signIn', { account: name })
          : a.reason
            ? problemText(w, a)
            : w.t('accounts.banner.password', { account: name, problem: a.problem ?? '' })}
      </p>
      <div className="form-actions">
        {oauth ? (
          <button type="button" className="button primary" onClick={() => void signIn()} aria-disabled={busy}>
            {busy ? w.t('accounts.ui.signingIn') : w.t('accounts.ui.signInAgain')}
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => onRepair(a.id)}>
            {w.t('accounts.banner.fixPassword')}
          </button>
        )}
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {w.t('accounts.ui.openSignIn')}
          </a>
        ) : null}
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
