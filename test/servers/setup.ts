/**
 * Starts the loopback mail servers (Dovecot, Postfix) for the integration tests when they are installed, and
 * stops them afterwards if this run started them. On CI a missing server is an error; elsewhere the
 * integration tests are skipped with a message saying how to install the servers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mailstack.sh');

function installed(): boolean {
  return (
    spawnSync('sh', ['-c', 'command -v dovecot && command -v postfix && command -v doveadm'], { stdio: 'ignore' })
      .status === 0
  );
}

function running(): boolean {
  const out = spawnSync('bash', [SCRIPT, 'status'], { encoding: 'utf8' }).stdout ?? '';
  return /dovecot: \d+ postfix: \d+/.test(out);
}

export default function setup(): (() => void) | undefined {
  if (!installed()) {
    if (process.env.CI === 'true')
      throw new Error(
        'Dovecot/Postfix are not installed: .ci/run installs them with test/servers/mailstack.sh install',
      );
    process.stderr.write(
      'integration tests skipped: run "sudo bash test/servers/mailstack.sh install" to install Dovecot and Postfix\n',
    );
    return undefined;
  }
  const wasRunning = running();
  if (!wasRunning) execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.IMIP_MAILSTACK = 'up';
  return wasRunning
    ? undefined
    : () => {
        execFileSync('bash', [SCRIPT, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
      };
}
