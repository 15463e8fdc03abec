#!/usr/bin/env node
// `npm run -s cli -- ARGS`: rebuilds the command-line bundle when a source it was made from changed, then runs it
// in this same process (no second Node start).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadWithCompileCache } from '../bin/compileCache.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'build', 'cli', 'imip-companion.js');
const inputs = path.join(root, 'build', 'cli', 'inputs.json');

// Cheap: one stat per file the bundle was made from (about 150), listed by the build itself. A new source file
// only matters once an existing one imports it, and that one's time changes.
function stale() {
  if (!existsSync(entry) || !existsSync(inputs)) return true;
  const built = statSync(entry).mtimeMs;
  let files;
  try {
    files = JSON.parse(readFileSync(inputs, 'utf8'));
  } catch {
    return true;
  }
  for (const f of files) {
    const s = statSync(path.join(root, f), { throwIfNoEntry: false });
    if (!s || s.mtimeMs > built) return true;
  }
  return false;
}

if (stale()) {
  const { buildCli } = await import('./build-cli.mjs');
  try {
    await buildCli();
  } catch (e) {
    process.stderr.write(`imip-companion could not be built: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
// npm runs scripts in the package folder; relative paths on the command line are the caller's (INIT_CWD).
if (process.env.INIT_CWD && existsSync(process.env.INIT_CWD)) process.chdir(process.env.INIT_CWD);
// The bundle reads process.argv.slice(2): here [node, run-cli.mjs, ...ARGS], the same shape as a direct start.
loadWithCompileCache(entry);
