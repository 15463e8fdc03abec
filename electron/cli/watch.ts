/**
 * `imip-companion watch --config FILE`: the headless agent. One line per handled message on stdout (JSON with
 * --json); diagnostics on stderr. SIGTERM/SIGINT finish the message in hand and exit cleanly.
 */
import { openCompanion } from '../companion/openCompanion.js';
import { ConfigError, loadAgentConfig } from '../settings/agentConfig.js';
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
  const companion = await openCompanion({ dataDir: config.dataDir, config, runAgent: false, ...(now ? { now } : {}), log: (l) => out.log(l) });
  await companion.startAgent(config, (agent) => {
    agent.on('processed', (r) => {
      out.item({ at: r.at, messageId: r.messageId, method: r.method, uid: r.uid, recurrenceId: r.recurrenceId, sequence: r.sequence, kind: r.kind, outcome: r.outcome, ...reasonFields(r.reason), pendingId: r.pendingId, outgoing: r.outgoing }, (d) => `${String(d.at)} ${String(d.kind)} ${String(d.outcome)}: ${String(d.reason)}`);
    });
  });
  out.log(`watching ${config.imap.user ?? ''}@${config.imap.host}:${config.imap.port} (policy ${config.policy}, time frame ${config.timeframe}); data in ${config.dataDir}`);
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
