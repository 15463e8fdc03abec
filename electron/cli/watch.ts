/**
 * `imip-companion watch --config FILE`: the headless agent, every account of the file. One line per handled
 * message on stdout (JSON with --json; with several accounts, OAuth or POP3 each names its account); diagnostics
 * on stderr, among them an account whose sign-in lapsed (it keeps its data and the others go on).
 * SIGTERM/SIGINT finish the message in hand and exit cleanly.
 */
import { AccountError } from '../accounts/accountError.js';
import { openCompanion } from '../companion/openCompanion.js';
import type { ProcessedRecord } from '../companion/runAccounts.js';
import { ConfigError, loadAgentConfig, type AgentConfig } from '../settings/agentConfig.js';
import { parseCommand, stringOpt, UsageError } from './args.js';
import { reasonFields, type Output } from './output.js';

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
  const companion = await openCompanion({
    dataDir: config.dataDir,
    config,
    runAgent: false,
    ...(now ? { now } : {}),
    log: (l) => out.log(l),
  });
  const named = namesAccounts(config);
  let running;
  try {
    running = await companion.startAgent(config, {
      onProcessed: (accountId, r) => printProcessed(out, named ? accountId : null, r),
      // The agent keeps running and keeps its data; only this account waits for the person.
      onSignInNeeded: (id, e) =>
        out.log(`${id}: ${e.code}: ${e.message} Run: imip-companion account sign-in --config ${file} --account ${id}`),
    });
  } catch (e) {
    await companion.close();
    if (e instanceof AccountError) throw new UsageError(`${e.code}: ${e.message}`);
    throw e;
  }
  if (!named) {
    out.log(
      `watching ${config.imap.user ?? ''}@${config.imap.host}:${config.imap.port} (policy ${config.policy}, time frame ${config.timeframe}); data in ${config.dataDir}`,
    );
  } else {
    for (const rt of running?.runtimes ?? []) {
      const s = rt.account.incoming.server;
      out.log(
        `watching ${rt.account.id}: ${rt.account.incoming.protocol} ${s.user ?? ''}@${s.host}:${s.port}${rt.tokens ? ' (OAuth)' : ''}`,
      );
    }
    out.log(`policy ${config.policy}, time frame ${config.timeframe}; data in ${config.dataDir}`);
  }
  await new Promise<void>((resolve) => {
    const finish = (signal: string): void => {
      out.log(`${signal}: finishing the message in hand`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      companion.close().then(resolve, (e: unknown) => {
        out.log(`stop failed: ${(e as Error).message}`);
        resolve();
      });
    };
    const onTerm = (): void => finish('SIGTERM');
    const onInt = (): void => finish('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  out.log('stopped');
  return 0;
}

/** Several accounts, an OAuth or a POP3 account: each line names its account (the single password form never did). */
function namesAccounts(config: AgentConfig): boolean {
  const accounts = config.accounts ?? [];
  return accounts.length > 1 || accounts.some((a) => a.oauth !== null || a.incoming.protocol === 'pop3');
}

function printProcessed(out: Output, account: string | null, r: ProcessedRecord): void {
  const fields = {
    at: r.at,
    messageId: r.messageId,
    method: r.method,
    uid: r.uid,
    recurrenceId: r.recurrenceId,
    sequence: r.sequence,
    kind: r.kind,
    outcome: r.outcome,
    ...reasonFields(r.reason),
    pendingId: r.pendingId,
    outgoing: r.outgoing,
  };
  if (account === null)
    out.item(fields, (d) => `${String(d.at)} ${String(d.kind)} ${String(d.outcome)}: ${String(d.reason)}`);
  else
    out.item(
      { account, ...fields },
      (d) => `${String(d.account)} ${String(d.at)} ${String(d.kind)} ${String(d.outcome)}: ${String(d.reason)}`,
    );
}
