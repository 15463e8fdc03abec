/** The mail account, read-only: servers, security and user; whether a password is stored (never the password). */
import type { AccountView, Security, ServerSettings } from '../../api';

export interface AccountSummaryProps {
  readonly account: AccountView;
}

const SECURITY_WORDS: Readonly<Record<Security, string>> = { tls: 'TLS', starttls: 'STARTTLS', none: 'not encrypted' };

function server(s: ServerSettings): string {
  return `${s.host}:${s.port} (${SECURITY_WORDS[s.security]}), user ${s.user}`;
}

export function AccountSummary({ account }: AccountSummaryProps) {
  return (
    <dl className="facts account-summary">
      <dt>Incoming (IMAP)</dt>
      <dd>{server(account.imap)}</dd>
      <dt>Outgoing (SMTP)</dt>
      <dd>{server(account.smtp)}</dd>
      <dt>Password</dt>
      <dd>{account.hasPassword ? 'stored' : 'not stored'}</dd>
    </dl>
  );
}
