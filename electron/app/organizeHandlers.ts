/**
 * The app's side of acting on the calendar: the `MainApi` methods behind the event buttons (create, edit and cancel
 * my meetings; change my answer, propose a new time, delegate, ask for the latest version, remove a cancelled
 * event), undo, reminders and my busy time. Each action runs the engine's organize operation through the
 * orchestrator under the data dir's lock, with its mail held for the undo grace period (electron/outbox) and what it
 * changed remembered (undoAction.ts); the agent, when one runs, is woken to send what is due.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { ActionOutcome, NewAttendeeInput } from '../../shared/ipc/contract.js';
import { instantOf } from '../../shared/model/instant.js';
import { busyPeriods } from '../../shared/calendar/queries.js';
import { alarmsBetween } from '../../shared/calendar/nextAlarms.js';
import {
  cancelEvent,
  counterEvent,
  createEvent,
  delegateEvent,
  refreshEvent,
  removeEvent,
  updateEvent,
  type EngineContext,
  type EngineResult,
} from '../../shared/itip/index.js';
import type { DataDir } from '../store/dataDir.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink, outboxOptionsOf } from '../scheduling/outbox.js';
import { reminderMinutesOf } from '../settings/schedulingSettings.js';
import { undoably as runUndoably, undoAction, type UndoTicket } from './undoAction.js';
import type { MainApiHandlers } from './serveMainApi.js';
import type { CalendarBackend } from '../caldav/calendarBackend.js';
import type { ReminderClock } from '../reminders/reminderClock.js';
import { ensureReplyTokenSecret } from '../settings/organizeSettings.js';
import { suggestAddresses } from './addressSuggestions.js';

export interface OrganizeDeps {
  readonly read: <T>(fn: (data: DataDir) => T | Promise<T>) => Promise<T>;
  readonly write: <T>(fn: (data: DataDir) => Promise<T>) => Promise<T>;
  readonly now: () => number;
  /** Where calendar changes go besides the vdir (a CalDAV account), asked at each write. */
  readonly calendar?: () => CalendarBackend | null;
  /** The reminder clock, where one runs (the app's roots start it; null: no reminders ring here). */
  readonly reminders?: () => Pick<ReminderClock, 'showing' | 'snooze' | 'dismiss'> | null;
  /** Decisions and events changed: tell the renderer, wake the agent to send what is due. */
  readonly changed: () => void;
}

type OrganizeMethods =
  | 'createEvent'
  | 'updateEvent'
  | 'cancelEvent'
  | 'suggestAddresses'
  | 'respondToEvent'
  | 'counterEvent'
  | 'delegateEvent'
  | 'refreshEvent'
  | 'removeEvent'
  | 'undo'
  | 'listAlarms'
  | 'listReminders'
  | 'snoozeReminder'
  | 'dismissReminder'
  | 'listBusy';

type Op = (stored: ICAL.Component | null, ctx: EngineContext) => EngineResult;

