/**
 * Starts the sign-in/POP3 Dovecot (test/servers/oauthstack.sh) for the integration tests when Dovecot with
 * pop3d is installed, and stops it afterwards if this run started it. On CI a missing server is an error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oauthstack.sh');

export default function setup(): (() => void) | undefined {
  const installed =
    spawnSync('sh', ['-c', 'command -v dovecot && test -x /usr/lib/dovecot/pop3'], { stdio: 'ignore' }).status === 0;
  if (!installed) {
    if (process.env.CI === 'true')
      throw new Error('Dovecot with pop3d is not installed: .ci/install-system-packages installs it');
    process.stderr.write(
      'sign-in/POP3 integration tests skipped: run "sudo bash test/servers/oauthstack.sh install"\n',
    );
    return undefined;
  }
  const wasRunning = /dovecot: \d+/.test(spawnSync('bash', [SCRIPT, 'status'], { encoding: 'utf8' }).stdout ?? '');
  execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.IMIP_OAUTHSTACK = 'up';
  return wasRunning
    ? undefined
    : () => {
        execFileSync('bash', [SCRIPT, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
      };
}
