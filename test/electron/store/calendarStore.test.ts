import ICAL from 'ical.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CalendarPutError, CalendarStore } from '../../../electron/store/calendarStore.js';
import { expandOccurrences } from '../../../shared/ical/recurrence.js';
import { parseIcs } from '../../../shared/ical/parse.js';
import { fixture, listNames, tempDir } from './tempDir.js';

// Counts how often the store parses a file.
vi.mock('../../../shared/ical/parse.js', async (original) => {
  const m = await original<typeof import('../../../shared/ical/parse.js')>();
  return { ...m, parseIcs: vi.fn(m.parseIcs) };
});

const UID = 'weekly-sync-2026@example.com';

function event(uid: string, attendees: string[], extra = ''): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260301T100000Z',
    'SUMMARY:Test',
    'ORGANIZER:mailto:org@example.com',
    ...attendees.map((a) => `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${a}`),
    ...(extra ? [extra] : []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const parse = (text: string): ICAL.Component => new ICAL.Component(ICAL.parse(text));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CalendarStore round trip', () => {
  it('stores a VTIMEZONE + recurring master + override and reads back the same meaning after reopening', async () => {
    const dir = await tempDir();
    const source = parse(await fixture('recurring-berlin.ics'));
    const store = await CalendarStore.open(dir);
    await store.put(UID, source);

    // The caller's component keeps its METHOD; the stored object has none (RFC 5546 §1.4).
    expect(source.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(await listNames(dir)).toEqual([`${UID}.ics`]);
    const onDisk = await readFile(path.join(dir, `${UID}.ics`), 'utf8');
    expect(onDisk).not.toMatch(/^METHOD/m);
    expect(onDisk.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(onDisk.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(store.getText(UID)).toBe(onDisk);
    expect(store.fileOf(UID)).toBe(path.join(dir, `${UID}.ics`));

    const reopened = await CalendarStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.uids()).toEqual([UID]);
    const cal = reopened.get(UID);
    expect(cal).not.toBeNull();
    if (!cal) return;
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    const [master, override] = cal.getAllSubcomponents('vevent');
    expect(master?.getFirstPropertyValue('summary')).toBe(
      source.getAllSubcomponents('vevent')[0]?.getFirstPropertyValue('summary'),
    );
    expect(master?.getFirstPropertyValue('summary')).toContain('Büro München 🎉');
    expect(master?.getFirstPropertyValue('description')).toBe('Agenda:\n1. Überblick\n2. Fragen; Antworten, Notizen');
    expect(master?.getFirstProperty('organizer')?.getParameter('cn')).toBe('Müller, Jörg');
    // The TZID resolves against the stored VTIMEZONE: 10:00 Berlin in March (CET) is 09:00Z.
    const start = master?.getFirstPropertyValue('dtstart');
    expect(start instanceof ICAL.Time && start.toUnixTime()).toBe(Date.UTC(2026, 2, 2, 9) / 1000);
    expect(String(override?.getFirstPropertyValue('recurrence-id'))).toBe('2026-03-09T10:00:00');

    const occ = expandOccurrences(cal, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(occ).toHaveLength(9); // COUNT=10 minus one EXDATE
    const moved = occ.find((o) => o.isOverride);
    expect(moved && new Date(moved.startMs).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('parses lazily, once, and serves later gets from the cache', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'x.ics'), await fixture('recurring-berlin.ics'));
    const spy = vi.mocked(parseIcs);
    spy.mockClear();
    const store = await CalendarStore.open(dir);
    expect(store.isKnownAddress('bob@example.com')).toBe(true);
    expect(spy).not.toHaveBeenCalled();
    const first = store.get(UID);
    expect(store.get(UID)).toBe(first);
    expect([...store.entries()].map(([uid]) => uid)).toEqual([UID]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('keeps UTF-8 text intact and folds by octets with CRLF', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir);
    const summary = `Überraschung 日本語 ${'ñ'.repeat(120)}`;
    await store.put('utf8@x', parse(event('utf8@x', [], `SUMMARY:${summary}`)));
    const bytes = await readFile(path.join(dir, 'utf8@x.ics'));
    for (const line of bytes.toString('utf8').split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(76);
    const reopened = await CalendarStore.open(dir);
    const summaries = reopened
      .get('utf8@x')
      ?.getFirstSubcomponent('vevent')
      ?.getAllProperties('summary')
      .map((p) => p.getFirstValue());
    expect(summaries).toContain(summary);
  });

  it('never writes a raw CR from a text value (ical.js passes it through)', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir);
    const cal = parse(event('cr@x', []));
    cal.getFirstSubcomponent('vevent')?.updatePropertyWithValue('description', 'line one\r\nline two\rline three');
    await store.put('cr@x', cal);
    const text = await readFile(path.join(dir, 'cr@x.ics'), 'utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\r/);
    const back = (await CalendarStore.open(dir))
      .get('cr@x')
      ?.getFirstSubcomponent('vevent')
      ?.getFirstPropertyValue('description');
    expect(back).toBe('line one\nline two\nline three');
  });
});

describe('CalendarStore file names', () => {
  it('gives a UID with "/" and spaces a stable hashed name and finds it again', async () => {
    const dir = await tempDir();
    const uid = 'team/weekly sync 2026';
    const store = await CalendarStore.open(dir);
    await store.put(uid, parse(event(uid, ['a@example.com'])));
    const [name] = await listNames(dir);
    expect(name).toMatch(/^[0-9a-f]{32}\.ics$/);
    const reopened = await CalendarStore.open(dir);
    expect(reopened.has(uid)).toBe(true);
    expect(reopened.fileOf(uid)).toBe(path.join(dir, name as string));
  });

  it('finds a file another tool wrote under any name, LF and folding included, and updates it in place', async () => {
    const dir = await tempDir();
    const text = event('ext-1@example.com', ['x@example.com'])
      .replace(/\r\n/g, '\n')
      .replace('SUMMARY:Test', 'SUMMARY:Folded\n  summary');
    await writeFile(path.join(dir, 'f81d4fae-khal-name.ics'), text);
    const store = await CalendarStore.open(dir);
    expect(store.getText('ext-1@example.com')).toBe(text);
    expect(store.get('ext-1@example.com')?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(
      'Folded summary',
    );
    await store.put('ext-1@example.com', parse(event('ext-1@example.com', ['y@example.com'])));
    expect(await listNames(dir)).toEqual(['f81d4fae-khal-name.ics']);
    expect(store.isKnownAddress('x@example.com')).toBe(false);
    expect(store.isKnownAddress('y@example.com')).toBe(true);
  });

  it('does not let two UIDs differing only in case share a file (case-insensitive file systems)', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir);
    await store.put('Team', parse(event('Team', [])));
    await store.put('team', parse(event('team', [])));
    const names = await listNames(dir);
    expect(names).toHaveLength(2);
    expect(names).toContain('Team.ics');
    expect((await CalendarStore.open(dir)).uids().sort()).toEqual(['Team', 'team']);
  });
});

describe('CalendarStore problems', () => {
  const bad: Record<string, string | Uint8Array> = {
    'garbage.ics': 'this is not a calendar\r\n',
    'truncated.ics': event('t@x', []).slice(0, 120),
    'latin1.ics': Uint8Array.from([
      ...Buffer.from('BEGIN:VCALENDAR\r\nSUMMARY:'),
      0xe9,
      ...Buffer.from('\r\nEND:VCALENDAR\r\n'),
    ]),
    'two-uids.ics': event('a@x', []).replace('END:VCALENDAR', 'BEGIN:VTODO\r\nUID:b@x\r\nEND:VTODO\r\nEND:VCALENDAR'),
    'no-uid.ics': event('', []).replace('UID:\r\n', ''),
    'zz-duplicate.ics': event('dup@x', ['second@example.com']),
  };

  it('reports unusable files, leaves them byte-identical, and keeps working around them', async () => {
    const dir = await tempDir();
    for (const [name, content] of Object.entries(bad)) await writeFile(path.join(dir, name), content);
    await writeFile(path.join(dir, 'aa-duplicate.ics'), event('dup@x', ['first@example.com']));
    const store = await CalendarStore.open(dir);

    expect(store.problems.map((p) => path.basename(p.file)).sort()).toEqual(Object.keys(bad).sort());
    for (const p of store.problems) expect(p.message).toContain(path.basename(p.file));
    expect(store.uids()).toEqual(['dup@x']);
    expect(store.fileOf('dup@x')).toBe(path.join(dir, 'aa-duplicate.ics'));
    expect(store.isKnownAddress('first@example.com')).toBe(true);
    expect(store.isKnownAddress('second@example.com')).toBe(false);

    // Writing other UIDs never touches the unusable files, even when a UID would want their name.
    await store.put('garbage', parse(event('garbage', [])));
    await store.put('new@x', parse(event('new@x', [])));
    for (const [name, content] of Object.entries(bad)) {
      expect(new Uint8Array(await readFile(path.join(dir, name)))).toEqual(
        typeof content === 'string' ? new TextEncoder().encode(content) : content,
      );
    }
    expect(store.fileOf('garbage')).not.toBe(path.join(dir, 'garbage.ics'));
  });

  it('deleting a UID removes its duplicates too, so it does not come back', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.ics'), event('dup@x', []));
    await writeFile(path.join(dir, 'b.ics'), event('dup@x', []));
    const store = await CalendarStore.open(dir);
    await store.delete('dup@x');
    await store.delete('dup@x'); // already gone: no error
    expect(await listNames(dir)).toEqual([]);
    expect((await CalendarStore.open(dir)).has('dup@x')).toBe(false);
  });

  it('a file that scans but fails to parse is reported on first get; writing its UID replaces it', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'bad-rule.ics'), event('rule@x', ['r@example.com'], 'RRULE:FREQ=SOMETIMES'));
    const store = await CalendarStore.open(dir);
    expect(store.has('rule@x')).toBe(true);
    expect(store.get('rule@x')).toBeNull();
    expect(store.has('rule@x')).toBe(false);
    expect(store.isKnownAddress('r@example.com')).toBe(false);
    expect(store.problems.at(-1)?.message).toMatch(/bad-rule\.ics cannot be parsed/);
    await store.put('rule@x', parse(event('rule@x', [])));
    expect(await listNames(dir)).toEqual(['bad-rule.ics']);
    expect((await CalendarStore.open(dir)).get('rule@x')).not.toBeNull();
  });

  it('ignores a temp file left by a crash and leaves no temp files itself', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir);
    await store.put('a@x', parse(event('a@x', ['old@example.com'])));
    const stray = `a@x.ics.tmp-${process.pid + 1}-7`;
    await writeFile(path.join(dir, stray), event('a@x', ['half-written@example.com']).slice(0, 80));
    const reopened = await CalendarStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.isKnownAddress('old@example.com')).toBe(true);
    await reopened.put('a@x', parse(event('a@x', ['new@example.com'])));
    expect(await listNames(dir)).toEqual(['a@x.ics', stray]);
  });

  it('rejects a component that is not a VCALENDAR for that UID, writing nothing', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir);
    await expect(store.put('other@x', parse(event('a@x', [])))).rejects.toMatchObject({
      code: 'CALENDAR_UID_MISMATCH',
    });
    const vevent = parse(event('a@x', [])).getFirstSubcomponent('vevent') as ICAL.Component;
    await expect(store.put('a@x', vevent)).rejects.toBeInstanceOf(CalendarPutError);
    expect(await listNames(dir)).toEqual([]);
  });
});

