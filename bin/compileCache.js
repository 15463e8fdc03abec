// Loads the command-line bundle (build/cli, CommonJS) with a V8 code cache, so a start does not compile the same
// megabytes of JavaScript again: most of `process`'s start was compiling the MIME reader and the engine.
//
// Node 22 has this built in (module.enableCompileCache); Node 20, which we support, does not, and its ES module
// loader takes no cached data at all. So the bundle is CommonJS and its files are compiled here with
// vm.Script's `cachedData`, the way Node's own CommonJS loader wraps them. The cache of a file is written when the
// process exits, after the run compiled the functions it used (V8 compiles lazily; createCachedData then includes
// them), and only when there was none or V8 refused it (another Node, a rebuilt file). It lives in
// $XDG_CACHE_HOME/imip-companion (~/.cache/imip-companion), keyed by Node's V8 version and each file's path, size
// and time; anything that goes wrong with it only costs the compile it would have saved.
// IMIP_COMPANION_COMPILE_CACHE=0 turns it off.
import Module, { createRequire } from 'node:module';
import vm from 'node:vm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function cacheDir() {
  if (process.env.IMIP_COMPANION_COMPILE_CACHE === '0') return null;
  let base = process.env.XDG_CACHE_HOME;
  if (!base || !path.isAbsolute(base)) {
    try {
      base = path.join(os.homedir(), '.cache');
    } catch {
      return null;
    }
  }
  return path.join(base, 'imip-companion', `v8-${process.versions.v8}-${process.arch}`);
}

function cacheFileOf(dir, filename) {
  const s = fs.statSync(filename);
  // No crypto here: loading it costs more than `--help` itself. The chunk names carry a content hash already.
  return path.join(dir, `${path.basename(filename)}-${fnv1a(filename)}-${s.size}-${Math.trunc(s.mtimeMs)}.bin`);
}

/** 32-bit FNV-1a of the path, so two installations keep apart caches. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Caches of files that were rebuilt or removed since are never read again: gone after a week without a rewrite. */
const KEEP_MS = 7 * 86_400_000;

function pruneCaches(dir) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    try {
      const file = path.join(dir, name);
      if (now - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
    } catch {
      /* another process pruned it */
    }
  }
}

function writeCaches(pending) {
  // Writing happens after a rebuild or an upgrade: the moment to drop what the old files left.
  if (pending.length) pruneCaches(path.dirname(pending[0].file));
  for (const { script, file } of pending) {
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing more to do: the next start compiles again */
      }
    }
  }
}

/** Requires `entry` (an absolute path); every file under its folder is compiled with the code cache. */
export function loadWithCompileCache(entry) {
  const require = createRequire(entry);
  const dir = cacheDir();
  if (!dir) return require(entry);
  const root = path.dirname(entry) + path.sep;
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(root)) return compile.call(this, content, filename);
    let file = null;
    try {
      file = cacheFileOf(dir, filename);
    } catch {
      return compile.call(this, content, filename);
    }
    const cachedData = readCache(file);
    // A hashbang is only valid at the very start of a source; inside the wrapper it becomes a comment.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const requireHere = (id) => this.require(id);
    requireHere.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    requireHere.cache = Module._cache;
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, requireHere, this, filename, path.dirname(filename));
  };
  process.once('exit', () => writeCaches(pending));
  return require(entry);
}
