/**
 * Corrupt files never vanish in silence: a truncated calendar file or an unreadable decision is reported on stderr
 * and in a JSON warning line, moved aside to quarantine/ with its reason by the next writer (never overwritten,
 * never joined by a second file for the same UID), and `check` lists every problem of the data dir.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliEnv, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';

const ME = 'me@example.com';
const invite = (seq: number, messageId: string, uid = 'corrupt-1'): string =>
  mail({
    from: 'olga@example.org',
    to: ME,
    messageId,
    ics: ics(
      'REQUEST',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:2026022${seq}T100000Z`,
      `SEQUENCE:${seq}`,
      'DTSTART:20260310T100000Z',
      'DURATION:PT1H',
      'SUMMARY:Planning',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
      'END:VEVENT',
    ),
  });

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

/**
 * The decision `id` moved out of the pack `process` wrote into a file of its own, as earlier versions (and a decision
 * written outside a write batch) keep it; returns that file.
 */
function ownFile(id: string): string {
  const dir = path.join(env.data, 'pending');
  const [pack] = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  const packFile = path.join(dir, pack as string);
  const line = readFileSync(packFile, 'utf8')
    .split('\n')
    .find((l) => l.includes(`"id":"${id}"`));
  const file = path.join(dir, `${id}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(line as string), null, 2)}\n`);
  rmSync(packFile);
  return file;
}

const icsFiles = (): string[] => readdirSync(path.join(env.data, 'calendar')).filter((f) => f.endsWith('.ics'));

