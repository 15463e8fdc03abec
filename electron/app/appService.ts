/**
 * `MainApi`, implemented once for both shells: the Electron main process registers it over IPC, the web host over
 * HTTP. Owns: argument validation (shared/ipc/schemas.ts), turning every failure into `{ ok: false, error }` (nothing
 * throws across a boundary), the view models the renderer gets, and the events it is told about. Knows nothing of
 * Electron, HTTP or IMAP: the data dir, the orchestrator, the agent, the password store and the account store are
 * handed in.
 */
import type {
  AccountInput, ConnectionTestResult, IpcErrorCode, IpcResult, MainApi, MainApiMethod, ServerSettings, SettingsPatch, SettingsView,
} from '../../shared/ipc/contract.js';
import { MAIN_API_METHODS } from '../../shared/ipc/contract.js';
import { instantOf, validateArg, type ArgOf, type ValueOf } from '../../shared/ipc/schemas.js';
import { ipcFail, ipcOk } from '../../shared/ipc/results.js';
import { listOccurrences } from '../../shared/calendar/queries.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';
import type { Orchestrator, ProcessRecord } from '../scheduling/orchestrator.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import { EventHub } from './eventHub.js';
import type { SecretStore } from '../settings/secretStore.js';
import type { SettingsStore } from '../settings/accountStore.js';
import type { ConnectionTester, ServerTestResult, TestAccount } from './connectionTester.js';
import { decisionView } from '../../shared/views/decisionView.js';
import { findEventView } from '../../shared/views/findEventView.js';
import { readActivity } from './activityLog.js';
import { policyOf, timeframeOf } from '../scheduling/liveOrchestrator.js';

export interface AppServiceDeps {
  readonly data: DataDir;
  readonly orchestrator: Orchestrator;
  readonly agent: AgentHandle | null;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  /** False in the web host: the account comes from its configuration file. */
  readonly canEditAccount: boolean;
  readonly now: () => number;
  /** The IMAP/SMTP login test; without it "test connection" reports that it is not available. */
  readonly tester?: ConnectionTester;
  /** The person's time zone (IANA); defaults to the runtime's. */
  readonly localZone?: string;
  readonly log?: (line: string) => void;
  readonly connectionTimeoutMs?: number;
}

export interface AppService extends MainApi {
  readonly events: EventHub;
  /** Tells the renderer that decisions and events may have changed (mail processed outside the agent). */
  refresh(): void;
  /** Replaces the running agent (account saved, agent restarted); null when none runs. */
  setAgent(agent: AgentHandle | null): void;
  dispose(): void;
}

/** An expected failure inside a method: becomes `{ ok: false, error: { code, message } }`. */
export class IpcFailure extends Error {
  constructor(readonly code: IpcErrorCode, message: string) {
    super(message);
  }
}

type Impl = { [K in MainApiMethod]: (arg: ArgOf<K>) => Promise<ValueOf<K>> };

const NOT_CONFIGURED_MESSAGE = 'No mail account is connected; decisions and the calendar work from the data folder.';

