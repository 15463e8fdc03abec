/**
 * Every recipient is checked as an RFC 5322 addr-spec after `mailto:` decoding: a CRLF, comma or question mark
 * smuggled in by percent-encoding, or an empty ORGANIZER, is refused with a reason code and nothing is sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDir } from '../../../electron/store/dataDir.js';
import { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { isMailAddress } from '../../../shared/util/address.js';
import { english, type Message } from '../../../shared/i18n/index.js';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-rcpt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function invitation(organizer: string, from = 'olga@example.org'): Buffer {
  return Buffer.from(
    mail({
      from,
      to: 'me@example.com',
      messageId: 'i1@example.org',
      ics: ics(
        'REQUEST',
        'BEGIN:VEVENT',
        'UID:rcpt-1',
        'DTSTAMP:20260228T000000Z',
        'SEQUENCE:0',
        'DTSTART:20260312T090000Z',
        'DTEND:20260312T100000Z',
        'SUMMARY:Lunch',
        `ORGANIZER:${organizer}`,
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
      ),
    }),
  );
}

async function acceptWith(organizer: string): Promise<{ errorCode?: string; reason: unknown; sent: number }> {
  const data = await DataDir.open(path.join(dir, 'data'), { fsync: false });
  await data.addMe(['me@example.com']);
  const out = path.join(dir, 'out');
  const orch = new Orchestrator(data, {
    policy: 'never',
    timeframeMs: 28 * 86_400_000,
    now: () => NOW,
    sink: new FolderSink(out),
  });
  const r = await orch.processMail(invitation(organizer));
  expect(r.pendingId).not.toBeNull();
  const d = await orch.decide(r.pendingId as string, 'accept', null);
  return { ...d, sent: existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.eml')).length : 0 };
}

describe('recipient addresses', () => {
  it.each([
    ['a CRLF decoded from %0d%0a', 'mailto:olga%0d%0aBcc:%20evil@attacker.example%0d%0a@example.org'],
    ['a comma adding a recipient', 'mailto:olga@example.org%2Cevil@attacker.example'],
    ['a question mark', 'mailto:olga@example.org?cc=evil@attacker.example'],
    ['an empty address', 'mailto:'],
  ])('sends nothing and says why for %s', async (_what, organizer) => {
    const d = await acceptWith(organizer);
    expect(d.sent).toBe(0);
    expect(d.errorCode).toBe('RECIPIENT_INVALID');
    expect(d.reason).toMatchObject({ key: 'reliability.recipientInvalid', params: { method: 'REPLY' } });
    expect(english.render(d.reason as Message)).toMatch(/Not sent: .* no valid recipient address/);
  });

  it('still sends to a valid organizer', async () => {
    const d = await acceptWith('mailto:Olga@Example.org');
    expect(d.sent).toBe(1);
    expect(d.errorCode).toBeUndefined();
  });

  it('accepts addr-specs and refuses what is not one', () => {
    for (const ok of [
      'a@example.org',
      'first.last+tag@sub.example.co',
      '"a b"@example.org',
      'jürgen@müller.example',
      'x@[192.0.2.1]',
      // Longer than RFC 5321's 64-octet local part, and real: iCloud's and Google's scheduling addresses.
      `2_${'GEYDCMJQGE2TKNZRG'.repeat(4)}ABCDEFGHIJ@imip.me.com`,
      `c_${'0123456789abcdef'.repeat(4)}@group.calendar.google.com`,
    ])
      expect(isMailAddress(ok), ok).toBe(true);
    for (const bad of [
      '',
      '@example.org',
      'a@',
      'a@@b',
      'a b@example.org',
      'a@example.org,b@example.org',
      'a\r\nBcc: b@example.org',
      'a@exa mple.org',
      'a?@example.org'.replace('?', '\n'),
      `${'a'.repeat(250)}@example.org`,
      `a@${'b'.repeat(260)}.org`,
      'a..b@example.org',
    ]) {
      expect(isMailAddress(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
