import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PendingDraft } from '../../../shared/model/decisions.js';
import { PendingStore } from '../../../electron/store/pendingStore.js';
import { listNames, tempDir } from './tempDir.js';
import { textMessage } from '../../../shared/model/storedMessage.js';
import { english } from '../../../shared/i18n/index.js';

function draft(
  uid: string,
  ics = `BEGIN:VCALENDAR\r\nUID:${uid}\r\nEND:VCALENDAR\r\n`,
  recurrenceId: string | null = null,
): PendingDraft {
  return {
    kind: 'invitation',
    uid,
    recurrenceId,
    summary: 'Planung – Q3 ✓',
    choices: ['accept', 'tentative', 'decline'],
    reason: textMessage('An invitation needs your answer.'),
    warnings: [],
    from: 'org@example.com',
    identity: 'me@example.com',
    proposed: null,
    current: null,
    message: {
      ics,
      envelope: {
        messageId: `<${uid}@mail>`,
        from: { address: 'org@example.com' },
        sender: null,
        replyTo: [],
        to: [],
        cc: [],
        subject: 'Invitation',
        receivedAt: 1_770_000_000_000,
        authenticationResults: [],
      },
    },
    attendee: null,
    comment: null,
  };
}

describe('PendingStore', () => {
  it('adds a decision once, with a short deterministic id, and reads it back after reopening', async () => {
    const dir = await tempDir();
    const store = await PendingStore.open(dir);
    const a = await store.add(draft('u1'), '2026-03-01T10:00:00.000Z');
    expect(a.id).toMatch(/^[0-9a-f]{12}$/);
    expect(a.id).toBe(PendingStore.idFor(draft('u1')));
    const again = await store.add(draft('u1'), '2026-03-02T10:00:00.000Z');
    expect(again).toEqual(a);
    const [x, y] = await Promise.all([
      store.add(draft('u2'), '2026-03-03T00:00:00Z'),
      store.add(draft('u2'), '2026-03-03T00:00:00Z'),
    ]);
    expect(x).toBe(y);
    expect(await listNames(dir)).toEqual([`${a.id}.json`, `${x.id}.json`].sort());

    const reopened = await PendingStore.open(dir);
    expect(reopened.get(a.id)).toEqual(a);
    expect(reopened.get(a.id)?.summary).toBe('Planung – Q3 ✓');
    expect(reopened.size).toBe(2);
  });

  it('reads decisions written before reasons became codes: a sentence becomes literal text', async () => {
    const dir = await tempDir();
    const old = {
      ...draft('u-old'),
      id: 'a1b2c3d4e5f6',
      createdAt: '2026-02-01T10:00:00.000Z',
      reason: 'Olga invites you to "Planning".',
      warnings: ['The mail comes from x@example.net, not from olga@example.org.'],
    };
    await writeFile(path.join(dir, 'a1b2c3d4e5f6.json'), JSON.stringify(old));
    const store = await PendingStore.open(dir);
    expect(store.problems).toEqual([]);
    const d = store.get('a1b2c3d4e5f6');
    expect(d?.reason).toEqual({ key: 'common.text', params: { text: 'Olga invites you to "Planning".' } });
    expect(d?.warnings).toEqual([textMessage('The mail comes from x@example.net, not from olga@example.org.')]);
    expect(english.render(d?.reason ?? textMessage(''))).toBe('Olga invites you to "Planning".');
  });

  it('separates instances and messages of one UID, lists oldest first, finds by UID', async () => {
    const dir = await tempDir();
    const store = await PendingStore.open(dir, { fsync: false });
    const late = await store.add(draft('u', undefined, '20260309T100000Z'), '2026-03-05T00:00:00Z');
    const early = await store.add(draft('u'), '2026-03-01T00:00:00Z');
    const other = await store.add(draft('v'), '2026-03-03T00:00:00+01:00');
    expect(store.list().map((d) => d.id)).toEqual([early.id, other.id, late.id]);
    expect(store.findByUid('u').map((d) => d.id)).toEqual([early.id, late.id]);
    expect(await store.remove(early.id)).toBe(true);
    expect(await store.remove(early.id)).toBe(false);
    expect(await store.remove('../../etc/passwd')).toBe(false);
    expect(store.findByUid('u')).toEqual([late]);
    expect((await PendingStore.open(dir)).list().map((d) => d.id)).toEqual([other.id, late.id]);
  });

  it('reports invalid files, leaves them in place and never removes them', async () => {
    const dir = await tempDir();
    const store0 = await PendingStore.open(dir);
    const ok = await store0.add(draft('ok'), '2026-03-01T00:00:00Z');
    await writeFile(path.join(dir, 'torn.json'), '{"id":"torn","kind":');
    await writeFile(path.join(dir, 'wrongid.json'), JSON.stringify({ ...ok, id: 'other' }));
    await writeFile(path.join(dir, 'shape.json'), JSON.stringify({ id: 'shape' }));
    const store = await PendingStore.open(dir);
    expect(store.list().map((d) => d.id)).toEqual([ok.id]);
    expect(store.problems.map((p) => path.basename(p.file)).sort()).toEqual([
      'shape.json',
      'torn.json',
      'wrongid.json',
    ]);
    expect(await store.remove('torn')).toBe(false);
    expect(await readFile(path.join(dir, 'torn.json'), 'utf8')).toBe('{"id":"torn","kind":');
  });
});