export function createAppService(deps: AppServiceDeps): AppService {
  const { data, orchestrator, secrets, settings, canEditAccount, now } = deps;
  const log = deps.log ?? (() => undefined);
  const localZone = deps.localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const events = new EventHub((e) => log(`event listener failed: ${String(e)}`));
  const startedAt = new Date(now()).toISOString();
  const deciding = new Set<string>();
  let agent: AgentHandle | null = null;
  let unwire: (() => void)[] = [];

  const emitDecisions = (): void => {
    events.emit('decisionsChanged', { count: data.pending.size });
    events.emit('eventsChanged', {});
  };

  function setAgent(next: AgentHandle | null): void {
    for (const u of unwire) u();
    agent = next;
    unwire = next
      ? [
        next.onStatus((s) => events.emit('connectionChanged', s)),
        next.onActivity((e) => events.emit('activityAdded', e)),
        next.onDecisionsChanged(emitDecisions),
      ]
      : [];
    events.emit('connectionChanged', connection());
  }

  function connection(): ReturnType<AgentHandle['status']> {
    return agent?.status() ?? { state: 'not-configured', message: NOT_CONFIGURED_MESSAGE, since: startedAt };
  }

  function settingsView(): SettingsView {
    const cfg: DataDirConfig = data.config();
    const account = settings.getAccount();
    return {
      policy: policyOf(cfg),
      timeframe: timeframeOf(cfg).text,
      me: cfg.me,
      notifications: cfg.notifications !== false,
      startAtLogin: cfg.startAtLogin === true,
      account: account ? { imap: account.imap, smtp: account.smtp, hasPassword: secrets.has('imap') } : null,
      canEditAccount,
    };
  }

  async function updateConfig(patch: Partial<DataDirConfig>): Promise<void> {
    try {
      await data.updateConfig(patch);
    } catch (e) {
      // CONFIG_INVALID: config.json was hand-edited into something unreadable; the message says which file.
      throw new IpcFailure('INTERNAL', e instanceof Error ? e.message : String(e));
    }
  }

  function settingsChanged(): SettingsView {
    const view = settingsView();
    events.emit('settingsChanged', view);
    agent?.wake();
    return view;
  }

  async function testServer(kind: 'imap' | 'smtp', s: ServerSettings, password: string | null): Promise<ConnectionTestResult['imap']> {
    const tester = deps.tester?.[kind];
    if (!tester) return { ok: false, code: 'NOT_AVAILABLE', message: 'The connection test is not available in this build yet.' };
    const account: TestAccount = { host: s.host, port: s.port, security: s.security, user: s.user, ...(password ? { password } : {}) };
    const timeoutMs = deps.connectionTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ServerTestResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, code: 'TIMEOUT', message: `${s.host}:${s.port} did not answer within ${Math.round(timeoutMs / 1000)} s.` }), timeoutMs);
      timer.unref?.();
    });
    try {
      const r = await Promise.race([tester.testConnection(account), timeout]);
      return r.ok ? { ok: true, code: null, message: `Connected to ${s.host}.` } : { ok: false, code: r.code, message: r.message };
    } catch (e) {
      return { ok: false, code: 'CONNECTION_FAILED', message: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }

  const impl: Impl = {
    async getOverview() {
      const cfg = data.config();
      return { openDecisions: data.pending.size, connection: connection(), me: cfg.me, policy: policyOf(cfg) };
    },

    async listDecisions() {
      const me = data.config().me;
      return data.pending.list().map((d) => decisionView(d, data.calendar.entries(), me, localZone));
    },

    async decide({ id, choice, comment }) {
      const pending = data.pending.get(id);
      if (!pending) throw new IpcFailure('NOT_FOUND', `There is no open decision ${id} (it may have been decided already).`);
      if (!pending.choices.includes(choice)) {
        throw new IpcFailure('INVALID_ARGUMENT', `"${choice}" is not a choice for this decision; the choices are ${pending.choices.join(', ')}.`);
      }
      // A double click must not send two replies.
      if (deciding.has(id)) throw new IpcFailure('DECISION_FAILED', 'This decision is already being carried out.');
      deciding.add(id);
      let r: ProcessRecord;
      try {
        r = agent ? await agent.decide(id, choice, comment ?? null) : await orchestrator.decide(id, choice, comment ?? null);
      } finally {
        deciding.delete(id);
      }
      emitDecisions();
      if (r.outcome === 'error') throw new IpcFailure(r.errorCode === 'PENDING_NOT_FOUND' ? 'NOT_FOUND' : 'DECISION_FAILED', r.reason);
      events.emit('activityAdded', { at: new Date(now()).toISOString(), kind: pending.kind, outcome: r.outcome, reason: r.reason, uid: r.uid, recurrenceId: r.recurrenceId, source: 'you', choice });
      return { id, outcome: r.outcome, reason: r.reason, sentTo: r.outgoing.map((o) => o.to) };
    },

    async listEvents({ from, to }) {
      const list = listOccurrences(data.calendar.entries(), instantOf(from) ?? 0, instantOf(to) ?? 0, data.config().me);
      return list.map(({ startMs: _s, endMs: _e, ...view }) => view);
    },

    async getEvent({ uid, recurrenceId }) {
      const vcal = data.calendar.get(uid);
      const view = vcal ? findEventView(vcal, uid, recurrenceId) : null;
      if (!view) throw new IpcFailure('NOT_FOUND', recurrenceId ? `The calendar has no occurrence ${recurrenceId} of this event.` : 'This event is not in the calendar.');
      return view;
    },

    async listActivity({ limit }) {
      return readActivity(data.processed.file, data.decisions.file, limit ?? 50);
    },

    async getSettings() {
      return settingsView();
    },

    async updateSettings(patch: SettingsPatch) {
      const next: Partial<DataDirConfig> = {};
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
      if (Object.keys(next).length) await updateConfig(next);
      return settingsChanged();
    },

    async saveAccount(input: AccountInput) {
      if (!canEditAccount) throw new IpcFailure('INVALID_ARGUMENT', 'The account cannot be changed here: the web host takes it from its configuration file.');
      const available = secrets.availability();
      if (!available.ok) throw new IpcFailure('SECRETS_UNAVAILABLE', `Passwords cannot be stored safely here: ${available.message}`);
      if (input.password === '' && !secrets.has('imap')) throw new IpcFailure('INVALID_ARGUMENT', 'saveAccount: a password is needed (password).');
      if (input.password !== '') secrets.set('imap', input.password);
      const smtpPassword = input.smtpPassword || input.password;
      if (smtpPassword !== '') secrets.set('smtp', smtpPassword);
      settings.setAccount({ imap: input.imap, smtp: input.smtp });
      if (input.me.length) await updateConfig({ me: [...input.me] });
      return settingsChanged();
    },

    async testConnection(input: AccountInput) {
      const imapPassword = input.password || secrets.get('imap');
      const smtpPassword = input.smtpPassword || input.password || secrets.get('smtp') || imapPassword;
      const [imap, smtp] = await Promise.all([testServer('imap', input.imap, imapPassword), testServer('smtp', input.smtp, smtpPassword)]);
      return { imap, smtp };
    },

    async importContacts({ vcf }) {
      const r = await data.contacts.importVcf(vcf);
      if (!r.ok) throw new IpcFailure('INVALID_ARGUMENT', r.error.message);
      return { imported: r.value.length };
    },
  };

  async function run<K extends MainApiMethod>(method: K, raw: unknown): Promise<IpcResult<ValueOf<K>>> {
    const arg = validateArg(method, raw);
    if (!arg.ok) return arg;
    try {
      return ipcOk(await impl[method](arg.value));
    } catch (e) {
      if (e instanceof IpcFailure) return ipcFail(e.code, e.message);
      log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return ipcFail('INTERNAL', `Something went wrong inside the companion: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const api = Object.fromEntries(MAIN_API_METHODS.map((m) => [m, (raw?: unknown) => run(m, raw)])) as unknown as MainApi;
  setAgent(deps.agent);
  return {
    ...api,
    events,
    refresh: emitDecisions,
    setAgent,
    dispose: () => {
      for (const u of unwire) u();
      unwire = [];
    },
  };
}
