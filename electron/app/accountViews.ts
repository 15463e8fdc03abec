/**
 * The view models of the account screens: one account with its health (what it needs from the person now), and
 * what discovery found for an address, in the form's shape with where each answer came from.
 */
import type { Message } from '../../shared/i18n/index.js';
import type {
  AccountHealth,
  AccountProblemCode,
  AccountServerKind,
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

interface Health {
  readonly health: AccountHealth;
  readonly problem: string | null;
  readonly problemCode: AccountProblemCode | null;
  readonly reason: Message | null;
}

export function accountView(a: StoredMailAccount, hasSecret: boolean, live: LiveHealth): MailAccountView {
  return {
    id: a.id,
    me: a.me,
    protocol: a.protocol,
    incoming: a.incoming,
    smtp: a.smtp,
    auth: a.auth,
    oauth: a.oauth ? choiceOf(a.oauth) : null,
    hasSecret,
    ...healthOf(a, hasSecret, live),
    caldav: a.caldav ?? null,
  };
}

const FINE: Omit<Health, 'health'> = { problem: null, problemCode: null, reason: null };
const SERVER_LABEL = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP', oauth: 'oauth' } as const;

/**
 * The account's health from the codes the agents and the token source report (electron/agent/accountProblem.ts):
 * a refused login needs a new password (or, for an OAuth account, a new sign-in), anything else is shown as
 * "cannot be reached" with its worded reason. The server's own text is only the detail.
 */
export function healthOf(a: StoredMailAccount, hasSecret: boolean, live: LiveHealth): Health {
  const account = a.me[0] ?? a.incoming.user;
  const reason = (code: AccountProblemCode, server: AccountServerKind, detail: string): Message => ({
    key: `accounts.problem.${code}`,
    params: { account, server: SERVER_LABEL[server], detail },
  });
  if (live.signIn) {
    const code = 'AUTH_SIGN_IN_AGAIN';
    return {
      health: 'sign-in-needed',
      problem: live.signIn,
      problemCode: code,
      reason: reason(code, 'oauth', live.signIn),
    };
  }
  const fix: AccountHealth = a.auth === 'oauth2' ? 'sign-in-needed' : 'password-needed';
  if (!hasSecret) return { health: fix, ...FINE };
  const c = live.connection;
  if (!c || c.state === 'connected' || c.state === 'not-configured') return { health: 'ok', ...FINE };
  if (c.state === 'connecting') return { health: 'starting', ...FINE };
  const code = c.code ?? 'CONNECT_FAILED';
  const detail = detailOf(c);
  const health: AccountHealth =
    code === 'AUTH_SIGN_IN_AGAIN' ? 'sign-in-needed' : code === 'AUTH_REFUSED' ? fix : 'unreachable';
  return { health, problem: detail, problemCode: code, reason: reason(code, c.server ?? a.protocol, detail) };
}

/** The failure as the server or the socket said it: the status detail's own text, else the status line. */
function detailOf(c: ConnectionStatus): string {
  const params = c.details?.[0]?.params;
  const text = params?.detail ?? params?.error;
  return typeof text === 'string' && text ? text : c.message;
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
