import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyzedMessages } from '../../../electron/store/analyzedMessages.js';
import { tempDir } from './tempDir.js';

describe('AnalyzedMessages (state/analyzed.json)', () => {
  it('remembers where each open decision came from, across instances', async () => {
    const root = await tempDir();
    await new AnalyzedMessages(root).remember('p1', { mailbox: 'INBOX', uidValidity: '7', uid: 42 });
    await new AnalyzedMessages(root).remember('p2', { mailbox: 'Sent', uidValidity: '9', uid: 3 });
    const map = await new AnalyzedMessages(root).read();
    expect([...map]).toEqual([
      ['p1', { mailbox: 'INBOX', uidValidity: '7', uid: 42 }],
      ['p2', { mailbox: 'Sent', uidValidity: '9', uid: 3 }],
    ]);
    map.delete('p1');
    await new AnalyzedMessages(root).write(map);
    expect(JSON.parse(await readFile(path.join(root, 'state', 'analyzed.json'), 'utf8'))).toEqual({
      p2: { mailbox: 'Sent', uidValidity: '9', uid: 3 },
    });
  });

  it('a damaged file or damaged entries cost only those marks', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'state'), { recursive: true });
    await writeFile(
      path.join(root, 'state', 'analyzed.json'),
      '{"p1": {"mailbox": "INBOX", "uidValidity": "1", "uid": 5}, "p2": {"uid": "x"}}',
    );
    expect([...(await new AnalyzedMessages(root).read()).keys()]).toEqual(['p1']);
    await writeFile(path.join(root, 'state', 'analyzed.json'), '{"p1": ');
    expect((await new AnalyzedMessages(root).read()).size).toBe(0);
  });
});
