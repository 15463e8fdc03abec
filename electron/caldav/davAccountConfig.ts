/**
 * The `caldav` and `carddav` blocks of the agent's configuration file: where the account lives, who I am there,
 * where the password comes from, which CA to trust, and (CalDAV) which calendar new invitations go to. Owns the
 * schema and turning a block into a `DavAccount` (password read, CA read, relative paths against the file).
 *
 * `url` may be a bare domain (RFC 6764 SRV/TXT lookup), the server root (`/.well-known/caldav`), a principal or
 * a collection. Passwords follow the IMAP settings' rules: `passwordFile` or `passwordEnv`; a literal `password`
 * works and is reported as a warning.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const davAccountSchema = z.object({
  url: z.string().min(1),
  user: z.string().min(1).optional(),
  password: z.string().optional(),
  passwordFile: z.string().optional(),
  passwordEnv: z.string().optional(),
  caFile: z.string().optional(),
  /** CalDAV: display name or href of the calendar new invitations go to. */
  calendar: z.string().min(1).optional(),
});

export type DavAccountBlock = z.infer<typeof davAccountSchema>;

export interface DavAccount {
  readonly url: string;
  readonly user: string | null;
  readonly password: string | null;
  /** PEM text of a private CA to trust in addition to the system's; TLS is verified either way. */
  readonly ca: string | null;
  readonly calendar: string | null;
}

export class DavConfigError extends Error {
  readonly code = 'DAV_CONFIG_INVALID';
}

/** Resolves one block; `name` ("caldav"/"carddav") prefixes messages and warnings. */
export async function resolveDavAccount(
  name: string,
  block: DavAccountBlock,
  base: string,
  env: NodeJS.ProcessEnv,
  warnings: string[],
): Promise<DavAccount> {
  const url = block.url.trim();
  if (/^http:\/\//i.test(url) && !/^http:\/\/(127\.|localhost[:/]|\[::1\])/i.test(url)) {
    throw new DavConfigError(`${name}: plain http is only allowed for a server on this machine; use https.`);
  }
  let password: string | null = null;
  if (block.passwordFile) {
    const f = path.resolve(base, block.passwordFile);
    try {
      password = (await readFile(f, 'utf8')).replace(/\r?\n$/, '');
      if ((await stat(f)).mode & 0o077)
        warnings.push(`${name}: the password file ${f} is readable by other users (chmod 600 it).`);
    } catch (e) {
      throw new DavConfigError(`${name}: cannot read passwordFile ${f}: ${(e as Error).message}`);
    }
  } else if (block.passwordEnv) {
    const v = env[block.passwordEnv];
    if (v === undefined)
      throw new DavConfigError(`${name}: the environment variable ${block.passwordEnv} (passwordEnv) is not set.`);
    password = v;
  } else if (block.password !== undefined) {
    password = block.password;
    warnings.push(`${name}: the password is written in the configuration file; prefer passwordFile or passwordEnv.`);
  }
  let ca: string | null = null;
  if (block.caFile) {
    try {
      ca = await readFile(path.resolve(base, block.caFile), 'utf8');
    } catch (e) {
      throw new DavConfigError(`${name}: cannot read caFile: ${(e as Error).message}`);
    }
  }
  return { url, user: block.user ?? null, password, ca, calendar: block.calendar ?? null };
}

export interface DavAccountsFile {
  /** The file's own blocks (the single-account form's, or the calendar every account without its own shares). */
  readonly caldav: DavAccount | null;
  readonly carddav: DavAccount | null;
  /** Accounts of the `accounts` form with their own `caldav` block (ids as accountsConfig.ts gives them). */
  readonly accounts: readonly { readonly id: string; readonly caldav: DavAccount & { readonly auth: string } }[];
  readonly dataDir: string | null;
  readonly pollSeconds: number;
  readonly warnings: string[];
}

const accountBlock = z
  .object({
    id: z.string().optional(),
    caldav: davAccountSchema.extend({ auth: z.enum(['password', 'oauth2']).optional() }).optional(),
    oauth: z.unknown().optional(),
  })
  .passthrough();

/**
 * Reads only the CalDAV/CardDAV side of a configuration file — the top-level blocks and each account's `caldav` —
 * so `calendars`, `sync` and the writing commands need no IMAP or SMTP password to reach the calendar.
 */
export async function loadDavAccounts(file: string, env: NodeJS.ProcessEnv = process.env): Promise<DavAccountsFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new DavConfigError(`Cannot read the configuration ${file}: ${(e as Error).message}`);
  }
  const parsed = z
    .object({
      caldav: davAccountSchema.optional(),
      carddav: davAccountSchema.optional(),
      dataDir: z.string().min(1).optional(),
      pollSeconds: z.number().int().min(5).max(3600).optional(),
      accounts: z.array(accountBlock).optional(),
    })
    .safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DavConfigError(
      `The configuration ${file} is invalid at ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'unknown problem'}`,
    );
  }
  const c = parsed.data;
  const base = path.dirname(path.resolve(file));
  const warnings: string[] = [];
  const caldav = c.caldav ? await resolveDavAccount('caldav', c.caldav, base, env, warnings) : null;
  const carddav = c.carddav ? await resolveDavAccount('carddav', c.carddav, base, env, warnings) : null;
  const accounts: { id: string; caldav: DavAccount & { auth: string } }[] = [];
  for (const [i, a] of (c.accounts ?? []).entries()) {
    if (!a.caldav) continue;
    const id = a.id ?? `account${i + 1}`;
    const { auth, ...block } = a.caldav;
    const account = await resolveDavAccount(`${id}.caldav`, block, base, env, warnings);
    accounts.push({ id, caldav: { ...account, auth: auth ?? (a.oauth ? 'oauth2' : 'password') } });
  }
  return {
    caldav,
    carddav,
    accounts,
    dataDir: c.dataDir ? path.resolve(base, c.dataDir) : null,
    pollSeconds: c.pollSeconds ?? 60,
    warnings,
  };
}
