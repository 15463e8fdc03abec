/**
 * The CLI contract, run against the built binary: one JSON line per item with the documented fields, outgoing
 * mail in --outbox, decisions through pending/decide, exit statuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, CliEnv, ROOT, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';

function invite(
  opts: { uid?: string; seq?: number; stamp?: string; start?: string; rrule?: string; me?: string } = {},
): string {
  return ics(
    'REQUEST',
    'BEGIN:VEVENT',
    `UID:${opts.uid ?? 'cli-1'}`,
    `DTSTAMP:${opts.stamp ?? '20260228T100000Z'}`,
    `SEQUENCE:${opts.seq ?? 0}`,
    `DTSTART;TZID=Europe/Berlin:${opts.start ?? '20260310T100000'}`,
    'DURATION:PT1H',
    ...(opts.rrule ? [`RRULE:${opts.rrule}`] : []),
    'SUMMARY:Planning',
    'ORGANIZER;CN=Olga:mailto:olga@example.org',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${opts.me ?? ME}`,
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:olga@example.org',
    'END:VEVENT',
  );
}

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

describe('imip-companion process', () => {
  it('prints one line per file with every documented field', () => {
    const f = env.file('a.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: invite(), messageId: 'a@x' }));
    const r = env.run(['process', '--me', ME, '--outbox', env.outbox, f]);
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0] as Record<string, unknown>;
    for (const k of [
      'file',
      'messageId',
      'method',
      'uid',
      'recurrenceId',
      'sequence',
      'kind',
      'outcome',
      'reason',
      'pendingId',
    ])
      expect(line).toHaveProperty(k);
    expect(line).toMatchObject({
      file: f,
      messageId: '<a@x>',
      method: 'REQUEST',
      uid: 'cli-1',
      recurrenceId: null,
      sequence: 0,
      kind: 'invitation',
      outcome: 'pending',
    });
    expect(typeof line.pendingId).toBe('string');
    expect(String(line.reason).length).toBeGreaterThan(10);
    // The reason stays an English sentence; its catalogue key rides along for scripts.
    expect(line.reason).toMatch(/^Olga invites you to "[^"]+": accept, tentatively accept or decline\./);
    expect(line.reasonCode).toBe('reason.request.invitation');
  });

  it('keeps going after an invalid file and still exits 0', () => {
    const bad = env.file(
      'bad.eml',
      mail({
        from: ORG,
        to: ME,
        ics: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      }),
    );
    const plain = env.file('plain.eml', 'From: a@example.org\r\nTo: me@example.com\r\nSubject: hi\r\n\r\nHello\r\n');
    const missing = path.join(env.dir, 'missing.eml');
    const good = env.file('good.eml', mail({ from: ORG, to: ME, ics: invite() }));
    const r = env.run(['process', '--me', ME, bad, plain, missing, good]);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => [l.kind, l.outcome])).toEqual([
      ['invalid', 'error'],
      ['not-scheduling', 'ignored'],
      ['invalid', 'error'],
      ['invitation', 'pending'],
    ]);
  });

  it('under "never" stores nothing; under "always" stores the invitation as not yet answered', () => {
    const f = env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }));
    env.run(['process', '--me', ME, '--policy', 'never', f]);
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines).toHaveLength(0);
    const g = env.file('b.eml', mail({ from: ORG, to: ME, ics: invite({ uid: 'cli-2' }) }));
    const r = env.run(['process', '--policy', 'always', g]);
    expect(r.lines[0]).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    const ev = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines;
    expect(ev).toEqual([
      expect.objectContaining({
        uid: 'cli-2',
        partstat: 'NEEDS-ACTION',
        start: '2026-03-10T10:00:00+01:00',
        end: '2026-03-10T11:00:00+01:00',
      }),
    ]);
  });

  it('leaves messages outside the time frame to the person (marked old), measured from the Date header back from --now', () => {
    const f = env.file('old.eml', mail({ from: ORG, to: ME, ics: invite(), date: 'Mon, 01 Dec 2025 10:00:00 +0000' }));
    const r = env.run(['process', '--me', ME, '--timeframe', '4W', f]);
    expect(r.lines[0]).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(String(r.lines[0]?.reason)).toMatch(/outside the 4W time frame/);
    const r2 = env.run([
      'process',
      '--me',
      ME,
      '--timeframe',
      '20W',
      env.file(
        'old2.eml',
        mail({ from: ORG, to: ME, ics: invite({ uid: 'x2' }), date: 'Mon, 01 Dec 2025 10:00:00 +0000' }),
      ),
    ]);
    expect(r2.lines[0]).toMatchObject({ outcome: 'pending' });
    expect(String(r2.lines[0]?.reason)).not.toMatch(/time frame/);
  });

  it('processing the same message twice changes nothing the second time', () => {
    const f = env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }));
    env.run(['process', '--me', ME, '--policy', 'always', f]);
    const r = env.run(['process', '--policy', 'always', f]);
    expect(r.lines[0]).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
    expect(env.run(['pending']).lines).toHaveLength(1);
  });

  it('a cancellation that arrives before its invitation keeps the late invitation out', () => {
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:cli-1',
      'DTSTAMP:20260228T120000Z',
      'SEQUENCE:1',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE:mailto:${ME}`,
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    const c = env.run(['process', '--me', ME, env.file('c.eml', mail({ from: ORG, to: ME, ics: cancel }))]);
    expect(c.lines[0]).toMatchObject({ kind: 'cancel', outcome: 'ignored' });
    const r = env.run(['process', '--policy', 'always', env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }))]);
    expect(r.lines[0]).toMatchObject({ kind: 'outdated', outcome: 'ignored' });
    expect(env.run(['pending']).lines).toHaveLength(0);
  });

  it('takes the global options before the command as well as after it', () => {
    const file = env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }));
    const r = spawnSync(
      process.execPath,
      [BIN, '--data-dir', env.data, `--me=${ME}`, '--now', env.now, '--json', 'process', file],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ kind: 'invitation' });
    expect(env.run(['pending']).lines).toHaveLength(1);
  });

  it('a reader that stops early ends the output quietly', () => {
    const f = env.file('a.eml', mail({ from: ORG, to: ME, ics: invite({ rrule: 'FREQ=DAILY;COUNT=3000' }) }));
    env.run(['process', '--me', ME, '--policy', 'always', f]);
    const args = ['events', '--from', '2026-01-01', '--to', '2040-01-01', '--data-dir', env.data];
    const r = spawnSync('/bin/sh', ['-c', '"$0" "$@" | head -c 1 >/dev/null', process.execPath, BIN, ...args], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('rejects bad arguments with exit status 2', () => {
    expect(env.run(['process', '--policy', 'sometimes', 'x.eml']).status).toBe(2);
    expect(env.run(['process', '--timeframe', 'soon', 'x.eml']).status).toBe(2);
    expect(env.run(['process']).status).toBe(2);
    expect(env.run(['frobnicate']).status).toBe(2);
    expect(env.run(['events', '--from', 'yesterday', '--to', 'x']).status).toBe(2);
  });

  it('fails with a non-zero status when the data dir is unusable', () => {
    const file = env.file('not-a-dir', 'x');
    const r = env.run(['pending', '--data-dir', file], { dataDir: false });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not-a-dir/);
  });
});

describe('pending, decide and respond', () => {
  it('accepting writes one REPLY .eml from the invited identity and clears the decision', () => {
    const f = env.file(
      'a.eml',
      mail({
        from: ORG,
        to: 'alias@example.com',
        messageId: 'inv-7@example.org',
        ics: invite({ me: 'alias@example.com' }),
      }),
    );
    env.run(['process', '--me', ME, '--me', 'alias@example.com', '--policy', 'known', f]);
    const pending = env.run(['pending']).lines;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: 'invitation',
      uid: 'cli-1',
      recurrenceId: null,
      summary: 'Planning',
      choices: ['accept', 'tentative', 'decline', 'ignore'],
    });
    const d = env.run(['decide', String(pending[0]?.id), 'accept', '--comment', 'Gladly', '--outbox', env.outbox]);
    expect(d.status).toBe(0);
    expect(d.lines[0]).toMatchObject({ outcome: 'applied' });
    const out = env.outboxFiles();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^From: .*alias@example\.com/m);
    expect(out[0]).toMatch(/^To: .*olga@example\.org/m);
    expect(out[0]).toMatch(/method=REPLY/);
    // The answer threads with the invitation in the organizer's mail client (RFC 5322 §3.6.4).
    expect(out[0]).toMatch(/^In-Reply-To: <inv-7@example\.org>/m);
    expect(out[0]).toMatch(/^References: <inv-7@example\.org>/m);
    expect(env.run(['pending']).lines).toHaveLength(0);
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines[0]).toMatchObject({
      partstat: 'ACCEPTED',
    });
  });

  it("pending shows the other person's comment on a counter-proposal", () => {
    const event = [
      'BEGIN:VEVENT',
      'UID:mine-1',
      'DTSTAMP:20260228T100000Z',
      'SEQUENCE:0',
      'DTSTART:20260310T100000Z',
      'DURATION:PT1H',
      'SUMMARY:Review',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
      'END:VEVENT',
    ];
    env.run(['import', '--me', ME, env.file('mine.ics', ics(null, ...event))]);
    const counter = ics(
      'COUNTER',
      ...event
        .map((l) => (l.startsWith('DTSTART') ? 'DTSTART:20260310T140000Z' : l))
        .map((l) => (l.startsWith('ATTENDEE') ? 'ATTENDEE;PARTSTAT=TENTATIVE:mailto:bob@example.net' : l))
        .map((l) => (l.startsWith('DTSTAMP') ? 'DTSTAMP:20260301T090000Z' : l))
        .flatMap((l) => (l === 'END:VEVENT' ? ['COMMENT:Clash with the board call – later?', l] : [l])),
    );
    env.run([
      'process',
      '--policy',
      'never',
      env.file('c.eml', mail({ from: 'bob@example.net', to: ME, ics: counter })),
    ]);
    expect(env.run(['pending']).lines[0]).toMatchObject({
      kind: 'counter',
      comment: 'Clash with the board call – later?',
    });
    expect(env.run(['pending'], { json: false }).stdout).toMatch(
      /Their comment: "Clash with the board call – later\?"/,
    );
  });

  it('plain lines show the warnings a reason refers to, under the line they belong to', () => {
    const f = env.file('a.eml', mail({ from: 'mallory@example.net', to: ME, ics: invite() }));
    const r = env.run(['process', '--me', ME, f], { json: false });
    expect(r.stdout).toMatch(/see the warnings/);
    expect(r.stdout).toMatch(/\n {2}warning: .*mallory@example\.net/);
    expect(env.run(['pending'], { json: false }).stdout).toMatch(/\n {2}warning: .*mallory@example\.net/);
  });

  it('rejects a choice that does not fit the decision, and an unknown id', () => {
    env.run(['process', '--me', ME, env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }))]);
    const id = String(env.run(['pending']).lines[0]?.id);
    expect(env.run(['decide', id, 'approve']).lines[0]).toMatchObject({ outcome: 'error' });
    expect(env.run(['decide', 'nope', 'accept']).lines[0]).toMatchObject({ outcome: 'error' });
    expect(env.run(['decide', id, 'maybe']).status).toBe(2);
  });

  it('respond answers one instance of a stored series', () => {
    env.run([
      'process',
      '--me',
      ME,
      '--policy',
      'always',
      env.file('a.eml', mail({ from: ORG, to: ME, ics: invite({ rrule: 'FREQ=WEEKLY;COUNT=3' }) })),
    ]);
    const r = env.run([
      'respond',
      '--uid',
      'cli-1',
      '--recurrence-id',
      '2026-03-17T09:00:00Z',
      '--status',
      'declined',
      '--outbox',
      env.outbox,
    ]);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', uid: 'cli-1' });
    const out = env.outboxFiles();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/RECURRENCE-ID;TZID=Europe\/Berlin:20260317T100000/);
    const events = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines;
    expect(events.map((e) => e.partstat)).toEqual(['NEEDS-ACTION', 'DECLINED', 'NEEDS-ACTION']);
    expect(events.map((e) => e.recurrenceId)).toEqual([
      '2026-03-10T10:00:00+01:00',
      '2026-03-17T10:00:00+01:00',
      '2026-03-24T10:00:00+01:00',
    ]);
  });

  it("decide and respond leave what the person chose in the data dir's decision log", () => {
    env.run([
      'process',
      '--me',
      ME,
      env.file('a.eml', mail({ from: ORG, to: ME, ics: invite({ rrule: 'FREQ=WEEKLY;COUNT=3' }) })),
    ]);
    const id = String(env.run(['pending']).lines[0]?.id);
    env.run(['decide', id, 'tentative', '--outbox', env.outbox]);
    env.run([
      'respond',
      '--uid',
      'cli-1',
      '--recurrence-id',
      '2026-03-17T09:00:00Z',
      '--status',
      'declined',
      '--outbox',
      env.outbox,
    ]);
    const log = readFileSync(path.join(env.data, 'state', 'decisions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toMatchObject([
      { kind: 'invitation', choice: 'tentative', outcome: 'applied', uid: 'cli-1', recurrenceId: null, sentTo: [ORG] },
      {
        kind: 'reply',
        choice: 'declined',
        outcome: 'applied',
        uid: 'cli-1',
        recurrenceId: '2026-03-17T09:00:00Z',
        sentTo: [ORG],
      },
    ]);
  });

  it('--me is remembered in the data dir', () => {
    env.run(['pending', '--me', ME]);
    const cfg = JSON.parse(readFileSync(path.join(env.data, 'config.json'), 'utf8')) as { me: string[] };
    expect(cfg.me).toEqual([ME]);
  });
});

describe('import, events, export', () => {
  it('imports events as they are and vCards as contacts that make senders known', () => {
    const org = ics(
      null,
      'BEGIN:VEVENT',
      'UID:mine-1',
      'DTSTAMP:20260201T000000Z',
      'DTSTART:20260305T090000Z',
      'DTEND:20260305T100000Z',
      'SUMMARY:My meeting',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.net',
      'END:VEVENT',
    );
    const vcf =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Olga Organizer\r\nEMAIL;TYPE=work:olga@example.org\r\nUID:olga-card\r\nEND:VCARD\r\n';
    const r = env.run(['import', '--me', ME, env.file('mine.ics', org), env.file('c.vcf', vcf)]);
    expect(r.lines).toEqual([
      expect.objectContaining({ type: 'event', uid: 'mine-1', ok: true }),
      expect.objectContaining({ type: 'contact', ok: true, emails: ['olga@example.org'] }),
    ]);
    expect(readdirSync(path.join(env.data, 'calendar'))).toContain('mine-1.ics');
    const p = env.run(['process', env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }))]);
    expect(p.lines[0]).toMatchObject({ kind: 'invitation', outcome: 'pending' });
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines.map((e) => e.uid)).toEqual([
      'mine-1',
      'cli-1',
    ]);
  });

  it('a REPLY to an event I organize is applied without a person', () => {
    env.run([
      'import',
      '--me',
      ME,
      env.file(
        'mine.ics',
        ics(
          null,
          'BEGIN:VEVENT',
          'UID:mine-1',
          'DTSTAMP:20260201T000000Z',
          'SEQUENCE:0',
          'DTSTART:20260305T090000Z',
          'DTEND:20260305T100000Z',
          'SUMMARY:My meeting',
          `ORGANIZER:mailto:${ME}`,
          'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
          'END:VEVENT',
        ),
      ),
    ]);
    const reply = ics(
      'REPLY',
      'BEGIN:VEVENT',
      'UID:mine-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.net',
      'END:VEVENT',
    );
    const r = env.run(['process', env.file('r.eml', mail({ from: 'bob@example.net', to: ME, ics: reply }))]);
    expect(r.lines[0]).toMatchObject({ kind: 'reply', outcome: 'applied', uid: 'mine-1' });
    const exported = env.run(['export'], { json: false }).stdout;
    expect(exported).toMatch(/^BEGIN:VCALENDAR/);
    expect(exported.replace(/\r\n /g, '')).toMatch(/PARTSTAT=ACCEPTED[^\r\n]*mailto:bob@example\.net/i);
    expect(exported).not.toMatch(/^METHOD:/m);
  });

  it('leaves cancelled occurrences out of events', () => {
    env.run([
      'process',
      '--me',
      ME,
      '--policy',
      'always',
      env.file('a.eml', mail({ from: ORG, to: ME, ics: invite({ rrule: 'FREQ=WEEKLY;COUNT=3' }) })),
    ]);
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:cli-1',
      'DTSTAMP:20260228T110000Z',
      'SEQUENCE:1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
      'DTSTART;TZID=Europe/Berlin:20260317T100000',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE:mailto:${ME}`,
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    const r = env.run(['process', env.file('c.eml', mail({ from: ORG, to: ME, ics: cancel }))]);
    expect(r.lines[0]).toMatchObject({ kind: 'cancel', outcome: 'applied', recurrenceId: '2026-03-17T10:00:00+01:00' });
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines.map((e) => e.start)).toEqual([
      '2026-03-10T10:00:00+01:00',
      '2026-03-24T10:00:00+01:00',
    ]);
  });

  it('events --include-cancelled says which occurrences are cancelled, in its plain lines too', () => {
    env.run([
      'process',
      '--me',
      ME,
      '--policy',
      'always',
      env.file('a.eml', mail({ from: ORG, to: ME, ics: invite({ rrule: 'FREQ=WEEKLY;COUNT=2' }) })),
    ]);
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:cli-1',
      'DTSTAMP:20260228T110000Z',
      'SEQUENCE:1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000',
      'DTSTART;TZID=Europe/Berlin:20260317T100000',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE:mailto:${ME}`,
      'STATUS:CANCELLED',
      'END:VEVENT',
    );
    env.run(['process', env.file('c.eml', mail({ from: ORG, to: ME, ics: cancel }))]);
    const r = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01', '--include-cancelled'], {
      json: false,
    });
    expect(r.stdout.trim().split('\n')).toEqual([
      '2026-03-10T10:00:00+01:00 – 2026-03-10T11:00:00+01:00  Planning (needs-action)',
      '2026-03-17T10:00:00+01:00 – 2026-03-17T11:00:00+01:00  Planning [cancelled]',
    ]);
  });

  it('writes outgoing mail to the data dir outbox when no --outbox is given', () => {
    env.run(['process', '--me', ME, env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() }))]);
    const id = String(env.run(['pending']).lines[0]?.id);
    const d = env.run(['decide', id, 'decline']);
    const loc = String((d.lines[0]?.outgoing as { location: string }[])[0]?.location);
    expect(loc.startsWith(path.join(env.data, 'outbox'))).toBe(true);
  });
});

describe('store layout', () => {
  it('is one VCALENDAR without METHOD per UID under calendar/', () => {
    env.run([
      'process',
      '--me',
      ME,
      '--policy',
      'always',
      env.file('a.eml', mail({ from: ORG, to: ME, ics: invite() })),
    ]);
    const text = readFileSync(path.join(env.data, 'calendar', 'cli-1.ics'), 'utf8');
    expect(text.match(/BEGIN:VCALENDAR/g)).toHaveLength(1);
    expect(text).not.toMatch(/^METHOD:/m);
    expect(text).toMatch(/BEGIN:VTIMEZONE/);
  });

  it('reads events written by other tools into the vdir', () => {
    mkdirSync(path.join(env.data, 'calendar'), { recursive: true });
    writeFileSync(
      path.join(env.data, 'calendar', 'whatever-name.ics'),
      ics(
        null,
        'BEGIN:VEVENT',
        'UID:ext-1',
        'DTSTAMP:20260201T000000Z',
        'DTSTART;VALUE=DATE:20260302',
        'SUMMARY:Holiday',
        'END:VEVENT',
      ),
    );
    const lines = env.run(['events', '--from', '2026-03-01', '--to', '2026-03-05']).lines;
    expect(lines).toEqual([
      expect.objectContaining({ uid: 'ext-1', start: '2026-03-02', end: '2026-03-03', allDay: true }),
    ]);
  });
});

describe('imip-companion process: where files come from', () => {
  it('reads one message from standard input with "-" (an MTA pipe)', () => {
    const text = mail({ from: ORG, to: ME, ics: invite({ uid: 'stdin-1' }), messageId: 'stdin@x' });
    const r = spawnSync(
      process.execPath,
      [BIN, 'process', '--me', ME, '--data-dir', env.data, '--now', env.now, '--json', '-'],
      { input: text, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ file: '-', uid: 'stdin-1', kind: 'invitation' });
  });

  it('resolves relative paths against the caller\'s directory through "npm run -s cli"', () => {
    env.file('rel.eml', mail({ from: ORG, to: ME, ics: invite({ uid: 'rel-1' }) }));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(
      npm,
      [
        'run',
        '-s',
        '--prefix',
        ROOT,
        'cli',
        '--',
        'process',
        '--me',
        ME,
        '--data-dir',
        'data',
        '--now',
        env.now,
        '--json',
        'rel.eml',
      ],
      { cwd: env.dir, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/ENOENT/);
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ file: 'rel.eml', uid: 'rel-1', kind: 'invitation' });
    expect(readdirSync(path.join(env.dir, 'data'))).toContain('calendar');
  });

  it('imports an .ics whose fold splits a UTF-8 character, and a Latin-1 one without a charset', () => {
    const head = Buffer.from(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:imp-fold\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T100000Z\r\nDURATION:PT1H\r\nSUMMARY:Caf',
    );
    const e = Buffer.from('é', 'utf8');
    const tail = Buffer.from('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const p = path.join(env.dir, 'fold.ics');
    writeFileSync(p, Buffer.concat([head, e.subarray(0, 1), Buffer.from('\r\n '), e.subarray(1), tail]));
    const latin = path.join(env.dir, 'latin.ics');
    writeFileSync(
      latin,
      Buffer.from(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:imp-latin\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260311T100000Z\r\nDURATION:PT1H\r\nSUMMARY:M\xfcller\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
        'latin1',
      ),
    );
    expect(env.run(['import', p, latin]).status).toBe(0);
    const summaries = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines.map((l) => l.summary);
    expect(summaries).toEqual(['Café', 'Müller']);
  });
});
