/**
 * `MainApi`, implemented once for both shells: the Electron main process registers it over IPC, the web host over
 * HTTP, each through electron/ipc/serveMainApi.ts (which validates the argument and envelopes the answer). Owns:
 * the view models the renderer gets and the events it is told about. Every read and write of the data dir goes
 * through the shared data dir (`SharedDataDir.run`): writes under the data dir's lock whether or not a mail agent
 * runs, reads after reloading what another process wrote. Knows nothing of Electron, HTTP or IMAP: the data dir,
 * the agent, the password, token and account stores are handed in. The account screens' part is
 * accountsService.ts; `saveAccount` / `testConnection` (one IMAP account with a password) are kept on top of it
 * for the single-account form, changing the first account.
 */
import path from 'node:path';
import type {
  AccountInput,
  AccountsView,
  ConnectionStatus,
  MailAccountInput,
  SettingsView,
} from '../../shared/ipc/contract.js';
import { instantOf } from '../../shared/model/instant.js';
import { occurrencesIn } from '../../shared/calendar/queries.js';
import { decisionView } from '../../shared/views/decisionView.js';
import { findEventView } from '../../shared/views/findEventView.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import type { CalendarBackend } from '../caldav/calendarBackend.js';
import type { CalDavBackend } from '../caldav/calDavBackend.js';
import { calendarChoices, calendarSyncViews, calendarTagOf, saveCalendarChoice } from './calendarChoices.js';
import { findCalendars } from './calendarAccounts.js';
import { chooseCalendar } from '../settings/calendarTargets.js';
import { davAccountKey } from '../caldav/calDavBackend.js';
import type { DavSyncStatusBoard } from '../caldav/davSyncStatus.js';
import { FolderSink, outboxOptionsOf } from '../scheduling/outbox.js';
import { languageSettingOf } from '../settings/language.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import type { SecretStore } from '../settings/secretStore.js';
import { passwordKey, type MailAccountStore } from '../settings/mailAccounts.js';
import type { TokenStore } from '../accounts/tokenStore.js';
import type { DiscoveryDeps } from '../accounts/discoverAccount.js';
import { createAccountsService, type AccountsService, type OAuthClients } from './accountsService.js';
import {
  fileSettingKeys,
  policyOf,
  reminderMinutesOf,
  settingsSources,
  timeframeOf,
  type FileSettings,
} from '../settings/schedulingSettings.js';
import { addressNamesOf, displayNameOf, replyTokensOn, savedImipPatternsOf } from '../settings/organizeSettings.js';
import { IpcFailure, type MainApiHandlers } from './serveMainApi.js';
import { EventHub } from './eventHub.js';
import type { ConnectionTester } from './connectionTester.js';
import { readActivity } from './activityLog.js';
import { ACCOUNT_ACTIVITY_FILE, AccountActivity } from './accountActivity.js';
import { english } from '../../shared/i18n/index.js';
import { listQuarantine } from '../store/quarantine.js';
import { rememberUndo, snapshotOf, undoably, type UndoTicket } from './undoAction.js';
import { organizeHandlers } from './organizeHandlers.js';
import type { ReminderClock, ReminderTimers } from '../reminders/reminderClock.js';
import { openCalendarReminders } from '../reminders/calendarReminders.js';

