/**
 * `watch` with several accounts: one agent per account (IMAP: the Agent; POP3: the Pop3Agent), one data dir,
 * one outbox, and one AccountRouter so each reply leaves through the account it speaks for, with its copy in that
 * account's Sent folder (IMAP accounts; POP3 has none). OAuth accounts get
 * their access-token source (accountRuntime.ts); an account whose sign-in lapsed says so once and keeps its
 * data, the others go on.
 */
import { Agent, smtpAccount, type AgentEvents, type SentFolders } from '../agent/agent.js';
import type { AgentConfig } from '../agent/config.js';
import { envelopeFromHeader, SmtpSender } from '../mail/smtp/index.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import type { AccountError } from './accountError.js';
import { AccountRouter } from './accountRouter.js';
import { prepareAccount, type AccountRuntime } from './accountRuntime.js';
import { Pop3Agent } from './pop3Agent.js';

export interface RunAccountsOptions {
  readonly now?: () => number;
  readonly log: (line: string) => void;
  readonly onProcessed?: (accountId: string, record: Parameters<AgentEvents['processed']>[0]) => void;
  readonly onSignInNeeded?: (accountId: string, error: AccountError) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
}

export interface RunningAccounts {
  readonly runtimes: readonly AccountRuntime[];
  stop(): Promise<void>;
}

export async function startAccounts(config: AgentConfig, opts: RunAccountsOptions): Promise<RunningAccounts> {
  const accounts = config.accounts ?? [];
  const runtimes: AccountRuntime[] = [];
  for (const a of accounts) {
    runtimes.push(
      await prepareAccount(a, {
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        warn: (l) => opts.log(`warning: ${l}`),
        onSignInNeeded: (id, e) => opts.onSignInNeeded?.(id, e),
      }),
    );
  }
  const router = new AccountRouter(
    runtimes.map((rt) => ({ accountId: rt.account.id, me: rt.account.me, sender: new SmtpSender(smtpAccount(rt.smtp), { log: (l) => opts.log(`${rt.account.id}: smtp: ${l}`) }) })),
  );
  // The agents share the router; it is closed once, after every agent stopped.
  const shared = { send: router.send.bind(router), close: () => undefined };
  const single = runtimes.length === 1;
  const stops: (() => Promise<void>)[] = [];
  const imapAgents = new Map<string, Agent>();
  // A reply's copy goes to the Sent folder of the account it left through; "already sent?" asks every one.
  const sentFolders: SentFolders = {
    append: async (raw) => {
      const route = router.routeFor(envelopeFromHeader(raw)?.from ?? null);
      await imapAgents.get(route.accountId)?.appendToSent(raw);
    },
    has: async (messageId) => {
      for (const a of imapAgents.values()) if (await a.sentHasMessageId(messageId)) return true;
      return false;
    },
  };
  const sentIds = new Set<string>();
  // IMAP agents drain the outbox with these hooks; POP3 agents only where no IMAP account exists.
  const popSends = !runtimes.some((rt) => rt.account.incoming.protocol === 'imap');
  for (const rt of runtimes) {
    const id = rt.account.id;
    const log = (l: string): void => opts.log(single ? l : `${id}: ${l}`);
    const processed = (r: ProcessRecord & { readonly at: string }): void => opts.onProcessed?.(id, r);
    if (rt.account.incoming.protocol === 'pop3') {
      const p = await Pop3Agent.create({ accountId: id, pop3: { ...popAccount(rt) }, ...(popSends ? { sender: shared } : {}), dataDir: config.dataDir, pollSeconds: config.pollSeconds, ...(opts.now ? { now: opts.now } : {}), log, onProcessed: processed });
      await p.dataDir.run(async (d) => {
        const missing = rt.account.me.filter((m) => !d.config().me.includes(m));
        if (missing.length) await d.updateConfig({ me: [...d.config().me, ...missing] });
      });
      p.start();
      stops.push(() => p.stop());
      continue;
    }
    const agent = await Agent.create(
      { ...config, imap: rt.incoming, smtp: rt.smtp, me: rt.account.me },
      { ...(opts.now ? { now: opts.now } : {}), log, sender: shared, ...(single ? {} : { accountId: id, sentFolders, sentIds }) },
    );
    imapAgents.set(id, agent);
    agent.on('processed', processed);
    await agent.start();
    stops.push(() => agent.stop());
  }
  return {
    runtimes,
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
      router.close();
    },
  };
}

function popAccount(rt: AccountRuntime) {
  const s = rt.incoming;
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
