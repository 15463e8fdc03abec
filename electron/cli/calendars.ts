/**
 * The CLI's CalDAV commands. `calendars --config FILE` lists each CalDAV account's calendars (name, href,
 * writable, components, colour, which one new invitations go to); `calendars --use ID` chooses that calendar
 * (href or display name; `default` gives the choice back to the file's `calendar` or the server's default) and
 * saves the choice in the data dir; `sync --config FILE` brings the data dir's calendar (the offline cache that
 * `events` and `export` read) and contacts up to date with the servers once. Lines are worded by the catalogue.
 */
import dns from 'node:dns/promises';
import { english, type MessageKey, type MessageParams } from '../../shared/i18n/index.js';
import { parseCommand, stringOpt, UsageError } from './args.js';
import type { Output } from './output.js';
import { DataDir } from '../store/dataDir.js';
import { CalDavBackend, davAccountKey } from '../caldav/calDavBackend.js';
import { CardDavContacts } from '../caldav/cardDavContacts.js';
import { DavConfigError, loadDavAccounts, type DavAccount } from '../caldav/davAccountConfig.js';
import { discover, targetCalendar, type DavCollection, type DavDiscovery } from '../caldav/davDiscovery.js';
import { DavError, DavHttp } from '../caldav/davHttp.js';
import { chooseCalendar, chosenCalendar } from '../settings/calendarTargets.js';
import { rememberDavConfig } from '../settings/davConfigFile.js';

const say = (key: MessageKey, params?: MessageParams): string => english.t(key, params);

