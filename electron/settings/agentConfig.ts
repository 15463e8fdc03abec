/**
 * The agent's configuration: read from the configuration file (`watch --config FILE`, `web --config FILE`: JSON
 * with the IMAP and SMTP accounts, my addresses, the policy, the time frame and the data dir), or built from the
 * app's own accounts (appAgentConfig.ts). Passwords are never written in the file: they come from a file (`passwordFile`,
 * readable only by the user) or an environment variable (`passwordEnv`); a literal `password` is accepted for quick
 * trials but reported as a warning. The file may list several accounts (`"accounts": [...]`, accountsConfig.ts).
 * How the file's settings rank against the data dir's: schedulingSettings.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SETTING_FIELDS } from '../../shared/ipc/schemas.js';
import { parseTimeframe } from '../../shared/util/duration.js';
import type { Policy } from '../../shared/model/decisions.js';
import { normalizeAddress } from '../../shared/util/address.js';
import { davAccountSchema, DavConfigError, resolveDavAccount, type DavAccount } from '../caldav/davAccountConfig.js';
import type { ImapAccount } from '../mail/imap/index.js';
import type { SmtpAccount } from '../mail/smtp/index.js';
import { hasAccountsList, readAccounts, type AccountConfig } from './accountsConfig.js';
import { DEFAULT_POLICY, DEFAULT_TIMEFRAME, UNVERIFIED_SENDERS, type FileSettings } from './schedulingSettings.js';

const server = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** true: implicit TLS; false: STARTTLS (required). `security` overrides both. */
  secure: z.boolean().optional(),
  security: z.enum(['tls', 'starttls', 'none']).optional(),
  user: z.string().min(1).optional(),
  password: z.string().optional(),
  passwordFile: z.string().optional(),
  passwordEnv: z.string().optional(),
  caFile: z.string().optional(),
});

/**
 * The settings a configuration file may set, each optional: a key left out leaves the data dir's value (or the
 * default) in force. The same keys in the full file (`schema`) and when only its settings are read (`settingsOnly`).
 */
const FILE_SETTINGS = {
  policy: SETTING_FIELDS.policy.optional(),
  timeframe: SETTING_FIELDS.timeframe.optional(),
  // The language of the mail sent on my behalf (language.ts); absent: the data dir's, else the environment's.
  language: SETTING_FIELDS.language.optional(),
  // Sender trust (schedulingSettings.ts): whose Authentication-Results count, and what an unconfirmed sender gets.
  authservId: z.string().min(1).max(255).optional(),
  unverifiedSenders: z.enum(UNVERIFIED_SENDERS).optional(),
  // Settings → Meetings: the reminder written into my copy when I accept or create a meeting (minutes before, null
  // for none), plus-address reply tokens, the iMIP address patterns (not mailed), and my name (the From of my mail,
  // my CN in meetings I create), also one per address.
  defaultReminderMinutes: SETTING_FIELDS.defaultReminderMinutes.optional(),
  replyTokens: SETTING_FIELDS.replyTokens.optional(),
  imipAddressPatterns: SETTING_FIELDS.imipAddressPatterns.optional(),
  displayName: SETTING_FIELDS.displayName.optional(),
  addressNames: SETTING_FIELDS.addressNames.optional(),
};

const schema = z.object({
  imap: server,
  smtp: server,
  me: z.array(z.string().min(3)).min(1),
  ...FILE_SETTINGS,
  dataDir: z.string().min(1),
  pollSeconds: z.number().int().min(5).max(3600).optional(),
  caldav: davAccountSchema.optional(),
  carddav: davAccountSchema.optional(),
});

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string | null;
  readonly password: string | null;
  readonly ca: string | null;
  /** OAuth accounts: a fresh access token per connection, instead of the password (electron/accounts). */
  readonly accessToken?: () => Promise<string>;
}

