/**
 * `MainApi`, implemented once for both shells: the Electron main process registers it over IPC, the web host over
 * HTTP, each through electron/ipc/serveMainApi.ts (which validates the argument and envelopes the answer). Owns:
 * the view models the renderer gets and the events it is told about. Every read and write of the data dir goes
 * through the shared data dir (`SharedDataDir.run`): writes under the data dir's lock whether or not a mail agent
 * runs, reads after reloading what another process wrote. Knows nothing of Electron, HTTP or IMAP: the data dir,
 * the agent, the password store and the account store are handed in.
 */
import path from 'node:path';
import type {
  ConnectionStatus,
  ConnectionTestResult,
  ServerSettings,
  SettingsView,
} from '../../shared/ipc/contract.js';
import { instantOf } from '../../shared/ipc/schemas.js';
import { listOccurrences } from '../../shared/calendar/queries.js';
import { decisionView } from '../../shared/views/decisionView.js';
import { findEventView } from '../../shared/views/findEventView.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink } from '../scheduling/outbox.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import type { SecretStore } from '../settings/secretStore.js';
import type { AccountStore } from '../settings/accountStore.js';
import {
  fileSettingKeys,
  policyOf,
  settingsSources,
  timeframeOf,
  type FileSettings,
} from '../settings/schedulingSettings.js';
import { IpcFailure, type MainApiHandlers } from './serveMainApi.js';
import { EventHub } from './eventHub.js';
import type { ConnectionTester, ServerTestResult, TestAccount } from './connectionTester.js';
import { readActivity } from './activityLog.js';
import { english } from '../../shared/i18n/index.js';
import { listQuarantine } from '../store/quarantine.js';

export interface AppServiceDeps {
  readonly store: SharedDataDir;
  readonly agent: AgentHandle | null;
  readonly secrets: SecretStore;
  readonly accounts: AccountStore;
  /** False in the web host: the account comes from its configuration file. */
  readonly canEditAccount: boolean;
  /** What the configuration file the companion started with sets (null: none), for the settings' sources. */
  readonly fileSettings?: FileSettings | null;
  readonly now: () => number;
  /** The IMAP/SMTP login test; without it "test connection" reports that it is not available. */
  readonly tester?: ConnectionTester;
  /** The person's time zone (IANA); defaults to the runtime's. */
  readonly localZone?: string;
  readonly log?: (line: string) => void;
  readonly connectionTimeoutMs?: number;
}

export interface AppService extends MainApiHandlers {
  readonly events: EventHub;
  /** Tells the renderer that decisions and events may have changed (mail processed outside the agent). */
  refresh(): void;
  /** Replaces the running agent (account saved, agent restarted); null when none runs. */
  setAgent(agent: AgentHandle | null): void;
  dispose(): void;
}

const NOT_CONFIGURED_MESSAGE = 'No mail account is connected; decisions and the calendar work from the data folder.';

