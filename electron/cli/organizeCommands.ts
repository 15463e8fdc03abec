/**
 * The commands that start something: as organizer `create`, `update`, `cancel`; as attendee `counter`,
 * `delegate`, `refresh`; and `remove` (from my calendar, nobody told). Each prints one line with `uid`, `sequence`,
 * `outgoing` (the messages written to the outbox) and `undoId` / `undoUntil`, like `respond`; `undo` takes one back.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  cancelEvent,
  counterEvent,
  createEvent,
  delegateEvent,
  refreshEvent,
  removeEvent,
  updateEvent,
  type NewAttendee,
} from '../../shared/itip/index.js';
import { parseCommand, stringOpt, UsageError, type GlobalOptions } from './args.js';
import type { Output } from './output.js';
import { human, orchestrator, parseRecurrenceId, recordLine, withData } from './commands.js';
import { reasonFields } from './output.js';
import { undoably, undoFields } from './undoable.js';
import { undoAction, type UndoResult } from '../app/undoAction.js';
import { isUndoId } from '../app/undoLog.js';
import { ensureReplyTokenSecret } from '../settings/organizeSettings.js';
import type { EngineContext, EngineResult } from '../../shared/itip/index.js';
import type ICAL from 'ical.js';

const COMMON = { outbox: { type: 'string' }, comment: { type: 'string' } } as const;

function list(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return (Array.isArray(v) ? (v as string[]) : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkAddresses(addrs: readonly string[], option: string): void {
  for (const a of addrs)
    if (!/^[^@\s]+@[^@\s]+$/.test(a.replace(/^mailto:/i, '')))
      throw new UsageError(`--${option} needs an email address (got "${a}").`);
}

/** The organizer's operations name who the iMIP address patterns kept from being mailed (`notMailed`). */
const NAMES_NOT_MAILED = new Set(['create', 'update', 'cancel']);

async function run(
  g: GlobalOptions,
  values: Record<string, unknown>,
  uid: string,
  label: string,
  op: (stored: ICAL.Component | null, ctx: EngineContext) => EngineResult,
  out: Output,
): Promise<number> {
  let notMailed: readonly string[] = [];
  const seen: typeof op = (stored, ctx) => {
    const result = op(stored, ctx);
    notMailed = result.outcome === 'applied' ? (result.notMailed ?? []) : [];
    return result;
  };
  const r = await withData(
    g,
    async (data, calendar) => {
      if (label === 'create') await ensureReplyTokenSecret(data);
      return undoably(data, g, values, { uid, action: label, kind: label }, () =>
        orchestrator(data, g, values, path.join(g.dataDir, 'outbox'), calendar).act(uid, label, seen),
      );
    },
    undefined,
    out,
  );
  const unmailed = NAMES_NOT_MAILED.has(label) ? { notMailed } : {};
  out.item({ ...recordLine(r), uid: r.uid ?? uid, ...unmailed, ...undoFields(r.undo) }, human);
  return 0;
}

/**
 * `undo [ID]`: takes back the last (or the named) decision, answer or organizer action while its mail is still held
 * in the outbox. One line: `id`, `uid`, `outcome` (undone or error), `code` (UNDO_TOO_LATE, UNDO_NOT_FOUND,
 * UNDO_CHANGED_SINCE), `reason`, `withdrawn`.
 */
export async function cmdUndo(argv: string[], out: Output): Promise<number> {
  const { global: g, positionals } = parseCommand(argv, {});
  const [id] = positionals;
  if (id !== undefined && !isUndoId(id))
    throw new UsageError(`undo takes an id as printed by a command (got "${id}").`);
  const r: UndoResult = await withData(
    g,
    (data, calendar) => undoAction(data, id ?? null, Date.now(), calendar),
    undefined,
    out,
  );
  out.item(
    {
      id: r.id,
      uid: r.uid,
      outcome: r.outcome,
      code: r.code,
      ...reasonFields(r.reason),
      withdrawn: r.withdrawn,
      ...(r.server ? { server: r.server } : {}),
    },
    human,
  );
  return 0;
}

export async function cmdCreate(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    ...COMMON,
    summary: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    tz: { type: 'string' },
    'all-day': { type: 'boolean' },
    location: { type: 'string' },
    description: { type: 'string' },
    rrule: { type: 'string' },
    attendee: { type: 'string', multiple: true },
    optional: { type: 'string', multiple: true },
    uid: { type: 'string' },
  });
  const summary = stringOpt(values, 'summary');
  const start = stringOpt(values, 'start');
  const end = stringOpt(values, 'end');
  if (!summary || !start || !end) throw new UsageError('create needs --summary S --start ISO --end ISO.');
  if (g.me.length === 0) throw new UsageError('create needs --me ADDR: you are the organizer.');
  const required = list(values, 'attendee');
  const optional = list(values, 'optional');
  checkAddresses([...required, ...optional], 'attendee');
  if (required.length + optional.length === 0) throw new UsageError('create needs at least one --attendee ADDR.');
  const attendees: NewAttendee[] = [
    ...required.map((address) => ({ address })),
    ...optional.map((address) => ({ address, optional: true })),
  ];
  const uid = stringOpt(values, 'uid') ?? `${randomUUID()}@imip-companion`;
  const ev = {
    uid,
    summary,
    start,
    end,
    tz: stringOpt(values, 'tz'),
    allDay: values['all-day'] === true,
    location: stringOpt(values, 'location'),
    description: stringOpt(values, 'description'),
    rrule: stringOpt(values, 'rrule'),
    attendees,
  };
  return run(g, values, uid, 'create', (_stored, ctx) => createEvent(ev, { ...ctx, me: organizerFirst(g, ctx) }), out);
}

