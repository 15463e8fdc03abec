/**
 * The app's view of the calendar servers: each CalDAV account's calendars as last discovered (so the list also
 * shows offline) with the target marked, saving the person's choice (settings/calendarTargets.ts), which calendar
 * an event is in, and each account's sync state (last sync, offline with writes waiting, an error worded with its
 * fix). A choice must name a calendar of that account that can take events; anything else is refused with a code.
 */
import type { CalendarChoiceView, CalendarSyncView, CalendarTag } from '../../shared/ipc/contract.js';
import type { CalDavBackend } from '../caldav/calDavBackend.js';
import type { DavSyncStatusBoard } from '../caldav/davSyncStatus.js';
import { davProblem } from './calendarAccounts.js';
import { chooseCalendar, chosenCalendar } from '../settings/calendarTargets.js';
import type { DataDir } from '../store/dataDir.js';
import { IpcFailure } from './serveMainApi.js';

export function calendarChoices(backends: readonly CalDavBackend[], data: DataDir): CalendarChoiceView[] {
  const cfg = data.config();
  return backends.flatMap((b) => {
    const target = b.target();
    const chosen = chosenCalendar(cfg, b.key);
    return b
      .calendars()
      .filter((c) => c.components.length === 0 || c.components.includes('VEVENT'))
      .map((c) => ({
        account: b.key,
        name: c.name,
        href: c.url,
        color: c.color,
        writable: c.writable && !c.subscribed,
        target: c.url === target?.url,
        chosen: c.url === chosen && c.url === target?.url,
      }));
  });
}

export async function saveCalendarChoice(
  backends: readonly CalDavBackend[],
  data: DataDir,
  account: string,
  href: string | null,
): Promise<CalendarChoiceView[]> {
  const backend = backends.find((b) => b.key === account);
  if (!backend) throw new IpcFailure('NOT_FOUND', `There is no calendar account ${account}.`);
  if (href !== null) {
    const c = backend.calendars().find((x) => x.url === href);
    if (!c) throw new IpcFailure('NOT_FOUND', `The account has no calendar ${href}.`);
    if (!c.writable || c.subscribed || (c.components.length > 0 && !c.components.includes('VEVENT')))
      throw new IpcFailure('INVALID_ARGUMENT', `The calendar "${c.name}" cannot take new invitations.`);
  }
  await chooseCalendar(data, account, href);
  return calendarChoices(backends, data);
}

/**
 * The calendar the UID is in: where the last sync or write found it on a server; a UID whose first write still
 * waits in the queue is shown in the calendar it is going to.
 */
export function calendarTagOf(backends: readonly CalDavBackend[], uid: string): CalendarTag | null {
  for (const b of backends) {
    const at = b.state.locate(uid);
    const c = at
      ? b.calendars().find((x) => x.url === at.collection)
      : b.queue.hasUid(uid)
        ? (b.target() ?? undefined)
        : undefined;
    if (c) return { account: b.key, href: c.url, name: c.name, color: c.color };
  }
  return null;
}

/** Each CalDAV account's sync state as the person sees it (the queue counted as it is now). */
export function calendarSyncViews(
  backends: readonly CalDavBackend[],
  board: DavSyncStatusBoard | null,
): CalendarSyncView[] {
  return backends.map((b) => {
    const s = board?.get(b.key) ?? null;
    const { url, user } = b.http.account;
    let server = url;
    try {
      server = new URL(url).host;
    } catch {
      // A bare domain (RFC 6764 lookup) is its own name.
    }
    return {
      account: b.key,
      server,
      user: user ?? '',
      state: s?.state ?? 'never',
      lastSync: s?.lastSync ? new Date(s.lastSync).toISOString() : null,
      queued: b.queue.size,
      problem: s && (s.state === 'error' || s.state === 'offline') ? davProblem(s.code, s.message) : null,
    };
  });
}
