/**
 * Organizing and undo through the real mail stack (Postfix delivers, Dovecot stores, `watch` agents send):
 * - a decision undone within its grace period sends nothing, the invitation is open again; decided again, the
 *   reply goes out once the period is over, exactly once;
 * - the round trip of a meeting I organize: create → the attendee's mailbox gets the REQUEST → the attendee's agent
 *   answers → the REPLY comes back and is applied → update → the new version arrives → cancel → the CANCEL arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  deliver,
  mailboxTexts,
  mailstackAvailable,
  readyMailUser,
  waitFor,
  type MailUser,
} from '../helpers/mailstack.js';
import { BIN } from '../helpers/cli.js';
import { invitationMail, removeDir, startWatch, tempDir, writeConfig, cli } from '../helpers/agentEnv.js';

/** A watch setup for `user` in its own folder, with the undo grace period given in its data dir. */
function setUp(root: string, user: MailUser, undoSeconds: number): { config: string; data: string } {
  const dir = path.join(root, user.user);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'config.json'), JSON.stringify({ me: [user.address], undoSeconds }));
  return { config: writeConfig(dir, user), data: path.join(dir, 'data') };
}

const unfold = (t: string) => t.replace(/\r?\n[ \t]/g, '');
const count = (user: string, needle: string) => mailboxTexts(user).filter((t) => unfold(t).includes(needle)).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!mailstackAvailable())('organizing and undo through Dovecot and Postfix', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('organize');
  });
  afterAll(() => removeDir(dir));

  it('decide → undo: nothing is sent and the invitation is open again; decided again: sent once after the hold', async () => {
    const [alice, bob] = await Promise.all([readyMailUser('orgalice'), readyMailUser('orgbob')]);
    const { config, data } = setUp(dir, bob, 3);
    const watch = startWatch(config);
    try {
      const inv = invitationMail(alice, [bob], { summary: 'Undo check' });
      await deliver(inv.raw, alice.address, bob.address);
      await waitFor(() => watch.lines.find((l) => l.uid === inv.uid), { what: 'the invitation', timeoutMs: 20_000 });
      const [pending] = cli(data, 'pending');
      const id = String(pending?.id);
      const before = cli(data, 'events', '--from', '2030-10-01', '--to', '2030-11-01');

      const decided = cli(data, 'decide', id, 'accept')[0];
      expect(decided).toMatchObject({ outcome: 'applied', undoId: expect.any(String) as unknown });
      const undone = cli(data, 'undo')[0];
      expect(undone).toMatchObject({ outcome: 'undone', code: null, withdrawn: 1 });
      expect(cli(data, 'pending').map((p) => p.id)).toEqual([id]);
      expect(cli(data, 'events', '--from', '2030-10-01', '--to', '2030-11-01')).toEqual(before);
      // Past the hold and several of the agent's send ticks: nothing reached the organizer.
      await sleep(7_000);
      expect(count(alice.user, 'METHOD:REPLY')).toBe(0);

      cli(data, 'decide', id, 'decline');
      expect(count(alice.user, 'METHOD:REPLY')).toBe(0); // held
      await waitFor(() => count(alice.user, 'METHOD:REPLY') === 1, {
        what: 'the REPLY after the hold',
        timeoutMs: 20_000,
      });
      expect(cli(data, 'undo')[0]).toMatchObject({ outcome: 'error', code: 'UNDO_TOO_LATE' });
      await sleep(5_000);
      expect(count(alice.user, 'METHOD:REPLY')).toBe(1);
      expect(
        mailboxTexts(alice.user)
          .map(unfold)
          .find((t) => t.includes('METHOD:REPLY')),
      ).toMatch(new RegExp(`PARTSTAT=DECLINED[^\\r\\n]*mailto:${bob.address}`, 'i'));
    } finally {
      expect(await watch.stop('SIGTERM')).toBe(0);
    }
  });

  it('create → REQUEST at the attendee → REPLY back and applied → update → cancel', async () => {
    const [olga, bob] = await Promise.all([readyMailUser('orgolga'), readyMailUser('orgbobby')]);
    const org = setUp(dir, olga, 0);
    const att = setUp(dir, bob, 0);
    const organizer = startWatch(org.config);
    const attendee = startWatch(att.config);
    try {
      const uid = `rt-${Date.now()}@example.test`;
      const created = cli(
        org.data,
        ...['create', '--me', olga.address, '--uid', uid, '--summary', 'Round trip', '--tz', 'Europe/Berlin'],
        ...['--start', '2030-10-10T10:00', '--end', '2030-10-10T11:00', '--attendee', bob.address],
      )[0];
      expect(created).toMatchObject({ outcome: 'applied', sequence: 0 });
      await waitFor(() => attendee.lines.find((l) => l.uid === uid), { what: 'the REQUEST at bob', timeoutMs: 30_000 });
      const [pending] = cli(att.data, 'pending');
      expect(pending).toMatchObject({ kind: 'invitation', uid, summary: 'Round trip' });

      cli(att.data, 'decide', String(pending?.id), 'accept');
      await waitFor(() => organizer.lines.find((l) => l.uid === uid && l.kind === 'reply'), {
        what: 'the REPLY applied at olga',
        timeoutMs: 30_000,
      });
      expect(organizer.lines.find((l) => l.uid === uid && l.kind === 'reply')).toMatchObject({ outcome: 'applied' });
      const exported = unfold(
        execFileSync(process.execPath, [BIN, 'export', '--data-dir', org.data], { encoding: 'utf8' }),
      );
      expect(exported).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${bob.address}`, 'i'));

      const updated = cli(
        org.data,
        'update',
        '--uid',
        uid,
        '--start',
        '2030-10-10T14:00',
        '--end',
        '2030-10-10T15:00',
      )[0];
      expect(updated).toMatchObject({ outcome: 'applied', sequence: 1 });
      await waitFor(() => count(bob.user, 'SEQUENCE:1') >= 1, { what: 'the update at bob', timeoutMs: 30_000 });

      const cancelled = cli(org.data, 'cancel', '--uid', uid, '--comment', 'No longer needed')[0];
      expect(cancelled).toMatchObject({ outcome: 'applied' });
      await waitFor(() => count(bob.user, 'METHOD:CANCEL') === 1, { what: 'the CANCEL at bob', timeoutMs: 30_000 });
      await waitFor(() => attendee.lines.find((l) => l.uid === uid && l.kind === 'cancel'), {
        what: 'the CANCEL applied at bob',
        timeoutMs: 30_000,
      });
      const events = cli(att.data, 'events', '--from', '2030-10-01', '--to', '2030-11-01', '--include-cancelled');
      expect(events.map((e) => e.status)).toEqual(['CANCELLED']);
    } finally {
      expect(await organizer.stop('SIGTERM')).toBe(0);
      expect(await attendee.stop('SIGTERM')).toBe(0);
    }
  });
});