/** I organize as my first `--me` address (the engine's `me` comes from the data dir, in stored order). */
function organizerFirst(g: GlobalOptions, ctx: EngineContext): readonly string[] {
  const first = g.me[0]?.replace(/^mailto:/i, '').toLowerCase();
  return first ? [first, ...ctx.me.filter((a) => a !== first)] : ctx.me;
}

export async function cmdUpdate(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    ...COMMON,
    uid: { type: 'string' },
    'recurrence-id': { type: 'string' },
    'this-and-future': { type: 'boolean' },
    summary: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    tz: { type: 'string' },
    location: { type: 'string' },
    description: { type: 'string' },
    'add-attendee': { type: 'string', multiple: true },
    'add-optional': { type: 'string', multiple: true },
    'remove-attendee': { type: 'string', multiple: true },
  });
  const uid = stringOpt(values, 'uid');
  if (!uid) throw new UsageError('update needs --uid UID.');
  const start = stringOpt(values, 'start');
  const end = stringOpt(values, 'end');
  if ((start === null) !== (end === null)) throw new UsageError('update needs --start and --end together.');
  const ridText = stringOpt(values, 'recurrence-id');
  if (values['this-and-future'] === true && !ridText) throw new UsageError('--this-and-future needs --recurrence-id.');
  const add = list(values, 'add-attendee');
  const addOptional = list(values, 'add-optional');
  const remove = list(values, 'remove-attendee');
  checkAddresses([...add, ...addOptional, ...remove], 'add-attendee');
  const change = {
    uid,
    recurrenceId: ridText ? parseRecurrenceId(ridText) : null,
    thisAndFuture: values['this-and-future'] === true,
    summary: stringOpt(values, 'summary'),
    start,
    end,
    tz: stringOpt(values, 'tz'),
    location: stringOpt(values, 'location'),
    description: stringOpt(values, 'description'),
    addAttendees: [
      ...add.map((address) => ({ address })),
      ...addOptional.map((address) => ({ address, optional: true })),
    ],
    removeAttendees: remove,
  };
  return run(g, values, uid, 'update', (stored, ctx) => updateEvent(change, stored, ctx), out);
}

export async function cmdCancel(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    ...COMMON,
    uid: { type: 'string' },
    'recurrence-id': { type: 'string' },
    'this-and-future': { type: 'boolean' },
  });
  const uid = stringOpt(values, 'uid');
  if (!uid) throw new UsageError('cancel needs --uid UID.');
  const ridText = stringOpt(values, 'recurrence-id');
  const thisAndFuture = values['this-and-future'] === true;
  if (thisAndFuture && !ridText) throw new UsageError('--this-and-future needs --recurrence-id.');
  const recurrenceId = ridText ? parseRecurrenceId(ridText) : null;
  const comment = stringOpt(values, 'comment');
  return run(
    g,
    values,
    uid,
    'cancel',
    (stored, ctx) => cancelEvent({ uid, recurrenceId, comment, stored, thisAndFuture }, ctx),
    out,
  );
}

export async function cmdCounter(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    ...COMMON,
    uid: { type: 'string' },
    'recurrence-id': { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    tz: { type: 'string' },
  });
  const uid = stringOpt(values, 'uid');
  const start = stringOpt(values, 'start');
  const end = stringOpt(values, 'end');
  if (!uid || !start || !end) throw new UsageError('counter needs --uid UID --start ISO --end ISO.');
  const ridText = stringOpt(values, 'recurrence-id');
  const recurrenceId = ridText ? parseRecurrenceId(ridText) : null;
  const args = { uid, recurrenceId, start, end, tz: stringOpt(values, 'tz'), comment: stringOpt(values, 'comment') };
  return run(g, values, uid, 'counter', (stored, ctx) => counterEvent({ ...args, stored }, ctx), out);
}

export async function cmdDelegate(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    ...COMMON,
    uid: { type: 'string' },
    'recurrence-id': { type: 'string' },
    to: { type: 'string' },
  });
  const uid = stringOpt(values, 'uid');
  const to = stringOpt(values, 'to');
  if (!uid || !to) throw new UsageError('delegate needs --uid UID --to ADDR.');
  checkAddresses([to], 'to');
  const ridText = stringOpt(values, 'recurrence-id');
  const recurrenceId = ridText ? parseRecurrenceId(ridText) : null;
  const comment = stringOpt(values, 'comment');
  return run(
    g,
    values,
    uid,
    'delegate',
    (stored, ctx) => delegateEvent({ uid, recurrenceId, to, comment, stored }, ctx),
    out,
  );
}

export async function cmdRefresh(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, { ...COMMON, uid: { type: 'string' } });
  const uid = stringOpt(values, 'uid');
  if (!uid) throw new UsageError('refresh needs --uid UID.');
  return run(g, values, uid, 'refresh', (stored, ctx) => refreshEvent({ uid, stored }, ctx), out);
}

/**
 * `remove --uid U [--recurrence-id R]`: the event, or one occurrence of a series (an EXDATE on the master, its
 * override dropped), taken out of my calendar; nobody is told. The same engine call as the app's `removeEvent`.
 */
export async function cmdRemove(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, { uid: { type: 'string' }, 'recurrence-id': { type: 'string' } });
  const uid = stringOpt(values, 'uid');
  if (!uid) throw new UsageError('remove needs --uid UID.');
  const ridText = stringOpt(values, 'recurrence-id');
  const recurrenceId = ridText ? parseRecurrenceId(ridText) : null;
  return run(g, values, uid, 'remove', (stored) => removeEvent({ uid, stored, recurrenceId }), out);
}