export interface AppServiceDeps {
  readonly store: SharedDataDir;
  readonly agent: AgentHandle | null;
  readonly secrets: SecretStore;
  /** The mail accounts; read-only where they come from a configuration file. */
  readonly accounts: MailAccountStore;
  /** Where an account's OAuth refresh token is kept (null: nowhere safe here). */
  readonly tokens?: (accountId: string) => TokenStore | null;
  readonly oauthClients?: OAuthClients;
  /** Discovery's network (tests: local fixtures); default DNS and https. */
  readonly discovery?: DiscoveryDeps;
  /** A CA to trust besides the system's for connection tests (test servers). */
  readonly ca?: string | null;
  readonly fetch?: typeof fetch;
  readonly signInTimeoutMs?: number;
  /** What the configuration file the companion started with sets (null: none), for the settings' sources. */
  readonly fileSettings?: FileSettings | null;
  readonly now: () => number;
  /** The IMAP/SMTP login test; without it "test connection" reports that it is not available. */
  readonly tester?: ConnectionTester;
  /** The person's time zone (IANA); defaults to the runtime's. */
  readonly localZone?: string;
  readonly log?: (line: string) => void;
  readonly connectionTimeoutMs?: number;
  /** Where calendar changes go besides the vdir (the configuration's CalDAV account), asked at each write. */
  readonly calendar?: () => CalendarBackend | null;
  /** The configuration's CalDAV accounts, for choosing where new invitations go (none: an empty list). */
  readonly calendarAccounts?: () => readonly CalDavBackend[];
  /** What the CalDAV accounts' last polls came to (null: no calendar server). */
  readonly calendarStatus?: () => DavSyncStatusBoard | null;
}

export interface AppService extends MainApiHandlers {
  readonly events: EventHub;
  /** Tells the renderer that decisions and events may have changed (mail processed outside the agent). */
  refresh(): void;
  /** Replaces the running agent (account saved, agent restarted); null when none runs. */
  setAgent(agent: AgentHandle | null): void;
  /** Each account's health, told by the companion (sign-in lapsed, connection changed). */
  readonly accountHealth: Pick<AccountsService, 'signInNeeded' | 'connectionChanged'>;
  /** Called when accounts were added, changed, removed or signed in again (the agents must restart). */
  onAccountsSaved(cb: () => void): () => void;
  /** A calendar server's sync state changed (or the servers did): the renderer is told. */
  calendarSyncChanged(): void;
  /**
   * Starts the reminder clock (electron/reminders): alarms ring as `reminderFired` events (the desktop shell shows a
   * system notification, the web host pushes them to the page). Only the app's roots call it; the CLI never rings.
   */
  startReminders(timers?: ReminderTimers): Promise<void>;
  dispose(): void;
}

const NOT_CONFIGURED_MESSAGE = 'No mail account is connected; decisions and the calendar work from the data folder.';