export interface AgentConfig {
  readonly imap: ServerConfig;
  readonly smtp: ServerConfig;
  readonly me: readonly string[];
  readonly policy: Policy;
  readonly timeframe: string;
  readonly timeframeMs: number;
  readonly dataDir: string;
  readonly pollSeconds: number;
  /** The CalDAV / CardDAV accounts (electron/caldav); null: the calendar is the local vdir only. */
  readonly caldav?: DavAccount | null;
  readonly carddav?: DavAccount | null;
  readonly warnings: readonly string[];
  /** What the configuration file sets explicitly (empty for the desktop app's account). */
  readonly settings: FileSettings;
  /**
   * Every account of the file (accountsConfig.ts; the single-account form is one account, "default"); imap/smtp
   * above are the first one's, `me` is every account's. Absent for the desktop app's stored account.
   */
  readonly accounts?: readonly AccountConfig[];
  /** The configuration file this was read from (absolute); absent for the desktop app's stored account. */
  readonly file?: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** The scheduling settings of a configuration file, and nothing that needs a password (loadFileSettings). */
const settingsOnly = z
  .object({
    me: z.array(z.string().min(3)).optional(),
    ...FILE_SETTINGS,
    accounts: z.array(z.object({ me: z.array(z.string().min(3)).optional() }).passthrough()).optional(),
  })
  .passthrough();

/**
 * The settings a configuration file gives the data dir (my addresses, policy, time frame, language, sender trust),
 * read without its accounts' passwords: what the CLI's writing commands apply with `--config`, as `watch` does at
 * its start, so a reply written by `decide --config FILE` speaks the file's language.
 */
export async function loadFileSettings(file: string): Promise<FileSettings> {
  const c = parseConfig(settingsOnly, await readConfigJson(file), file);
  if (c.timeframe !== undefined) {
    const tf = parseTimeframe(c.timeframe);
    if (!tf.ok) throw new ConfigError(tf.error.message);
  }
  const me = [...new Set([...(c.me ?? []), ...(c.accounts ?? []).flatMap((a) => a.me ?? [])].map(normalizeAddress))];
  return fileSettingsOf(c, me);
}

async function readConfigJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ConfigError(`Cannot read the configuration ${file}: ${(e as Error).message}`);
  }
}

/** The file's content by `shape`, or a ConfigError naming the first place it is not. */
function parseConfig<T>(shape: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = shape.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new ConfigError(
    `The configuration ${file} is invalid at ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'unknown problem'}`,
  );
}

/** The settings the file sets; a key it leaves out leaves the data dir's value in force (schedulingSettings.ts). */
function fileSettingsOf(c: z.infer<typeof settingsOnly>, me: readonly string[]): FileSettings {
  return {
    me,
    ...(c.policy ? { policy: c.policy } : {}),
    ...(c.timeframe !== undefined ? { timeframe: c.timeframe } : {}),
    ...(c.language !== undefined ? { language: c.language } : {}),
    ...(c.authservId !== undefined ? { authservId: c.authservId } : {}),
    ...(c.unverifiedSenders !== undefined ? { unverifiedSenders: c.unverifiedSenders } : {}),
    ...(c.defaultReminderMinutes !== undefined ? { defaultReminderMinutes: c.defaultReminderMinutes } : {}),
    ...(c.replyTokens !== undefined ? { replyTokens: c.replyTokens } : {}),
    ...(c.imipAddressPatterns !== undefined ? { imipAddressPatterns: c.imipAddressPatterns } : {}),
    ...(c.displayName !== undefined ? { displayName: c.displayName } : {}),
    ...(c.addressNames !== undefined ? { addressNames: c.addressNames } : {}),
  };
}

