#!/usr/bin/env node
// Entry point of the installed command: runs the bundled CLI (build with `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'cli', 'imip-companion.js');
if (!existsSync(entry)) {
  process.stderr.write('imip-companion is not built yet: run "npm run build" (or use "npm run -s cli -- ARGS").\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
