/**
 * The CalDAV/CardDAV side of the one composition: every root that has a configuration file (the agents, the app
 * service, the CLI's writing commands) writes the calendar through the same `DavAccounts`, so a decision taken
 * anywhere reaches the server with the same preconditions, queue and re-apply on 412. Null without any
 * `caldav`/`carddav` block: the local vdir only, exactly as without a server.
 */
import type { DavAccounts, DavAccountsConfig } from '../caldav/davAccounts.js';
import type { DavAccount } from '../caldav/davAccountConfig.js';
import { chosenCalendar } from '../settings/calendarTargets.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';

type WithAuth = DavAccount & { readonly auth?: string };

export interface CompanionDavConfig extends Omit<DavAccountsConfig, 'accounts'> {
  readonly accounts?: readonly { readonly id: string; readonly caldav?: WithAuth | null }[];
}

export function hasDav(config: CompanionDavConfig | null | undefined): boolean {
  return !!config && (!!config.caldav || !!config.carddav || !!config.accounts?.some((a) => a.caldav));
}

export async function openCompanionDav(
  store: SharedDataDir,
  config: CompanionDavConfig | null | undefined,
  log: (line: string) => void,
): Promise<DavAccounts | null> {
  if (!config || !hasDav(config)) return null;
  const accounts = (config.accounts ?? []).map((a) => {
    // The DAV client signs in with a password only; a calendar behind OAuth is left out with a word, not tried.
    if (a.caldav?.auth === 'oauth2') {
      log(
        `${a.id}: caldav: signing in with OAuth is not supported for CalDAV yet; this account's calendar stays local`,
      );
      return { id: a.id, caldav: null };
    }
    return { id: a.id, caldav: a.caldav ?? null };
  });
  const { DavAccounts } = await import('../caldav/davAccounts.js');
  return DavAccounts.open({ ...config, accounts }, store, log, {
    chosenTarget: (key) => chosenCalendar(store.current.config(), key),
  });
}
