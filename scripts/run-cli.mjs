#!/usr/bin/env node
// `npm run -s cli -- ARGS`: builds the CLI when sources changed since the last build, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'build', 'electron', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (name.name === 'node_modules' || name.name.startsWith('.')) continue;
    const p = path.join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(name.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(entry) || ['shared', 'electron'].some((d) => newestSource(path.join(root, d)) > statSync(entry).mtimeMs);
if (stale) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b', 'shared', 'electron'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    spawnSync(process.execPath, [tsc, '-b', 'shared', 'electron'], { cwd: root, stdio: ['ignore', 2, 2] });
    process.exit(1);
  }
}
// npm runs scripts in the package folder; relative paths on the command line are the caller's (INIT_CWD).
const cwd = process.env.INIT_CWD && existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd });
process.exit(run.status ?? 1);
