/**
 * The companion watching a real mailbox, end to end: Postfix delivers, Dovecot stores and notifies (IDLE), the
 * `watch` agent (a real child process, or the Agent in-process where counters are needed) applies, marks and sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DOVECOT_CONF,
  deliver,
  mailboxFlags,
  mailboxTexts,
  mailstackAvailable,
  readyMailUser,
  waitFor,
  type MailUser,
} from '../helpers/mailstack.js';
import { invitationMail, mime, removeDir, startWatch, stamp, tempDir, writeConfig, cli } from '../helpers/agentEnv.js';
import { Agent } from '../../electron/agent/agent.js';
import { loadAgentConfig } from '../../electron/settings/agentConfig.js';
import { appendRaw } from '../electron/mail/imap/imapTestKit.js';

const hasKeyword =
  (user: string, kw: string, mailbox = 'INBOX') =>
  (): boolean =>
    mailboxFlags(user, mailbox).some((m) => m.flags.includes(kw));

describe.skipIf(!mailstackAvailable())('watch against Dovecot and Postfix', () => {
  let dir: string;
  let alice: MailUser;
  let bob: MailUser;
  beforeAll(async () => {
    dir = tempDir('watch');
    [alice, bob] = await Promise.all([readyMailUser('alice'), readyMailUser('bob')]);
  });
  afterAll(() => removeDir(dir));

  it('invitation → $ITipAnalyzed → decide accept → REPLY in the organizer INBOX, copy in Sent → $ITipProcessed', async () => {
    const config = writeConfig(dir, bob);
    const watch = startWatch(config);
    try {
      const inv = invitationMail(alice, [bob], { summary: 'Budget review' });
      await deliver(inv.raw, alice.address, bob.address);
      await waitFor(() => watch.lines.find((l) => l.uid === inv.uid), {
        what: 'the invitation to be handled',
        timeoutMs: 20_000,
      });
      expect(watch.lines.find((l) => l.uid === inv.uid)).toMatchObject({ kind: 'invitation', outcome: 'pending' });
      await waitFor(hasKeyword(bob.user, '$ITipAnalyzed'), { what: '$ITipAnalyzed' });

      const data = path.join(dir, 'data');
      const pending = cli(data, 'pending');
      expect(pending).toHaveLength(1);
      const decided = cli(data, 'decide', String(pending[0]?.id), 'accept', '--comment', 'Count me in');
      expect(decided[0]).toMatchObject({ outcome: 'applied' });

      const reply = await waitFor(() => mailboxTexts(alice.user).find((t) => t.includes('METHOD:REPLY')), {
        what: 'the REPLY at the organizer',
        timeoutMs: 20_000,
      });
      expect(reply.replace(/\r?\n /g, '')).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${bob.address}`, 'i'));
      await waitFor(() => mailboxTexts(bob.user, 'Sent').some((t) => t.includes('METHOD:REPLY')), {
        what: 'the copy in Sent',
      });
      expect(mailboxFlags(bob.user, 'Sent')[0]?.flags).toContain('\\Seen');
      await waitFor(hasKeyword(bob.user, '$ITipProcessed'), { what: '$ITipProcessed after the decision' });
      expect(mailboxFlags(bob.user).find((m) => m.flags.includes('$ITipAnalyzed'))).toBeUndefined();
    } finally {
      expect(await watch.stop('SIGTERM')).toBe(0);
    }
  });

  it('a REPLY to an event I organize updates the calendar without a person', async () => {
    const carol = await readyMailUser('carol');
    const d = tempDir('organizer');
    try {
      const config = writeConfig(d, alice);
      const data = path.join(d, 'data');
      const uid = `org-${Date.now()}@example.test`;
      const event = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20300101T000000Z',
        'SEQUENCE:0',
        'DTSTART:20301020T100000Z',
        'DURATION:PT1H',
        'SUMMARY:Design review',
        `ORGANIZER:mailto:${alice.address}`,
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${carol.address}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      const file = path.join(d, 'event.ics');
      writeFileSync(file, event);
      cli(data, 'import', '--me', alice.address, file);
      const watch = startWatch(config);
      try {
        const reply = [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Test//EN',
          'METHOD:REPLY',
          'BEGIN:VEVENT',
          `UID:${uid}`,
          `DTSTAMP:${stamp(new Date())}`,
          'SEQUENCE:0',
          `ORGANIZER:mailto:${alice.address}`,
          `ATTENDEE;PARTSTAT=TENTATIVE:mailto:${carol.address}`,
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n');
        await deliver(
          mime(carol.address, alice.address, 'Tentative: Design review', 'REPLY', reply),
          carol.address,
          alice.address,
        );
        const line = await waitFor(() => watch.lines.find((l) => l.uid === uid), {
          what: 'the reply to be handled',
          timeoutMs: 20_000,
        });
        expect(line).toMatchObject({ kind: 'reply', outcome: 'applied' });
        const stored = readFileSync(path.join(data, 'calendar', `${uid}.ics`), 'utf8').replace(/\r\n /g, '');
        expect(stored).toMatch(new RegExp(`PARTSTAT=TENTATIVE[^\\r\\n]*mailto:${carol.address}`, 'i'));
        await waitFor(hasKeyword(alice.user, '$ITipProcessed'), { what: '$ITipProcessed on the reply' });
      } finally {
        await watch.stop();
      }
    } finally {
      removeDir(d);
    }
  });

  it('an invitation I sent from another mail client (found in Sent) becomes the organizer copy, and replies apply to it', async () => {
    const gina = await readyMailUser('gina');
    const hal = await readyMailUser('hal');
    const d = tempDir('sent');
    const watch = startWatch(writeConfig(d, gina));
    try {
      const inv = invitationMail(gina, [hal], { summary: 'Sent from my phone' });
      execFileSync('doveadm', ['-c', DOVECOT_CONF, 'save', '-u', gina.user, '-m', 'Sent'], { input: inv.raw });
      const line = await waitFor(() => watch.lines.find((l) => l.uid === inv.uid), {
        what: 'the copy in Sent to be handled',
        timeoutMs: 20_000,
      });
      expect(line).toMatchObject({ kind: 'invitation', outcome: 'applied' });
      const reply = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        `UID:${inv.uid}`,
        `DTSTAMP:${stamp(new Date())}`,
        'SEQUENCE:0',
        `ORGANIZER:mailto:${gina.address}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${hal.address}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      await deliver(mime(hal.address, gina.address, 'Accepted', 'REPLY', reply), hal.address, gina.address);
      await waitFor(() => watch.lines.find((l) => l.uid === inv.uid && l.kind === 'reply'), {
        what: 'the reply',
        timeoutMs: 20_000,
      });
      expect(watch.lines.find((l) => l.uid === inv.uid && l.kind === 'reply')).toMatchObject({ outcome: 'applied' });
    } finally {
      await watch.stop();
      removeDir(d);
    }
  });

  /**
   * `me` is invited by `organizer`, accepts through the CLI, and the agent notes that the REPLY never arrived.
   * Returns the noted line, the stored calendar text (unfolded) and the data dir; `check` runs while `watch` is up.
   */
  async function acceptUndeliverable(
    prefix: string,
    organizer: string,
    summary: string,
    check: (me: MailUser, data: string) => Promise<void> = async () => undefined,
  ) {
    const d = tempDir(prefix);
    const me = await readyMailUser(prefix);
    try {
      const data = path.join(d, 'data');
      const watch = startWatch(writeConfig(d, me));
      try {
        const inv = invitationMail({ user: 'organizer', pass: '', address: organizer }, [me], { summary });
        await deliver(inv.raw, organizer, me.address);
        await waitFor(() => watch.lines.find((l) => l.uid === inv.uid), {
          what: 'the invitation to be handled',
          timeoutMs: 20_000,
        });
        const pending = cli(data, 'pending');
        expect(pending).toHaveLength(1);
        expect(cli(data, 'decide', String(pending[0]?.id), 'accept')[0]).toMatchObject({ outcome: 'applied' });
        const noted = await waitFor(() => watch.lines.find((l) => l.uid === inv.uid && l.kind === 'not-scheduling'), {
          what: 'the undelivered REPLY to be noted',
          timeoutMs: 30_000,
        });
        expect(noted).toMatchObject({ method: 'REPLY', outcome: 'applied', pendingId: null });
        expect(cli(data, 'pending')).toHaveLength(0);
        const stored = readFileSync(path.join(data, 'calendar', `${inv.uid}.ics`), 'utf8').replace(/\r\n /g, '');
        expect(stored).toMatch(
          new RegExp(`ORGANIZER;[^\\r\\n]*SCHEDULE-STATUS=5\\.1[^\\r\\n]*mailto:${organizer}`, 'i'),
        );
        expect(stored).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${me.address}`, 'i'));
        await check(me, data);
        return { reason: String(noted.reason) };
      } finally {
        expect(await watch.stop('SIGTERM')).toBe(0);
      }
    } finally {
      removeDir(d);
    }
  }

  it("a REPLY the organizer's server refused comes back as Postfix's bounce: noted on the event, no decision asked", async () => {
    // An organizer the test domain does not have: Postfix accepts the mail, Dovecot's LMTP refuses the user, and
    // Postfix returns the REPLY to its sender inside a delivery status notification.
    const ghost = `ghost-${Date.now()}@example.test`;
    const { reason } = await acceptUndeliverable('dora', ghost, 'Vanishing meeting', async (me) => {
      await waitFor(() => mailboxFlags(me.user).filter((m) => m.flags.includes('$ITipProcessed')).length >= 2, {
        what: 'both mails marked processed',
      });
    });
    expect(reason).toMatch(
      new RegExp(`reply about "Vanishing meeting" could not be delivered \\(${ghost}: .*5\\.1\\.1`),
    );
  });

  it('a REPLY our own SMTP server refuses (an address it will not relay to) is noted on the event the same way', async () => {
    // Inbound mail from another domain is delivered; the submission server refuses to relay the answer there.
    const outsider = `olga-${Date.now()}@partner.example`;
    const { reason } = await acceptUndeliverable('erin', outsider, 'Across the border', async (_me, data) => {
      expect(readdirSync(path.join(data, 'outbox', 'failed')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    });
    expect(reason).toMatch(
      new RegExp(
        `reply about "Across the border" could not be delivered \\(${outsider}: .*(Relay access denied|5\\.7\\.1)`,
      ),
    );
  });

  it('a restart with nothing new searches and fetches nothing', async () => {
    const erin = await readyMailUser('erin');
    const d = tempDir('restart');
    try {
      const config = await loadAgentConfig(writeConfig(d, erin));
      await deliver(invitationMail(alice, [erin]).raw, alice.address, erin.address);
      const first = await Agent.create(config, { log: () => undefined });
      await first.start();
      await waitFor(() => first.imapStats().handed === 1, {
        what: 'the first run to handle the invitation',
        timeoutMs: 20_000,
      });
      // Stop only once the first run has also been through Sent and is waiting in IDLE: its sync state is complete.
      await waitFor(() => first.status().idle, { what: 'the first run to go idle', timeoutMs: 20_000 });
      await first.stop();
      const second = await Agent.create(config, { log: () => undefined });
      await second.start();
      await waitFor(() => second.status().connected, { what: 'the second run to connect' });
      await new Promise((r) => setTimeout(r, 500));
      const s = second.imapStats();
      await second.stop();
      expect(s.handed).toBe(0);
      expect(s.searches).toBe(0);
      expect(s.downloadedParts).toBe(0);
    } finally {
      removeDir(d);
    }
  });

  it('a burst of invitations is handled in groups: each applied once, every message marked', async () => {
    const frank = await readyMailUser('burst');
    const d = tempDir('burst');
    try {
      const config = await loadAgentConfig(writeConfig(d, frank));
      const mails = (n: number): string[] => Array.from({ length: n }, () => invitationMail(alice, [frank]).raw);
      // 50 waiting before the start (one scan batch, one group), then 30 arriving while the agent idles.
      await appendRaw(frank, 'INBOX', mails(50));
      const agent = await Agent.create(config, { log: () => undefined });
      const handled: string[] = [];
      agent.on('processed', (r) => handled.push(r.uid ?? '-'));
      await agent.start();
      try {
        await waitFor(() => handled.length >= 50, { what: 'the first 50', timeoutMs: 60_000 });
        await waitFor(() => agent.status().idle, { what: 'IDLE after the first 50', timeoutMs: 20_000 });
        await appendRaw(frank, 'INBOX', mails(30));
        await waitFor(() => handled.length >= 80, { what: 'all 80', timeoutMs: 60_000 });
        const marked = (): number => mailboxFlags(frank.user).filter((m) => m.flags.includes('$ITipAnalyzed')).length;
        await waitFor(() => marked() === 80, { what: 'every message marked $ITipAnalyzed' });
        expect(new Set(handled).size).toBe(80);
        expect(handled).toHaveLength(80);
        expect(agent.dataDir.current.pending.list()).toHaveLength(80);
        expect(agent.imapStats().handed).toBe(80);
      } finally {
        await agent.stop();
      }
    } finally {
      removeDir(d);
    }
  });

  it('two watchers on one mailbox send exactly one answer', async () => {
    const carol = await readyMailUser('carol');
    const dave = await readyMailUser('dave');
    const uid = `two-${Date.now()}@example.test`;
    const dirs = [tempDir('two-a'), tempDir('two-b')];
    const watches = dirs.map((d) => {
      const config = writeConfig(d, dave);
      const event = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20300101T000000Z',
        'SEQUENCE:0',
        'DTSTART:20301021T100000Z',
        'DURATION:PT1H',
        'SUMMARY:Planning',
        `ORGANIZER:mailto:${dave.address}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${carol.address}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      writeFileSync(path.join(d, 'event.ics'), event);
      cli(path.join(d, 'data'), 'import', '--me', dave.address, path.join(d, 'event.ics'));
      return startWatch(config);
    });
    try {
      // Carol lost the event and asks for it again (REFRESH, RFC 5546 §3.2.6): the organizer answers with a REQUEST.
      const refresh = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'METHOD:REFRESH',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `DTSTAMP:${stamp(new Date())}`,
        `ORGANIZER:mailto:${dave.address}`,
        `ATTENDEE:mailto:${carol.address}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      await deliver(mime(carol.address, dave.address, 'Refresh', 'REFRESH', refresh), carol.address, dave.address);
      await waitFor(() => mailboxTexts(carol.user).some((t) => t.includes('METHOD:REQUEST')), {
        what: 'the REQUEST at carol',
        timeoutMs: 20_000,
      });
      await new Promise((r) => setTimeout(r, 4_000));
      expect(mailboxTexts(carol.user).filter((t) => t.includes('METHOD:REQUEST'))).toHaveLength(1);
    } finally {
      await Promise.all(watches.map((w) => w.stop()));
      dirs.forEach(removeDir);
    }
  });

  it('a server that refuses keywords works through the local record', async () => {
    const d = tempDir('nokw');
    try {
      const nokw = { user: 'nokw', pass: 'nokw-secret', address: 'nokw@example.test' };
      const config = await loadAgentConfig(writeConfig(d, nokw));
      const inv = invitationMail(alice, [nokw], { summary: 'No keywords here' });
      const first = await Agent.create(config, { log: () => undefined });
      const seen: string[] = [];
      first.on('processed', (r) => seen.push(String(r.uid)));
      await first.start();
      await deliver(inv.raw, alice.address, nokw.address);
      await waitFor(() => seen.includes(inv.uid), {
        what: 'the invitation on the keyword-less server',
        timeoutMs: 20_000,
      });
      await first.stop();
      const second = await Agent.create(config, { log: () => undefined });
      const again: string[] = [];
      second.on('processed', (r) => again.push(String(r.uid)));
      await second.start();
      await waitFor(() => second.status().connected, { what: 'reconnect' });
      await new Promise((r) => setTimeout(r, 1_500));
      await second.stop();
      expect(again).not.toContain(inv.uid);
    } finally {
      removeDir(d);
    }
  });

  it('on a server without IDLE the agent polls and still handles new mail', async () => {
    const ivy = await readyMailUser('ivy');
    const d = tempDir('noidle');
    try {
      const file = writeConfig(d, ivy, { pollSeconds: 5 });
      const cfg = JSON.parse(readFileSync(file, 'utf8')) as { imap: Record<string, unknown> };
      // test/servers/mailstack.sh serves the same mailboxes on 127.0.0.2 without the IDLE capability.
      writeFileSync(file, JSON.stringify({ ...cfg, imap: { ...cfg.imap, host: '127.0.0.2' } }));
      const agent = await Agent.create(await loadAgentConfig(file), { log: () => undefined });
      const seen: string[] = [];
      agent.on('processed', (r) => seen.push(String(r.uid)));
      await agent.start();
      try {
        await waitFor(() => agent.status().connected, { what: 'connect' });
        const inv = invitationMail(alice, [ivy], { summary: 'Polled' });
        await deliver(inv.raw, alice.address, ivy.address);
        await waitFor(() => seen.includes(inv.uid), { what: 'the invitation found by polling', timeoutMs: 20_000 });
        expect(agent.status().idle).toBe(false);
      } finally {
        await agent.stop();
      }
    } finally {
      removeDir(d);
    }
  });

  it('a Dovecot restart mid-run loses nothing', async () => {
    const frank = await readyMailUser('frank');
    const d = tempDir('dovecot-restart');
    const watch = startWatch(writeConfig(d, frank));
    try {
      const before = invitationMail(alice, [frank], { summary: 'Before the restart' });
      await deliver(before.raw, alice.address, frank.address);
      await waitFor(() => watch.lines.find((l) => l.uid === before.uid), {
        what: 'the first invitation',
        timeoutMs: 20_000,
      });
      execFileSync('bash', [path.resolve('test/servers/mailstack.sh'), 'restart'], { stdio: 'ignore' });
      const after = invitationMail(alice, [frank], { summary: 'After the restart' });
      await deliver(after.raw, alice.address, frank.address);
      await waitFor(() => watch.lines.find((l) => l.uid === after.uid), {
        what: 'the invitation sent after the restart',
        timeoutMs: 90_000,
      });
      expect(watch.lines.filter((l) => l.uid === before.uid)).toHaveLength(1);
    } finally {
      await watch.stop();
      removeDir(d);
    }
  });
});
