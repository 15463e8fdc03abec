import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PendingDraft } from '../../../shared/model/decisions.js';
import { PendingStore } from '../../../electron/store/pendingStore.js';
import { withWriteBatch } from '../../../electron/fsio/writeBatch.js';
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

  describe('packs: the decisions a write batch opens', () => {
    it('go into one file, appended, synced by the batch; they read back after reopening', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      let noted: string[] = [];
      await withWriteBatch(async (batch) => {
        for (const [i, uid] of ['p-1', 'p-2', 'p-3'].entries())
          await store.add(draft(uid), `2026-03-01T10:0${i}:00.000Z`);
        noted = [String(batch.pending)];
      });
      const names = await listNames(dir);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/\.jsonl$/);
      expect(noted).toEqual(['2']); // the pack and its folder, each synced once by the flush
      const lines = (await readFile(path.join(dir, names[0] as string), 'utf8')).split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[3]).toBe('');
      const again = await PendingStore.open(dir);
      expect(again.problems).toEqual([]);
      expect(again.list().map((d) => d.uid)).toEqual(['p-1', 'p-2', 'p-3']);
      expect(again.list()).toEqual(store.list());
      // The same draft again, in another batch: the decision already waiting, no second line or pack.
      await withWriteBatch(async () => {
        expect((await again.add(draft('p-2'), '2026-03-02T10:00:00.000Z')).createdAt).toBe('2026-03-01T10:01:00.000Z');
      });
      expect(await listNames(dir)).toEqual(names);
    });

    it('a carried-out decision gets a removal line; the last one deletes the pack', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      const ids: string[] = [];
      await withWriteBatch(async () => {
        for (const uid of ['r-1', 'r-2']) ids.push((await store.add(draft(uid), '2026-03-01T10:00:00.000Z')).id);
      });
      const [pack] = await listNames(dir);
      expect(await store.remove(ids[0] as string)).toBe(true);
      expect(await readFile(path.join(dir, pack as string), 'utf8')).toMatch(
        new RegExp(`\\{"removed":"${ids[0]}"\\}\\n$`),
      );
      const reopened = await PendingStore.open(dir);
      expect(reopened.list().map((d) => d.id)).toEqual([ids[1]]);
      expect(await reopened.remove(ids[0] as string)).toBe(false);
      expect(await reopened.remove(ids[1] as string)).toBe(true);
      expect(await listNames(dir)).toEqual([]);
      expect((await PendingStore.open(dir)).size).toBe(0);
    });

    it('a decision opened and carried out in the same batch leaves no pack; the next one starts a new pack', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      await withWriteBatch(async () => {
        const first = await store.add(draft('s-1'), '2026-03-01T10:00:00.000Z');
        expect(await store.remove(first.id)).toBe(true);
        expect(await listNames(dir)).toEqual([]);
        await store.add(draft('s-2'), '2026-03-01T10:00:00.000Z');
      });
      expect((await PendingStore.open(dir)).list().map((d) => d.uid)).toEqual(['s-2']);
      expect(await listNames(dir)).toHaveLength(1);
    });

    it('outside a batch a decision has a file of its own, beside the packs', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      await withWriteBatch(() => store.add(draft('b-1'), '2026-03-01T10:00:00.000Z'));
      const own = await store.add(draft('o-1'), '2026-03-01T11:00:00.000Z');
      // A decision derived again in place of a broken file keeps a file of its own, inside a batch too.
      const rebuilt = await withWriteBatch(() =>
        store.add(draft('o-2'), '2026-03-01T12:00:00.000Z', { ownFile: true }),
      );
      expect((await listNames(dir)).filter((n) => n.endsWith('.json'))).toEqual(
        [`${own.id}.json`, `${rebuilt.id}.json`].sort(),
      );
      expect((await listNames(dir)).filter((n) => n.endsWith('.jsonl'))).toHaveLength(1);
      expect((await PendingStore.open(dir)).list().map((d) => d.uid)).toEqual(['b-1', 'o-1', 'o-2']);
    });

    it('a line that cannot be read makes the pack unusable; its readable decisions are still listed', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      const ids: string[] = [];
      await withWriteBatch(async () => {
        for (const uid of ['u-1', 'u-2', 'u-3']) ids.push((await store.add(draft(uid), '2026-03-01T10:00:00.000Z')).id);
      });
      await store.remove(ids[2] as string);
      const [name] = await listNames(dir);
      const file = path.join(dir, name as string);
      const text = await readFile(file, 'utf8');
      // u-2's line cut short in the middle of the file, u-3's removal line left as it is.
      await writeFile(file, text.replace(/(\{"id":"[0-9a-f]{12}","kind":"invitation","uid":"u-2")[^\n]*/, '$1'));
      const broken = await PendingStore.open(dir);
      expect(broken.list().map((d) => d.uid)).toEqual(['u-1']);
      expect(broken.problems).toEqual([
        {
          file,
          message: `${name} has 1 line(s) that are not decisions (line 2)`,
          unusable: true,
          decisionIds: [ids[1]],
        },
      ]);
      // Before the pack goes aside, its readable decisions get files of their own; removing one removes it from both.
      await broken.keepReadable(file);
      expect(await listNames(dir)).toEqual([`${ids[0]}.json`, name].sort());
      // An unusable pack is never deleted here (its unreadable line goes aside with it): a removal line instead.
      expect(await broken.remove(ids[0] as string)).toBe(true);
      expect(await listNames(dir)).toEqual([name]);
      expect(await readFile(file, 'utf8')).toMatch(new RegExp(`\\{"removed":"${ids[0]}"\\}\\n$`));
      expect((await PendingStore.open(dir)).list()).toEqual([]);
    });

    it('a torn last line is unusable too; the next append starts a line of its own', async () => {
      const dir = await tempDir();
      const store = await PendingStore.open(dir);
      const ids: string[] = [];
      await withWriteBatch(async () => {
        for (const [i, uid] of ['t-1', 't-2'].entries())
          ids.push((await store.add(draft(uid), `2026-03-01T10:0${i}:00.000Z`)).id);
      });
      const [name] = await listNames(dir);
      const file = path.join(dir, name as string);
      await writeFile(file, `${await readFile(file, 'utf8')}{"removed":"${ids[0]}`);
      const torn = await PendingStore.open(dir);
      expect(torn.problems[0]).toMatchObject({ file, unusable: true, decisionIds: [] });
      expect(torn.list().map((d) => d.uid)).toEqual(['t-1', 't-2']);
      await torn.remove(ids[1] as string);
      expect((await readFile(file, 'utf8')).endsWith(`{"removed":"${ids[0]}\n{"removed":"${ids[1]}"}\n`)).toBe(true);
    });
  });
});