async function accounts(
  argv: string[],
  own: Parameters<typeof parseCommand>[1] = {},
): Promise<{
  file: string;
  a: Awaited<ReturnType<typeof loadDavAccounts>>;
  dataDir: string;
  values: Record<string, unknown>;
}> {
  const { global: g, values } = parseCommand(argv, own);
  const file = g.config;
  if (!file) throw new UsageError(say('caldav.cli.needsConfig'));
  try {
    const a = await loadDavAccounts(file);
    const explicit = typeof values['data-dir'] === 'string';
    return { file, a, dataDir: explicit ? g.dataDir : (a.dataDir ?? g.dataDir), values };
  } catch (e) {
    if (e instanceof DavConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/** The CalDAV accounts of the file, once each: the file's own ("caldav") and every account's own block. */
function calDavAccounts(a: Awaited<ReturnType<typeof loadDavAccounts>>): { label: string; dav: DavAccount }[] {
  const out: { label: string; dav: DavAccount }[] = a.caldav ? [{ label: 'caldav', dav: a.caldav }] : [];
  for (const acc of a.accounts)
    if (!out.some((o) => davAccountKey(o.dav) === davAccountKey(acc.caldav)))
      out.push({ label: acc.id, dav: acc.caldav });
  return out;
}

export async function cmdCalendars(argv: string[], out: Output): Promise<number> {
  const { file, a, dataDir, values } = await accounts(argv, { use: { type: 'string' }, account: { type: 'string' } });
  for (const w of a.warnings) out.log(say('caldav.cli.warning', { message: w }));
  let list = calDavAccounts(a);
  if (!list.length) throw new UsageError(say('caldav.cli.noCaldav', { file }));
  const only = stringOpt(values, 'account');
  if (only !== null) {
    list = list.filter((x) => x.label === only || (only === 'default' && x.label === 'caldav'));
    if (!list.length) throw new UsageError(say('caldav.cli.noSuchAccount', { file, account: only }));
  }
  const use = stringOpt(values, 'use');
  if (use !== null && list.length > 1) throw new UsageError(say('caldav.cli.useNeedsAccount'));
  const data = await DataDir.open(dataDir);
  await rememberDavConfig(data, file);
  let status = 0;
  for (const { label, dav } of list) {
    if (list.length > 1 && !out.json) out.log(say('caldav.cli.accountHeading', { account: label }));
    status = Math.max(status, await listAccount(data, label, dav, use, out));
  }
  return status;
}

async function listAccount(
  data: DataDir,
  label: string,
  dav: DavAccount,
  use: string | null,
  out: Output,
): Promise<number> {
  const http = new DavHttp(dav);
  const key = davAccountKey(dav);
  try {
    const d = await discover(http, 'caldav', dns);
    if (use !== null) {
      const status = await choose(data, key, d, use, out);
      if (status) return status;
    }
    const chosen = chosenCalendar(data.config(), key);
    const picked = chosen ? targetCalendar(d, chosen) : null;
    const target = picked?.writable && !picked.subscribed ? picked : targetCalendar(d, dav.calendar);
    if (dav.calendar && !targetCalendar(d, dav.calendar))
      out.log(say('caldav.cli.warning', { message: say('caldav.cli.noSuchCalendar', { name: dav.calendar }) }));
    for (const c of d.collections) out.item(row(label, c, c.url === target?.url, d), calendarLine);
    return 0;
  } catch (e) {
    if (e instanceof DavError) {
      out.log(say('caldav.cli.failed', { what: 'calendars', code: e.code, message: e.message }));
      return 1;
    }
    throw e;
  } finally {
    await http.close();
  }
}

/** `--use`: saves the person's choice of target calendar for the account (or clears it with `default`). */
async function choose(data: DataDir, key: string, d: DavDiscovery, use: string, out: Output): Promise<number> {
  if (use === 'default') {
    await chooseCalendar(data, key, null);
    out.log(say('caldav.cli.useCleared'));
    return 0;
  }
  const c = targetCalendar(d, use);
  if (!c) {
    out.log(say('caldav.cli.useUnknown', { wanted: use }));
    return 1;
  }
  if (!c.writable || c.subscribed || (c.components.length > 0 && !c.components.includes('VEVENT'))) {
    out.log(say('caldav.cli.useNotWritable', { name: c.name }));
    return 1;
  }
  await chooseCalendar(data, key, c.url);
  out.log(say('caldav.cli.useSaved', { name: c.name, href: c.url }));
  return 0;
}

function row(account: string, c: DavCollection, target: boolean, d: DavDiscovery): Record<string, unknown> {
  return {
    account,
    name: c.name,
    href: c.url,
    writable: c.writable && !c.subscribed,
    target,
    components: c.components,
    color: c.color,
    autoSchedule: d.davHeader.includes('calendar-auto-schedule'),
  };
}

function calendarLine(x: Record<string, unknown>): string {
  return say('caldav.cli.calendarLine', {
    target: x.target ? 'yes' : 'no',
    name: String(x.name),
    href: String(x.href),
    writable: x.writable ? 'yes' : 'no',
    components: (x.components as string[]).join(','),
  });
}

export async function cmdSync(argv: string[], out: Output): Promise<number> {
  const { file, a, dataDir } = await accounts(argv);
  for (const w of a.warnings) out.log(say('caldav.cli.warning', { message: w }));
  const calendars = calDavAccounts(a);
  if (!calendars.length && !a.carddav) throw new UsageError(say('caldav.cli.noDav', { file }));
  const data = await DataDir.open(dataDir);
  await rememberDavConfig(data, file);
  let status = 0;
  for (const { dav } of calendars) status = Math.max(status, await syncCalendar(data, dav, out));
  if (a.carddav) status = Math.max(status, await syncContacts(data, a.carddav, out));
  return status;
}

async function syncCalendar(data: DataDir, account: DavAccount, out: Output): Promise<number> {
  const key = davAccountKey(account);
  const backend = await CalDavBackend.open({
    account,
    root: data.root,
    cache: data.calendar,
    resolver: dns,
    log: (l) => out.log(l),
    chosenTarget: () => chosenCalendar(data.config(), key),
  });
  try {
    const r = await backend.sync();
    out.item({ kind: 'calendar', ...r }, (x) =>
      say('caldav.cli.syncCalendar', {
        changed: Number(x.changed),
        deleted: Number(x.deleted),
        pushed: Number(x.pushed),
        queued: Number(x.queued),
        offline: x.offline ? 'yes' : 'no',
      }),
    );
    for (const p of r.problems) out.log(say('caldav.cli.problem', { what: 'calendar', message: p }));
    return r.offline ? 1 : 0;
  } catch (e) {
    out.log(failure('calendar', e));
    return 1;
  } finally {
    await backend.close();
  }
}

async function syncContacts(data: DataDir, account: DavAccount, out: Output): Promise<number> {
  const contacts = await CardDavContacts.open({ account, root: data.root, contacts: data.contacts, resolver: dns });
  try {
    const r = await contacts.sync();
    out.item({ kind: 'contacts', ...r }, (x) =>
      say('caldav.cli.syncContacts', {
        addressBooks: Number(x.addressBooks),
        changed: Number(x.changed),
        deleted: Number(x.deleted),
      }),
    );
    return r.offline ? 1 : 0;
  } catch (e) {
    out.log(failure('contacts', e));
    return 1;
  } finally {
    await contacts.close();
  }
}

function failure(what: string, e: unknown): string {
  return say('caldav.cli.failed', {
    what,
    code: (e as Error & { code?: string }).code ?? 'ERROR',
    message: (e as Error).message,
  });
}
