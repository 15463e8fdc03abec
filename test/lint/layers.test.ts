// The layer rules of eslint.config.js, proved on small snippets: each forbidden import is reported by the rule that
// owns it, each allowed one is not. Snippets are linted as if they sat in the folder under test (lintText with a
// filePath there); the imported modules are real files picked from the tree, so the resolver sees real edges.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });
const LAYER_RULES = new Set(['no-restricted-imports', 'import-x/no-restricted-paths', 'no-restricted-syntax']);

/** A real module in `folder` (repo-relative), as an import specifier from a file in `fromFolder`. */
function moduleIn(folder: string, fromFolder: string, except: string[] = []): string {
  const file = readdirSync(path.join(ROOT, folder))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !except.includes(f))
    .sort()[0];
  if (!file) throw new Error(`no module in ${folder}`);
  const rel = path.posix.relative(fromFolder, `${folder}/${file.replace(/\.tsx?$/, '.js')}`);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

interface Finding {
  ruleId: string | null;
  message: string;
}

async function lint(folder: string, code: string, file = 'layerProbe.ts'): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, folder, file) });
  if (!result) throw new Error('no lint result');
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result.messages
    .filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId))
    .map(({ ruleId, message }) => ({ ruleId, message }));
}

const paths = 'import-x/no-restricted-paths';
const imports = 'no-restricted-imports';

