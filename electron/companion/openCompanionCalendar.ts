/**
 * The calendar server for the CLI's one-shot writing commands (process, decide, respond, import, create, …): the
 * configuration file given with `--config`, else the one the data dir remembers (settings/davConfigFile.ts), read
 * for its CalDAV side only (no IMAP or SMTP password needed) and opened as the same `DavAccounts` the agent writes
 * through. Null when neither names a `caldav` block: the command writes the local vdir only, as always.
 */
import { DavConfigError, loadDavAccounts } from '../caldav/davAccountConfig.js';
import type { DavAccounts } from '../caldav/davAccounts.js';
import { rememberDavConfig, rememberedDavConfig } from '../settings/davConfigFile.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { hasDav, openCompanionDav } from './openCompanionDav.js';

export interface CompanionCalendarOptions {
  /** `--config FILE`; null: the remembered one. */
  readonly configFile: string | null;
  readonly log: (line: string) => void;
}

export async function openCompanionCalendar(
  store: SharedDataDir,
  opts: CompanionCalendarOptions,
): Promise<DavAccounts | null> {
  const file = opts.configFile ?? rememberedDavConfig(store.current.config());
  if (!file) return null;
  let config: Awaited<ReturnType<typeof loadDavAccounts>>;
  try {
    config = await loadDavAccounts(file);
  } catch (e) {
    // Named on the command line: a usage problem the caller reports. Remembered: said, and the vdir is written.
    if (opts.configFile !== null || !(e instanceof DavConfigError)) throw e;
    opts.log(`warning: ${e.message}; the change is written to the local calendar only`);
    return null;
  }
  for (const w of config.warnings) opts.log(`warning: ${w}`);
  if (!hasDav(config)) return null;
  if (opts.configFile !== null) await store.run((data) => rememberDavConfig(data, file));
  return openCompanionDav(store, config, opts.log);
}
