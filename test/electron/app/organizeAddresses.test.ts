/**
 * The app's side of the organizer's address settings and series actions, through the validated boundary: a
 * meeting created with reply tokens on goes out from `me+token@` (the secret made once and kept), the iMIP address
 * patterns' unmailed attendees come back in `notMailed`, a series is cancelled from an occurrence on, and the
 * contacts complete an address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './appFixtures.js';
import type { IpcResult } from '../../../shared/ipc/contract.js';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(() => app.cleanup());

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const meeting = {
  summary: 'Design review',
  start: '2026-03-20T10:00',
  end: '2026-03-20T11:00',
  tz: 'Europe/Berlin',
  allDay: false,
  attendees: [{ address: 'bob@example.com' }, { address: 'room-2@rooms.example.org' }],
};

describe('organizer address settings in the app', () => {
  it('reply tokens: From and ORGANIZER carry me+token, the secret is made once', async () => {
    await app.data.updateConfig({ replyTokens: true });
    value(await app.api.createEvent(meeting));
    const secret = app.data.config()['replyTokenSecret'];
    expect(typeof secret).toBe('string');
    value(await app.api.createEvent({ ...meeting, summary: 'Second' }));
    expect(app.data.config()['replyTokenSecret']).toBe(secret);
    const froms = app.outbox().map((m) => /^From: (.*)$/m.exec(m)?.[1] ?? '');
    expect(froms).toHaveLength(4);
    for (const f of froms) expect(f).toMatch(/^me\+[a-z2-7]{8}@example\.com$/);
    expect(new Set(froms).size).toBe(2);
  });

  it('address patterns: the unmatched attendee comes back in notMailed and gets no mail', async () => {
    await app.data.updateConfig({ imipAddressPatterns: ['example.com', '/(/'] });
    const created = value(await app.api.createEvent(meeting));
    expect(created).toMatchObject({ outcome: 'applied', sentTo: ['bob@example.com'] });
    expect(created.notMailed).toEqual(['room-2@rooms.example.org']);
    expect(app.outbox()).toHaveLength(1);
  });

  it('cancels an occurrence and the following ones', async () => {
    const created = value(await app.api.createEvent({ ...meeting, rrule: 'FREQ=DAILY;COUNT=4' }));
    const r = value(
      await app.api.cancelEvent({ uid: created.uid, recurrenceId: '2026-03-22T09:00:00Z', thisAndFuture: true }),
    );
    expect(r).toMatchObject({ outcome: 'applied', sequence: 1 });
    const events = value(await app.api.listEvents({ from: '2026-03-01', to: '2026-04-01' }));
    expect(events.map((e) => e.start)).toEqual(['2026-03-20T10:00:00+01:00', '2026-03-21T10:00:00+01:00']);
  });

  it('completes addresses from the contacts', async () => {
    await app.data.contacts.importVcf(
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carol Meyer\r\nEMAIL:carol@example.net\r\nEND:VCARD\r\n',
    );
    expect(value(await app.api.suggestAddresses({ query: 'mey' }))).toEqual([
      { address: 'carol@example.net', name: 'Carol Meyer' },
    ]);
    expect(value(await app.api.suggestAddresses({ query: 'zzz' }))).toEqual([]);
    expect((await app.api.suggestAddresses({ query: 'x'.repeat(300) })).ok).toBe(false);
  });
});
