/**
 * Reply tokens and iMIP address patterns through the real mail stack (Postfix with `recipient_delimiter = +`,
 * Dovecot's LMTP stripping the detail, `watch` agents sending and reading): olga organizes with reply tokens on,
 * so her invitation leaves from `olga+token@`; bob's agent answers that address and the REPLY reaches olga's
 * INBOX and is applied; a gateway's copy of carol's answer under a UID of its own, sent to the same address, is
 * matched to the event by its token. An attendee outside olga's patterns is on the event but gets no mail.
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
import { cli, removeDir, startWatch, tempDir, writeConfig } from '../helpers/agentEnv.js';

function setUp(root: string, user: MailUser, settings: Record<string, unknown> = {}) {
  const dir = path.join(root, user.user);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'data', 'config.json'),
    JSON.stringify({ me: [user.address], undoSeconds: 0, ...settings }),
  );
  return { config: writeConfig(dir, user), data: path.join(dir, 'data') };
}

const unfold = (t: string) => t.replace(/\r?\n[ \t]/g, '');

/** Carol's answer as a mail gateway passes it on: a UID of its own, ORGANIZER without the token. */
function gatewayReply(carol: MailUser, olga: MailUser, to: string): string {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Gateway//EN',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:gw-${Date.now()}-copy`,
    'SEQUENCE:0',
    `DTSTAMP:${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`,
    'DTSTART;TZID=Europe/Berlin:20301010T100000',
    `ORGANIZER:mailto:${olga.address}`,
    `ATTENDEE;PARTSTAT=TENTATIVE:mailto:${carol.address}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return [
    `From: ${carol.address}`,
    `To: ${to}`,
    'Subject: Tentative: Token trip',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <gw-${Date.now()}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/calendar; charset=utf-8; method=REPLY',
    '',
    ics,
  ].join('\r\n');
}

describe.skipIf(!mailstackAvailable())('reply tokens and address patterns through Dovecot and Postfix', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('replytoken');
  });
  afterAll(() => removeDir(dir));

  it('create from me+token → REPLY to it applied; a rewritten UID matched by the token; the unmatched not mailed', async () => {
    const [olga, bob, carol] = await Promise.all([
      readyMailUser('tokolga'),
      readyMailUser('tokbob'),
      readyMailUser('tokcarol'),
    ]);
    const room = `room${Date.now()}@rooms.example.test`;
    const org = setUp(dir, olga, { replyTokens: true, imipAddressPatterns: ['*@example.test'] });
    const att = setUp(dir, bob);
    const organizer = startWatch(org.config);
    const attendee = startWatch(att.config);
    try {
      const uid = `tok-${Date.now()}@example.test`;
      const created = cli(
        org.data,
        ...['create', '--me', olga.address, '--uid', uid, '--summary', 'Token trip', '--tz', 'Europe/Berlin'],
        ...['--start', '2030-10-10T10:00', '--end', '2030-10-10T11:00'],
        ...['--attendee', bob.address, '--attendee', carol.address, '--attendee', room],
      )[0];
      expect(created).toMatchObject({ outcome: 'applied', notMailed: [room] });
      expect((created?.outgoing as unknown[]).length).toBe(2);

      await waitFor(() => attendee.lines.find((l) => l.uid === uid), { what: 'the REQUEST at bob', timeoutMs: 30_000 });
      const request = unfold(mailboxTexts(bob.user).find((t) => unfold(t).includes(uid)) ?? '');
      const token = new RegExp(`ORGANIZER[^\\r\\n]*mailto:(${olga.user}\\+[a-z2-7]{8}@example\\.test)`, 'i').exec(
        request,
      )?.[1];
      expect(token).toBeDefined();
      const tokenAddress = token ?? '';

      const [pending] = cli(att.data, 'pending');
      cli(att.data, 'decide', String(pending?.id), 'accept');
      await waitFor(() => organizer.lines.find((l) => l.uid === uid && l.kind === 'reply'), {
        what: 'the REPLY to olga+token applied',
        timeoutMs: 30_000,
      });
      // It was addressed to the token and delivered into olga's own INBOX.
      expect(
        mailboxTexts(olga.user)
          .map(unfold)
          .some((t) => t.includes('METHOD:REPLY') && t.includes(uid)),
      ).toBe(true);

      await deliver(gatewayReply(carol, olga, tokenAddress), carol.address, tokenAddress);
      // The gateway's message, read under the event's UID (the line names the UID the engine used).
      const matched = await waitFor(
        () => organizer.lines.find((l) => String(l.messageId).startsWith('<gw-') && l.kind === 'reply'),
        { what: 'the rewritten REPLY matched by its token', timeoutMs: 30_000 },
      );
      expect(matched).toMatchObject({ outcome: 'applied', uid });
      const calendar = unfold(
        execFileSync(process.execPath, [BIN, 'export', '--data-dir', org.data], { encoding: 'utf8' }),
      );
      expect(calendar).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${bob.address}`, 'i'));
      expect(calendar).toMatch(new RegExp(`PARTSTAT=TENTATIVE[^\\r\\n]*mailto:${carol.address}`, 'i'));
      expect(calendar).toContain(`mailto:${room}`);
    } finally {
      expect(await organizer.stop('SIGTERM')).toBe(0);
      expect(await attendee.stop('SIGTERM')).toBe(0);
    }
  });
});
