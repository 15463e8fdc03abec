import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/fsio/atomicWrite.js';
import { listNames, tempDir } from '../store/tempDir.js';

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temp files', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'a.txt');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, new TextEncoder().encode('zweite Fassung ✓'), { fsync: false });
    expect(await readFile(target, 'utf8')).toBe('zweite Fassung ✓');
    expect(await listNames(dir)).toEqual(['a.txt']);
  });

  it('rejects with the path in the message and cleans up when the folder is missing', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'missing', 'a.txt');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(target);
    expect(await listNames(dir)).toEqual([]);
  });

  it('keeps the old content when the rename cannot happen', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'taken');
    await mkdir(target); // a folder where the file should go: rename fails after the temp file was written
    await writeFile(path.join(target, 'keep'), 'k');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(/taken/);
    expect(await listNames(dir)).toEqual(['taken']);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'reports permission errors with the path',
    async () => {
      const dir = await tempDir();
      await chmod(dir, 0o500);
      try {
        await expect(writeFileAtomic(path.join(dir, 'a'), 'x')).rejects.toMatchObject({
          code: 'EACCES',
          message: expect.stringContaining(dir),
        });
      } finally {
        await chmod(dir, 0o700);
      }
    },
  );
});
