/** The mail account, read-only: servers, security and user; whether a password is stored (never the password). */
import type { AccountView, ServerSettings } from '../../api';
import { useWords, type Words } from '../../lib/i18n';

export interface AccountSummaryProps {
  readonly account: AccountView;
}

function server(w: Words, s: ServerSettings): string {
  return w.t('ui.account.server', {
    host: s.host,
    port: String(s.port),
    security: w.t(`ui.account.security.${s.security}`),
    user: s.user,
  });
}

export function AccountSummary({ account }: AccountSummaryProps) {
  const w = useWords();
  return (
    <dl className="facts account-summary">
      <dt>{w.t('ui.account.incoming')}</dt>
      <dd>{server(w, account.imap)}</dd>
      <dt>{w.t('ui.account.outgoing')}</dt>
      <dd>{server(w, account.smtp)}</dd>
      <dt>{w.t('ui.account.password')}</dt>
      <dd>{account.hasPassword ? w.t('ui.account.passwordStored') : w.t('ui.account.passwordNotStored')}</dd>
    </dl>
  );
}
