/**
 * What the bundled `process` command loads before its first mail: the chunk of its commands and every chunk those
 * require at their top, transitively (a chunk required inside a function is loaded only when that runs). The
 * libraries only other commands need must stay out of it: each costs start-up time on every `process` of a mail.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

const CHUNKS = path.join(ROOT, 'build', 'cli', 'chunks');

/** The chunks a chunk requires at its top level, before any of its own code. */
function topRequires(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(path.join(CHUNKS, file), 'utf8').split('\n')) {
    const m = /^(?:const \w+ = )?require\("\.\/([^"]+)"\);$/.exec(line);
    if (m) out.push(m[1] as string);
    else if (/^(let|const|var) \w+ = require\("node:/.test(line) || /^\w+ = require_rolldown_runtime/.test(line))
      continue;
    else if (line.trim() !== '' && !line.startsWith('//') && !line.startsWith('"use strict"')) break;
  }
  return out;
}

/** The npm packages whose files make up a chunk, from its source map. */
function packagesOf(file: string): Set<string> {
  // The bundler's own runtime helpers have no source map.
  if (!existsSync(path.join(CHUNKS, `${file}.map`))) return new Set();
  const map = JSON.parse(readFileSync(path.join(CHUNKS, `${file}.map`), 'utf8')) as { sources: string[] };
  return new Set(
    map.sources
      .map((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1])
      .filter((p): p is string => p !== undefined),
  );
}

describe('the bundled command line', () => {
  it('`process` loads the mail reader and the engine, not the settings validator or the mail and calendar clients', () => {
    const [commands] = readdirSync(CHUNKS).filter((f) => /^commands-.*\.js$/.test(f));
    expect(commands).toBeDefined();
    const loaded = new Set<string>();
    const queue = [commands as string];
    while (queue.length) {
      const file = queue.pop() as string;
      if (loaded.has(file)) continue;
      loaded.add(file);
      queue.push(...topRequires(file));
    }
    const packages = new Set([...loaded].flatMap((f) => [...packagesOf(f)]));
    expect(packages).toContain('mailparser');
    expect(packages).toContain('ical.js');
    // (nodemailer's address parser is part of mailparser's reading.)
    for (const absent of ['zod', 'imapflow', 'tsdav', 'oauth4webapi', 'fast-xml-parser'])
      expect(packages.has(absent), `${absent} is loaded by process`).toBe(false);
  });
});
