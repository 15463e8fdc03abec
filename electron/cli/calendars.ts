/**
 * The CLI's CalDAV commands. `calendars --config FILE` lists the account's calendars (name, href, writable,
 * components, colour, which one new invitations go to); `sync --config FILE` brings the data dir's calendar
 * (the offline cache that `events` and `export` read) and contacts up to date with the servers once.
 */
import dns from 'node:dns/promises';
import { parseCommand, stringOpt, UsageError } from './args.js';
import type { Output } from './output.js';
import { repairText } from '../store/quarantine.js';
import { rebuildDecisions } from '../scheduling/rebuildDecisions.js';
import { DataDir } from '../store/dataDir.js';
import { CalDavBackend } from '../caldav/calDavBackend.js';
import { CardDavContacts } from '../caldav/cardDavContacts.js';
import { DavConfigError, loadDavAccounts } from '../caldav/davAccountConfig.js';
import { discover, targetCalendar } from '../caldav/davDiscovery.js';
import { DavError, DavHttp } from '../caldav/davHttp.js';

async function accounts(argv: string[]): Promise<{
  file: string;
  a: Awaited<ReturnType<typeof loadDavAccounts>>;
  dataDir: string;
  explicitDataDir: boolean;
}> {
  const { global: g, values } = parseCommand(argv, { config: { type: 'string' } });
  const file = stringOpt(values, 'config');
  if (!file) throw new UsageError('needs --config FILE with a "caldav" block (see README).');
  try {
    const a = await loadDavAccounts(file);
    const explicit = typeof values['data-dir'] === 'string';
    return { file, a, dataDir: explicit ? g.dataDir : (a.dataDir ?? g.dataDir), explicitDataDir: explicit };
  } catch (e) {
    if (e instanceof DavConfigError) throw new UsageError(e.message);
    throw e;
  }
}

export async function cmdCalendars(argv: string[], out: Output): Promise<number> {
  const { file, a } = await accounts(argv);
  for (const w of a.warnings) out.log(`warning: ${w}`);
  if (!a.caldav) throw new UsageError(`${file} has no "caldav" block.`);
  const http = new DavHttp(a.caldav);
  try {
    const d = await discover(http, 'caldav', dns);
    const target = targetCalendar(d, a.caldav.calendar);
    if (a.caldav.calendar && !target)
      out.log(`warning: no calendar named "${a.caldav.calendar}"; new invitations stay local`);
    for (const c of d.collections) {
      out.item(
        {
          name: c.name,
          href: c.url,
          writable: c.writable,
          target: c.url === target?.url,
          components: c.components,
          color: c.color,
          autoSchedule: d.davHeader.includes('calendar-auto-schedule'),
        },
        (x) =>
          `${x.target ? '*' : ' '} ${String(x.name)}  ${String(x.href)}  ${x.writable ? 'writable' : 'read-only'}  ${(x.components as string[]).join(',')}`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof DavError) {
      out.log(`calendars: ${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await http.close();
  }
}

export async function cmdSync(argv: string[], out: Output): Promise<number> {
  const { file, a, dataDir } = await accounts(argv);
  for (const w of a.warnings) out.log(`warning: ${w}`);
  if (!a.caldav && !a.carddav) throw new UsageError(`${file} has neither a "caldav" nor a "carddav" block.`);
  const data = await DataDir.open(dataDir);
  // A sync writes calendar and contact files: a broken one is moved aside first, never overwritten in silence.
  for (const m of await data.quarantine(rebuildDecisions)) out.log(`warning: ${repairText(m)}`);
  let status = 0;
  if (a.caldav) {
    const backend = await CalDavBackend.open({
      account: a.caldav,
      root: data.root,
      cache: data.calendar,
      resolver: dns,
      log: (l) => out.log(l),
    });
    try {
      const r = await backend.sync();
      out.item(
        { kind: 'calendar', ...r },
        (x) =>
          `calendar: ${String(x.changed)} changed, ${String(x.deleted)} deleted, ${String(x.pushed)} pushed, ${String(x.queued)} queued${x.offline ? ' (server unreachable: working from the cache)' : ''}`,
      );
      for (const p of r.problems) out.log(`calendar: ${p}`);
      if (r.offline) status = 1;
    } catch (e) {
      out.log(`calendar: ${(e as Error & { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`);
      status = 1;
    } finally {
      await backend.close();
    }
  }
  if (a.carddav) {
    const contacts = await CardDavContacts.open({
      account: a.carddav,
      root: data.root,
      contacts: data.contacts,
      resolver: dns,
    });
    try {
      const r = await contacts.sync();
      out.item(
        { kind: 'contacts', ...r },
        (x) =>
          `contacts: ${String(x.addressBooks)} address books, ${String(x.changed)} changed, ${String(x.deleted)} deleted`,
      );
      if (r.offline) status = 1;
    } catch (e) {
      out.log(`contacts: ${(e as Error & { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`);
      status = 1;
    } finally {
      await contacts.close();
    }
  }
  return status;
}
