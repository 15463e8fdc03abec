#!/usr/bin/env node
// Bundles the command line (electron/cli/main.ts and what it imports from electron/ and shared/) into
// build/cli/ as CommonJS (loaded with a code cache, bin/compileCache.js): one entry file plus a chunk per lazily
// imported command, so `--help` reads one small file and
// `process` never parses IMAP, HTTP or CalDAV code. npm packages are bundled with the code that uses them.
// Writes build/cli/inputs.json, the source files the bundle was made from: scripts/run-cli.mjs compares their
// modification times with the bundle's to decide whether to rebuild.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build } from 'rolldown';

const BUILTINS = new Set(builtinModules);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'build', 'cli');

/**
 * Packages mailparser (and libmime) require when they load but that reading a scheduling mail never calls, given
 * readImipMail's options: a stand-in loads each on first use (scripts/bundle/*.cjs says why for each). Together they
 * were ~25 ms of every start of `process`.
 */
const LAZY = {
  'linkify-it': { file: 'lazyLinkify.cjs', importers: ['mailparser'] },
  'html-to-text': { file: 'lazyHtmlToText.cjs', importers: ['mailparser'] },
  'encoding-japanese': { file: 'lazyEncodingJapanese.cjs', importers: ['mailparser', 'libmime'] },
  he: { file: 'lazyHe.cjs', importers: ['mailparser'] },
};
const lazyPackages = {
  name: 'lazy-packages',
  resolveId(source, importer) {
    const lazy = Object.hasOwn(LAZY, source) ? LAZY[source] : null;
    if (!lazy || !importer) return null;
    const dirs = importer.split(/[\\/]/);
    const from = dirs[dirs.lastIndexOf('node_modules') + 1];
    return lazy.importers.includes(from) ? path.join(root, 'scripts', 'bundle', lazy.file) : null;
  },
};

export async function buildCli() {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    input: {
      'imip-companion': path.join(root, 'electron', 'cli', 'main.ts'),
      // The mail reader thread (electron/mail/mailReaders.ts) looks for its file beside the chunk that starts it.
      'chunks/mailReadWorker': path.join(root, 'electron', 'mail', 'mailReadWorker.ts'),
    },
    platform: 'node',
    // Node's own modules stay imports; npm packages are bundled too, which halves the start of `process`
    // (resolving and reading hundreds of small CommonJS files was most of mailparser's 0.2 s).
    external: (id) => id.startsWith('node:') || BUILTINS.has(id.split('/')[0]),
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    plugins: [lazyPackages],
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'cjs',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      // Every loaded file stays in memory as a string for as long as the process runs (V8 compiles functions
      // lazily from it). One character outside Latin-1 anywhere in a file — an arrow in a comment, a word in a
      // message — makes V8 keep the whole file two bytes per character: non-ASCII is written as escapes, and the
      // doc comments (the source maps keep them) are left out.
      charset: 'ascii',
      comments: { legal: true, annotation: true, jsdoc: false },
    },
  });
  // CommonJS, because Node 20 gives only CommonJS code a compile cache (bin/compileCache.js); the package is ESM.
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  const inputs = new Set();
  for (const item of result.output) {
    if (item.type !== 'chunk') continue;
    for (const id of item.moduleIds)
      if (path.isAbsolute(id) && !id.includes(`${path.sep}node_modules${path.sep}`))
        inputs.add(path.relative(root, id));
  }
  // The build's own configuration and the installed packages count too: a changed script or `npm install` rebuilds.
  const files = [...inputs, 'scripts/build-cli.mjs', 'bin/compileCache.js', 'package.json', 'package-lock.json'].sort();
  writeFileSync(path.join(outDir, 'inputs.json'), `${JSON.stringify(files, null, 1)}\n`);
  return files.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = await buildCli();
  process.stdout.write(`build/cli: the command line bundled from ${n} files\n`);
}
