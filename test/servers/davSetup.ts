/**
 * Starts the loopback CalDAV/CardDAV servers (Radicale, Xandikos) for the integration tests when they are
 * installed, and stops them afterwards if this run started them. On CI a missing server is an error; elsewhere
 * the CalDAV tests are skipped with a message saying how to install the servers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'davstack.sh');

function installed(): boolean {
  return spawnSync('sh', ['-c', 'command -v radicale && command -v xandikos'], { stdio: 'ignore' }).status === 0;
}

function running(): boolean {
  const out = spawnSync('bash', [SCRIPT, 'status'], { encoding: 'utf8' }).stdout ?? '';
  return /radicale: \d+ xandikos: \d+/.test(out);
}

export default function setup(): (() => void) | undefined {
  if (!installed()) {
    if (process.env.CI === 'true')
      throw new Error(
        'Radicale/Xandikos are not installed: .ci/install-system-packages installs them with test/servers/davstack.sh install',
      );
    process.stderr.write(
      'CalDAV integration tests skipped: run "sudo bash test/servers/davstack.sh install" to install Radicale and Xandikos\n',
    );
    return undefined;
  }
  const wasRunning = running();
  if (!wasRunning) execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.IMIP_DAVSTACK = 'up';
  return wasRunning
    ? undefined
    : () => {
        execFileSync('bash', [SCRIPT, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
      };
}
