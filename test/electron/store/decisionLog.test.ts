import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECISIONS_FILE, DecisionLog, type DecisionEntry } from '../../../electron/store/decisionLog.js';
import { readActivity } from '../../../electron/app/activityLog.js';
import { tempDir } from './tempDir.js';
import { textMessage } from '../../../shared/model/storedMessage.js';

const entry = (over: Partial<DecisionEntry> = {}): DecisionEntry => ({
  at: '2026-03-01T10:00:00.000Z',
  kind: 'invitation',
  choice: 'accept',
  outcome: 'applied',
  reason: textMessage('You accepted "Budget".'),
  uid: 'u1',
  recurrenceId: null,
  sentTo: ['olga@example.org'],
  ...over,
});

describe('DecisionLog', () => {
  it('appends one JSON line per decision, in order, even when appends overlap', async () => {
    const dir = await tempDir();
    const log = await DecisionLog.open(dir);
    await Promise.all([
      log.record(entry({ uid: 'a' })),
      log.record(entry({ uid: 'b', choice: 'decline' })),
      log.record(entry({ uid: 'c' })),
    ]);
    const lines = (await readFile(path.join(dir, DECISIONS_FILE), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as DecisionEntry).uid)).toEqual(['a', 'b', 'c']);
    expect(JSON.parse(lines[1] as string)).toEqual(entry({ uid: 'b', choice: 'decline' }));
  });

  it('after a crash tore the last line, the next record starts on a line of its own', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, DECISIONS_FILE),
      `${JSON.stringify(entry({ uid: 'kept' }))}\n{"at":"2026-03-01T10:00:01Z","ki`,
    );
    const log = await DecisionLog.open(dir, { fsync: false });
    await log.record(entry({ uid: 'after', at: '2026-03-01T11:00:00.000Z' }));
    const listed = await readActivity(path.join(dir, 'none.jsonl'), path.join(dir, DECISIONS_FILE), 10);
    expect(listed.map((e) => [e.uid, e.source, e.choice])).toEqual([
      ['after', 'you', 'accept'],
      ['kept', 'you', 'accept'],
    ]);
  });

  it('refuses a record without its required fields', async () => {
    const log = await DecisionLog.open(await tempDir());
    await expect(log.record({ ...entry(), choice: undefined } as unknown as DecisionEntry)).rejects.toThrow(
      /not a decision/,
    );
  });
});
