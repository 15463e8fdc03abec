#!/usr/bin/env node
// `npm run fuzz -- ARGS`: builds the product and the fuzzer (tsc -b), then runs scripts/fuzz/main.ts's build.
// See BENCHMARKS.md for the long run's figures and scripts/fuzz/main.ts for the options.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (spawnSync(process.execPath, [tsc, '-b', 'scripts/fuzz'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1);
const r = spawnSync(
  process.execPath,
  [path.join(root, 'build', 'scripts', 'fuzz', 'main.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
