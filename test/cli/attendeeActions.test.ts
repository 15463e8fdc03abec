/**
 * The attendee's commands against the built binary: counter, delegate, refresh, respond --no-reply, and
 * cancelled events kept visible (events --include-cancelled) until `remove`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ORG = 'olga@example.org';
const ME = 'me@example.com';

const INVITE = ics(
  'REQUEST',
  'BEGIN:VEVENT',
  'UID:att-1',
  'DTSTAMP:20260228T100000Z',
  'SEQUENCE:0',
  'DTSTART;TZID=Europe/Berlin:20260310T100000',
  'DURATION:PT1H',
  'SUMMARY:Planning',
  'ORGANIZER;CN=Olga:mailto:olga@example.org',
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
  'END:VEVENT',
);

const CANCEL = ics(
  'CANCEL',
  'BEGIN:VEVENT',
  'UID:att-1',
  'DTSTAMP:20260228T110000Z',
  'SEQUENCE:1',
  'DTSTART;TZID=Europe/Berlin:20260310T100000',
  'SUMMARY:Planning',
  'STATUS:CANCELLED',
  'ORGANIZER;CN=Olga:mailto:olga@example.org',
  `ATTENDEE:mailto:${ME}`,
  'END:VEVENT',
);

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
  const f = env.file('invite.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: INVITE, messageId: 'inv@x' }));
  env.run(['process', '--me', ME, '--policy', 'always', '--outbox', env.outbox, f]);
});
afterEach(() => env.cleanup());

const base = () => ['--me', ME, '--outbox', env.outbox];

describe('attendee commands', () => {
  it('counter sends a COUNTER to the organizer', () => {
    const r = env.run([
      'counter',
      ...base(),
      '--uid',
      'att-1',
      '--start',
      '2026-03-10T14:00',
      '--end',
      '2026-03-10T15:00',
      '--comment',
      'Afternoon?',
    ]);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({ uid: 'att-1', sequence: 0, method: 'COUNTER', outcome: 'applied' });
    expect(r.lines[0]?.outgoing).toEqual([expect.objectContaining({ method: 'COUNTER', to: ORG })]);
    expect(env.outboxFiles().join('\n')).toMatch(/DTSTART;TZID=Europe\/Berlin:20260310T140000/);
  });

  it('delegate tells the organizer and invites the delegate', () => {
    const r = env.run(['delegate', ...base(), '--uid', 'att-1', '--to', 'dan@example.org']);
    expect((r.lines[0]?.outgoing as Array<{ method: string; to: string }>).map((o) => [o.method, o.to])).toEqual([
      ['REPLY', ORG],
      ['REQUEST', 'dan@example.org'],
    ]);
    const ev = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
    expect(ev.lines[0]).toMatchObject({ partstat: 'DELEGATED' });
    expect(env.run(['delegate', ...base(), '--uid', 'att-1', '--to', 'not an address']).status).toBe(2);
  });

  it('refresh asks the organizer for the current version', () => {
    const r = env.run(['refresh', ...base(), '--uid', 'att-1']);
    expect(r.lines[0]?.outgoing).toEqual([expect.objectContaining({ method: 'REFRESH', to: ORG })]);
    expect(env.run(['refresh', ...base(), '--uid', 'nope']).lines[0]).toMatchObject({
      outcome: 'error',
      errorCode: 'ITIP_NO_EVENT',
    });
  });

  it('respond --no-reply stores my answer and sends nothing', () => {
    const before = env.outboxFiles().length;
    const r = env.run(['respond', ...base(), '--uid', 'att-1', '--status', 'declined', '--no-reply']);
    expect(r.lines[0]).toMatchObject({ uid: 'att-1', outcome: 'applied', outgoing: [] });
    expect(env.outboxFiles()).toHaveLength(before);
    const ev = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
    expect(ev.lines[0]).toMatchObject({ partstat: 'DECLINED' });
    const sent = env.run(['respond', ...base(), '--uid', 'att-1', '--status', 'accepted']);
    expect((sent.lines[0]?.outgoing as unknown[]).length).toBe(1);
  });

  it('a cancelled meeting stays visible with --include-cancelled until removed', () => {
    const f = env.file('cancel.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: CANCEL, messageId: 'can@x' }));
    expect(env.run(['process', ...base(), '--policy', 'always', f]).lines[0]).toMatchObject({
      kind: 'cancel',
      outcome: 'applied',
    });
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines).toHaveLength(0);
    const all = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01', '--include-cancelled']);
    expect(all.lines).toEqual([expect.objectContaining({ uid: 'att-1', status: 'CANCELLED' })]);
    expect(env.run(['remove', ...['--me', ME], '--uid', 'att-1']).lines[0]).toMatchObject({
      uid: 'att-1',
      outcome: 'applied',
      outgoing: [],
    });
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01', '--include-cancelled']).lines).toHaveLength(
      0,
    );
  });
});

describe('remove --recurrence-id', () => {
  const SERIES = ics(
    'REQUEST',
    'BEGIN:VEVENT',
    'UID:series-1',
    'DTSTAMP:20260228T100000Z',
    'SEQUENCE:0',
    'DTSTART;TZID=Europe/Berlin:20260310T100000',
    'DURATION:PT1H',
    'RRULE:FREQ=WEEKLY;COUNT=3',
    'SUMMARY:Weekly',
    'ORGANIZER;CN=Olga:mailto:olga@example.org',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'END:VEVENT',
  );
  const CANCEL_ONE = ics(
    'CANCEL',
    'BEGIN:VEVENT',
    'UID:series-1',
    'DTSTAMP:20260228T110000Z',
    'SEQUENCE:1',
    'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
    'DTSTART;TZID=Europe/Berlin:20260317T100000',
    'SUMMARY:Weekly',
    'STATUS:CANCELLED',
    'ORGANIZER;CN=Olga:mailto:olga@example.org',
    `ATTENDEE:mailto:${ME}`,
    'END:VEVENT',
  );
  const range = ['--from', '2026-03-01', '--to', '2026-04-01'];

  it('takes one cancelled occurrence out of the calendar and leaves the series; nobody is told', () => {
    const inv = env.file('series.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: SERIES, messageId: 's@x' }));
    env.run(['process', '--me', ME, '--policy', 'always', '--outbox', env.outbox, inv]);
    const c = env.file('cancel-one.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: CANCEL_ONE, messageId: 'c1@x' }));
    env.run(['process', '--me', ME, '--policy', 'always', '--outbox', env.outbox, c]);
    const seriesLines = (args: string[]) =>
      env.run(['events', ...range, ...args]).lines.filter((l) => l.uid === 'series-1');
    expect(seriesLines(['--include-cancelled']).map((l) => l.status)).toEqual([null, 'CANCELLED', null]);
    const before = env.outboxFiles().length;
    const r = env.run(['remove', '--me', ME, '--uid', 'series-1', '--recurrence-id', '2026-03-17T09:00:00Z']);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({
      uid: 'series-1',
      recurrenceId: '2026-03-17T09:00:00Z',
      outcome: 'applied',
      reasonCode: 'reason.removedOccurrence',
      outgoing: [],
    });
    expect(env.outboxFiles()).toHaveLength(before);
    const left = seriesLines(['--include-cancelled']);
    expect(left.map((l) => l.start)).toEqual([
      expect.stringMatching(/^2026-03-10/),
      expect.stringMatching(/^2026-03-24/),
    ]);
    expect(env.run(['export'], { json: false }).stdout).toMatch(/EXDATE;TZID=Europe\/Berlin:20260317T100000/);
  });

  it('an instant that is not an occurrence is an error; a malformed one is bad usage', () => {
    const inv = env.file('series.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: SERIES, messageId: 's@x' }));
    env.run(['process', '--me', ME, '--policy', 'always', '--outbox', env.outbox, inv]);
    const r = env.run(['remove', '--me', ME, '--uid', 'series-1', '--recurrence-id', '2026-03-18T09:00:00Z']);
    expect(r.lines[0]).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_INSTANCE' });
    expect(env.run(['remove', '--me', ME, '--uid', 'series-1', '--recurrence-id', 'soon']).status).toBe(2);
  });
});

describe('the language of the mail respond writes', () => {
  /** The environment without a locale of its own, then with the given variables. */
  const locale = (vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ LC_ALL: '', LC_MESSAGES: '', LANG: '', ...vars });
  const respond = (vars: NodeJS.ProcessEnv) =>
    env.run(['respond', ...base(), '--uid', 'att-1', '--status', 'accepted', '--comment', 'Gern'], {
      env: locale(vars),
    });
  const lastReply = (): string => {
    const replies = env.outboxFiles().filter((f) => /method=REPLY/.test(f));
    return (replies.at(-1) ?? '').replace(/=\r?\n/g, '');
  };

  it('is English by default, the environment locale otherwise, and config.json language before both', () => {
    expect(respond({}).lines[0]).toMatchObject({ outcome: 'applied' });
    expect(lastReply()).toMatch(/^Subject: Accepted: Planning$/m);
    expect(lastReply()).toContain('has accepted "Planning".');
    expect(lastReply()).toContain('Comment: Gern');

    env.now = '2026-03-01T12:05:00Z';
    respond({ LANG: 'de_DE.UTF-8' });
    expect(lastReply()).toMatch(/^Subject: Zugesagt: Planning$/m);
    expect(lastReply()).toContain('Kommentar: Gern');

    const configFile = path.join(env.data, 'config.json');
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), language: 'de' }));
    env.now = '2026-03-01T12:10:00Z';
    respond({ LANG: 'en_US.UTF-8' });
    const german = lastReply();
    expect(env.outboxFiles().filter((f) => /method=REPLY/.test(f))).toHaveLength(3);
    expect(german).toMatch(/^Subject: Zugesagt: Planning$/m);
    // The text part, quoted-printable: „Planning“ zugesagt.
    expect(german).toContain('hat =E2=80=9EPlanning=E2=80=9C zugesagt.');
  });

  it('a writing command with --config FILE takes the language and policy the file gives, as watch does', () => {
    const config = env.file(
      'agent.json',
      JSON.stringify({ me: [ME], language: 'de', policy: 'never', dataDir: env.data, imap: {}, smtp: {} }),
    );
    env.now = '2026-03-01T12:20:00Z';
    const r = env.run(
      ['respond', ...base(), '--config', config, '--uid', 'att-1', '--status', 'accepted', '--comment', 'Gern'],
      { env: locale({ LANG: 'en_US.UTF-8' }) },
    );
    expect(r.status).toBe(0);
    expect(lastReply()).toMatch(/^Subject: Zugesagt: Planning$/m);
    const saved = JSON.parse(readFileSync(path.join(env.data, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ language: 'de', policy: 'never' });

    const broken = env.file('broken.json', JSON.stringify({ language: 'klingon' }));
    const refused = env.run(['respond', ...base(), '--config', broken, '--uid', 'att-1', '--status', 'declined']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('language');
  });
});
