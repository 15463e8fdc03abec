#!/usr/bin/env node
// The one test command: type-check the whole tree, lint it, check its formatting, run every test, print a plain
// "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

console.log('> type-check (tsc -b)');
const tc = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: 'inherit', env });
const typeErrors = tc.status === 0 ? 0 : 1;

// Lint (the layer rules of docs/architecture.md among them) and the formatter's check: one failure each, like the
// type-check, so a layer violation or an unformatted file fails the run without hiding the test results.
console.log('> lint (eslint .)');
const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
const lint = spawnSync(process.execPath, [eslint, '.'], { cwd: root, stdio: 'inherit', env });
const lintErrors = lint.status === 0 ? 0 : 1;
console.log('> format check (prettier --check .)');
const prettier = path.join(root, 'node_modules/prettier/bin/prettier.cjs');
const fmt = spawnSync(process.execPath, [prettier, '--check', '--log-level', 'warn', '.'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
const formatErrors = fmt.status === 0 ? 0 : 1;

// The browser tests (test/browser/) drive the built renderer: build it now (Vite, ~2 s) so they test the sources.
let buildErrors = 0;
if (existsSync(path.join(root, 'renderer', 'index.html'))) {
  console.log('> build the renderer (vite build)');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const b = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  buildErrors = b.status === 0 ? 0 : 1;
  if (buildErrors) console.log('renderer build failed (counted as one failure)');
}

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
console.log('> vitest run');
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const data = JSON.parse(readFileSync(report, 'utf8'));
  passed = data.numPassedTests ?? 0;
  failed =
    (data.numFailedTests ?? 0) + (data.numFailedTestSuites && !data.numFailedTests ? data.numFailedTestSuites : 0);
  skipped = (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0);
} catch {
  failed += 1;
}
failed += typeErrors + lintErrors + formatErrors + buildErrors;
if (typeErrors) console.log('type-check failed (counted as one failure)');
if (lintErrors) console.log('lint failed (counted as one failure): npm run lint');
if (formatErrors) console.log('format check failed (counted as one failure): npm run format');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && run.status === 0 && passed > 0 ? 0 : 1);
