/**
 * The size limit on the IMAP path: a calendar part larger than the companion accepts is judged from its
 * BODYSTRUCTURE size and never downloaded; the log says so; an ordinary invitation beside it is handed over.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CALENDAR_BYTES } from '../../electron/mail/boundedMailParser.js';
import { mailstackAvailable } from '../helpers/mailstack.js';
import { accountFor, appendRaw, invitation, newUser, cleanedAfterEach } from '../electron/mail/imap/imapTestKit.js';

const { started, freshState } = cleanedAfterEach();

function hugeInvitation(to: string): string {
  const inv = invitation({ to, summary: 'Huge' });
  const ics = inv.ics.replace('SUMMARY:Huge', `DESCRIPTION:${'x'.repeat(MAX_CALENDAR_BYTES + 1000)}\r\nSUMMARY:Huge`);
  return inv.raw.replace(
    /(base64\r\n\r\n)[\s\S]*?(\r\n--b1--)/,
    (_m, a: string, b: string) => `${a}${Buffer.from(ics).toString('base64').replace(/.{76}/g, '$&\r\n')}${b}`,
  );
}

describe.skipIf(!mailstackAvailable())('IMAP size limit', () => {
  it('a calendar part over the limit is not downloaded; the invitation next to it is', async () => {
    const u = await newUser('imapsize');
    const small = invitation({ to: u.address });
    await appendRaw(u, 'INBOX', [hugeInvitation(u.address), small.raw]);
    const logs: string[] = [];
    const r = await started(accountFor(u), { stateDir: await freshState(), log: (line: string) => logs.push(line) });
    await r.waitHandled(1);
    expect(r.handled.map((m) => m.mail.messageId)).toEqual([small.messageId]);
    const stats = r.source.stats();
    expect(stats.downloadedParts).toBe(1);
    expect(stats.fetchedBytes).toBeLessThan(100_000);
    expect(logs.join('\n')).toMatch(/larger than the companion accepts/);
  });
});
