/**
 * The limits as the command line shows them: a calendar part over the size limit is an error line with its code,
 * a UID with a control character is invalid input, and `events` warns when an expansion hit its cap.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv, mail } from '../helpers/cli.js';
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
