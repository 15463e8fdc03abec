/**
 * Inputs the fuzzer found crashing or breaking an oracle, reduced by hand, each checked at the level where it was
 * fixed and through the whole process path.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIcs } from '../../shared/ical/parse.js';
import { serializeCalendar } from '../../shared/ical/serialize.js';
import { parseItip, publishParts } from '../../shared/itip/index.js';
import { calendarCompareKey } from '../../shared/mail/icalText.js';
import { DataDir } from '../../electron/store/dataDir.js';
import { Orchestrator } from '../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../electron/scheduling/outbox.js';
import { english } from '../../shared/i18n/index.js';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';

const event = (...lines: string[]): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//x//y//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    ...lines,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
const base = [
  'DTSTAMP:20260601T100000Z',
  'DTSTART:20260701T100000Z',
  'DTEND:20260701T110000Z',
  'SEQUENCE:0',
  'ORGANIZER:mailto:organizer@example.org',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com',
];
const mail = (ics: string): Buffer =>
  Buffer.from(
    [
      'From: organizer@example.org',
      'To: me@example.com',
      'Subject: x',
      'Date: Mon, 15 Jun 2026 10:00:00 +0000',
      'Message-ID: <r@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
      '',
      ics,
    ].join('\r\n'),
    'utf8',
  );

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

async function processOnce(
  raw: Buffer,
): Promise<{ root: string; record: Awaited<ReturnType<Orchestrator['processMail']>> }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'imip-regress-'));
  dirs.push(root);
  const data = await DataDir.open(path.join(root, 'data'), { fsync: false });
  await data.addMe(['me@example.com']);
  const orch = new Orchestrator(data, {
    policy: 'always',
    timeframeMs: 365 * 86_400_000,
    now: () => Date.UTC(2026, 5, 16),
    sink: new FolderSink(path.join(root, 'out')),
  });
  return { root, record: await orch.processMail(raw) };
}

describe('found by fuzzing', () => {
  it('components nested thousands deep (a VALARM in a VALARM …) are refused by the parser, not a stack overflow later', async () => {
    const deep = event(
      'UID:deep',
      ...base,
      ...Array.from({ length: 20_000 }, () => 'BEGIN:VALARM'),
      ...Array.from({ length: 20_000 }, () => 'END:VALARM'),
    );
    expect(() => parseIcs(deep)).toThrow(/nested deeper than 16/);
    const parsed = parseItip(deep);
    expect(parsed.ok).toBe(false);
    const { record } = await processOnce(mail(deep));
    expect(record.outcome).toBe('error');
  });

  it('nesting as deep as real clients write still parses', () => {
    expect(() =>
      parseIcs(event('UID:ok', ...base, 'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT5M', 'END:VALARM')),
    ).not.toThrow();
  });

  it('a stray END or a property after END:VCALENDAR is a ParserError, never a TypeError', () => {
    for (const text of [
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nSUMMARY:x\r\n',
      'SUMMARY:x\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    ]) {
      expect(() => parseIcs(text), text).toThrow(/^invalid ical body/);
    }
    expect(() => parseIcs(event('UID:r', ...base, 'RRULE:FREQ=YEARLY;BYDAY'))).toThrow(/invalid ical body/);
    expect(parseItip('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n')).toMatchObject({
      ok: false,
      error: { code: 'ITIP_PARSE' },
    });
  });

  it('a NUL in the UID makes the message invalid: nothing is stored, no file named after it', async () => {
    const ics = event('UID:evil\u0000uid', ...base, 'SUMMARY:x');
    expect(parseItip(ics)).toMatchObject({ ok: false, error: { code: 'ITIP_BAD_UID' } });
    const { root, record } = await processOnce(mail(ics));
    expect(record.outcome).toBe('error');
    expect(english.render(record.reason)).toMatch(/control characters/);
    expect(readdirSync(path.join(root, 'data', 'calendar'))).toEqual([]);
  });

  it('control characters in text values never reach the stored calendar or the outgoing mail raw', async () => {
    const ics = event(
      'UID:ctl-1',
      ...base,
      'SUMMARY:Board\u0000 meeting\u001b[31m\u000c',
      'DESCRIPTION:tab\tstays\u0007',
    );
    const { root, record } = await processOnce(mail(ics));
    expect(record.outcome).not.toBe('error');
    const [file] = readdirSync(path.join(root, 'data', 'calendar'));
    const stored = readFileSync(path.join(root, 'data', 'calendar', file as string), 'utf8');
    expect(stored).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
    expect(stored).toContain('SUMMARY:Board meeting[31m');
    expect(stored).toContain('DESCRIPTION:tab\tstays');
  });

  it('the writer drops control characters from every line, keeps HTAB, and writes a bare CR as the newline it meant', () => {
    const comp = new ICAL.Component(parseIcs(event('UID:w', ...base)) as unknown[]);
    const ev = comp.getFirstSubcomponent('vevent') as ICAL.Component;
    ev.addPropertyWithValue('summary', 'a\u0000b\u007fc\td\re');
    ev.addPropertyWithValue('x-raw', 'p\nq\u0001r');
    const text = serializeCalendar(comp);
    expect(text).toContain('SUMMARY:abc\td\\ne');
    expect(text).toContain('X-RAW:pqr');
    expect(text).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
    expect(() => parseIcs(text)).not.toThrow();
  });

  it('a parameter name with non-token bytes is left out when storing, instead of making the put fail', async () => {
    const ics = event(
      'UID:bad-param-1',
      ...base.filter((l) => !l.startsWith('ATTENDEE')),
      'ATTENDEE;PA\u00ff\u00feRTSTAT=ACCEPTED;CN=Me:mailto:me@example.com',
      'SUMMARY:x',
    );
    const { root, record } = await processOnce(mail(ics));
    expect(record.outcome).not.toBe('error');
    const [file] = readdirSync(path.join(root, 'data', 'calendar'));
    const stored = readFileSync(path.join(root, 'data', 'calendar', file as string), 'utf8');
    expect(stored).toContain('ATTENDEE;CN=Me:mailto:me@example.com');
    const fresh = await DataDir.open(path.join(root, 'data'), { fsync: false });
    expect(fresh.problems()).toEqual([]);
  });

  it('an RRULE with an unreadable UNTIL is a bad value when parsed, not an exception in the analyzers', async () => {
    const ics = event('UID:bad-until-1', ...base, 'RRULE:FREQ=WEEKLY;UNTIL=-');
    const r = parseItip(ics);
    expect(r).toMatchObject({ ok: false, error: { code: 'ITIP_BAD_VALUE' } });
    const stored = event('UID:bad-until-1', ...base, 'RRULE:FREQ=WEEKLY');
    const root = mkdtempSync(path.join(os.tmpdir(), 'imip-regress-'));
    dirs.push(root);
    const data = await DataDir.open(path.join(root, 'data'), { fsync: false });
    await data.addMe(['me@example.com']);
    const orch = new Orchestrator(data, {
      policy: 'always',
      timeframeMs: 365 * 86_400_000,
      now: () => Date.UTC(2026, 5, 16),
      sink: new FolderSink(path.join(root, 'out')),
    });
    await orch.processMail(mail(stored));
    const update = await orch.processMail(
      Buffer.from(
        mail(ics.replace('SEQUENCE:0', 'SEQUENCE:1')).toString('utf8').replace('<r@example.org>', '<r2@example.org>'),
      ),
    );
    expect(update.outcome).toBe('error');
  });

  it('a VEVENT inside a VEVENT is a parse error, not a stored file holding two UIDs', async () => {
    const ics = event('UID:outer-1', ...base, 'BEGIN:VEVENT', 'UID:inner-1', 'END:VEVENT');
    expect(() => parseIcs(ics)).toThrow(/VEVENT inside VEVENT/);
    const { record } = await processOnce(mail(ics));
    expect(record.outcome).toBe('error');
  });

  it('a value type that cannot read the value (STATUS;VALUE=DATE-TIME:CANCELLED) is a bad value when parsed', () => {
    expect(parseItip(event('UID:vt-1', ...base, 'STATUS;VALUE=DATE-TIME:CANCELLED'))).toMatchObject({
      ok: false,
      error: { code: 'ITIP_BAD_VALUE' },
    });
  });

  it('a long run of blanks inside a line does not make the duplicate-part key quadratic (a process hang)', () => {
    const line = `SEQUENCE:0${' '.repeat(300_000)}x`;
    expect(calendarCompareKey(`BEGIN:VCALENDAR\r\n${line}  \r\nEND:VCALENDAR\r\n`)).toContain(`${line}\n`);
  });

  it('a UID, METHOD or PRODID typed away from TEXT that ical.js cannot decode is a coded error, not a throw', async () => {
    const cases: [string, string][] = [
      ['UID', event('UID;VALUE=DATE-TIME:ZOOM85123456789@zoom.us', ...base)],
      ['PRODID', event('UID:p', ...base).replace('PRODID:-//x//y//EN', 'PRODID;VALUE=PERIOD:-//x//y//EN')],
      ['METHOD', event('UID:m', ...base).replace('METHOD:REQUEST', 'METHOD;VALUE=DATE:REQUEST')],
    ];
    for (const [property, text] of cases) {
      expect(parseItip(text), property).toMatchObject({ ok: false, error: { code: 'ITIP_BAD_VALUE' } });
      const { record } = await processOnce(mail(text));
      expect(record.outcome, property).toBe('error');
    }
  });

  it('a PUBLISH of two events behind a stray top-level component is one coded error, not a TypeError', async () => {
    const publish = [
      'BEGIN:VALARM',
      'END:VALARM',
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//x//y//EN',
      'METHOD:PUBLISH',
      ...['a', 'b'].flatMap((uid) => ['BEGIN:VEVENT', `UID:${uid}`, ...base.slice(0, 3), 'END:VEVENT']),
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(publishParts(publish, 'PUBLISH')).toBeNull();
    const { record } = await processOnce(mail(publish));
    expect(record.outcome).toBe('error');
  });

  it("an update's occurrence list reads times by our zone tables, not by ical.js' zone walk (seconds for a weekly zone rule from 1601)", async () => {
    // Found as a slow input (3 s for 2 KB): a VTIMEZONE observance with a weekly RRULE from 1601, and an override
    // of a series; ical.js' subtractDate re-expanded the rule from 1601 at every call. Counted, not timed.
    const raw = readFileSync(
      path.resolve(import.meta.dirname, '../fixtures/fuzz/process-vtimezone-weekly-rule-from-1601.bin'),
    );
    const proto = ICAL.Timezone.prototype as unknown as { _ensureCoverage: (...a: unknown[]) => unknown };
    const original = proto._ensureCoverage;
    let walks = 0;
    proto._ensureCoverage = function (this: unknown, ...a: unknown[]) {
      walks++;
      return original.apply(this, a);
    };
    try {
      const { record } = await processOnce(raw);
      expect(record.outcome).not.toBe('error');
    } finally {
      proto._ensureCoverage = original;
    }
    expect(walks).toBe(0);
  });

  it('a malformed DTSTAMP is refused, not stored as text that fails to read when the next update compares versions', async () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/fuzz');
    const first = readFileSync(path.join(dir, 'process-dtstamp-malformed-then-update-1.bin'));
    const update = readFileSync(path.join(dir, 'process-dtstamp-malformed-then-update-2.bin'));
    const root = mkdtempSync(path.join(os.tmpdir(), 'imip-regress-'));
    dirs.push(root);
    const data = await DataDir.open(path.join(root, 'data'), { fsync: false });
    await data.addMe([...loadCorpus(path.resolve(import.meta.dirname, '../fixtures')).me]);
    const orch = new Orchestrator(data, {
      policy: 'always',
      timeframeMs: 365 * 86_400_000,
      now: () => Date.UTC(2026, 5, 16),
      sink: new FolderSink(path.join(root, 'out')),
    });
    const a = await orch.processMail(first);
    expect(a.outcome).toBe('error');
    const b = await orch.processMail(update);
    expect(b.outcome).not.toBe('error');
    for (const f of readdirSync(path.join(root, 'data', 'calendar')))
      expect(readFileSync(path.join(root, 'data', 'calendar', f), 'utf8')).not.toMatch(/DTSTAMP:\d{8}T\d{5}\r?\n/);
  });

  it('an event with two different UIDs is ITIP_MIXED_UID, not a failed store write escaping processMail', async () => {
    const text = event('UID:one', ...base, 'UID:two');
    expect(parseItip(text)).toMatchObject({ ok: false, error: { code: 'ITIP_MIXED_UID' } });
    expect(parseItip(event('UID:one', ...base, 'UID:one')).ok).toBe(true);
    const { record } = await processOnce(mail(text));
    expect(record.outcome).toBe('error');
  });
});
