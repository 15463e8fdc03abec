/**
 * The scheduling settings (policy, time frame, my addresses, sender trust, notifications, start at login, the default
 * reminder; the organizer's reply tokens and iMIP address patterns are read in organizeSettings.ts): their
 * defaults, how the layers combine, and where each effective value comes from.
 *
 * Precedence, highest first: the configuration file (`watch --config`, `web --config`), then the data dir's
 * config.json (what Settings and the CLI's `--me` save), then the defaults below. The configuration file is applied
 * to config.json at every start (`applyConfigFile`): a value a person wrote in the file and restarted for always
 * takes effect, and the start log says which saved value it replaced. While the companion runs, config.json is the
 * one live source: a change made in Settings applies to the next message and lasts until the next start with a
 * configuration file that sets the same key. The configuration file's addresses are added to config.json's, never
 * removed from it.
 */
import type { SettingSource, SettingsSources } from '../../shared/ipc/contract.js';
import type { LanguageSetting, Message } from '../../shared/i18n/index.js';
import { LANGUAGE_SETTINGS } from '../../shared/i18n/index.js';
import { DEFAULT_POLICY, DEFAULT_TIMEFRAME, POLICIES } from '../../shared/model/domain.js';
import type { Policy } from '../../shared/model/decisions.js';
import type { UnverifiedSenders } from '../../shared/itip/index.js';
import { parseTimeframe } from '../../shared/util/duration.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';

export { DEFAULT_POLICY, DEFAULT_TIMEFRAME };

/** What a configuration file sets explicitly (a key left out of the file leaves config.json's value alone). */
export interface FileSettings {
  readonly policy?: Policy;
  readonly timeframe?: string;
  readonly language?: LanguageSetting;
  readonly me?: readonly string[];
  readonly authservId?: string;
  readonly unverifiedSenders?: UnverifiedSenders;
  readonly defaultReminderMinutes?: number | null;
  readonly replyTokens?: boolean;
  readonly imipAddressPatterns?: readonly string[];
  readonly displayName?: string | null;
  readonly addressNames?: Readonly<Record<string, string>>;
}

/** See `EngineContext.unverifiedSenders` (shared/itip/types.ts) for what each value does. */
export const UNVERIFIED_SENDERS = ['apply', 'hold'] as const satisfies readonly UnverifiedSenders[];

/**
 * Sender trust: `authservId` names the person's receiving server, whose Authentication-Results alone count (RFC
 * 8601; unset: the server that added the topmost header); `unverifiedSenders` says whether a sender that server
 * neither confirmed nor refuted may be applied without the person. Default `apply`: many servers add no
 * Authentication-Results and many domains publish no DMARC policy, and the `known` policy already asks about
 * strangers; a DMARC failure is held whatever this says.
 */
export function senderTrustOf(cfg: DataDirConfig): {
  authservId: string | null;
  unverifiedSenders: UnverifiedSenders;
} {
  const id = typeof cfg.authservId === 'string' && cfg.authservId.trim() ? cfg.authservId.trim() : null;
  const mode = (UNVERIFIED_SENDERS as readonly unknown[]).includes(cfg.unverifiedSenders)
    ? (cfg.unverifiedSenders as UnverifiedSenders)
    : 'apply';
  return { authservId: id, unverifiedSenders: mode };
}

export function policyOf(cfg: DataDirConfig): Policy {
  return (POLICIES as readonly unknown[]).includes(cfg.policy) ? (cfg.policy as Policy) : DEFAULT_POLICY;
}

export function timeframeOf(cfg: DataDirConfig): { text: string; ms: number } {
  const text = typeof cfg.timeframe === 'string' ? cfg.timeframe : DEFAULT_TIMEFRAME;
  const parsed = parseTimeframe(text);
  if (parsed.ok) return { text, ms: parsed.value };
  const fallback = parseTimeframe(DEFAULT_TIMEFRAME);
  return { text: DEFAULT_TIMEFRAME, ms: fallback.ok ? fallback.value : 28 * 86_400_000 };
}

/**
 * How long a person's decision or answer can be undone: its mail is held in the outbox that long (config.json
 * `undoSeconds`, 0 to send at once). 10 s by default, as Gmail's "undo send" (5–30 s) and Outlook's (up to 10 s).
 */
export const DEFAULT_UNDO_SECONDS = 10;
export const MAX_UNDO_SECONDS = 120;

export function undoGraceMsOf(cfg: DataDirConfig): number {
  const v = cfg['undoSeconds'];
  const seconds =
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(v, MAX_UNDO_SECONDS) : DEFAULT_UNDO_SECONDS;
  return Math.round(seconds * 1000);
}

/**
 * The default reminder for meetings I accept or organize that carry no alarm of their own (config.json
 * `defaultReminderMinutes`, minutes before the start); null (the default): none, as Thunderbird's default.
 */
export function reminderMinutesOf(cfg: DataDirConfig): number | null {
  const v = cfg['defaultReminderMinutes'];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 7 * 24 * 60 ? Math.round(v) : null;
}

