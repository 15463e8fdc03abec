/**
 * Which calendar new invitations go to, as the person chose it (the app's account settings, `calendars --use`):
 * kept in the data dir's config.json under `calendarTargets`, one href per CalDAV account (its key, `user@url`).
 *
 * Precedence: the person's choice, while it names a writable calendar of the account; then the configuration
 * file's `calendar`; then the server's default calendar. Unlike policy and time frame the file does not win at a
 * start: its `calendar` is where a new setup starts, and a choice made later in the app or with `--use` is the
 * more recent word on the same thing. Events already in a calendar stay where they are whatever is chosen.
 */
import type { DataDir, DataDirConfig } from '../store/dataDir.js';

const KEY = 'calendarTargets';

function targets(cfg: DataDirConfig): Record<string, string> {
  const raw = cfg[KEY];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The chosen calendar (href) of one CalDAV account, or null when the person chose none. */
export function chosenCalendar(cfg: DataDirConfig, accountKey: string): string | null {
  return targets(cfg)[accountKey] ?? null;
}

/** Saves the choice (null: back to the configuration file's `calendar` or the server's default). */
export async function chooseCalendar(data: DataDir, accountKey: string, href: string | null): Promise<void> {
  const next = targets(data.config());
  if (href === null) delete next[accountKey];
  else next[accountKey] = href;
  await data.updateConfig({ [KEY]: next });
}
