/**
 * An in-memory `WindowApi` for renderer tests: records every call, answers from its state like the main process
 * would (decide removes the decision and emits `decisionsChanged`, settings are validated), and lets a test push
 * events or replace one method's answer.
 */
import type {
  ActionOutcome,
  AccountsView,
  ActivityEntry,
  CalendarEventView,
  ConnectionStatus,
  ConnectionTestResult,
  DataProblem,
  DecisionView,
  IpcResult,
  MainApi,
  MainEventName,
  MainEvents,
  SettingsView,
  WindowApi,
} from '../../shared/ipc/contract.js';
import type { EventView } from '../../shared/model/decisions.js';
import { activity, allDecisions, calendarEvents, eventView, settingsWithAccount } from './fixtures.js';
import { textMessage } from '../../shared/model/storedMessage.js';
import { validateArg } from '../../shared/ipc/schemas.js';

export interface FakeState {
  decisions: DecisionView[];
  events: CalendarEventView[];
  activity: ActivityEntry[];
  settings: SettingsView;
  connection: ConnectionStatus;
  connectionTest: ConnectionTestResult;
  dataProblems: DataProblem[];
  accounts: AccountsView;
}

export interface Call {
  readonly method: keyof MainApi;
  readonly args: unknown;
}

export interface FakeApi extends WindowApi {
  readonly state: FakeState;
  readonly calls: Call[];
  /** Calls to one method, their arguments in order. */
  argsOf<K extends keyof MainApi>(method: K): Parameters<MainApi[K]>[0][];
  emit<K extends MainEventName>(name: K, payload: MainEvents[K]): void;
  /** Replaces one method's answer for the rest of the test. */
  override<K extends keyof MainApi>(method: K, impl: MainApi[K]): void;
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = <T>(code: 'INVALID_ARGUMENT' | 'NOT_FOUND', message: string): IpcResult<T> => ({
  ok: false,
  error: { code, message },
});

const TIMEFRAME = /^\s*(\d+\s*(W|D|h|ms|m|s)\s*)+$/;

const DECIDED: Readonly<Record<string, string>> = {
  accept: 'You accepted; your answer was sent to the organizer.',
  tentative: 'You answered tentatively; your answer was sent to the organizer.',
  decline: 'You declined; your answer was sent to the organizer.',
  apply: 'The change was applied to your calendar.',
  approve: 'The attendee was added to the event.',
  ignore: 'The message was set aside; nothing changed.',
  'accept-counter': 'The proposal was accepted and the event updated.',
  'decline-counter': 'The proposal was declined; the attendee was told.',
};

/** An action's outcome as the service gives it: applied, undoable for ten seconds. */
function action(uid: string, reason: string): ActionOutcome {
  return {
    uid,
    outcome: 'applied',
    sequence: 0,
    reason: textMessage(reason),
    code: null,
    sentTo: [],
    undo: { id: 'abcd1234', until: new Date(Date.now() + 10_000).toISOString(), ms: 10_000 },
  };
}

export function createFakeApi(init: Partial<FakeState> = {}): FakeApi {
  const state: FakeState = {
    decisions: [...allDecisions],
    events: [...calendarEvents],
    activity: [...activity],
    settings: settingsWithAccount,
    connection: { state: 'connected', message: 'Watching INBOX at imap.example.com', since: '2026-03-01T08:00:00Z' },
    connectionTest: {
      imap: { ok: true, code: null, message: 'IMAP4rev1 server ready' },
      smtp: { ok: true, code: null, message: '250 OK' },
    },
    dataProblems: [],
    accounts: { accounts: [], canEdit: true, oauthClients: { microsoft: false, google: false } },
    ...init,
  };
  const calls: Call[] = [];
  const listeners = new Map<MainEventName, Set<(payload: never) => void>>();
  const overrides: Partial<MainApi> = {};

  function emit<K extends MainEventName>(name: K, payload: MainEvents[K]): void {
    for (const l of listeners.get(name) ?? []) (l as (p: MainEvents[K]) => void)(payload);
  }

  const base: MainApi = {
    async getOverview() {
      return ok({
        openDecisions: state.decisions.length,
        connection: state.connection,
        me: state.settings.me,
        policy: state.settings.policy,
        dataProblems: state.dataProblems,
      });
    },
    async listDecisions() {
      return ok([...state.decisions]);
    },
    async decide({ id, choice }) {
      const found = state.decisions.find((d) => d.id === id);
      if (!found) return fail('NOT_FOUND', 'That decision does not exist any more.');
      if (!found.choices.includes(choice))
        return fail('INVALID_ARGUMENT', `"${choice}" is not a choice for this decision.`);
      state.decisions = state.decisions.filter((d) => d.id !== id);
      queueMicrotask(() => emit('decisionsChanged', { count: state.decisions.length }));
      return ok({
        id,
        outcome: choice === 'ignore' ? 'ignored' : 'applied',
        reason: textMessage(DECIDED[choice] ?? 'Done.'),
        sentTo: [],
      });
    },
    async listEvents({ from, to }) {
      const a = Date.parse(from);
      const b = Date.parse(to);
      return ok(state.events.filter((e) => Date.parse(e.end) > a && Date.parse(e.start) < b));
    },
    async getEvent({ uid, recurrenceId }) {
      const e = state.events.find((x) => x.uid === uid && x.recurrenceId === recurrenceId);
      if (!e) return fail<EventView>('NOT_FOUND', 'That event does not exist any more.');
      const fromDecision = state.decisions.find((d) => d.uid === uid)?.proposed;
      return ok(
        eventView({
          ...(fromDecision ?? {}),
          uid,
          recurrenceId,
          summary: e.summary,
          start: e.start,
          end: e.end,
          allDay: e.allDay,
          location: e.location,
          status: e.status,
        }),
      );
    },
    async listActivity({ limit }) {
      return ok(state.activity.slice(0, limit ?? 200));
    },
    async getSettings() {
      return ok(state.settings);
    },
    async updateSettings(patch) {
      if (patch.timeframe !== undefined && !TIMEFRAME.test(patch.timeframe)) {
        return fail(
          'INVALID_ARGUMENT',
          `"${patch.timeframe}" is not a time frame: use a number and a unit (W, D, h, m, s, ms), like 4W or 2D 1h.`,
        );
      }
      // The rest as the boundary checks it (shared/ipc/schemas.ts), refusals worded with their catalogue message.
      const checked = validateArg('updateSettings', patch);
      if (!checked.ok) return checked;
      state.settings = { ...state.settings, ...checked.value };
      return ok(state.settings);
    },
    async saveAccount(input) {
      state.settings = {
        ...state.settings,
        me: input.me,
        account: { imap: input.imap, smtp: input.smtp, hasPassword: true },
      };
      return ok(state.settings);
    },
    async testConnection() {
      return ok(state.connectionTest);
    },
    async importContacts({ vcf }) {
      return ok({ imported: (vcf.match(/BEGIN:VCARD/gi) ?? []).length });
    },
    async listCalendars() {
      return ok([]);
    },
    async chooseCalendar() {
      return ok([]);
    },
    async findCalendars() {
      return ok({ ok: false, code: 'DAV_UNREACHABLE', problem: null, calendars: [], defaultHref: null });
    },
    async getCalendarSync() {
      return ok([]);
    },
    createEvent: async (input) => ok(action('new-1', `Created "${input.summary}".`)),
    updateEvent: async ({ uid }) => ok(action(uid, 'Updated.')),
    cancelEvent: async ({ uid }) => ok(action(uid, 'Cancelled.')),
    suggestAddresses: async ({ query }) =>
      ok(
        [
          { address: 'carol@example.net', name: 'Carol Meyer' },
          { address: 'carl@example.org', name: 'Carl Jones' },
          { address: 'dave@example.com', name: null },
        ].filter((c) => `${c.name ?? ''} ${c.address}`.toLowerCase().includes(query.toLowerCase())),
      ),
    respondToEvent: async ({ uid }) => ok(action(uid, 'Answered.')),
    counterEvent: async ({ uid }) => ok(action(uid, 'Proposed.')),
    delegateEvent: async ({ uid }) => ok(action(uid, 'Delegated.')),
    refreshEvent: async ({ uid }) => ok(action(uid, 'Asked.')),
    removeEvent: async ({ uid }) => ok(action(uid, 'Removed.')),
    undo: async () => ok({ outcome: 'undone', code: null, uid: null, reason: textMessage('Undone.') }),
    listAlarms: async () => ok([]),
    listReminders: async () => ok([]),
    snoozeReminder: async () => ok([]),
    dismissReminder: async () => ok([]),
    listBusy: async () => ok([]),
    async listAccounts() {
      return ok(state.accounts);
    },
    async discoverAccount({ address }) {
      return ok({
        address,
        found: false,
        protocol: 'imap' as const,
        incoming: null,
        smtp: null,
        oauthProvider: null,
        sources: [],
        guessed: false,
      });
    },
    async testAccount() {
      return ok(state.connectionTest);
    },
    async saveMailAccount(input) {
      const id = input.id ?? input.me[0] ?? 'account';
      const view = {
        id,
        me: input.me,
        protocol: input.protocol,
        incoming: input.incoming,
        smtp: input.smtp,
        auth: input.auth.kind,
        oauth: input.auth.kind === 'oauth2' ? input.auth.oauth : null,
        hasSecret: true,
        health: 'ok' as const,
        problem: null,
        problemCode: null,
        reason: null,
      };
      state.accounts = { ...state.accounts, accounts: [...state.accounts.accounts.filter((a) => a.id !== id), view] };
      return ok(state.accounts);
    },
    async removeAccount({ id }) {
      state.accounts = { ...state.accounts, accounts: state.accounts.accounts.filter((a) => a.id !== id) };
      return ok(state.accounts);
    },
    async beginSignIn() {
      return ok({ flowId: 'flow-0000001', url: 'https://login.example.com/authorize?x=1' });
    },
    async finishSignIn({ flowId }) {
      return ok({ flowId, accountId: null });
    },
    async cancelSignIn() {
      return ok(null);
    },
  };

  const api = {
    state,
    calls,
    emit,
    argsOf: <K extends keyof MainApi>(method: K) =>
      calls.filter((c) => c.method === method).map((c) => c.args as Parameters<MainApi[K]>[0]),
    override: <K extends keyof MainApi>(method: K, impl: MainApi[K]) => {
      overrides[method] = impl;
    },
    on<K extends MainEventName>(name: K, listener: (payload: MainEvents[K]) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  } as FakeApi;
  for (const method of Object.keys(base) as (keyof MainApi)[]) {
    (api as unknown as Record<string, unknown>)[method] = (args: unknown) => {
      calls.push({ method, args });
      const impl = (overrides[method] ?? base[method]) as (a: unknown) => Promise<IpcResult<unknown>>;
      return impl(args);
    };
  }
  return api;
}

/** Installs a fake as `window.api` (the jsdom window is the global object) and returns it. */
export function installFakeApi(init: Partial<FakeState> = {}): FakeApi {
  const api = createFakeApi(init);
  (globalThis as unknown as { api?: WindowApi }).api = api;
  return api;
}

export function removeFakeApi(): void {
  delete (globalThis as unknown as { api?: WindowApi }).api;
}
