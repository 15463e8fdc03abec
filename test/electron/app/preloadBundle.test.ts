/**
 * The sandboxed preload as Electron loads it: one CommonJS file whose only `require` is 'electron' (a sandboxed
 * preload cannot load our other files), exposing `api` and nothing else through contextBridge, never ipcRenderer.
 * Built here with the same Vite config `npm run build:app` uses, into a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { MAIN_API_METHODS, channel } from '../../../shared/ipc/contract.js';
import { ROOT } from '../../helpers/cli.js';

let out: string;
let code: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'imip-preload-'));
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'electron/preload/vite.config.mjs'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PRELOAD_OUT_DIR: out },
    },
  );
  if (r.status !== 0) throw new Error(`preload build failed: ${r.stderr}`);
  code = readFileSync(path.join(out, 'index.cjs'), 'utf8');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('preload bundle', () => {
  it('requires nothing but electron', () => {
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|^import /m);
  });

  it('exposes only window.api, whose calls use the companion: channels', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
      ipcRenderer: {
        invoke: async (ch: string, arg: unknown) => (invoked.push([ch, arg]), { ok: true, value: 1 }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (name: string): unknown => {
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return electron;
    };
    vm.runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {}, console });
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, (a?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...MAIN_API_METHODS, 'on', 'openExternal', 'host'].sort());
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(await api.listActivity?.({ limit: 3 })).toEqual({ ok: true, value: 1 });
    expect(invoked).toEqual([[channel('listActivity'), { limit: 3 }]]);
  });
});
