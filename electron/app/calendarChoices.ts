/**
 * The app's view of where new invitations go: each CalDAV account's calendars as last discovered (so the list
 * also shows offline) with the target marked, and saving the person's choice (settings/calendarTargets.ts).
 * A choice must name a calendar of that account that can take events; anything else is refused with a code.
 */
import type { CalendarChoiceView } from '../../shared/ipc/contract.js';
import type { CalDavBackend } from '../caldav/calDavBackend.js';
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
