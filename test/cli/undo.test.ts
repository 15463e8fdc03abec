/**
 * `undo` against the built binary: a decision, an answer and a created meeting are taken back while their mail is
 * held (calendar, open decision and outbox as before); after the grace period it is too late (UNDO_TOO_LATE) and the
 * mail stays queued; coded results for an unknown id and an event changed since.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';

const INVITE = ics(
  'REQUEST',
  'BEGIN:VEVENT',
  'UID:undo-1',
  'DTSTAMP:20260228T100000Z',
  'SEQUENCE:0',
  'DTSTART;TZID=Europe/Berlin:20260310T100000',
  'DURATION:PT1H',
  'SUMMARY:Planning',
  'ORGANIZER;CN=Olga:mailto:olga@example.org',
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
  'END:VEVENT',
);

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

function setUndoSeconds(seconds: number): void {
  mkdirSync(env.data, { recursive: true });
  const file = path.join(env.data, 'config.json');
  let cfg: Record<string, unknown> = { me: [ME] };
  try {
    cfg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    /* a fresh data dir */
  }
  writeFileSync(file, JSON.stringify({ ...cfg, undoSeconds: seconds }));
}

function invitePending(): string {
  const f = env.file('invite.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: INVITE, messageId: 'inv@x' }));
  env.run(['process', '--me', ME, '--policy', 'known', '--outbox', env.outbox, f]);
  const pending = env.run(['pending']).lines;
  expect(pending).toHaveLength(1);
  return String(pending[0]?.id);
}

function heldRecords(): Record<string, unknown>[] {
  return readdirSync(env.outbox)
    .filter((n) => n.endsWith('.state.json'))
    .map((n) => JSON.parse(readFileSync(path.join(env.outbox, n), 'utf8')) as Record<string, unknown>);
}

const partstat = () => env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines.map((l) => l.partstat);

describe('imip-companion undo', () => {
  it('takes back a decision: the invitation is open again, NEEDS-ACTION, and the REPLY withdrawn', () => {
    const id = invitePending();
    const stateBefore = partstat();
    const d = env.run(['decide', id, 'accept', '--outbox', env.outbox]).lines[0] ?? {};
    expect(d).toMatchObject({ outcome: 'applied', undoId: expect.stringMatching(/^[a-f0-9]{8}$/) as unknown });
    expect(env.outboxFiles()).toHaveLength(1);
    const [record] = heldRecords();
    expect(record?.heldUntil).toBeGreaterThan(Date.now());
    expect(partstat()).toEqual(['ACCEPTED']);

    const u = env.run(['undo']).lines[0] ?? {};
    expect(u).toMatchObject({ outcome: 'undone', code: null, id: d.undoId, uid: 'undo-1', withdrawn: 1 });
    expect(u.reasonCode).toBe('reason.undo.done');
    expect(env.outboxFiles()).toHaveLength(0);
    expect(partstat()).toEqual(stateBefore);
    expect(env.run(['pending']).lines.map((l) => l.id)).toEqual([id]);

    // Decided again after the undo: answered again, not taken for "carried out already".
    const again = env.run(['decide', id, 'decline', '--outbox', env.outbox]).lines[0] ?? {};
    expect(again).toMatchObject({ outcome: 'applied' });
    expect(env.outboxFiles()).toHaveLength(1);
    expect(partstat()).toEqual(['DECLINED']);
    expect(env.run(['pending']).lines).toHaveLength(0);
  });

  it('takes back a created meeting by its id: nothing stays in the calendar or the outbox', () => {
    const c = env.run([
      'create',
      ...['--me', ME, '--outbox', env.outbox, '--uid', 'new-1', '--summary', 'Review'],
      ...['--start', '2026-03-12T10:00', '--end', '2026-03-12T11:00', '--tz', 'Europe/Berlin'],
      ...['--attendee', 'bob@example.com', '--attendee', 'carol@example.net'],
    ]).lines[0];
    expect(env.outboxFiles()).toHaveLength(2);
    const u = env.run(['undo', String(c?.undoId)]).lines[0];
    expect(u).toMatchObject({ outcome: 'undone', withdrawn: 2 });
    expect(env.outboxFiles()).toHaveLength(0);
    expect(partstat()).toEqual([]);
    // The same id again: nothing left to undo.
    expect(env.run(['undo', String(c?.undoId)]).lines[0]).toMatchObject({ outcome: 'error', code: 'UNDO_NOT_FOUND' });
  });

  it('takes back an answer given without a reply', () => {
    const f = env.file('invite.eml', mail({ from: `Olga <${ORG}>`, to: ME, ics: INVITE, messageId: 'inv@x' }));
    env.run(['process', '--me', ME, '--policy', 'always', '--outbox', env.outbox, f]);
    const r = env.run(['respond', '--uid', 'undo-1', '--status', 'tentative', '--no-reply', '--outbox', env.outbox]);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', outgoing: [] });
    expect(partstat()).toEqual(['TENTATIVE']);
    expect(env.run(['undo']).lines[0]).toMatchObject({ outcome: 'undone', withdrawn: 0 });
    expect(partstat()).toEqual(['NEEDS-ACTION']);
  });

  it('is too late once the grace period is over: UNDO_TOO_LATE, the reply stays queued to be sent', async () => {
    setUndoSeconds(1);
    const id = invitePending();
    env.run(['decide', id, 'accept', '--outbox', env.outbox]);
    await new Promise((r) => setTimeout(r, 1300));
    const u = env.run(['undo']).lines[0];
    expect(u).toMatchObject({ outcome: 'error', code: 'UNDO_TOO_LATE', reasonCode: 'reason.undo.tooLate' });
    expect(env.outboxFiles()).toHaveLength(1);
    expect(partstat()).toEqual(['ACCEPTED']);
  });

  it('refuses when the event changed after the action (UNDO_CHANGED_SINCE) and with nothing to undo', () => {
    expect(env.run(['undo']).lines[0]).toMatchObject({ outcome: 'error', code: 'UNDO_NOT_FOUND' });
    const id = invitePending();
    const accepted = env.run(['decide', id, 'accept', '--outbox', env.outbox]).lines[0]?.undoId as string;
    expect(accepted).toMatch(/^[a-f0-9]{8}$/);
    env.run(['respond', '--uid', 'undo-1', '--status', 'declined', '--no-reply', '--outbox', env.outbox]);
    const first = env.run(['undo']).lines[0];
    expect(first).toMatchObject({ outcome: 'undone' }); // the latest: the answer without reply
    expect(partstat()).toEqual(['ACCEPTED']);
    env.run(['respond', '--uid', 'undo-1', '--status', 'tentative', '--no-reply', '--outbox', env.outbox]);
    // The accept's entry is older than the answer given since: undoing it would lose that answer.
    expect(env.run(['undo', accepted]).lines[0]).toMatchObject({ outcome: 'error', code: 'UNDO_CHANGED_SINCE' });
    expect(partstat()).toEqual(['TENTATIVE']);
  });

  it('undoSeconds 0 turns undo off: no id, nothing held', () => {
    setUndoSeconds(0);
    const id = invitePending();
    const d = env.run(['decide', id, 'accept', '--outbox', env.outbox]).lines[0];
    expect(d).toMatchObject({ undoId: null, undoUntil: null });
    expect(heldRecords()[0]?.heldUntil ?? null).toBeNull();
  });
});
