/** Temp folders for store tests: real files on disk, removed after each test. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-store-'));
  made.push(dir);
  return dir;
}

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/store');

export function fixture(name: string): Promise<string> {
  return readFile(path.join(fixturesDir, name), 'utf8');
}

export async function listNames(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