export function createAppService(deps: AppServiceDeps): AppService {
  const { store, secrets, accounts, now } = deps;
  const canEditAccount = accounts.editable;
  const log = deps.log ?? (() => undefined);
  // Resolved when decisions are first listed, not at start: Intl's first look at the runtime's zone maps ~5 MB of
  // locale data into memory that an agent idling without a window never needs.
  let zone = deps.localZone;
  const localZone = (): string => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  const events = new EventHub((e) => log(`event listener failed: ${String(e)}`));
  const startedAt = new Date(now()).toISOString();
  const deciding = new Set<string>();
  let agent: AgentHandle | null = null;
  let unwire: (() => void)[] = [];
  const savedListeners = new Set<() => void>();
  const accountsFile = path.join(store.root, 'state', ACCOUNT_ACTIVITY_FILE);
  const accountsService = createAccountsService({
    accounts,
    secrets,
    tokens: deps.tokens ?? (() => null),
    ...(deps.oauthClients ? { oauthClients: deps.oauthClients } : {}),
    ...(deps.discovery ? { discovery: deps.discovery } : {}),
    ...(deps.tester ? { tester: deps.tester } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.connectionTimeoutMs ? { connectionTimeoutMs: deps.connectionTimeoutMs } : {}),
    ...(deps.signInTimeoutMs ? { signInTimeoutMs: deps.signInTimeoutMs } : {}),
    ca: deps.ca ?? null,
    now,
    changed: (view: AccountsView, saved: boolean) => {
      events.emit('accountsChanged', view);
      if (!saved) return;
      void read(settingsView).then((s) => events.emit('settingsChanged', s));
      for (const cb of savedListeners) cb();
    },
    addMe: (me) => write(async (data) => void (await data.addMe([...me]))),
    activity: new AccountActivity(accountsFile, now),
    activityAdded: (entry) => events.emit('activityAdded', entry),
    log,
    chooseCalendar: (server, href) =>
      write((data) => chooseCalendar(data, davAccountKey({ url: server.url, user: server.user || null }), href)),
  });
  const davBackends = (): readonly CalDavBackend[] => deps.calendarAccounts?.() ?? [];
  const syncViews = () => calendarSyncViews(davBackends(), deps.calendarStatus?.() ?? null);

  const read = <T>(fn: (data: DataDir) => T | Promise<T>): Promise<T> =>
    store.run(async (data) => fn(data), { write: false });
  const write = <T>(fn: (data: DataDir) => Promise<T>): Promise<T> => store.run(fn);

  let reminders: ReminderClock | null = null;
  const emitDecisions = (): void => {
    events.emit('decisionsChanged', { count: store.current.pending.size });
    events.emit('eventsChanged', {});
    void reminders?.refresh();
  };

  async function startReminders(timers?: ReminderTimers): Promise<void> {
    if (reminders) return;
    reminders = await openCalendarReminders(store, {
      notifier: {
        fired: (r) => events.emit('reminderFired', r),
        changed: (list) => events.emit('remindersChanged', { reminders: list }),
      },
      ...(timers ? { timers } : {}),
      log,
    });
    await reminders.start();
  }

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
    const first = accounts.list()[0];
    const file = deps.fileSettings ?? null;
    return {
      policy: policyOf(cfg),
      timeframe: timeframeOf(cfg).text,
      me: cfg.me,
      notifications: cfg.notifications !== false,
      startAtLogin: cfg.startAtLogin === true,
      language: languageSettingOf(cfg),
      defaultReminderMinutes: reminderMinutesOf(cfg),
      replyTokens: replyTokensOn(cfg),
      imipAddressPatterns: savedImipPatternsOf(cfg),
      displayName: displayNameOf(cfg),
      addressNames: addressNamesOf(cfg),
      account: first
        ? {
            imap: first.incoming,
            smtp: first.smtp,
            hasPassword: first.auth === 'password' && secrets.has(passwordKey(first.id, 'incoming')),
          }
        : null,
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
   * Carries out a decision: through the agent when one runs (it marks the message and sends what is due), else here;
   * its mail is held for the undo grace period and what it changed remembered (undoAction.ts).
   */
  async function carryOut(
    id: string,
    choice: Parameters<AgentHandle['decide']>[1],
    comment: string | null,
    pending: { uid: string; kind: string },
  ): Promise<ProcessRecord & { undo: UndoTicket | null }> {
    const undoOptions = (data: DataDir) => ({
      action: choice,
      kind: pending.kind,
      pendingId: id,
      outboxDir: path.join(data.root, 'outbox'),
      now: now(),
    });
    if (agent) {
      const running = agent;
      // The agent decides under its own lock turn; an event changed in between makes the undo refuse
      // (UNDO_CHANGED_SINCE) rather than lose that change.
      const before = await read((data) => snapshotOf(data, pending.uid));
      const r = await running.decide(id, choice, comment);
      return { ...r, undo: await write((data) => rememberUndo(data, before, r, undoOptions(data))) };
    }
    return write((data) => {
      const sink = new FolderSink(path.join(data.root, 'outbox'), outboxOptionsOf(data.config()));
      const orchestrator = createLiveOrchestrator(data, sink, now, deps.calendar?.() ?? null);
      return undoably(data, pending.uid, undoOptions(data), () => orchestrator.decide(id, choice, comment));
    });
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
        return data.pending.list().map((d) => decisionView(d, data.calendar.entries(), me, localZone()));
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
      let r: ProcessRecord & { undo: UndoTicket | null };
      try {
        r = await carryOut(id, choice, comment ?? null, pending);
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
      return { id, outcome: r.outcome, reason: r.reason, sentTo: r.outgoing.map((o) => o.to), undo: r.undo };
    },

    listEvents: ({ from, to, includeCancelled }) =>
      read((data) => {
        const list = occurrencesIn(
          data.calendar.entries(),
          instantOf(from) ?? 0,
          instantOf(to) ?? 0,
          data.config().me,
          {
            includeCancelled: includeCancelled === true,
          },
        ).occurrences;
        const backends = davBackends();
        return list.map(({ startMs: _s, endMs: _e, ...view }) =>
          backends.length ? { ...view, calendar: calendarTagOf(backends, view.uid) } : view,
        );
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
        const backends = davBackends();
        return backends.length ? { ...view, calendar: calendarTagOf(backends, uid) } : view;
      }),

    listActivity: ({ limit }) =>
      read((data) => readActivity(data.processed.file, data.decisions.file, limit ?? 50, accountsFile)),

    getSettings: () => read(settingsView),

    async updateSettings(patch) {
      const next: Partial<DataDirConfig> = {};
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
      return saveSettings(next);
    },

    async saveAccount(input) {
      await accountsService.saveMailAccount(legacyInput(input, accounts.list()[0]?.id ?? null));
      return read(settingsView);
    },

    testConnection: (input) => accountsService.testAccount(legacyInput(input, accounts.list()[0]?.id ?? null)),

    ...organizeHandlers({
      read,
      write,
      now,
      ...(deps.calendar ? { calendar: deps.calendar } : {}),
      reminders: () => reminders,
      changed: () => {
        emitDecisions();
        agent?.wake();
      },
    }),

    async importContacts({ vcf }) {
      const r = await write((data) => data.contacts.importVcf(vcf));
      if (!r.ok) throw new IpcFailure('INVALID_ARGUMENT', r.error.message);
      return { imported: r.value.length };
    },

    listCalendars: () => read((data) => calendarChoices(davBackends(), data)),
    chooseCalendar: ({ account, href }) => write((data) => saveCalendarChoice(davBackends(), data, account, href)),
    findCalendars: (a) =>
      findCalendars(a, accounts, secrets, {
        ca: deps.ca ?? null,
        ...(deps.discovery ? { resolver: deps.discovery } : {}),
      }),
    getCalendarSync: async () => syncViews(),

    listAccounts: () => accountsService.listAccounts(),
    discoverAccount: (a) => accountsService.discoverAccount(a),
    testAccount: (a) => accountsService.testAccount(a),
    saveMailAccount: (a) => accountsService.saveMailAccount(a),
    removeAccount: (a) => accountsService.removeAccount(a),
    beginSignIn: (a) => accountsService.beginSignIn(a),
    finishSignIn: (a) => accountsService.finishSignIn(a),
    cancelSignIn: (a) => accountsService.cancelSignIn(a),
  };

  setAgent(deps.agent);
  return {
    ...handlers,
    events,
    refresh: emitDecisions,
    setAgent,
    accountHealth: accountsService,
    calendarSyncChanged: () => events.emit('calendarSyncChanged', { accounts: syncViews() }),
    onAccountsSaved: (cb) => {
      savedListeners.add(cb);
      return () => void savedListeners.delete(cb);
    },
    startReminders,
    dispose: () => {
      reminders?.stop();
      reminders = null;
      for (const u of unwire) u();
      unwire = [];
      accountsService.dispose();
    },
  };
}

/** The single-account form's input (one IMAP account with a password) as a change of the first account. */
function legacyInput(input: AccountInput, id: string | null): MailAccountInput {
  return {
    id,
    me: input.me,
    protocol: 'imap',
    incoming: input.imap,
    smtp: input.smtp,
    auth: {
      kind: 'password',
      password: input.password,
      ...(input.smtpPassword ? { smtpPassword: input.smtpPassword } : {}),
    },
  };
}
