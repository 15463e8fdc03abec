/**
 * The accounts of the agent configuration file: `"accounts": [...]`, each with its identities (`me`), one
 * incoming server (`imap` or `pop3`), an optional `smtp` and `caldav`, and `oauth` when it signs in with a
 * provider instead of a password. The single-account form (`imap`, `smtp`, `me` at the top) is read as one
 * account with the id "default". Secrets follow the rules of agentConfig.ts: `passwordFile` /
 * `passwordEnv`, refresh tokens in a `tokenFile` (0600) or `refreshTokenEnv`.
 *
 * Plain data in and out, so the settings screens can show and validate the same shape.
 */
import path from 'node:path';
import { z } from 'zod';
import { normalizeAddress } from '../../shared/util/address.js';
import type { OAuthProviderSettings } from '../../shared/model/oauthSettings.js';
import { davAccountSchema, DavConfigError, resolveDavAccount, type DavAccount } from '../caldav/davAccountConfig.js';
import { resolveServer, ConfigError, type ServerConfig } from './agentConfig.js';

const server = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().optional(),
  security: z.enum(['tls', 'starttls', 'none']).optional(),
  user: z.string().min(1).optional(),
  password: z.string().optional(),
  passwordFile: z.string().optional(),
  passwordEnv: z.string().optional(),
  caFile: z.string().optional(),
  /** How this server is logged in to; "oauth2" needs the account's `oauth`. Default: oauth2 when it has one. */
  auth: z.enum(['password', 'oauth2']).optional(),
});

const tokenPlace = { tokenFile: z.string().optional(), refreshTokenEnv: z.string().optional() };
const oauth = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('microsoft'),
    clientId: z.string().min(1),
    tenant: z.string().optional(),
    ...tokenPlace,
  }),
  z.object({
    provider: z.literal('google'),
    clientId: z.string().min(1),
    clientSecret: z.string().optional(),
    caldav: z.boolean().optional(),
    ...tokenPlace,
  }),
  z.object({
    provider: z.literal('oidc'),
    issuer: z.string().url(),
    clientId: z.string().min(1),
    clientSecret: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    ...tokenPlace,
  }),
]);

/** The `caldav` block of electron/caldav/davAccountConfig.ts, and how the account signs in there. */
const caldav = davAccountSchema.extend({ auth: z.enum(['password', 'oauth2']).optional() });

const account = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only')
      .optional(),
    me: z.array(z.string().min(3)).min(1),
    imap: server.optional(),
    pop3: server.optional(),
    smtp: server,
    caldav: caldav.optional(),
    oauth: oauth.optional(),
  })
  .refine((a) => (a.imap ? 1 : 0) + (a.pop3 ? 1 : 0) === 1, { message: 'an account has exactly one of imap or pop3' });

export const accountsFileSchema = z.object({ accounts: z.array(account).min(1) });

export type AuthMethod = 'password' | 'oauth2';

export interface AccountServer extends ServerConfig {
  readonly auth: AuthMethod;
}

export type AccountOAuth = OAuthProviderSettings & {
  /** Absolute path of the 0600 token file, or null. */
  readonly tokenFile: string | null;
  /** Name of the environment variable holding the refresh token, or null. */
  readonly refreshTokenEnv: string | null;
};

export interface AccountConfig {
  readonly id: string;
  readonly me: readonly string[];
  readonly incoming: { readonly protocol: 'imap' | 'pop3'; readonly server: AccountServer };
  readonly smtp: AccountServer;
  /** Kept for this account's calendar (the single-account form's `caldav` block is the file's own, AgentConfig.caldav). */
  readonly caldav: (DavAccount & { readonly auth: AuthMethod }) | null;
  readonly oauth: AccountOAuth | null;
}

/** True when the parsed JSON of a configuration file uses the `accounts` form. */
export function hasAccountsList(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && Array.isArray((raw as { accounts?: unknown }).accounts);
}

/**
 * Reads the accounts of a configuration file (either form). `base` is the file's folder (relative paths);
 * warnings go to `warnings`. Throws ConfigError with the path of the first problem.
 */
export async function readAccounts(
  raw: unknown,
  base: string,
  env: NodeJS.ProcessEnv,
  warnings: string[],
): Promise<AccountConfig[]> {
  const list = hasAccountsList(raw) ? raw : { accounts: [singleAccount(raw)] };
  const parsed = accountsFileSchema.safeParse(list);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(
      `The accounts are invalid at ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'unknown problem'}`,
    );
  }
  const seen = new Set<string>();
  const out: AccountConfig[] = [];
  for (const [i, a] of parsed.data.accounts.entries()) {
    const id = a.id ?? `account${i + 1}`;
    if (seen.has(id)) throw new ConfigError(`accounts.${i}.id: the id "${id}" is used twice.`);
    seen.add(id);
    out.push(await resolveAccount(id, hasAccountsList(raw) ? `${id}.` : '', a, base, env, warnings));
  }
  return out;
}

/** The single-account form as one account; its `caldav`/`carddav` blocks stay the file's (agentConfig.ts reads them). */
function singleAccount(raw: unknown): object {
  const {
    caldav: _caldav,
    carddav: _carddav,
    ...rest
  } = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { ...rest, id: 'default' };
}

async function resolveAccount(
  id: string,
  prefix: string,
  a: z.infer<typeof account>,
  base: string,
  env: NodeJS.ProcessEnv,
  warnings: string[],
): Promise<AccountConfig> {
  const hasOAuth = !!a.oauth;
  const one = async (name: string, s: z.infer<typeof server>): Promise<AccountServer> => {
    const auth = s.auth ?? (hasOAuth ? 'oauth2' : 'password');
    if (auth === 'oauth2' && !hasOAuth)
      throw new ConfigError(`${prefix}${name}: auth "oauth2" needs the account's "oauth" settings.`);
    if (auth === 'oauth2' && !s.user)
      throw new ConfigError(`${prefix}${name}: auth "oauth2" needs a user (the mailbox address).`);
    return { ...(await resolveServer(`${prefix}${name}`, s, base, env, warnings)), auth };
  };
  const protocol = a.imap ? 'imap' : 'pop3';
  const incoming = { protocol, server: await one(protocol, (a.imap ?? a.pop3)!) } as const;
  let cal: AccountConfig['caldav'] = null;
  if (a.caldav) {
    const { auth, ...block } = a.caldav;
    try {
      cal = {
        ...(await resolveDavAccount(`${prefix}caldav`, block, base, env, warnings)),
        auth: auth ?? (hasOAuth ? 'oauth2' : 'password'),
      };
    } catch (e) {
      if (e instanceof DavConfigError) throw new ConfigError(e.message);
      throw e;
    }
  }
  return {
    id,
    me: a.me.map(normalizeAddress),
    incoming,
    smtp: await one('smtp', a.smtp),
    caldav: cal,
    oauth: a.oauth ? resolveOAuth(a.oauth, base, protocol) : null,
  };
}

/** A POP3 account at Microsoft asks for the POP scope (POP.AccessAsUser.All) besides IMAP's and SMTP's. */
function resolveOAuth(o: z.infer<typeof oauth>, base: string, protocol: 'imap' | 'pop3'): AccountOAuth {
  const { tokenFile, refreshTokenEnv, ...rest } = o;
  const settings = stripUndefined(rest) as OAuthProviderSettings;
  return {
    ...(settings.provider === 'microsoft' && protocol === 'pop3' ? { ...settings, pop3: true } : settings),
    tokenFile: tokenFile ? path.resolve(base, tokenFile) : null,
    refreshTokenEnv: refreshTokenEnv ?? null,
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
