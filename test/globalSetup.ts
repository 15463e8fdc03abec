/**
 * Builds the CLI once before the suite (type-check and compile, then the bundle `bin/imip-companion.js` runs) so CLI
 * tests run the same binary a user runs, and gives the run a temporary folder of its own: every test process
 * inherits it as TMPDIR, so the data dirs, outboxes and lock files tests make under `os.tmpdir()` go away with it
 * at the end of the run instead of piling up in the system's temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export default function setup(): () => void {
  // Each project of vitest.config.ts inherits the global setup: the first one to run does the work for the run.
  if (process.env['IMIP_TEST_RUN_TMP']) return () => undefined;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'shared', 'electron'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  // Short: Chromium's singleton socket lives under it, and a socket path has at most 107 bytes.
  const runTmp = mkdtempSync(path.join(os.tmpdir(), 'imip-t-'));
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = runTmp;
  process.env['IMIP_TEST_RUN_TMP'] = runTmp;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    delete process.env['IMIP_TEST_RUN_TMP'];
    rmSync(runTmp, { recursive: true, force: true });
  };
}
