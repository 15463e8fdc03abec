/**
 * The account form's draft: what the person typed, how it starts (from discovery, or from an account being
 * repaired), what is missing, and the `MailAccountInput` it becomes. Pure, so the rules are tested without a DOM.
 */
import type {
  DiscoveryView,
  MailAccountInput,
  MailAccountView,
  MailProtocol,
  OAuthChoice,
  ServerSettings,
} from '../api';
import { DEFAULT_PORTS, type ServerDraft } from '../features/account/ServerFields';
import type { Words } from '../lib/i18n';

export type ProviderName = OAuthChoice['provider'];

export interface AccountDraft {
  readonly id: string | null;
  readonly address: string;
  /** The account's other addresses (identities), as typed: separated by commas, spaces or lines. */
  readonly identities: string;
  readonly protocol: MailProtocol;
  readonly incoming: ServerDraft;
  readonly smtp: ServerDraft;
  readonly user: string;
  readonly method: 'password' | 'oauth2';
  readonly password: string;
  readonly provider: ProviderName;
  readonly issuer: string;
  readonly clientId: string;
  /** The finished sign-in of this form, if any. */
  readonly flowId: string | null;
}

export type Invalid = 'address' | 'identities' | 'incoming' | 'smtp' | 'user' | 'password' | 'signIn' | 'issuer';

const label = (p: MailProtocol): 'IMAP' | 'POP3' => (p === 'pop3' ? 'POP3' : 'IMAP');

function serverDraft(s: ServerSettings | null, protocol: 'IMAP' | 'POP3' | 'SMTP'): ServerDraft {
  return s
    ? { host: s.host, port: String(s.port), security: s.security }
    : { host: '', port: String(DEFAULT_PORTS[protocol].tls), security: 'tls' };
}

export function draftFromDiscovery(address: string, d: DiscoveryView | null): AccountDraft {
  const protocol = d?.protocol ?? 'imap';
  return {
    id: null,
    address,
    identities: '',
    protocol,
    incoming: serverDraft(d?.incoming ?? null, label(protocol)),
    smtp: serverDraft(d?.smtp ?? null, 'SMTP'),
    user: d?.incoming?.user ?? address,
    method: d?.oauthProvider ? 'oauth2' : 'password',
    password: '',
    provider: d?.oauthProvider ?? 'oidc',
    issuer: '',
    clientId: '',
    flowId: null,
  };
}

export function draftFromAccount(a: MailAccountView): AccountDraft {
  const oauth = a.oauth;
  return {
    id: a.id,
    address: a.me[0] ?? a.incoming.user,
    identities: a.me.slice(1).join(', '),
    protocol: a.protocol,
    incoming: serverDraft(a.incoming, label(a.protocol)),
    smtp: serverDraft(a.smtp, 'SMTP'),
    user: a.incoming.user,
    method: a.auth,
    password: '',
    provider: oauth?.provider ?? 'oidc',
    issuer: oauth?.provider === 'oidc' ? oauth.issuer : '',
    clientId: oauth?.clientId ?? '',
    flowId: null,
  };
}

export function oauthChoiceOf(d: AccountDraft): OAuthChoice {
  if (d.provider === 'oidc') return { provider: 'oidc', issuer: d.issuer.trim(), clientId: d.clientId.trim() };
  return d.clientId.trim() ? { provider: d.provider, clientId: d.clientId.trim() } : { provider: d.provider };
}

function portOk(s: ServerDraft): boolean {
  const port = Number(s.port);
  return !!s.host.trim() && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/**
 * What is missing, in words, and which fields; `repairing` accepts an empty password (the stored one is kept for
 * the same servers) and a kept sign-in.
 */
export function draftProblems(
  w: Pick<Words, 't'>,
  d: AccountDraft,
  repairing: boolean,
): { problems: string[]; invalid: Set<Invalid> } {
  const problems: string[] = [];
  const invalid = new Set<Invalid>();
  const add = (field: Invalid, text: string): void => {
    problems.push(text);
    invalid.add(field);
  };
  if (!ADDRESS.test(d.address.trim())) add('address', w.t('accounts.ui.enterAddress'));
  if (identitiesOf(d).some((a) => !ADDRESS.test(a))) add('identities', w.t('accounts.ui.badIdentity'));
  for (const [field, name, s] of [
    ['incoming', label(d.protocol), d.incoming],
    ['smtp', 'SMTP', d.smtp],
  ] as const) {
    if (!s.host.trim()) add(field, w.t('accounts.ui.enterServer', { protocol: name }));
    else if (!portOk(s)) add(field, w.t('accounts.ui.badPort', { protocol: name }));
  }
  if (!d.user.trim()) add('user', w.t('accounts.ui.enterUser'));
  if (d.method === 'password' && !d.password && !repairing) add('password', w.t('accounts.ui.enterPassword'));
  if (d.method === 'oauth2' && d.provider === 'oidc' && (!d.issuer.trim() || !d.clientId.trim()))
    add('issuer', w.t('accounts.ui.enterIssuer'));
  if (d.method === 'oauth2' && !d.flowId && !repairing) add('signIn', w.t('accounts.ui.signInFirst'));
  return { problems, invalid };
}

function settingsOf(s: ServerDraft, user: string): ServerSettings {
  return { host: s.host.trim(), port: Number(s.port), security: s.security, user: user.trim() };
}

const ADDRESS = /^[^@\s,;]+@[^@\s,;]+$/;

/** The other addresses as a list: lower case, without the main address and without repeats. */
export function identitiesOf(d: Pick<AccountDraft, 'address' | 'identities'>): string[] {
  const main = d.address.trim().toLowerCase();
  const list = d.identities
    .split(/[\s,;]+/)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a && a !== main);
  return [...new Set(list)];
}

export function inputOf(d: AccountDraft): MailAccountInput {
  return {
    id: d.id,
    me: [d.address.trim().toLowerCase(), ...identitiesOf(d)],
    protocol: d.protocol,
    incoming: settingsOf(d.incoming, d.user),
    smtp: settingsOf(d.smtp, d.user),
    auth:
      d.method === 'password'
        ? { kind: 'password', password: d.password }
        : { kind: 'oauth2', oauth: oauthChoiceOf(d), flowId: d.flowId },
  };
}
