/**
 * `imip-companion web [--config FILE] [--port N]`: starts the web host and runs until Ctrl-C (SIGINT/SIGTERM).
 * With --config the account, my addresses and the data dir come from the agent configuration file and the mail
 * agent runs; without it the page sets accounts up itself (kept in the data dir's accounts/, 0600 files) and
 * until then the companion works on --data-dir alone (decisions, calendar, settings; replies are written to the
 * data dir's outbox/).
 */
import path from 'node:path';
import { loadAgentConfig, type AgentConfig } from '../settings/agentConfig.js';
import { oauthClientsFromEnv } from '../settings/oauthClients.js';
import { parseCommand, stringOpt, UsageError } from './args.js';
import type { Output } from './output.js';
import { startWebHost, WebHostError } from '../web/webHost.js';

export async function cmdWeb(argv: string[], out: Output, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { global: g, values } = parseCommand(argv, { config: { type: 'string' }, port: { type: 'string' } });
  const portText = stringOpt(values, 'port') ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port must be a port number (got "${portText}").`);
  const file = stringOpt(values, 'config');
  let config: AgentConfig | null = null;
  if (file) {
    config = await loadAgentConfig(file);
    for (const w of config.warnings) out.log(`warning: ${w}`);
  }
  // An explicit --data-dir wins over the configuration file's.
  const dataDir = typeof values['data-dir'] === 'string' || !config ? g.dataDir : path.resolve(config.dataDir);
  let host;
  try {
    host = await startWebHost({
      dataDir,
      config,
      port,
      now: g.now === null ? Date.now : () => g.now as number,
      log: (l) => out.log(l),
      // Without a configuration file the page sets accounts up itself; they are kept beside the data.
      ...(config ? {} : { accountsDir: path.join(dataDir, 'accounts') }),
      oauthClients: oauthClientsFromEnv(),
    });
  } catch (e) {
    if (e instanceof WebHostError) {
      out.log(`imip-companion web: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (g.me.length) await host.companion.store.run((data) => data.addMe(g.me));
  out.item(
    { url: host.url, dataDir: host.data.root, account: config !== null },
    (d) =>
      `iMIP Companion is running at ${String(d.url)}\nOpen that link in your browser (it carries this start's access token). Ctrl-C stops it.`,
  );
  await new Promise<void>((resolve) => {
    signals.once('SIGINT', resolve);
    signals.once('SIGTERM', resolve);
  });
  out.log('Stopping…');
  await host.close();
  return 0;
}
