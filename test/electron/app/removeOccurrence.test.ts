/**
 * "Remove from calendar" for one cancelled meeting of a series I attend: only that meeting leaves (its override
 * dropped, an EXDATE on the series), the series keeps its other meetings; without a RECURRENCE-ID the whole event
 * goes, as before. Through the validated boundary, as the renderer calls it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ME, openTestApp, type TestApp } from './appFixtures.js';
import type { IpcResult } from '../../../shared/ipc/contract.js';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
  await app.data.updateConfig({ policy: 'always' });
});
afterEach(() => app.cleanup());

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const olga = 'ORGANIZER;CN=Olga:mailto:olga@example.org';
const MARCH = { from: '2026-03-01', to: '2026-04-01', includeCancelled: true };

function mailOf(id: string, method: string, ...lines: string[]): Buffer {
  return Buffer.from(
    mail({
      from: 'olga@example.org',
      to: ME,
      messageId: `${id}@example.org`,
      ics: ics(method, 'BEGIN:VEVENT', 'UID:standup', 'SUMMARY:Standup', olga, ...lines, 'END:VEVENT'),
    }),
  );
}

async function dailyWithOneCancelled(): Promise<void> {
  await app.orchestrator.processMail(
    mailOf(
      'standup',
      'REQUEST',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART;TZID=Europe/Berlin:20260309T090000',
      'DTEND;TZID=Europe/Berlin:20260309T091500',
      'RRULE:FREQ=DAILY;COUNT=5',
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    ),
  );
  await app.orchestrator.processMail(
    mailOf(
      'standup-cancel',
      'CANCEL',
      'DTSTAMP:20260228T010000Z',
      'SEQUENCE:1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20260311T090000',
      'DTSTART;TZID=Europe/Berlin:20260311T090000',
      'DTEND;TZID=Europe/Berlin:20260311T091500',
      'STATUS:CANCELLED',
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
    ),
  );
}

describe('removing one cancelled meeting of a series', () => {
  it('takes out that meeting only; the other four stay, nobody is mailed', async () => {
    await dailyWithOneCancelled();
    const before = value(await app.api.listEvents(MARCH));
    expect(before.map((e) => e.status)).toEqual([null, null, 'CANCELLED', null, null]);
    const outboxBefore = app.outbox().length;
    const cancelled = before[2];
    const r = value(await app.api.removeEvent({ uid: 'standup', recurrenceId: cancelled?.recurrenceId ?? null }));
    expect(r).toMatchObject({ outcome: 'applied', reason: { key: 'reason.removedOccurrence' }, sentTo: [] });
    const after = value(await app.api.listEvents(MARCH));
    expect(after.map((e) => e.start.slice(0, 10))).toEqual(['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13']);
    expect(after.every((e) => e.status === null)).toBe(true);
    expect(app.outbox()).toHaveLength(outboxBefore);
    const text = app.data.calendar.getText('standup') ?? '';
    expect(text).toMatch(/EXDATE;TZID=Europe\/Berlin:20260311T090000/);
    expect(text).not.toMatch(/RECURRENCE-ID/);
  });

  it('takes out a meeting that has no override of its own (an EXDATE on the series)', async () => {
    await dailyWithOneCancelled();
    const r = value(await app.api.removeEvent({ uid: 'standup', recurrenceId: '2026-03-12T09:00:00+01:00' }));
    expect(r).toMatchObject({ outcome: 'applied' });
    const after = value(await app.api.listEvents(MARCH));
    expect(after.map((e) => e.start.slice(0, 10))).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-13']);
  });

  it('says so when the series has no such meeting, and changes nothing', async () => {
    await dailyWithOneCancelled();
    const r = value(await app.api.removeEvent({ uid: 'standup', recurrenceId: '2026-03-12T10:30:00+01:00' }));
    expect(r).toMatchObject({ outcome: 'error', code: 'ITIP_NO_INSTANCE' });
    expect(value(await app.api.listEvents(MARCH))).toHaveLength(5);
  });

  it('without a RECURRENCE-ID removes the whole series, as before', async () => {
    await dailyWithOneCancelled();
    expect(value(await app.api.removeEvent({ uid: 'standup', recurrenceId: null }))).toMatchObject({
      outcome: 'applied',
      reason: { key: 'reason.organize.removed' },
    });
    expect(value(await app.api.listEvents(MARCH))).toEqual([]);
  });
});