export function organizeHandlers(deps: OrganizeDeps): Pick<MainApiHandlers, OrganizeMethods> {
  const { read, write, now, changed } = deps;
  const sink = (data: DataDir) => new FolderSink(path.join(data.root, 'outbox'), outboxOptionsOf(data.config()));

  /** Runs `fn` under the lock with a snapshot before it and the undo entry after it. */
  async function undoably(
    uid: string,
    action: string,
    kind: string,
    fn: (data: DataDir) => Promise<ProcessRecord>,
  ): Promise<ActionOutcome> {
    const record = await write((data) =>
      runUndoably(data, uid, { action, kind, outboxDir: path.join(data.root, 'outbox'), now: now() }, () => fn(data)),
    );
    changed();
    return outcomeOf(uid, record, record.undo);
  }

  /** Runs an engine operation; the organizer's ones also say whom the iMIP address patterns kept unmailed. */
  async function act(uid: string, label: string, op: Op): Promise<ActionOutcome> {
    let notMailed: readonly string[] = [];
    const seen: Op = (stored, ctx) => {
      const r = op(stored, ctx);
      notMailed = r.outcome === 'applied' ? (r.notMailed ?? []) : [];
      return r;
    };
    const outcome = await undoably(uid, label, label, async (data) => {
      if (label === 'create') await ensureReplyTokenSecret(data);
      return createLiveOrchestrator(data, sink(data), now, deps.calendar?.() ?? null).act(uid, label, seen);
    });
    return notMailed.length ? { ...outcome, notMailed } : outcome;
  }

  return {
    createEvent(input) {
      const uid = `${randomUUID()}@imip-companion`;
      const ev = {
        uid,
        summary: input.summary,
        start: input.start,
        end: input.end,
        tz: input.tz,
        allDay: input.allDay,
        location: input.location ?? null,
        description: input.description ?? null,
        rrule: input.rrule ?? null,
        attendees: input.attendees.map(attendeeOf),
      };
      return act(uid, 'create', (_stored, ctx) => createEvent(ev, ctx));
    },

    updateEvent(input) {
      const change = {
        ...input,
        recurrenceId: ridOf(input.recurrenceId),
        addAttendees: (input.addAttendees ?? []).map(attendeeOf),
        removeAttendees: [...(input.removeAttendees ?? [])],
      };
      return act(input.uid, 'update', (stored, ctx) => updateEvent(change, stored, ctx));
    },

    cancelEvent: ({ uid, recurrenceId, thisAndFuture, comment }) =>
      act(uid, 'cancel', (stored, ctx) =>
        cancelEvent(
          {
            uid,
            recurrenceId: ridOf(recurrenceId),
            thisAndFuture: thisAndFuture === true,
            comment: comment ?? null,
            stored,
          },
          ctx,
        ),
      ),

    suggestAddresses: ({ query, limit }) =>
      read((data) => suggestAddresses(data.contacts.list(), query, data.config().me, limit ?? 8)),

    respondToEvent: ({ uid, recurrenceId, status, comment, sendReply }) =>
      undoably(uid, status, 'reply', (data) =>
        createLiveOrchestrator(data, sink(data), now, deps.calendar?.() ?? null).respond(
          uid,
          ridOf(recurrenceId),
          status === 'accepted' ? 'ACCEPTED' : status === 'tentative' ? 'TENTATIVE' : 'DECLINED',
          comment ?? null,
          { send: sendReply },
        ),
      ),

    counterEvent: ({ uid, recurrenceId, start, end, comment }) =>
      act(uid, 'counter', (stored, ctx) =>
        counterEvent(
          { uid, recurrenceId: ridOf(recurrenceId), start, end, tz: null, comment: comment ?? null, stored },
          ctx,
        ),
      ),

    delegateEvent: ({ uid, recurrenceId, to, comment }) =>
      act(uid, 'delegate', (stored, ctx) =>
        delegateEvent({ uid, recurrenceId: ridOf(recurrenceId), to, comment: comment ?? null, stored }, ctx),
      ),

    refreshEvent: ({ uid }) => act(uid, 'refresh', (stored, ctx) => refreshEvent({ uid, stored }, ctx)),

    removeEvent: ({ uid, recurrenceId }) =>
      act(uid, 'remove', (stored) => removeEvent({ uid, stored, recurrenceId: ridOf(recurrenceId ?? null) })),

    async undo({ id }) {
      const r = await write((data) => undoAction(data, id ?? null, Date.now(), deps.calendar?.() ?? null));
      if (r.outcome === 'undone') changed();
      return { outcome: r.outcome, code: r.code, uid: r.uid, reason: r.reason };
    },

    listAlarms: ({ from, to }) =>
      read((data) =>
        alarmsBetween(data.calendar.entries(), instantOf(from) ?? 0, instantOf(to) ?? 0, data.config().me, {
          defaultMinutes: reminderMinutesOf(data.config()),
        }),
      ),

    listReminders: async () => deps.reminders?.()?.showing() ?? [],
    snoozeReminder: async ({ key, minutes }) => (await deps.reminders?.()?.snooze(key, minutes)) ?? [],
    dismissReminder: async ({ key }) => (await deps.reminders?.()?.dismiss(key)) ?? [],

    listBusy: ({ from, to, exceptUid }) =>
      read((data) => {
        const entries = [...data.calendar.entries()].filter(([u]) => u !== exceptUid);
        return busyPeriods(entries, instantOf(from) ?? 0, instantOf(to) ?? 0, data.config().me).map((b) => ({
          start: new Date(b.startMs).toISOString(),
          end: new Date(b.endMs).toISOString(),
          tentative: b.type === 'BUSY-TENTATIVE',
        }));
      }),
  };
}

function attendeeOf(a: NewAttendeeInput): { address: string; optional?: boolean } {
  return a.optional ? { address: a.address.replace(/^mailto:/i, ''), optional: true } : { address: a.address };
}

/** The renderer's ISO recurrence id as the engine's time: a date for all-day series, else a UTC date-time. */
function ridOf(iso: string | null): ICAL.Time | null {
  if (!iso) return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (date) return ICAL.Time.fromData({ year: +date[1]!, month: +date[2]!, day: +date[3]!, isDate: true });
  const ms = instantOf(iso);
  return ms === null ? null : ICAL.Time.fromJSDate(new Date(ms), true);
}

function outcomeOf(uid: string, r: ProcessRecord, undo: UndoTicket | null): ActionOutcome {
  return {
    uid: r.uid ?? uid,
    outcome: r.outcome,
    sequence: r.sequence,
    reason: r.reason,
    code: r.errorCode ?? null,
    sentTo: r.outgoing.map((o) => o.to),
    undo,
  };
}
