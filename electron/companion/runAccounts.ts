/**
 * The agents of a configuration, on the companion's one data dir: one per account (IMAP: the Agent; POP3: the
 * Pop3Agent), one outbox, and — with several accounts — one AccountRouter so each reply leaves through the
 * account it speaks for, with its copy in that account's Sent folder (IMAP accounts; POP3 has none). OAuth
 * accounts get their access-token source (accountRuntime.ts); an account whose sign-in lapsed says so once and
 * keeps its data, the others go on. The single-account form runs exactly one agent with its own SMTP sender and
 * the data dir layout it always had (`state/imap`, `state/analyzed.json`).
 */
import { Agent, type AgentEvents, type SentFolders } from '../agent/agent.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import { AccountRouter } from '../agent/accountRouter.js';
import { DavAccounts } from '../caldav/davAccounts.js';
import { Pop3Agent } from '../agent/pop3Agent.js';
import type { AccountError } from '../accounts/accountError.js';
import { envelopeFromHeader, SmtpSender } from '../mail/smtp/index.js';
import type { Pop3Account } from '../mail/pop3/pop3Client.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { smtpAccountOf, type AgentConfig, type ServerConfig } from '../settings/agentConfig.js';
import type { TokenStore } from '../accounts/tokenStore.js';
import { prepareAccount, type AccountRuntime } from './accountRuntime.js';
import { AgentGroup } from './agentGroup.js';

export type ProcessedRecord = Parameters<AgentEvents['processed']>[0];

export interface RunAccountsOptions {
  readonly shared: SharedDataDir;
  readonly now?: () => number;
  readonly log: (line: string) => void;
  /** Each handled message, with the id of the account it came from ("default" for the single-account form). */
  readonly onProcessed?: (accountId: string, record: ProcessedRecord) => void;
  readonly onSignInNeeded?: (accountId: string, error: AccountError) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  /** The configuration's CalDAV/CardDAV side, opened by the caller (openCompanion) and closed by it. */
  readonly dav?: DavAccounts | null;
  /** The app's token store for accounts whose `oauth` names no tokenFile / refreshTokenEnv (the app's own). */
  readonly tokenStore?: (accountId: string) => TokenStore | null;
}

export interface RunningAccounts {
  /** What each account runs with (servers, token source); empty for the desktop app's stored account. */
  readonly runtimes: readonly AccountRuntime[];
  /** The app-facing handle: the one agent, or every account's agents as one. */
  readonly handle: AgentHandle;
  /** Each account's own agent, by account id ("default" for the single-account form). */
  readonly byAccount: ReadonlyMap<string, AgentHandle>;
  stop(): Promise<void>;
}

/** Starts the agents; throws AccountError when an account's sign-in settings cannot be used at all. */
export async function startAccounts(config: AgentConfig, opts: RunAccountsOptions): Promise<RunningAccounts> {
  const runtimes: AccountRuntime[] = [];
  for (const a of config.accounts ?? []) {
    runtimes.push(
      await prepareAccount(a, {
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        ...(opts.tokenStore ? { tokenStore: opts.tokenStore } : {}),
        warn: (l) => opts.log(`warning: ${l}`),
        onSignInNeeded: (id, e) => opts.onSignInNeeded?.(id, e),
      }),
    );
  }
  const only = runtimes[0];
  if (runtimes.length <= 1 && only?.account.incoming.protocol !== 'pop3') {
    const single = only ? { ...config, imap: only.incoming, smtp: only.smtp } : config;
    const dav = opts.dav ? (only ? opts.dav.forAccount(only.account.id) : opts.dav) : null;
    const agent = await Agent.create(single, {
      shared: opts.shared,
      ...(opts.now ? { now: opts.now } : {}),
      ...(dav ? { dav } : {}),
      log: opts.log,
    });
    agent.on('processed', (r) => opts.onProcessed?.(only?.account.id ?? 'default', r));
    await agent.start();
    const byAccount = new Map([[only?.account.id ?? 'default', agent as AgentHandle]]);
    return { runtimes, handle: agent, byAccount, stop: () => agent.stop() };
  }
  return startSeveral(config, runtimes, opts);
}

async function startSeveral(
  config: AgentConfig,
  runtimes: readonly AccountRuntime[],
  opts: RunAccountsOptions,
): Promise<RunningAccounts> {
  const router = new AccountRouter(
    runtimes.map((rt) => ({
      accountId: rt.account.id,
      me: rt.account.me,
      sender: new SmtpSender(smtpAccountOf(rt.smtp), { log: (l) => opts.log(`${rt.account.id}: smtp: ${l}`) }),
    })),
  );
  // The agents share the router; it is closed once, after every agent stopped.
  const sender = { send: router.send.bind(router), close: () => undefined };
  const single = runtimes.length === 1;
  const imapAgents = new Map<string, Agent>();
  // A reply's copy goes to the Sent folder of the account it left through; "already sent?" asks every one.
  const sentFolders: SentFolders = {
    append: async (raw, messageId) => {
      const route = router.routeFor(envelopeFromHeader(raw)?.from ?? null);
      await imapAgents.get(route.accountId)?.appendToSent(raw, messageId);
    },
    has: async (messageId) => {
      for (const a of imapAgents.values()) if (await a.sentHasMessageId(messageId)) return true;
      return false;
    },
  };
  // IMAP agents drain the outbox with these hooks; POP3 agents only where no IMAP account exists.
  const popSends = !runtimes.some((rt) => rt.account.incoming.protocol === 'imap');
  const handles: (Agent | Pop3Agent)[] = [];
  const byAccount = new Map<string, AgentHandle>();
  // One CalDAV/CardDAV side for the file (its top-level blocks and each account's own), one view per account.
  const ownDav = opts.dav ? null : await DavAccounts.open(config, opts.shared, opts.log);
  const dav = (opts.dav ?? ownDav) as DavAccounts;
  for (const rt of runtimes) {
    const id = rt.account.id;
    const common = { shared: opts.shared, dav: dav.forAccount(id), ...(opts.now ? { now: opts.now } : {}) };
    const log = (l: string): void => opts.log(single ? l : `${id}: ${l}`);
    const processed = (r: ProcessedRecord): void => opts.onProcessed?.(id, r);
    if (rt.account.incoming.protocol === 'pop3') {
      const p = await Pop3Agent.create({
        ...common,
        accountId: id,
        pop3: popAccount(rt.incoming),
        ...(popSends ? { sender } : {}),
        smtpHealth: router.smtpHealth(id),
        pollSeconds: config.pollSeconds,
        log,
        onProcessed: processed,
      });
      p.start();
      handles.push(p);
      byAccount.set(id, p);
      continue;
    }
    const agent = await Agent.create(
      { ...config, imap: rt.incoming, smtp: rt.smtp, me: rt.account.me },
      { ...common, log, sender, accountId: id, sentFolders, smtpHealth: router.smtpHealth(id) },
    );
    imapAgents.set(id, agent);
    agent.on('processed', processed);
    await agent.start();
    handles.push(agent);
    byAccount.set(id, agent);
  }
  const group = new AgentGroup(handles, async () => {
    router.close();
    await ownDav?.close();
  });
  return { runtimes, handle: group, byAccount, stop: () => group.stop() };
}

function popAccount(s: ServerConfig): Pop3Account {
  return {
    host: s.host,
    port: s.port,
    security: s.security,
    user: s.user ?? '',
    ...(s.password !== null ? { password: s.password } : {}),
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.accessToken ? { accessToken: s.accessToken } : {}),
  };
}