describe('forbidden imports are reported', () => {
  const cases: [string, string, () => string, string, RegExp][] = [
    ['shared: a Node builtin', 'shared/util', () => `import { readFile } from 'node:fs';`, imports, /shared\/ is pure/],
    ['shared: a builtin without node:', 'shared/util', () => `import fs from 'fs';`, imports, /shared\/ is pure/],
    ['shared: electron', 'shared/ipc', () => `import { app } from 'electron';`, imports, /shared\/ is pure/],
    ['shared: react', 'shared/model', () => `import React from 'react';`, imports, /shared\/ is pure/],
    ['shared: an I/O package', 'shared/mail', () => `import { ImapFlow } from 'imapflow';`, imports, /shared\//],
    [
      'shared: electron/',
      'shared/itip',
      () => `import '${moduleIn('electron/store', 'shared/itip')}';`,
      paths,
      /imports only shared/,
    ],
    [
      'shared: renderer/',
      'shared/ipc',
      () => `import '${moduleIn('renderer/src/lib', 'shared/ipc')}';`,
      paths,
      /imports only shared/,
    ],
    ['renderer: a Node builtin', 'renderer/src', () => `import path from 'node:path';`, imports, /sandboxed window/],
    [
      'renderer: electron',
      'renderer/src',
      () => `import { ipcRenderer } from 'electron';`,
      imports,
      /sandboxed window/,
    ],
    [
      'renderer: electron/',
      'renderer/src',
      () => `import '${moduleIn('electron/app', 'renderer/src')}';`,
      paths,
      /window\.api/,
    ],
    [
      'electron/app: the electron package',
      'electron/app',
      () => `import { app } from 'electron';`,
      imports,
      /Electron shell/,
    ],
    ['electron/store: react', 'electron/store', () => `import React from 'react';`, imports, /renderer/],
    [
      'electron/mail → electron/store',
      'electron/mail',
      () => `import '${moduleIn('electron/store', 'electron/mail')}';`,
      paths,
      /electron\/mail is an adapter/,
    ],
    [
      'electron/mail/imap → electron/store',
      'electron/mail/imap',
      () => `import '${moduleIn('electron/store', 'electron/mail/imap')}';`,
      paths,
      /electron\/mail is/,
    ],
    [
      'electron/store → electron/mail',
      'electron/store',
      () => `import '${moduleIn('electron/mail', 'electron/store')}';`,
      paths,
      /electron\/store is/,
    ],
    [
      'electron/store → electron/scheduling (upwards)',
      'electron/store',
      () => `import '${moduleIn('electron/scheduling', 'electron/store')}';`,
      paths,
      /Lower tiers never import higher/,
    ],
    [
      'electron/store → an engine module behind its index',
      'electron/store',
      () => `import '../../shared/itip/components.js';`,
      paths,
      /only through shared\/itip\/index\.ts/,
    ],
    [
      'renderer → an engine module behind its index',
      'renderer/src',
      () => `import '../../shared/itip/types.js';`,
      paths,
      /only through shared\/itip\/index\.ts/,
    ],
    [
      'electron/web → electron/cli',
      'electron/web',
      () => `import '${moduleIn('electron/cli', 'electron/web')}';`,
      paths,
      /electron\/web is a root/,
    ],
    [
      'electron/cli → electron/web beyond the host',
      'electron/cli',
      () => `import '${moduleIn('electron/web', 'electron/cli', ['webHost.ts'])}';`,
      paths,
      /electron\/cli is a root/,
    ],
    [
      'electron/main → electron/cli',
      'electron/main',
      () => `import '${moduleIn('electron/cli', 'electron/main')}';`,
      paths,
      /electron\/main is a root/,
    ],
    [
      'electron/preload: a Node builtin',
      'electron/preload',
      () => `import { readFile } from 'node:fs';`,
      imports,
      /sandboxed preload/,
    ],
    [
      'electron/preload → electron/app',
      'electron/preload',
      () => `import '${moduleIn('electron/app', 'electron/preload')}';`,
      paths,
      /sandboxed preload/,
    ],
    [
      'an unlisted electron/ folder → electron/store',
      'electron/newfolder',
      () => `import '${moduleIn('electron/store', 'electron/newfolder')}';`,
      paths,
      /not in ELECTRON_TIERS/,
    ],
    [
      'electron/: renderer/',
      'electron/app',
      () => `import '${moduleIn('renderer/src/lib', 'electron/app')}';`,
      paths,
      /electron\/app is/,
    ],
  ];
  it.each(cases)('%s', async (_name, folder, code, rule, why) => {
    const findings = await lint(folder, code());
    expect(findings.length, JSON.stringify(findings)).toBeGreaterThan(0);
    expect(
      findings.every((f) => f.ruleId === rule),
      JSON.stringify(findings),
    ).toBe(true);
    expect(findings[0]?.message).toMatch(why);
  });

  it('a focused test (.only)', async () => {
    const findings = await lint(
      'test/shared',
      `import { describe, it } from 'vitest';\nit.only('x', () => {});\ndescribe.only('y', () => {});`,
      'probe.test.ts',
    );
    expect(findings.map((f) => f.ruleId)).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
    expect(findings[0]?.message).toMatch(/No \.only/);
  });
});

describe('allowed imports are not reported', () => {
  const cases: [string, string, () => string, string?][] = [
    [
      'shared: pure packages and shared/',
      'shared/itip',
      () =>
        `import ICAL from 'ical.js';\nimport { z } from 'zod';\nimport '${moduleIn('shared/util', 'shared/itip')}';`,
    ],
    [
      'renderer: react, FullCalendar and shared/',
      'renderer/src',
      () =>
        `import { useState } from 'react';\nimport FullCalendar from '@fullcalendar/react';\nimport '${moduleIn('shared/ipc', 'renderer/src')}';`,
      'Probe.tsx',
    ],
    [
      'electron/mail: Node, its library and shared/',
      'electron/mail',
      () =>
        `import { readFile } from 'node:fs/promises';\nimport { simpleParser } from 'mailparser';\nimport '${moduleIn('shared/model', 'electron/mail')}';`,
    ],
    [
      'electron/scheduling: the adapters',
      'electron/scheduling',
      () =>
        `import '${moduleIn('electron/store', 'electron/scheduling')}';\nimport '${moduleIn('electron/mail', 'electron/scheduling')}';`,
    ],
    [
      'electron/store: the engine through its index, iCalendar helpers, domain types',
      'electron/store',
      () =>
        `import '../../shared/itip/index.js';\nimport '../../shared/ical/clone.js';\nimport '../../shared/model/tombstone.js';`,
    ],
    ['electron/app: the agent', 'electron/app', () => `import '${moduleIn('electron/agent', 'electron/app')}';`],
    [
      'electron/cli: the web host (the web command)',
      'electron/cli',
      () => `import { startWebHost } from '../web/webHost.js';\nvoid startWebHost;`,
    ],
    [
      'electron/main: electron',
      'electron/main',
      () => `import { app } from 'electron';\nimport '${moduleIn('electron/app', 'electron/main')}';`,
    ],
    [
      'electron/preload: electron and the IPC contract',
      'electron/preload',
      () => `import { contextBridge } from 'electron';\nimport '${moduleIn('shared/ipc', 'electron/preload')}';`,
    ],
    [
      'test/: anything, without .only',
      'test/electron',
      () =>
        `import { it } from 'vitest';\nimport { app } from 'electron';\nimport '${moduleIn('electron/store', 'test/electron')}';\nit('x', () => void app);`,
      'probe.test.ts',
    ],
  ];
  it.each(cases)('%s', async (_name, folder, code, file) => {
    expect(await lint(folder, code(), file)).toEqual([]);
  });
});
