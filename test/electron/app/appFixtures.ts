/**
 * A companion app over a temporary data dir, for the app-service, IPC and web-host tests: fixed clock, the
 * orchestrator writing replies to the data dir's outbox, fake password and account stores, and the mails the
 * flows need (an invitation, a reply from someone I did not invite, an event I organize).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { DataDir } from '../../../electron/store/dataDir.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import type { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { createLiveOrchestrator } from '../../../electron/scheduling/liveOrchestrator.js';
import { createAppService, type AppService, type AppServiceDeps } from '../../../electron/app/appService.js';
import { enveloped } from '../../../electron/app/serveMainApi.js';
import type { MainApi } from '../../../shared/ipc/contract.js';
import type { SecretName, SecretStore, SecretsAvailability } from '../../../electron/settings/secretStore.js';
import type { MailAccountStore, StoredMailAccount } from '../../../electron/settings/mailAccounts.js';
import type { TokenStore } from '../../../electron/accounts/tokenStore.js';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const ME = 'me@example.com';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<SecretName, string>();
  available: SecretsAvailability = { ok: true };
  availability(): SecretsAvailability {
    return this.available;
  }
  has(name: SecretName): boolean {
    return this.values.has(name);
  }
  get(name: SecretName): string | null {
    return this.values.get(name) ?? null;
  }
  set(name: SecretName, value: string): void {
    if (!this.available.ok) throw new Error(this.available.message);
    this.values.set(name, value);
  }
  delete(name: SecretName): void {
    this.values.delete(name);
  }
}

export class MemoryAccounts implements MailAccountStore {
  editable = true;
  accounts: StoredMailAccount[] = [];
  list(): readonly StoredMailAccount[] {
    return this.accounts;
  }
  save(a: StoredMailAccount): void {
    this.accounts = [...this.accounts.filter((x) => x.id !== a.id), a];
  }
  remove(id: string): void {
    this.accounts = this.accounts.filter((x) => x.id !== id);
  }
  /** The first account's servers, as the single-account form shows them. */
  get account(): { imap: StoredMailAccount['incoming']; smtp: StoredMailAccount['smtp'] } | null {
    const a = this.accounts[0];
    return a ? { imap: a.incoming, smtp: a.smtp } : null;
  }
}

export class MemoryTokens implements TokenStore {
  readonly values = new Map<string, string>();
  async get(id: string): Promise<string | null> {
    return this.values.get(id) ?? null;
  }
  async set(id: string, token: string): Promise<void> {
    this.values.set(id, token);
  }
  async delete(id: string): Promise<void> {
    this.values.delete(id);
  }
}

export interface TestApp {
  readonly dir: string;
  readonly data: DataDir;
  readonly store: SharedDataDir;
  readonly orchestrator: Orchestrator;
  readonly service: AppService;
  /** The service as a transport sees it: arguments validated, every answer an IpcResult. */
  readonly api: MainApi;
  readonly secrets: MemorySecrets;
  readonly account: MemoryAccounts;
  readonly tokens: MemoryTokens;
  outbox(): string[];
  cleanup(): void;
}

export async function openDataDir(dir: string): Promise<DataDir> {
  const data = await DataDir.open(dir, { fsync: false });
  await data.addMe([ME]);
  return data;
}

/** The orchestrator as the app runs it on `data`, replies into the data dir's outbox, at NOW. */
export function orchestratorFor(data: DataDir): Orchestrator {
  return createLiveOrchestrator(data, new FolderSink(path.join(data.root, 'outbox')), () => NOW);
}

export async function openTestApp(extra: Partial<AppServiceDeps> & { data?: DataDir } = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-app-'));
  const { data: given, ...deps } = extra;
  const data = given ?? (await openDataDir(path.join(dir, 'data')));
  const store = deps.store ?? (await SharedDataDir.wrap(data));
  const orchestrator = orchestratorFor(data);
  const secrets = new MemorySecrets();
  const account = new MemoryAccounts();
  const tokens = new MemoryTokens();
  const service = createAppService({
    store,
    agent: null,
    secrets,
    accounts: account,
    tokens: () => tokens,
    now: () => NOW,
    localZone: 'Europe/Berlin',
    ...deps,
  });
  return {
    dir,
    data,
    store,
    orchestrator,
    service,
    api: enveloped(service),
    secrets,
    account,
    tokens,
    outbox: () => outboxFiles(data.root),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function outboxFiles(root: string): string[] {
  try {
    const dir = path.join(root, 'outbox');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return [];
  }
}

/** An invitation from Olga to me, 12 March 2026 09:00–10:00 Berlin time. */
export function invitationMail(uid = 'inv-1', summary = 'Quarterly planning'): Buffer {
  return Buffer.from(
    mail({
      from: 'olga@example.org',
      to: ME,
      messageId: `${uid}@example.org`,
      ics: ics(
        'REQUEST',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20260228T000000Z',
        'SEQUENCE:0',
        'DTSTART;TZID=Europe/Berlin:20260312T090000',
        'DTEND;TZID=Europe/Berlin:20260312T100000',
        `SUMMARY:${summary}`,
        'LOCATION:Room 4',
        'ORGANIZER;CN=Olga:mailto:olga@example.org',
        'ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
      ),
    }),
  );
}

/** An event I organize with Bob, on 12 March 08:30–09:30 UTC (overlapping the invitation). */
export const ORGANIZED = ics(
  null,
  'BEGIN:VEVENT',
  'UID:mine-1',
  'DTSTAMP:20260201T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260312T083000Z',
  'DTEND:20260312T093000Z',
  'SUMMARY:Design review',
  `ORGANIZER:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
  'END:VEVENT',
);

export async function storeOrganized(data: DataDir): Promise<void> {
  await data.calendar.put('mine-1', new ICAL.Component(ICAL.parse(ORGANIZED) as unknown[]));
}

/** Carol, whom I did not invite, accepts my design review: a party crasher. */
export function partyCrasherMail(): Buffer {
  return Buffer.from(
    mail({
      from: 'carol@example.net',
      to: ME,
      messageId: 'crash-1@example.net',
      ics: ics(
        'REPLY',
        'BEGIN:VEVENT',
        'UID:mine-1',
        'DTSTAMP:20260228T000000Z',
        'SEQUENCE:0',
        `ORGANIZER:mailto:${ME}`,
        'ATTENDEE;CN=Carol;PARTSTAT=ACCEPTED:mailto:carol@example.net',
        'END:VEVENT',
      ),
    }),
  );
}
