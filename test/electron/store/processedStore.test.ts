import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESSED_FILE, ProcessedStore, type ProcessedEntry } from '../../../electron/store/processedStore.js';
import { tempDir } from './tempDir.js';
import { textMessage } from '../../../shared/model/storedMessage.js';

const entry = (outcome: string, extra: Partial<ProcessedEntry> = {}): ProcessedEntry => ({
  at: '2026-03-01T10:00:00.000Z',
  kind: 'invitation',
  outcome,
  reason: textMessage('because'),
  uid: 'u1',
  recurrenceId: null,
  pendingId: null,
  ...extra,
});

describe('ProcessedStore', () => {
  it('records entries as JSON lines; the later entry for a key wins, also after reopening', async () => {
    const dir = await tempDir();
    const store = await ProcessedStore.open(dir);
    expect(store.get('m1@x')).toBeNull();
    await store.record('m1@x', entry('pending', { pendingId: 'abc123abc123' }));
    await store.record('m2@x', entry('applied'));
    await store.record('m1@x', entry('applied'));
    expect(store.get('m1@x')?.outcome).toBe('applied');
    const lines = (await readFile(path.join(dir, PROCESSED_FILE), 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0] as string)).toEqual({ key: 'm1@x', ...entry('pending', { pendingId: 'abc123abc123' }) });
    const reopened = await ProcessedStore.open(dir);
    expect(reopened.get('m1@x')).toEqual(entry('applied'));
    expect(reopened.size).toBe(2);
  });

  it('reads lines written before reasons became codes (a sentence) and lines with a reason code', async () => {
    const dir = await tempDir();
    const file = path.join(dir, PROCESSED_FILE);
    await writeFile(
      file,
      [
        JSON.stringify({
          key: 'old',
          at: '2026-02-01T10:00:00.000Z',
          kind: 'reply',
          outcome: 'applied',
          reason: 'Bob accepted "Budget".',
          uid: 'u1',
          recurrenceId: null,
          pendingId: null,
        }),
        JSON.stringify({
          key: 'new',
          at: '2026-02-02T10:00:00.000Z',
          kind: 'reply',
          outcome: 'ignored',
          reason: { key: 'reason.reply.alreadyApplied', params: { who: 'bob@example.org' } },
          uid: 'u1',
          recurrenceId: null,
          pendingId: null,
        }),
        '',
      ].join('\n'),
    );
    const store = await ProcessedStore.open(dir);
    expect(store.get('old')?.reason).toEqual(textMessage('Bob accepted "Budget".'));
    expect(store.get('new')?.reason).toEqual({
      key: 'reason.reply.alreadyApplied',
      params: { who: 'bob@example.org' },
    });
  });

  it('ignores a line torn by a crash and keeps appending correctly after it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, PROCESSED_FILE);
    const store = await ProcessedStore.open(dir);
    await store.record('a', entry('applied'));
    await appendFile(file, '{"key":"b","at":"2026-03-01T1'); // the process died mid-append

    const afterCrash = await ProcessedStore.open(dir);
    expect(afterCrash.problems).toEqual([]);
    expect(afterCrash.get('a')?.outcome).toBe('applied');
    expect(afterCrash.get('b')).toBeNull();
    await afterCrash.record('c', entry('ignored'));
    await afterCrash.record('d', entry('applied'));

    const later = await ProcessedStore.open(dir);
    expect(later.get('a')?.outcome).toBe('applied');
    expect(later.get('c')?.outcome).toBe('ignored');
    expect(later.get('d')?.outcome).toBe('applied');
    // The torn fragment stays in the file as its own line (nothing is erased) and is reported, not fatal.
    expect((await readFile(file, 'utf8')).split('\n')[1]).toBe('{"key":"b","at":"2026-03-01T1');
    expect(later.problems).toHaveLength(1);
    expect(later.problems[0]?.message).toMatch(/line 2/);
  });

  it('keeps a complete last line that only lacks its line break', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, PROCESSED_FILE), JSON.stringify({ key: 'k', ...entry('applied') }));
    const store = await ProcessedStore.open(dir, { fsync: false });
    expect(store.get('k')?.outcome).toBe('applied');
    await store.record('k2', entry('ignored'));
    expect((await ProcessedStore.open(dir)).get('k')?.outcome).toBe('applied');
    expect((await ProcessedStore.open(dir)).get('k2')?.outcome).toBe('ignored');
  });

  it('keeps the order of concurrent appends', async () => {
    const dir = await tempDir();
    const store = await ProcessedStore.open(dir, { fsync: false });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.record('same', entry(`o${i}`))));
    expect(store.get('same')?.outcome).toBe('o49');
    expect((await ProcessedStore.open(dir)).get('same')?.outcome).toBe('o49');
  });

  it('keys by Message-ID without angle brackets, else by a hash of sender and calendar text', () => {
    expect(ProcessedStore.keyFor('<abc.123@mail.example.com>', 'X', null)).toBe('abc.123@mail.example.com');
    expect(ProcessedStore.keyFor(' abc@x ', 'X', null)).toBe('abc@x');
    const k = ProcessedStore.keyFor(null, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 'Org@Example.com');
    expect(k).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ProcessedStore.keyFor('<>', 'BEGIN:VCALENDAR\nEND:VCALENDAR\n', 'mailto:org@example.com')).toBe(k);
    expect(ProcessedStore.keyFor(null, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 'other@example.com')).not.toBe(k);
  });
});
