/**
 * `imip-companion watch --config FILE`: the headless agent. One line per handled message on stdout (JSON with
 * --json); diagnostics on stderr. SIGTERM/SIGINT finish the message in hand and exit cleanly.
 */
import { Agent } from '../agent/agent.js';
import { ConfigError, loadAgentConfig, type AgentConfig } from '../agent/config.js';
import { startAccounts } from '../accounts/runAccounts.js';
import { AccountError } from '../accounts/accountError.js';
import { parseCommand, stringOpt, UsageError } from './args.js';
import type { Output } from './output.js';

export async function cmdWatch(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, { config: { type: 'string' } });
  const file = stringOpt(values, 'config');
  if (!file) throw new UsageError('watch needs --config FILE (see README: the agent configuration).');
  let config;
  try {
    config = await loadAgentConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  for (const w of config.warnings) out.log(`warning: ${w}`);
  const now = g.now === null ? undefined : () => g.now as number;
  const accounts = config.accounts ?? [];
  if (accounts.length > 1 || accounts.some((a) => a.oauth || a.incoming.protocol === 'pop3')) return watchAccounts(config, file, now, out);
  const agent = await Agent.create(config, { ...(now ? { now } : {}), log: (l) => out.log(l) });
  agent.on('processed', (r) => {
    out.item({ at: r.at, messageId: r.messageId, method: r.method, uid: r.uid, recurrenceId: r.recurrenceId, sequence: r.sequence, kind: r.kind, outcome: r.outcome, reason: r.reason, pendingId: r.pendingId, outgoing: r.outgoing }, (d) => `${String(d.at)} ${String(d.kind)} ${String(d.outcome)}: ${String(d.reason)}`);
  });
  await agent.start();
  out.log(`watching ${config.imap.user ?? ''}@${config.imap.host}:${config.imap.port} (policy ${config.policy}, time frame ${config.timeframe}); data in ${config.dataDir}`);
  await untilSignal(() => agent.stop(), out);
  out.log('stopped');
  return 0;
}

/** Several accounts, OAuth or POP3 (electron/accounts/runAccounts.ts). */
async function watchAccounts(config: AgentConfig, file: string, now: (() => number) | undefined, out: Output): Promise<number> {
  let running;
  try {
    running = await startAccounts(config, {
      ...(now ? { now } : {}),
      log: (l) => out.log(l),
      onProcessed: (accountId, r) => out.item({ account: accountId, at: r.at, messageId: r.messageId, method: r.method, uid: r.uid, recurrenceId: r.recurrenceId, sequence: r.sequence, kind: r.kind, outcome: r.outcome, reason: r.reason, pendingId: r.pendingId, outgoing: r.outgoing }, (d) => `${String(d.account)} ${String(d.at)} ${String(d.kind)} ${String(d.outcome)}: ${String(d.reason)}`),
      // The agent keeps running and keeps its data; only this account waits for the person.
      onSignInNeeded: (id, e) => out.log(`${id}: ${e.code}: ${e.message} Run: imip-companion account sign-in --config ${file} --account ${id}`),
    });
  } catch (e) {
    if (e instanceof AccountError) throw new UsageError(`${e.code}: ${e.message}`);
    throw e;
  }
  for (const rt of running.runtimes) {
    const s = rt.account.incoming.server;
    out.log(`watching ${rt.account.id}: ${rt.account.incoming.protocol} ${s.user ?? ''}@${s.host}:${s.port}${rt.tokens ? ' (OAuth)' : ''}`);
  }
  out.log(`policy ${config.policy}, time frame ${config.timeframe}; data in ${config.dataDir}`);
  await untilSignal(() => running.stop(), out);
  out.log('stopped');
  return 0;
}

function untilSignal(stop: () => Promise<void>, out: Output): Promise<void> {
  return new Promise<void>((resolve) => {
    const finish = (signal: string): void => {
      out.log(`${signal}: finishing the message in hand`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      stop().then(resolve, (e: unknown) => {
        out.log(`stop failed: ${(e as Error).message}`);
        resolve();
      });
    };
    const onTerm = (): void => finish('SIGTERM');
    const onInt = (): void => finish('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}
