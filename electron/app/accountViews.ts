/**
 * The view models of the account screens: one account with its health (what it needs from the person now), and
 * what discovery found for an address, in the form's shape with where each answer came from.
 */
import type {
  AccountHealth,
  ConnectionStatus,
  DiscoveryView,
  MailAccountView,
  OAuthChoice,
  ServerSettings,
} from '../../shared/ipc/contract.js';
import type { DiscoveryResult, FoundServer } from '../accounts/discoverAccount.js';
import type { StoredMailAccount } from '../settings/mailAccounts.js';

/** What the running agents said about an account. */
export interface LiveHealth {
  /** The provider refused the kept sign-in (AUTH_SIGN_IN_AGAIN): its sentence. */
  readonly signIn?: string;
  readonly connection?: ConnectionStatus | null;
}

/**
 * A refused login, as the servers word it: RFC 5530 [AUTHENTICATIONFAILED] (IMAP), RFC 4954 535 (SMTP), and the
 * plain "-ERR" texts POP3 servers give; the status line carries the server's text.
 */
const LOGIN_REFUSED =
  /AUTHENTICATIONFAILED|authentication failed|invalid credentials|\b535\b|\bEAUTH\b|refused the user name or password/i;

export function accountView(a: StoredMailAccount, hasSecret: boolean, live: LiveHealth): MailAccountView {
  const { health, problem } = healthOf(a, hasSecret, live);
  return {
    id: a.id,
    me: a.me,
    protocol: a.protocol,
    incoming: a.incoming,
    smtp: a.smtp,
    auth: a.auth,
    oauth: a.oauth ? choiceOf(a.oauth) : null,
    hasSecret,
    health,
    problem,
    caldav: a.caldav ?? null,
  };
}

function healthOf(
  a: StoredMailAccount,
  hasSecret: boolean,
  live: LiveHealth,
): { health: AccountHealth; problem: string | null } {
  const fix: AccountHealth = a.auth === 'oauth2' ? 'sign-in-needed' : 'password-needed';
  if (live.signIn) return { health: 'sign-in-needed', problem: live.signIn };
  if (!hasSecret) return { health: fix, problem: null };
  const c = live.connection;
  if (!c || c.state === 'connected' || c.state === 'not-configured') return { health: 'ok', problem: null };
  if (c.state === 'connecting') return { health: 'starting', problem: null };
  return LOGIN_REFUSED.test(c.message)
    ? { health: fix, problem: c.message }
    : { health: 'unreachable', problem: c.message };
}

function choiceOf(o: NonNullable<StoredMailAccount['oauth']>): OAuthChoice {
  return o.provider === 'oidc'
    ? { provider: 'oidc', issuer: o.issuer, clientId: o.clientId }
    : { provider: o.provider, clientId: o.clientId };
}

function settingsOf(s: FoundServer, address: string): ServerSettings {
  return { host: s.host, port: s.port, security: s.security, user: s.username ?? address };
}

/** Implicit TLS first (RFC 8314 §3), then STARTTLS; a plain-text server only when nothing else is offered. */
function best(servers: readonly FoundServer[], protocol: FoundServer['protocol']): FoundServer | null {
  const rank = { tls: 0, starttls: 1, none: 2 } as const;
  return servers.filter((s) => s.protocol === protocol).sort((x, y) => rank[x.security] - rank[y.security])[0] ?? null;
}

export function discoveryView(address: string, r: DiscoveryResult): DiscoveryView {
  const imap = best(r.servers, 'imap');
  const incoming = imap ?? best(r.servers, 'pop3');
  const smtp = best(r.servers, 'smtp');
  const used = [incoming, smtp].filter((s): s is FoundServer => s !== null);
  return {
    address,
    found: incoming !== null,
    protocol: incoming?.protocol === 'pop3' ? 'pop3' : 'imap',
    incoming: incoming ? settingsOf(incoming, address) : null,
    smtp: smtp ? settingsOf(smtp, address) : null,
    oauthProvider: r.oauthProvider,
    sources: used.map((s) => `${s.protocol} ${s.host}:${s.port} — ${s.method} ${s.source}`),
    guessed: used.some((s) => s.method === 'mx-guess'),
    caldavUrl: best(r.servers, 'caldav')?.url ?? null,
  };
}