describe('CalendarStore address index', () => {
  it('counts ORGANIZER, ATTENDEE and SENT-BY (not VALARM recipients) at load without parsing', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'x.ics'), await fixture('recurring-berlin.ics'));
    const store = await CalendarStore.open(dir);
    for (const a of [
      'mailto:Bob@example.com',
      'BOB@EXAMPLE.COM',
      'joerg.mueller@example.com',
      'assistant@example.com',
      'carol@example.com',
    ]) {
      expect(store.isKnownAddress(a), a).toBe(true);
    }
    expect(store.isKnownAddress('reminder-only@example.com')).toBe(false);
    expect(store.isKnownAddress('')).toBe(false);
  });

  it('follows puts and deletes with reference counts', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir, { fsync: false });
    await store.put('one@x', parse(event('one@x', ['dave@example.com', 'erin@example.com'])));
    await store.put('two@x', parse(event('two@x', ['dave@example.com'])));
    await store.put('one@x', parse(event('one@x', ['dave@example.com'])));
    expect(store.isKnownAddress('erin@example.com')).toBe(false);
    await store.delete('one@x');
    expect(store.isKnownAddress('dave@example.com')).toBe(true);
    await store.delete('two@x');
    expect(store.isKnownAddress('dave@example.com')).toBe(false);
    expect(store.isKnownAddress('org@example.com')).toBe(false);
    expect(store.size).toBe(0);
    expect(await listNames(dir)).toEqual([]);
  });

  it('applies concurrent writes of one UID in call order', async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir, { fsync: false });
    const writes = Array.from({ length: 20 }, (_, i) => store.put('c@x', parse(event('c@x', [`v${i}@example.com`]))));
    await Promise.all(writes);
    expect(store.isKnownAddress('v19@example.com')).toBe(true);
    expect(store.isKnownAddress('v18@example.com')).toBe(false);
    expect((await CalendarStore.open(dir)).isKnownAddress('v19@example.com')).toBe(true);
    expect(await listNames(dir)).toEqual(['c@x.ics']);
  });

  it("returns a cached copy after put, not the caller's object", async () => {
    const dir = await tempDir();
    const store = await CalendarStore.open(dir, { fsync: false });
    const cal = parse(event('k@x', []));
    await store.put('k@x', cal);
    cal.getFirstSubcomponent('vevent')?.updatePropertyWithValue('summary', 'changed later');
    expect(store.get('k@x')).not.toBe(cal);
    expect(store.get('k@x')?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe('Test');
  });
});