export function createAppService(deps: AppServiceDeps): AppService {
  const { store, secrets, accounts, canEditAccount, now } = deps;
  const log = deps.log ?? (() => undefined);
  const localZone = deps.localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const events = new EventHub((e) => log(`event listener failed: ${String(e)}`));
  const startedAt = new Date(now()).toISOString();
  const deciding = new Set<string>();
  let agent: AgentHandle | null = null;
  let unwire: (() => void)[] = [];

  const read = <T>(fn: (data: DataDir) => T | Promise<T>): Promise<T> =>
    store.run(async (data) => fn(data), { write: false });
  const write = <T>(fn: (data: DataDir) => Promise<T>): Promise<T> => store.run(fn);

  const emitDecisions = (): void => {
    events.emit('decisionsChanged', { count: store.current.pending.size });
    events.emit('eventsChanged', {});
  };

  function setAgent(next: AgentHandle | null): void {
    for (const u of unwire) u();
    agent = next;
    unwire = next
      ? [
          next.onConnection((s) => events.emit('connectionChanged', s)),
          next.onActivity((e) => events.emit('activityAdded', e)),
          next.onDecisionsChanged(emitDecisions),
        ]
      : [];
    events.emit('connectionChanged', connection());
  }

  function connection(): ConnectionStatus {
    return (
      agent?.connection() ?? {
        state: 'not-configured',
        message: NOT_CONFIGURED_MESSAGE,
        details: [{ key: 'ui.connection.notConfigured', params: {} }],
        since: startedAt,
      }
    );
  }

  function settingsView(data: DataDir): SettingsView {
    const cfg: DataDirConfig = data.config();
    const account = accounts.getAccount();
    const file = deps.fileSettings ?? null;
    return {
      policy: policyOf(cfg),
      timeframe: timeframeOf(cfg).text,
      me: cfg.me,
      notifications: cfg.notifications !== false,
      startAtLogin: cfg.startAtLogin === true,
      account: account ? { imap: account.imap, smtp: account.smtp, hasPassword: secrets.has('imap') } : null,
      canEditAccount,
      sources: settingsSources(cfg, file),
      setByConfigFile: fileSettingKeys(file),
    };
  }

  /** Writes settings into config.json under the lock and announces the result. */
  async function saveSettings(patch: Partial<DataDirConfig>): Promise<SettingsView> {
    const view = await write(async (data) => {
      if (Object.keys(patch).length) {
        try {
          await data.updateConfig(patch);
        } catch (e) {
          // CONFIG_INVALID: config.json was hand-edited into something unreadable; the message says which file.
          throw new IpcFailure('INTERNAL', e instanceof Error ? e.message : String(e));
        }
      }
      return settingsView(data);
    });
    events.emit('settingsChanged', view);
    agent?.wake();
    return view;
  }

  /**
   * The stored password for `kind`, but only when the form names the very server it was stored for (host, port and
   * user): a connection test against another host would otherwise hand the stored password to whoever listens there.
   */
  function storedPassword(kind: 'imap' | 'smtp', s: ServerSettings): string | null {
    const stored = accounts.getAccount()?.[kind];
    if (!stored || !sameServer(stored, s)) return null;
    return kind === 'smtp' ? (secrets.get('smtp') ?? secrets.get('imap')) : secrets.get('imap');
  }

  async function testServer(
    kind: 'imap' | 'smtp',
    s: ServerSettings,
    password: string | null,
  ): Promise<ConnectionTestResult['imap']> {
    const tester = deps.tester?.[kind];
    if (!tester)
      return { ok: false, code: 'NOT_AVAILABLE', message: 'The connection test is not available in this build yet.' };
    if (!password && s.user)
      return {
        ok: false,
        code: 'PASSWORD_NEEDED',
        message: `Type the password for ${s.user || 'this account'} at ${s.host}: the stored one is only sent to the server it was saved for.`,
      };
    const account: TestAccount = {
      host: s.host,
      port: s.port,
      security: s.security,
      user: s.user,
      ...(password ? { password } : {}),
    };
    const timeoutMs = deps.connectionTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ServerTestResult>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            ok: false,
            code: 'TIMEOUT',
            message: `${s.host}:${s.port} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          }),
        timeoutMs,
      );
      timer.unref?.();
    });
    try {
      const r = await Promise.race([tester.testConnection(account), timeout]);
      return r.ok
        ? { ok: true, code: null, message: `Connected to ${s.host}.` }
        : { ok: false, code: r.code, message: r.message };
    } catch (e) {
      return { ok: false, code: 'CONNECTION_FAILED', message: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Carries out a decision: through the agent when one runs (it marks the message and sends at once), else here. */
  async function carryOut(
    id: string,
    choice: Parameters<AgentHandle['decide']>[1],
    comment: string | null,
  ): Promise<ProcessRecord> {
    if (agent) return agent.decide(id, choice, comment);
    return write((data) =>
      createLiveOrchestrator(data, new FolderSink(path.join(data.root, 'outbox')), now).decide(id, choice, comment),
    );
  }

  const handlers: MainApiHandlers = {
    getOverview: () =>
      read(async (data) => ({
        openDecisions: data.pending.size,
        connection: connection(),
        me: data.config().me,
        policy: policyOf(data.config()),
        dataProblems: [...data.problems(), ...(await listQuarantine(data.root))].map((p) => ({
          file: p.file,
          message: p.message,
        })),
      })),

    listDecisions: () =>
      read((data) => {
        const me = data.config().me;
        return data.pending.list().map((d) => decisionView(d, data.calendar.entries(), me, localZone));
      }),

    async decide({ id, choice, comment }) {
      const pending = await read((data) => data.pending.get(id));
      if (!pending)
        throw new IpcFailure('NOT_FOUND', `There is no open decision ${id} (it may have been decided already).`);
      if (!pending.choices.includes(choice)) {
        throw new IpcFailure(
          'INVALID_ARGUMENT',
          `"${choice}" is not a choice for this decision; the choices are ${pending.choices.join(', ')}.`,
        );
      }
      // A double click must not send two replies.
      if (deciding.has(id)) throw new IpcFailure('DECISION_FAILED', 'This decision is already being carried out.');
      deciding.add(id);
      let r: ProcessRecord;
      try {
        r = await carryOut(id, choice, comment ?? null);
      } finally {
        deciding.delete(id);
      }
      emitDecisions();
      if (r.outcome === 'error')
        throw new IpcFailure(
          r.errorCode === 'PENDING_NOT_FOUND' ? 'NOT_FOUND' : 'DECISION_FAILED',
          english.render(r.reason),
        );
      events.emit('activityAdded', {
        at: new Date(now()).toISOString(),
        kind: pending.kind,
        outcome: r.outcome,
        reason: r.reason,
        uid: r.uid,
        recurrenceId: r.recurrenceId,
        source: 'you',
        choice,
      });
      return { id, outcome: r.outcome, reason: r.reason, sentTo: r.outgoing.map((o) => o.to) };
    },

    listEvents: ({ from, to }) =>
      read((data) => {
        const list = listOccurrences(
          data.calendar.entries(),
          instantOf(from) ?? 0,
          instantOf(to) ?? 0,
          data.config().me,
        );
        return list.map(({ startMs: _s, endMs: _e, ...view }) => view);
      }),

    getEvent: ({ uid, recurrenceId }) =>
      read((data) => {
        const vcal = data.calendar.get(uid);
        const view = vcal ? findEventView(vcal, uid, recurrenceId) : null;
        if (!view)
          throw new IpcFailure(
            'NOT_FOUND',
            recurrenceId
              ? `The calendar has no occurrence ${recurrenceId} of this event.`
              : 'This event is not in the calendar.',
          );
        return view;
      }),

    listActivity: ({ limit }) => read((data) => readActivity(data.processed.file, data.decisions.file, limit ?? 50)),

    getSettings: () => read(settingsView),

    async updateSettings(patch) {
      const next: Partial<DataDirConfig> = {};
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
      return saveSettings(next);
    },

    async saveAccount(input) {
      if (!canEditAccount)
        throw new IpcFailure(
          'INVALID_ARGUMENT',
          'The account cannot be changed here: the web host takes it from its configuration file.',
        );
      const available = secrets.availability();
      if (!available.ok)
        throw new IpcFailure('SECRETS_UNAVAILABLE', `Passwords cannot be stored safely here: ${available.message}`);
      if (input.password === '' && !secrets.has('imap'))
        throw new IpcFailure('INVALID_ARGUMENT', 'saveAccount: a password is needed (password).');
      if (input.password !== '') secrets.set('imap', input.password);
      const smtpPassword = input.smtpPassword || input.password;
      if (smtpPassword !== '') secrets.set('smtp', smtpPassword);
      accounts.setAccount({ imap: input.imap, smtp: input.smtp });
      return saveSettings(input.me.length ? { me: [...input.me] } : {});
    },

    async testConnection(input) {
      const imapPassword = input.password || storedPassword('imap', input.imap);
      const smtpPassword = input.smtpPassword || input.password || storedPassword('smtp', input.smtp);
      const [imap, smtp] = await Promise.all([
        testServer('imap', input.imap, imapPassword),
        testServer('smtp', input.smtp, smtpPassword),
      ]);
      return { imap, smtp };
    },

    async importContacts({ vcf }) {
      const r = await write((data) => data.contacts.importVcf(vcf));
      if (!r.ok) throw new IpcFailure('INVALID_ARGUMENT', r.error.message);
      return { imported: r.value.length };
    },
  };

  setAgent(deps.agent);
  return {
    ...handlers,
    events,
    refresh: emitDecisions,
    setAgent,
    dispose: () => {
      for (const u of unwire) u();
      unwire = [];
    },
  };
}

/** Same server and login: host (DNS names are case-insensitive), port and user name. */
function sameServer(a: ServerSettings | undefined, b: ServerSettings): boolean {
  return !!a && a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.user === b.user;
}
