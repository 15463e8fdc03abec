/**
 * Open decisions about instances of a series the calendar does not have ("naked" recurrences, RFC 5546 §4.4):
 * a question about instances A and B stays open when an invitation for instance C arrives, and goes when a newer
 * message covers both. Instances are compared by instant (Google writes RECURRENCE-ID in UTC, Outlook in a zone).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mail } from '../../helpers/cli.js';
import { openOrchestrator } from '../../helpers/orchestratorDir.js';
import { ics, vevent } from '../../helpers/itip.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-naked-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (): ReturnType<typeof openOrchestrator> => openOrchestrator(dir);

function instance(rid: string, start: string, seq = 0): string {
  return vevent(
    'UID:naked-1@example.org',
    'DTSTAMP:20260228T000000Z',
    `SEQUENCE:${seq}`,
    rid,
    `DTSTART:${start}`,
    'DURATION:PT1H',
    'SUMMARY:Training',
    'ORGANIZER:mailto:olga@example.org',
    'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
  );
}

const request = (id: string, ...events: string[]): Buffer =>
  Buffer.from(mail({ from: 'olga@example.org', to: 'me@example.com', messageId: id, ics: ics('REQUEST', ...events) }));

describe('decisions about naked recurrences', () => {
  it('an invitation for instance C leaves the open question about instances A and B', async () => {
    const { orch, data } = await open();
    const ab = await orch.processMail(
      request(
        'ab@example.org',
        instance('RECURRENCE-ID:20260310T090000Z', '20260310T090000Z'),
        instance('RECURRENCE-ID:20260317T090000Z', '20260317T090000Z'),
      ),
    );
    expect(ab.outcome).toBe('pending');
    const c = await orch.processMail(
      request('c@example.org', instance('RECURRENCE-ID:20260324T090000Z', '20260324T090000Z')),
    );
    expect(c.outcome).toBe('pending');
    expect(data.pending.list()).toHaveLength(2);
    expect(data.pending.get(ab.pendingId as string)?.instances).toEqual([
      '2026-03-10T09:00:00Z',
      '2026-03-17T09:00:00Z',
    ]);
  });

  it('a newer message for A and B (written in a zone) replaces the question about A and B only', async () => {
    const { orch, data } = await open();
    await orch.processMail(
      request(
        'ab@example.org',
        instance('RECURRENCE-ID:20260310T090000Z', '20260310T090000Z'),
        instance('RECURRENCE-ID:20260317T090000Z', '20260317T090000Z'),
      ),
    );
    await orch.processMail(request('c@example.org', instance('RECURRENCE-ID:20260324T090000Z', '20260324T090000Z')));
    const again = await orch.processMail(
      request(
        'ab2@example.org',
        instance('RECURRENCE-ID;TZID=Europe/Berlin:20260310T100000', '20260310T100000Z', 1),
        instance('RECURRENCE-ID;TZID=Europe/Berlin:20260317T100000', '20260317T100000Z', 1),
      ),
    );
    expect(again.outcome).toBe('pending');
    const open1 = data.pending.list();
    expect(open1).toHaveLength(2);
    expect(open1.map((p) => p.recurrenceId ?? p.instances?.length).sort()).toEqual([2, '2026-03-24T09:00:00Z']);
  });
});
