#!/usr/bin/env node
// Entry point of the installed command: runs the compiled CLI (build with `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'build', 'electron', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('imip-companion is not built yet: run "npm run build" (or use "npm run -s cli -- ARGS").\n');
  process.exit(1);
}
await import(entry);
