import ICAL from 'ical.js';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDir } from '../../../electron/store/dataDir.js';
import { listNames, tempDir } from './tempDir.js';

describe('DataDir', () => {
  it('creates the layout and opens every store', async () => {
    const root = path.join(await tempDir(), 'nested', 'data');
    const data = await DataDir.open(root, { fsync: false });
    expect(await listNames(root)).toEqual(['calendar', 'contacts', 'pending', 'state']);
    if (process.platform !== 'win32') expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect(data.config()).toEqual({ me: [] });
    expect(data.problems()).toEqual([]);
    expect(data.calendar.size).toBe(0);
  });

  it('keeps settings in config.json: addMe normalises, de-duplicates and keeps order; other settings survive', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'config.json'), JSON.stringify({ me: ['Alice@Example.com'], policy: 'never' }));
    const data = await DataDir.open(root);
    await data.addMe(['mailto:bob@example.com', 'ALICE@example.com', ' carol@example.com ']);
    await data.updateConfig({ timeframe: '2W' });
    const expected = {
      me: ['alice@example.com', 'bob@example.com', 'carol@example.com'],
      policy: 'never',
      timeframe: '2W',
    };
    expect(data.config()).toEqual(expected);
    expect(JSON.parse(await readFile(path.join(root, 'config.json'), 'utf8'))).toEqual(expected);
    expect((await DataDir.open(root)).config()).toEqual(expected);
    await data.updateConfig({ me: undefined, policy: 'known' });
    expected.policy = 'known';
    expect(data.config()).toEqual(expected);
    const copy = data.config();
    copy.me.push('x@y');
    expect(data.config().me).toHaveLength(3);
    expect(await listNames(root)).toEqual(['calendar', 'config.json', 'contacts', 'pending', 'state']);
  });

  it('reports an invalid config.json, uses defaults, and refuses to overwrite it', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'config.json'), '{ "me": [');
    const data = await DataDir.open(root);
    expect(data.config()).toEqual({ me: [] });
    expect(data.problems()).toHaveLength(1);
    await expect(data.addMe(['a@x'])).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(await readFile(path.join(root, 'config.json'), 'utf8')).toBe('{ "me": [');
  });

  it("knows an address from the calendar or the contacts, and collects every store's problems", async () => {
    const root = await tempDir();
    const data = await DataDir.open(root, { fsync: false });
    const cal = new ICAL.Component(
      ICAL.parse(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:k1\r\nDTSTAMP:20260101T000000Z\r\nORGANIZER:mailto:org@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      ),
    );
    await data.calendar.put('k1', cal);
    await data.contacts.importVcf(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Friend\r\nEMAIL:friend@example.com\r\nEND:VCARD\r\n',
    );
    expect(data.isKnownAddress('MAILTO:org@example.com')).toBe(true);
    expect(data.isKnownAddress('friend@example.com')).toBe(true);
    expect(data.isKnownAddress('stranger@example.com')).toBe(false);

    await writeFile(path.join(root, 'calendar', 'bad.ics'), 'nope');
    await writeFile(path.join(root, 'pending', 'bad.json'), 'nope');
    const again = await DataDir.open(root);
    expect(
      again
        .problems()
        .map((p) => path.relative(root, p.file))
        .sort(),
    ).toEqual([path.join('calendar', 'bad.ics'), path.join('pending', 'bad.json')]);
    expect(again.isKnownAddress('friend@example.com')).toBe(true);
  });

  it('rejects with DATA_DIR_UNUSABLE when the root is a file or a store folder cannot be made', async () => {
    const base = await tempDir();
    const file = path.join(base, 'file');
    await writeFile(file, 'x');
    await expect(DataDir.open(file)).rejects.toMatchObject({
      code: 'DATA_DIR_UNUSABLE',
      message: expect.stringContaining(file),
    });
    await expect(DataDir.open(path.join(file, 'below'))).rejects.toMatchObject({ code: 'DATA_DIR_UNUSABLE' });
    const root = path.join(base, 'root');
    await mkdir(root);
    await writeFile(path.join(root, 'calendar'), 'not a folder');
    await expect(DataDir.open(root)).rejects.toMatchObject({
      code: 'DATA_DIR_UNUSABLE',
      message: expect.stringContaining('calendar'),
    });
  });
});