/** Reads and validates the file; relative paths in it are relative to the file's folder. */
export async function loadAgentConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<AgentConfig> {
  const raw = await readConfigJson(file);
  const multi = hasAccountsList(raw);
  const c = parseConfig(multi ? schema.partial({ imap: true, smtp: true, me: true }) : schema, raw, file);
  const base = path.dirname(path.resolve(file));
  const warnings: string[] = [];
  const tf = parseTimeframe(c.timeframe ?? DEFAULT_TIMEFRAME);
  if (!tf.ok) throw new ConfigError(tf.error.message);
  const accounts = await readAccounts(raw, base, env, warnings);
  const first = accounts[0];
  if (!first) throw new ConfigError(`The configuration ${file} names no account.`);
  const me = multi ? [...new Set(accounts.flatMap((a) => a.me))] : (c.me ?? []).map(normalizeAddress);
  return {
    imap: first.incoming.server,
    smtp: first.smtp,
    me,
    accounts,
    policy: c.policy ?? DEFAULT_POLICY,
    timeframe: c.timeframe ?? DEFAULT_TIMEFRAME,
    timeframeMs: tf.value,
    dataDir: path.resolve(base, c.dataDir),
    pollSeconds: c.pollSeconds ?? 60,
    ...(await resolveDav(c, base, env, warnings)),
    warnings,
    file: path.resolve(file),
    settings: fileSettingsOf(c, me),
  };
}

async function resolveDav(
  c: Pick<z.infer<typeof schema>, 'caldav' | 'carddav'>,
  base: string,
  env: NodeJS.ProcessEnv,
  warnings: string[],
): Promise<{ caldav: DavAccount | null; carddav: DavAccount | null }> {
  try {
    return {
      caldav: c.caldav ? await resolveDavAccount('caldav', c.caldav, base, env, warnings) : null,
      carddav: c.carddav ? await resolveDavAccount('carddav', c.carddav, base, env, warnings) : null,
    };
  } catch (e) {
    if (e instanceof DavConfigError) throw new ConfigError(e.message);
    throw e;
  }
}

/** A server's settings with its password read from where the file says (shared with accountsConfig.ts). */
export async function resolveServer(
  name: string,
  s: z.infer<typeof server>,
  base: string,
  env: NodeJS.ProcessEnv,
  warnings: string[],
): Promise<ServerConfig> {
  const security = s.security ?? (s.secure === false ? 'starttls' : 'tls');
  if (security === 'none' && !/^(127\.|localhost$|::1$)/.test(s.host)) {
    throw new ConfigError(
      `${name}: security "none" is only allowed for a server on this machine; use "tls" or "starttls".`,
    );
  }
  let password: string | null = null;
  if (s.passwordFile) {
    const f = path.resolve(base, s.passwordFile);
    try {
      password = (await readFile(f, 'utf8')).replace(/\r?\n$/, '');
      const mode = (await stat(f)).mode & 0o077;
      if (mode) warnings.push(`${name}: the password file ${f} is readable by other users (chmod 600 it).`);
    } catch (e) {
      throw new ConfigError(`${name}: cannot read passwordFile ${f}: ${(e as Error).message}`);
    }
  } else if (s.passwordEnv) {
    const v = env[s.passwordEnv];
    if (v === undefined)
      throw new ConfigError(`${name}: the environment variable ${s.passwordEnv} (passwordEnv) is not set.`);
    password = v;
  } else if (s.password !== undefined) {
    password = s.password;
    warnings.push(`${name}: the password is written in the configuration file; prefer passwordFile or passwordEnv.`);
  }
  let ca: string | null = null;
  if (s.caFile) {
    try {
      ca = await readFile(path.resolve(base, s.caFile), 'utf8');
    } catch (e) {
      throw new ConfigError(`${name}: cannot read caFile: ${(e as Error).message}`);
    }
  }
  return { host: s.host, port: s.port, security, user: s.user ?? null, password, ca };
}

/** A server of the configuration as the IMAP source takes it. */
export function imapAccountOf(s: ServerConfig): ImapAccount {
  return {
    host: s.host,
    port: s.port,
    security: s.security,
    user: s.user ?? '',
    ...(s.password !== null ? { password: s.password } : {}),
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.accessToken ? { accessToken: s.accessToken } : {}),
  };
}

/** A server of the configuration as the SMTP sender takes it (no user: no AUTH). */
export function smtpAccountOf(s: ServerConfig): SmtpAccount {
  return {
    host: s.host,
    port: s.port,
    security: s.security,
    ...(s.user ? { user: s.user } : {}),
    ...(s.password !== null ? { password: s.password } : {}),
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.accessToken ? { accessToken: s.accessToken } : {}),
  };
}