function sourceOf(fileSets: boolean, fromFile: boolean, saved: boolean): SettingSource {
  if (fileSets && fromFile) return 'config-file';
  return saved ? 'data-dir' : 'default';
}

/** Where each effective value comes from, given config.json and the configuration file the companion started with. */
export function settingsSources(cfg: DataDirConfig, file: FileSettings | null): SettingsSources {
  const policySaved = (POLICIES as readonly unknown[]).includes(cfg.policy);
  const timeframeSaved = typeof cfg.timeframe === 'string' && parseTimeframe(cfg.timeframe).ok;
  return {
    policy: sourceOf(file?.policy !== undefined, cfg.policy === file?.policy, policySaved),
    timeframe: sourceOf(file?.timeframe !== undefined, cfg.timeframe === file?.timeframe, timeframeSaved),
    me: sourceOf((file?.me?.length ?? 0) > 0, true, cfg.me.length > 0),
    notifications: typeof cfg.notifications === 'boolean' ? 'data-dir' : 'default',
    startAtLogin: typeof cfg.startAtLogin === 'boolean' ? 'data-dir' : 'default',
    language: sourceOf(
      file?.language !== undefined,
      cfg.language === file?.language,
      (LANGUAGE_SETTINGS as readonly unknown[]).includes(cfg.language),
    ),
    // None chosen in Settings is saved as null: the person's choice, though it equals the default.
    defaultReminderMinutes: sourceOf(
      file?.defaultReminderMinutes !== undefined,
      cfg['defaultReminderMinutes'] === file?.defaultReminderMinutes,
      cfg['defaultReminderMinutes'] === null || reminderMinutesOf(cfg) !== null,
    ),
    replyTokens: sourceOf(
      file?.replyTokens !== undefined,
      cfg['replyTokens'] === file?.replyTokens,
      typeof cfg['replyTokens'] === 'boolean',
    ),
    imipAddressPatterns: sourceOf(
      file?.imipAddressPatterns !== undefined,
      sameValue(cfg['imipAddressPatterns'], file?.imipAddressPatterns),
      Array.isArray(cfg['imipAddressPatterns']),
    ),
    displayName: sourceOf(
      file?.displayName !== undefined,
      cfg['displayName'] === file?.displayName,
      typeof cfg['displayName'] === 'string' || cfg['displayName'] === null,
    ),
    addressNames: sourceOf(
      file?.addressNames !== undefined,
      sameValue(cfg['addressNames'], file?.addressNames),
      typeof cfg['addressNames'] === 'object' && cfg['addressNames'] !== null,
    ),
  };
}

/** The keys a configuration file sets: they are applied again at every start. */
export function fileSettingKeys(file: FileSettings | null): (keyof SettingsSources)[] {
  if (!file) return [];
  return [
    ...(file.policy !== undefined ? ['policy' as const] : []),
    ...(file.timeframe !== undefined ? ['timeframe' as const] : []),
    ...(file.language !== undefined ? ['language' as const] : []),
    ...(file.me?.length ? ['me' as const] : []),
    ...(file.defaultReminderMinutes !== undefined ? ['defaultReminderMinutes' as const] : []),
    ...(file.replyTokens !== undefined ? ['replyTokens' as const] : []),
    ...(file.imipAddressPatterns !== undefined ? ['imipAddressPatterns' as const] : []),
    ...(file.displayName !== undefined ? ['displayName' as const] : []),
    ...(file.addressNames !== undefined ? ['addressNames' as const] : []),
  ];
}

/** A value as the start log shows it: a list of patterns as its entries, names as `address: name`, "none" for null. */
function shown(v: unknown): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${String(x)}`)
      .join(', ');
  return String(v);
}

/** Equal as JSON values (a list of patterns is compared by its entries). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes the configuration file's settings into config.json (see the module header for why the file wins at a
 * start). Returns a message for each saved value it replaced, for the start log.
 */
export async function applyConfigFile(data: DataDir, config: { readonly settings: FileSettings }): Promise<Message[]> {
  const cfg = data.config();
  const file = config.settings;
  const patch: Partial<DataDirConfig> = {};
  const notes: Message[] = [];
  const missing = (file.me ?? []).filter((a) => !cfg.me.includes(a));
  if (missing.length) patch.me = [...cfg.me, ...missing];
  const keys = [
    'policy',
    'timeframe',
    'language',
    'authservId',
    'unverifiedSenders',
    'defaultReminderMinutes',
    'replyTokens',
    'imipAddressPatterns',
    'displayName',
    'addressNames',
  ] as const;
  for (const key of keys) {
    const value = file[key];
    if (value === undefined || sameValue(cfg[key], value)) continue;
    (patch as Record<string, unknown>)[key] = value;
    if (cfg[key] !== undefined)
      notes.push({
        key: 'settings.configFileReplaced',
        params: { setting: key, value: shown(value), saved: shown(cfg[key]), file: data.configFile },
      });
  }
  if (Object.keys(patch).length) await data.updateConfig(patch);
  return notes;
}
