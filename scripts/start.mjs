#!/usr/bin/env node
// `npm start`: builds the desktop app when its sources changed (main with tsc, the sandboxed preload bundled by
// Vite) and launches Electron on it. The Electron runtime is downloaded on first use where the network allows it;
// where it is missing this says so in one line and starts the web host instead (`imip-companion web`, the same
// app in the browser; arguments such as `--config FILE` are passed on), which prints its link. Requiring the
// `electron` package would try that download, so the runtime is looked up from the package's own path.txt.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MISSING =
  'The Electron runtime is not installed on this machine: starting the companion in your browser instead.';

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(p) ? p : null;
  }
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(tsx?|mjs|json|css|html)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The renderer bundle, built when missing or older than its sources (a fresh clone has none). */
function buildRenderer() {
  const index = path.join(root, 'build', 'renderer', 'index.html');
  if (
    !existsSync(index) ||
    Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared'))) > statSync(index).mtimeMs
  ) {
    run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  }
}

/** No desktop runtime: the web host serves the same renderer on 127.0.0.1 and prints its link. */
function startWeb() {
  console.error(MISSING);
  buildRenderer();
  const web = spawn(process.execPath, [path.join(root, 'scripts', 'run-cli.mjs'), 'web', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const bin = electronBinary();
if (!bin) {
  startWeb();
} else {
  startDesktop(bin);
}

function startDesktop(bin) {
  const main = path.join(root, 'build', 'electron', 'main', 'index.js');
  const preload = path.join(root, 'build', 'electron', 'preload', 'index.cjs');
  const built = Math.min(...[main, preload].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  if (built < Math.max(newest(path.join(root, 'shared')), newest(path.join(root, 'electron')))) {
    run([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'shared', 'electron']);
    run([
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'electron/preload/vite.config.mjs',
    ]);
  }
  buildRenderer();
  const child = spawn(bin, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