describe('corrupt files', () => {
  it('a truncated calendar file is reported, moved to quarantine/ and not joined by a second file for its UID', () => {
    env.run(['process', '--me', ME, '--policy', 'always', env.file('a.eml', invite(0, 'a@x'))]);
    const [name] = icsFiles();
    const file = path.join(env.data, 'calendar', name as string);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));

    const events = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
    expect(events.status).toBe(0);
    expect(events.stderr).toContain(name);
    expect(events.lines).toContainEqual(
      expect.objectContaining({ code: 'FILE_UNUSABLE', file, warning: expect.stringContaining(name as string) }),
    );

    const again = env.run(['process', '--policy', 'always', env.file('b.eml', invite(1, 'b@x'))]);
    expect(again.stderr).toMatch(/moved to .*quarantine/);
    expect(again.lines[0]).toMatchObject({ code: 'FILE_QUARANTINED', file });
    expect(icsFiles()).toHaveLength(1);
    const moved = path.join(env.data, 'quarantine', 'calendar', name as string);
    expect(readFileSync(moved, 'utf8')).toBe(text.slice(0, Math.floor(text.length / 2)));
    expect(readFileSync(`${moved}.reason.txt`, 'utf8')).toMatch(/not a usable iCalendar object/);

    const check = env.run(['check']);
    expect(check.status).toBe(0);
    expect(check.lines).toEqual([expect.objectContaining({ code: 'FILE_QUARANTINED', file: moved })]);
    expect(env.run(['check'], { json: false }).stderr).toMatch(/1 problem/);
  });

  it('an unreadable decision file is reported, then derived again from its message by the next writer; decide works', () => {
    const r = env.run(['process', '--me', ME, env.file('a.eml', invite(0, 'a@x'))]);
    const id = String(r.lines[0]?.pendingId);
    const file = ownFile(id);
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, '{"id": "trunc');

    const pending = env.run(['pending']);
    expect(pending.stderr).toMatch(/is not valid JSON/);
    expect(pending.lines).toContainEqual(expect.objectContaining({ code: 'FILE_UNUSABLE', file }));
    expect(env.run(['check']).lines).toContainEqual(expect.objectContaining({ code: 'FILE_UNUSABLE', file }));

    const decide = env.run(['decide', id, 'accept', '--outbox', env.outbox]);
    expect(decide.stderr).toMatch(/derived again from its message as/);
    expect(decide.lines[0]).toMatchObject({ code: 'DECISION_REBUILT', file, pendingId: id });
    expect(decide.lines[1]).toMatchObject({ id, outcome: 'applied', outgoing: [expect.objectContaining({})] });
    expect(env.outboxFiles()).toHaveLength(1);
    expect(env.outboxFiles()[0]).toMatch(/REPLY/);
    expect(readFileSync(path.join(env.data, 'quarantine', 'pending', `${id}.json`), 'utf8')).toBe('{"id": "trunc');
    expect(existsSync(file)).toBe(false);
    expect(before['kind']).toBe('invitation');
  });

  it('a writer that is not deciding rebuilds it too (the invitation stored provisionally): the same decision', () => {
    const r = env.run(['process', '--me', ME, '--policy', 'always', env.file('a.eml', invite(0, 'a@x'))]);
    expect(icsFiles()).toHaveLength(1);
    const id = String(r.lines[0]?.pendingId);
    const file = ownFile(id);
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, '');

    const again = env.run(['process', env.file('a2.eml', invite(0, 'a@x'))]);
    expect(again.lines[0]).toMatchObject({ code: 'DECISION_REBUILT', pendingId: id });
    expect(again.lines[1]).toMatchObject({ outcome: 'ignored', pendingId: id });
    const rebuilt = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const field of ['kind', 'uid', 'choices', 'reason', 'createdAt', 'message', 'summary', 'from', 'identity'])
      expect(rebuilt[field], field).toEqual(before[field]);
    const pending = env.run(['pending']);
    expect(pending.lines).toEqual([expect.objectContaining({ id, kind: 'invitation' })]);
    expect(env.run(['check']).lines).toEqual([
      expect.objectContaining({ code: 'FILE_QUARANTINED', message: expect.stringMatching(/derived again/) }),
    ]);
  });

  it('a decision whose message is not recorded (an older data dir) is moved aside and reported', () => {
    const r = env.run(['process', '--me', ME, env.file('a.eml', invite(0, 'a@x'))]);
    const id = String(r.lines[0]?.pendingId);
    const file = ownFile(id);
    const log = path.join(env.data, 'state', 'processed.jsonl');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    writeFileSync(
      log,
      `${lines.map((l) => JSON.stringify({ ...(JSON.parse(l) as object), message: undefined })).join('\n')}\n`,
    );
    writeFileSync(file, '{"id": "trunc');

    const decide = env.run(['decide', id, 'accept']);
    expect(decide.stderr).toMatch(/moved to .*quarantine/);
    expect(decide.lines[0]).toMatchObject({ code: 'FILE_QUARANTINED', file });
    expect(decide.lines[1]).toMatchObject({ errorCode: 'PENDING_NOT_FOUND' });
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(path.join(env.data, 'quarantine', 'pending', `${id}.json`), 'utf8')).toBe('{"id": "trunc');
  });

  it('a pack with an unreadable line: its other decisions stay, the broken one is derived again, the pack goes aside', () => {
    const r = env.run([
      'process',
      '--me',
      ME,
      env.file('a.eml', invite(0, 'a@x', 'pack-a')),
      env.file('b.eml', invite(0, 'b@x', 'pack-b')),
    ]);
    const [a, b] = r.lines.map((l) => String(l['pendingId']));
    const dir = path.join(env.data, 'pending');
    expect(readdirSync(dir)).toHaveLength(1);
    const pack = path.join(dir, readdirSync(dir)[0] as string);
    expect(pack).toMatch(/\.jsonl$/);
    const text = readFileSync(pack, 'utf8');
    // B's line cut short, as a power cut or an editor leaves it: its id is still readable.
    const broken = text
      .split('\n')
      .map((l) => (l.includes(`"id":"${b}"`) ? l.slice(0, 60) : l))
      .join('\n');
    writeFileSync(pack, broken);

    const pending = env.run(['pending']);
    expect(pending.lines).toContainEqual(expect.objectContaining({ code: 'FILE_UNUSABLE', file: pack }));
    expect(pending.lines.filter((l) => 'id' in l).map((l) => l['id'])).toEqual([a]);

    const decide = env.run(['decide', String(a), 'accept', '--outbox', env.outbox]);
    expect(decide.stderr).toMatch(/derived again from its message as/);
    expect(decide.lines[0]).toMatchObject({ code: 'DECISION_REBUILT', file: pack, pendingId: b });
    expect(decide.lines[1]).toMatchObject({ id: a, outcome: 'applied' });
    expect(existsSync(pack)).toBe(false);
    expect(readFileSync(path.join(env.data, 'quarantine', 'pending', path.basename(pack)), 'utf8')).toBe(broken);
    expect(readdirSync(dir)).toEqual([`${b}.json`]);
    expect(env.run(['pending']).lines).toEqual([expect.objectContaining({ id: b, kind: 'invitation', uid: 'pack-b' })]);
    expect(env.run(['check']).lines).toEqual([
      expect.objectContaining({ code: 'FILE_QUARANTINED', message: expect.stringMatching(/derived again/) }),
    ]);
  });

  it('sync (which writes the calendar cache) moves a broken calendar file aside first and says so', () => {
    mkdirSync(path.join(env.data, 'calendar'), { recursive: true });
    const file = path.join(env.data, 'calendar', 'broken.ics');
    writeFileSync(file, 'BEGIN:VCALENDAR\r\nBEGIN:VEV');
    // A server nobody listens on: the sync works from the cache, the repair happens before it.
    const config = env.file(
      'sync.json',
      JSON.stringify({ dataDir: env.data, caldav: { url: 'http://127.0.0.1:9/cal/', user: 'me', password: 'x' } }),
    );
    const r = env.run(['sync', '--config', config], { dataDir: false });
    expect(r.stderr).toMatch(/broken\.ics is not a usable iCalendar object.*moved to .*quarantine/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(env.data, 'quarantine', 'calendar', 'broken.ics'))).toBe(true);
  });
});
