/**
 * The app's event actions and undo through the validated boundary (as the renderer calls them): a meeting created
 * and edited, my answer changed, a decision and an answer undone (calendar, decision and outbox as before), coded
 * undo results, my busy time for the editor's conflicts, the reminders due.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ME, invitationMail, openTestApp, type TestApp } from './appFixtures.js';
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
  location: 'Room 2',
  attendees: [{ address: 'bob@example.com' }, { address: 'carol@example.net', optional: true }],
};
const MARCH = { from: '2026-03-01', to: '2026-04-01' };

describe('event actions in the app', () => {
  it('creates a meeting I organize (one REQUEST per attendee, held), edits it, and cancels it', async () => {
    const created = value(await app.api.createEvent(meeting));
    expect(created).toMatchObject({ outcome: 'applied', sequence: 0, code: null });
    expect([...created.sentTo].sort()).toEqual(['bob@example.com', 'carol@example.net']);
    expect(created.undo?.id).toMatch(/^[a-f0-9]{8}$/);
    expect(app.outbox()).toHaveLength(2);
    const events = value(await app.api.listEvents(MARCH));
    expect(events).toMatchObject([{ uid: created.uid, summary: 'Design review', organizer: ME }]);

    const moved = value(
      await app.api.updateEvent({
        uid: created.uid,
        recurrenceId: null,
        start: '2026-03-20T14:00',
        end: '2026-03-20T15:00',
      }),
    );
    expect(moved).toMatchObject({ outcome: 'applied', sequence: 1 });
    const cancelled = value(await app.api.cancelEvent({ uid: created.uid, recurrenceId: null, comment: 'Sorry' }));
    expect(cancelled).toMatchObject({ outcome: 'applied' });
    expect(value(await app.api.listEvents(MARCH))).toEqual([]);
    expect(value(await app.api.listEvents({ ...MARCH, includeCancelled: true }))).toMatchObject([
      { status: 'CANCELLED' },
    ]);
    expect(value(await app.api.removeEvent({ uid: created.uid }))).toMatchObject({ outcome: 'applied' });
    expect(value(await app.api.listEvents({ ...MARCH, includeCancelled: true }))).toEqual([]);
  });

  it('undoes a decision: the invitation is open again, my copy as before, the reply withdrawn', async () => {
    const r = await app.orchestrator.processMail(invitationMail());
    const before = value(await app.api.listEvents(MARCH));
    const decided = value(await app.api.decide({ id: r.pendingId as string, choice: 'accept' }));
    expect(decided.undo?.id).toBeTruthy();
    expect(app.outbox()).toHaveLength(1);
    const undone = value(await app.api.undo({}));
    expect(undone).toMatchObject({ outcome: 'undone', code: null, reason: { key: 'reason.undo.done' } });
    expect(app.outbox()).toHaveLength(0);
    expect(value(await app.api.listEvents(MARCH))).toEqual(before);
    expect(value(await app.api.listDecisions()).map((d) => d.id)).toEqual([r.pendingId]);
    expect(value(await app.api.undo({}))).toMatchObject({ outcome: 'error', code: 'UNDO_NOT_FOUND' });
  });

  it('changes my answer without a reply and undoes it', async () => {
    await app.data.updateConfig({ policy: 'always' });
    await app.orchestrator.processMail(invitationMail());
    const [ev] = value(await app.api.listEvents(MARCH));
    const answered = value(
      await app.api.respondToEvent({ uid: ev!.uid, recurrenceId: null, status: 'declined', sendReply: false }),
    );
    expect(answered).toMatchObject({ outcome: 'applied', sentTo: [] });
    expect(value(await app.api.listEvents(MARCH))[0]?.partstat).toBe('DECLINED');
    expect(value(await app.api.undo({ id: answered.undo?.id ?? null }))).toMatchObject({ outcome: 'undone' });
    expect(value(await app.api.listEvents(MARCH))[0]?.partstat).toBe('NEEDS-ACTION');
  });

  it('says what is busy beside a chosen time, leaving out the event being edited', async () => {
    const created = value(await app.api.createEvent(meeting));
    const window = { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' };
    expect(value(await app.api.listBusy(window))).toEqual([
      { start: '2026-03-20T09:00:00.000Z', end: '2026-03-20T10:00:00.000Z', tentative: false },
    ]);
    expect(value(await app.api.listBusy({ ...window, exceptUid: created.uid }))).toEqual([]);
  });

  it('lists the reminders due: the default reminder for my meetings once it is set', async () => {
    await app.api.createEvent(meeting);
    const window = { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' };
    expect(value(await app.api.listAlarms(window))).toEqual([]);
    await app.data.updateConfig({ defaultReminderMinutes: 15 });
    expect(value(await app.api.listAlarms(window))).toMatchObject([
      { summary: 'Design review', fireAt: '2026-03-20T08:45:00.000Z', action: 'DISPLAY' },
    ]);
  });
});
