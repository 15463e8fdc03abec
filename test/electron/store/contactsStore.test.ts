import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactsStore } from '../../../electron/store/contactsStore.js';
import { fixture, listNames, tempDir } from './tempDir.js';

describe('ContactsStore.importVcf', () => {
  it('imports a multi-card export (3.0 and 4.0, folded lines, groups, TYPE params, no UID)', async () => {
    const dir = await tempDir();
    const store = await ContactsStore.open(dir);
    const r = await store.importVcf(await fixture('address-book.vcf'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(3);
    expect(r.value[0]).toEqual({
      uid: '5B2C1E6A-0D7F-4C5B-9E3A-1234567890AB',
      name: 'Dr. John Q. Doe Jr.',
      emails: ['john.doe@example.com', 'jdoe@work.example.org'],
    });
    expect(r.value[1]).toEqual({
      uid: 'urn:uuid:0c4e5b86-2d4b-4a9e-9d4c-0e3f5a6b7c8d',
      name: 'Zoë Ångström',
      emails: ['zoe@example.se', 'zoe.private@example.se'],
    });
    expect(r.value[2]?.name).toBe('Nora NoUid');
    expect(r.value[2]?.uid).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    for (const a of [
      'JOHN.DOE@example.com',
      'mailto:jdoe@work.example.org',
      'zoe.private@example.se',
      'nora@example.net',
    ])
      expect(store.has(a), a).toBe(true);
    expect(store.has('john@example.com')).toBe(false);

    // One file per card; a safe UID is the file name, a URI UID gets a hashed name.
    const names = await listNames(dir);
    expect(names).toHaveLength(3);
    expect(names).toContain('5B2C1E6A-0D7F-4C5B-9E3A-1234567890AB.vcf');
    const john = await readFile(path.join(dir, '5B2C1E6A-0D7F-4C5B-9E3A-1234567890AB.vcf'), 'utf8');
    expect(john).toContain('item1.EMAIL;type=INTERNET;type=pref:John.Doe@Example.com\r\n'); // kept as written
    expect(john).toContain('\r\n  and continues here.\r\n');

    const reopened = await ContactsStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(
      reopened
        .list()
        .map((c) => c.uid)
        .sort(),
    ).toEqual(r.value.map((c) => c.uid).sort());
    expect(reopened.has('nora@example.net')).toBe(true);
  });

  it('replaces a re-imported card instead of duplicating it, also for cards without UID', async () => {
    const dir = await tempDir();
    const store = await ContactsStore.open(dir, { fsync: false });
    await store.importVcf(await fixture('address-book.vcf'));
    const again = await store.importVcf((await fixture('address-book.vcf')).replace(/\r\n/g, '\n'));
    expect(again.ok).toBe(true);
    expect(await listNames(dir)).toHaveLength(3);

    const changed =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë\r\nEMAIL:zoe.new@example.se\r\nUID:urn:uuid:0c4e5b86-2d4b-4a9e-9d4c-0e3f5a6b7c8d\r\nEND:VCARD\r\n';
    expect((await store.importVcf(changed)).ok).toBe(true);
    expect(store.has('zoe.new@example.se')).toBe(true);
    expect(store.has('zoe@example.se')).toBe(false);
    expect(store.list()).toHaveLength(3);
    expect((await ContactsStore.open(dir)).list()).toHaveLength(3);
  });

  it.each([
    ['empty text', ''],
    ['not a vCard', 'hello\r\n'],
    ['unterminated card', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n'],
    ['malformed line', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN x\r\nEND:VCARD\r\n'],
    ['a calendar', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'],
  ])('returns VCARD_PARSE for %s and writes nothing', async (_label, text) => {
    const dir = await tempDir();
    const store = await ContactsStore.open(dir);
    const good = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ok\r\nEMAIL:ok@x\r\nEND:VCARD\r\n';
    const r = await store.importVcf(good + text);
    expect(r.ok).toBe(text === '' ? true : false);
    if (text !== '') {
      expect(r.ok ? null : r.error.code).toBe('VCARD_PARSE');
      expect(await listNames(dir)).toEqual([]);
    }
    const alone = await store.importVcf(text);
    expect(alone.ok ? null : alone.error.code).toBe('VCARD_PARSE');
  });
});

describe('ContactsStore.open', () => {
  it('reads vdir files under any name and reports unusable ones without touching them', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'whatever.vcf'),
      'BEGIN:VCARD\nVERSION:3.0\nFN:Ext\nEMAIL;TYPE=work:ext@example.org\nUID:ext-1\nEND:VCARD\n',
    );
    const broken = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN broken\r\nEND:VCARD\r\n';
    const many =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:a\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:b\r\nEND:VCARD\r\n';
    await writeFile(path.join(dir, 'broken.vcf'), broken);
    await writeFile(path.join(dir, 'many.vcf'), many);
    const store = await ContactsStore.open(dir);
    expect(store.has('ext@example.org')).toBe(true);
    expect(store.problems.map((p) => path.basename(p.file)).sort()).toEqual(['broken.vcf', 'many.vcf']);
    expect(store.problems.find((p) => p.file.endsWith('many.vcf'))?.message).toMatch(/2 vCards/);
    // Re-importing the external card updates its own file.
    await store.importVcf(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ext\r\nEMAIL:ext2@example.org\r\nUID:ext-1\r\nEND:VCARD\r\n',
    );
    expect(await listNames(dir)).toEqual(['broken.vcf', 'many.vcf', 'whatever.vcf']);
    expect(await readFile(path.join(dir, 'broken.vcf'), 'utf8')).toBe(broken);
    expect(await readFile(path.join(dir, 'many.vcf'), 'utf8')).toBe(many);
  });
});
