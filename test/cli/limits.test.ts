/**
 * The limits as the command line shows them: a calendar part over the size limit is an error line with its code,
 * a UID with a control character is invalid input, and `events` warns when an expansion hit its cap.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, CliEnv, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';

const ME = 'me@example.com';
let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

const event = (uid: string, ...extra: string[]): string =>
  ics(
    'REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260228T100000Z',
    'SEQUENCE:0',
    'DTSTART:20260310T100000Z',
    'DURATION:PT5M',
    'SUMMARY:Limits',
    'ORGANIZER:mailto:olga@example.org',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
    ...extra,
    'END:VEVENT',
  );

describe('limits on the command line', () => {
  it('process: a calendar part over 4 MiB is refused with CALENDAR_TOO_LARGE', () => {
    const big = event('big-1', `DESCRIPTION:${'x'.repeat(4 * 1024 * 1024)}`);
    const r = env.run([
      'process',
      '--me',
      ME,
      env.file('big.eml', mail({ from: 'olga@example.org', to: ME, ics: big })),
    ]);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({ kind: 'invalid', outcome: 'error' });
    expect(String(r.lines[0]?.['reason'])).toMatch(/larger than the companion accepts/);
  });

  it('process: a NUL in the UID is invalid input and nothing is stored', () => {
    const r = env.run([
      'process',
      '--me',
      ME,
      env.file('nul.eml', mail({ from: 'olga@example.org', to: ME, ics: event('nul\u0000uid') })),
    ]);
    expect(r.lines[0]).toMatchObject({ outcome: 'error' });
    expect(String(r.lines[0]?.['reason'])).toMatch(/control characters/);
    let files: string[] = [];
    try {
      files = readdirSync(path.join(env.data, 'calendar'));
    } catch {
      files = [];
    }
    expect(files).toEqual([]);
  });

  it('events: a series with more occurrences than the cap is listed up to the cap, with a warning', () => {
    const many = ics(
      null,
      'BEGIN:VEVENT',
      'UID:many-1',
      'DTSTAMP:20260228T100000Z',
      'DTSTART:20260301T000000Z',
      'DURATION:PT1M',
      'RRULE:FREQ=MINUTELY;INTERVAL=2',
      'SUMMARY:Tick',
      'END:VEVENT',
    );
    expect(env.run(['import', env.file('many.ics', many)]).status).toBe(0);
    // Plain lines: 10,000 JSON lines would not fit the test's output buffer.
    const r = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01'], { json: false });
    expect(r.stdout.trim().split('\n')).toHaveLength(10_000);
    expect(r.stderr).toMatch(
      /warning: The repetitions of event many-1 were cut off at the limit of 10,000 occurrences/,
    );
    const short = env.run(['events', '--from', '2026-03-01', '--to', '2026-03-02']);
    expect(short.lines).toHaveLength(720);
    expect(short.stderr).not.toMatch(/cut off/);
  });
});

/** The peak resident memory (KiB) of `process` run through a shell line with GNU time; its one JSON line. */
function processPeak(shellInput: string, file: string): { kib: number; line: Record<string, unknown> } {
  const script = `${shellInput} | /usr/bin/time -f 'PEAK %M' "${process.execPath}" "${BIN}" process ${file} --data-dir "${env.data}" --me ${ME} --now 2026-03-01T12:00:00Z --json`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const kib = Number(/PEAK (\d+)/.exec(r.stderr)?.[1]);
  const json = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"outcome"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { kib, line: json[0] ?? {} };
}

describe('process reads a message with its size limit applied while reading', () => {
  // Loose bounds (no timing): the 200 MB input must not be held in memory; the limit itself is 64 MiB.
  it('a 200 MB file is refused by its size, and a 200 MB stream one chunk after the limit', () => {
    const small = processPeak(
      'true',
      env.file('small.eml', mail({ from: 'olga@example.org', to: ME, ics: event('s-1') })),
    );
    expect(small.line).toMatchObject({ outcome: 'pending' });
    const base = small.kib;
    expect(base).toBeGreaterThan(0);

    const huge = path.join(env.dir, 'huge.eml');
    writeFileSync(huge, '');
    truncateSync(huge, 200 * 1024 * 1024); // sparse: no 200 MB written to the disk
    const file = processPeak('true', huge);
    expect(file.line).toMatchObject({ outcome: 'error', errorCode: 'MAIL_TOO_LARGE' });
    expect(String(file.line['reason'])).toMatch(/209715200 bytes/);
    expect(file.kib - base).toBeLessThan(40 * 1024);

    const piped = processPeak('head -c 200M /dev/zero', '-');
    expect(piped.line).toMatchObject({ outcome: 'error', errorCode: 'MAIL_TOO_LARGE' });
    expect(piped.kib - base).toBeLessThan(64 * 1024 + 40 * 1024);
  });
});
