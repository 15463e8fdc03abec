#!/usr/bin/env node
// Entry point of the installed command: runs the bundled CLI (build with `npm run build`) with a code cache
// (compileCache.js).
import { existsSync } from 'node:fs';
import { loadWithCompileCache } from './compileCache.js';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'cli', 'imip-companion.js');
if (!existsSync(entry)) {
  process.stderr.write('imip-companion is not built yet: run "npm run build" (or use "npm run -s cli -- ARGS").\n');
  process.exit(1);
}
// Node's file thread pool has 4 threads: a write batch's fsyncs (hundreds at once, electron/fsio/writeBatch.ts)
// would hold all of them while the next batch's file operations wait behind. Set before the pool's first use.
process.env.UV_THREADPOOL_SIZE ??= '16';
loadWithCompileCache(entry);
