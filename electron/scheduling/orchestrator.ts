/**
 * Runs one message through the whole flow: read the mail → detect the calendar part → engine → store →
 * outgoing → bookkeeping. Also carries out a person's decision and a direct answer. The single place where
 * the data dir, the engine and the outgoing sink meet (DESIGN: adapters never call each other).
 *
 * Write order (exactly once): open decisions, then the outgoing messages, then the calendar change (atomically),
 * then the processed record. A crash before the record means the message is processed again;
 * the engine then finds the calendar already at that version and changes nothing.
 */
import ICAL from 'ical.js';
import { parseIcs } from '../../shared/ical/parse.js';
import { readImipMail, type MailReadError } from '../mail/readImipMail.js';
import type { Result } from '../../shared/util/result.js';
import { changedOccurrencesOf } from '../../shared/views/decisionView.js';
import { detectScheduling } from '../../shared/mail/detectScheduling.js';
import {
  decideItip,
  describeItip,
  processDeliveryReport,
  processItip,
  processRefusal,
  publishParts,
  type PublishPart,
  respondToEvent,
  supersedes,
  type EngineContext,
  type EngineResult,
} from '../../shared/itip/index.js';
import { busyPeriods } from '../../shared/calendar/queries.js';
import type { Choice, MessageSource, PendingDecision, Policy } from '../../shared/model/decisions.js';
import type { DeliveryReport, IncomingMail, MailEnvelope } from '../../shared/model/mail.js';
import { textMessage } from '../../shared/model/storedMessage.js';
import type { Message } from '../../shared/i18n/index.js';
import { isMailAddress, normalizeAddress } from '../../shared/util/address.js';
import type { DataDir } from '../store/dataDir.js';
import { reminderMinutesOf, senderTrustOf } from '../settings/schedulingSettings.js';
import { organizeContextOf } from '../settings/organizeSettings.js';
import type { DecisionEntry } from '../store/decisionLog.js';
import { ProcessedStore } from '../store/processedStore.js';
import type { Delivery, OutgoingSink } from './outbox.js';
import type { OutgoingItip } from '../../shared/model/outgoing.js';
import type { CalendarBackend, Reapply } from '../caldav/calendarBackend.js';

/** What happened to one message: the engine's verdict plus what the orchestrator did about it. */
export interface ProcessRecord extends Pick<
  EngineResult,
  'method' | 'uid' | 'recurrenceId' | 'sequence' | 'kind' | 'outcome' | 'reason' | 'warnings'
> {
  readonly messageId: string | null;
  readonly pendingId: string | null;
  readonly outgoing: readonly Delivery[];
  readonly errorCode?: string;
  /** True when the message had been processed before and nothing was done now. */
  readonly duplicate?: boolean;
  /**
   * A PUBLISH of several events (shared/itip/publishParts.ts): one record per UID, in the order of the calendar.
   * The record itself then speaks for the whole mail (its outcome is the most pressing of the parts').
   */
  readonly parts?: readonly ProcessRecord[];
}

export interface OrchestratorOptions {
  readonly policy: Policy;
  readonly timeframeMs: number;
  /** The clock; fixed by the CLI's --now. */
  readonly now: () => number;
  readonly sink: OutgoingSink;
  /**
   * Where calendar changes go besides the vdir (electron/caldav: a CalDAV account with the vdir as its cache).
   * Absent: the vdir only, as without a `caldav` block.
   */
  readonly calendar?: CalendarBackend | null;
}

export interface MailSource {
  /** IMAP INTERNALDATE (epoch ms); null means "use the Date header". */
  readonly receivedAt?: number | null;
  /** Where the mail lives on the server, recorded with an open decision so it can be marked once decided. */
  readonly message?: MessageSource | null;
}

export class Orchestrator {
  readonly #data: DataDir;
  readonly #opts: OrchestratorOptions;

  constructor(data: DataDir, opts: OrchestratorOptions) {
    this.#data = data;
    this.#opts = opts;
  }

  me(): string[] {
    return this.#data
      .config()
      .me.map(normalizeAddress)
      .filter((a) => a !== '');
  }

  context(): EngineContext {
    const me = this.me();
    return {
      me,
      now: this.#opts.now(),
      policy: this.#opts.policy,
      timeframeMs: this.#opts.timeframeMs,
      isKnownAddress: (a) => this.#data.isKnownAddress(a),
      busyPeriods: (from, to) => busyPeriods(this.#data.calendar.entries(), from, to, me),
      cancelledVersion: (uid) => this.#data.tombstones.get(uid),
      openDecisions: (uid) => this.#data.pending.findByUid(uid),
      ...senderTrustOf(this.#data.config()),
      defaultReminderMinutes: reminderMinutesOf(this.#data.config()),
      ...organizeContextOf(this.#data),
    };
  }

  #lookup = (uid: string): ICAL.Component | null => this.#data.calendar.get(uid);

  /** Processes one raw RFC 5322 message. Never throws for bad input: it is reported in the record. */
  async processMail(raw: Uint8Array, source: MailSource = {}): Promise<ProcessRecord> {
    return this.processRead(await readImipMail(raw), source);
  }

  /** Processes what readImipMail gave for a mail read elsewhere (electron/mail/mailReaders.ts). */
  async processRead(read: Result<IncomingMail, MailReadError>, source: MailSource = {}): Promise<ProcessRecord> {
    // The headers may have been fine although the calendar part was not: the record still names the mail.
    if (!read.ok)
      return failedMailRecord(textMessage(read.error.message), read.error.code, read.error.messageId ?? null);
    return this.processIncoming(read.value, source);
  }

  /** Processes a mail already read (the IMAP source builds IncomingMail from BODYSTRUCTURE and the parts). */
  async processIncoming(mail: IncomingMail, source: MailSource = {}): Promise<ProcessRecord> {
    const detected = detectScheduling(mail);
    if (detected.kind === 'none')
      return blank({
        messageId: mail.messageId,
        kind: 'not-scheduling',
        outcome: 'ignored',
        reason: textMessage(detected.reason),
      });
    const headerDate = mail.date ? Date.parse(mail.date) : Number.NaN;
    const envelope: MailEnvelope = {
      messageId: mail.messageId,
      from: mail.from,
      sender: mail.sender,
      replyTo: mail.replyTo,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      receivedAt: source.receivedAt ?? (Number.isFinite(headerDate) ? headerDate : null),
      authenticationResults: mail.authenticationResults,
    };
    return this.processCalendar(
      detected.text,
      detected.headerMethod,
      envelope,
      detected.notes,
      source.message ?? null,
      mail.deliveryReport ?? null,
      mail.htmlBody ?? null,
    );
  }

  /**
   * Processes one scheduling object with its envelope (mail already read). With `deliveryReport` the mail is a
   * bounce and `ics` the message it returned (see shared/itip/deliveryFailure.ts). `mailHtml`, the mail's HTML
   * body, goes with a decision the message asks for, so the app can show the text the sender wrote.
   */
  async processCalendar(
    ics: string,
    headerMethod: string | null,
    envelope: MailEnvelope,
    notes: readonly string[] = [],
    message: MessageSource | null = null,
    deliveryReport: DeliveryReport | null = null,
    mailHtml: string | null = null,
  ): Promise<ProcessRecord> {
    const key = ProcessedStore.keyFor(null, `${envelope.messageId ?? ''}\n${ics}`, envelope.from?.address ?? null);
    const seen = this.#data.processed.get(key);
    if (seen) {
      // What the message says about itself, as recorded the first time (read again from older records).
      const head =
        seen.method !== undefined && seen.sequence !== undefined
          ? { method: seen.method, sequence: seen.sequence }
          : describeItip(ics, headerMethod);
      return blank({
        messageId: envelope.messageId,
        method: head.method,
        sequence: head.sequence,
        uid: seen.uid,
        recurrenceId: seen.recurrenceId,
        kind: 'outdated',
        outcome: 'ignored',
        duplicate: true,
        reason: textMessage(
          `This message was already processed (${seen.at}: ${seen.kind}, ${seen.outcome}); nothing was done again.`,
        ),
        pendingId: seen.pendingId && this.#data.pending.get(seen.pendingId) ? seen.pendingId : null,
      });
    }
    const parts = deliveryReport ? null : publishParts(ics, headerMethod);
    if (parts) return this.#processParts(key, parts, headerMethod, envelope, notes, message);
    const ctx = this.context();
    const incoming = { ics, headerMethod, envelope };
    const run = (lookup: (uid: string) => ICAL.Component | null): EngineResult =>
      deliveryReport
        ? processDeliveryReport(incoming, deliveryReport, lookup, ctx)
        : processItip(incoming, lookup, ctx);
    const result = run(this.#lookup);
    const record = await this.#carryOut(result, ctx, {
      autoSubmitted: true,
      notes,
      cause: key,
      inReplyTo: envelope.messageId,
      source: message,
      reapply: rerun(run),
      mailHtml,
    });
    await this.#data.processed.record(
      key,
      {
        at: new Date(ctx.now).toISOString(),
        kind: record.kind,
        outcome: record.outcome,
        reason: record.reason,
        uid: record.uid,
        recurrenceId: record.recurrenceId,
        pendingId: record.pendingId,
        method: record.method,
        sequence: record.sequence,
      },
      // The message behind an open decision, so the decision can be derived again if its file becomes unusable.
      record.pendingId ? { ics, headerMethod, envelope, source: message } : undefined,
    );
    return { ...record, messageId: envelope.messageId };
  }

  /**
   * Each event of a PUBLISH with several UIDs as a message of its own (each with its own processed record, so a
   * retry after a failure skips the parts already done), then the mail's own record.
   */
  async #processParts(
    key: string,
    parts: readonly PublishPart[],
    headerMethod: string | null,
    envelope: MailEnvelope,
    notes: readonly string[],
    message: MessageSource | null,
  ): Promise<ProcessRecord> {
    const records: ProcessRecord[] = [];
    for (const p of parts) records.push(await this.processCalendar(p.ics, headerMethod, envelope, notes, message));
    const lead = records.find((r) => r.outcome === 'pending') ?? records.find((r) => r.outcome === 'applied');
    const first = lead ?? (records[0] as ProcessRecord);
    const record: ProcessRecord = { ...first, uid: null, recurrenceId: null, sequence: null, parts: records };
    await this.#data.processed.record(key, {
      at: new Date(this.#opts.now()).toISOString(),
      kind: record.kind,
      outcome: record.outcome,
      reason: record.reason,
      uid: null,
      recurrenceId: null,
      pendingId: record.pendingId,
      method: record.method,
      sequence: null,
    });
    return record;
  }

  /**
   * Recipients my SMTP server refused for a message the outbox sent (the outbox record says which method and UID):
   * noted on the event like a bounce. Noting twice changes nothing, so there is no processed record.
   */
  async noteRefused(
    sent: { readonly messageId: string | null; readonly method: string; readonly uid: string },
    report: DeliveryReport,
  ): Promise<ProcessRecord> {
    const ctx = this.context();
    const run = (lookup: (uid: string) => ICAL.Component | null): EngineResult =>
      processRefusal(sent, report, lookup, ctx);
    const result = run(this.#lookup);
    const record = await this.#carryOut(result, ctx, {
      autoSubmitted: true,
      notes: [],
      cause: `refused:${sent.messageId ?? sent.uid}`,
      source: null,
      reapply: rerun(run),
    });
    return { ...record, messageId: sent.messageId };
  }

  /** Carries out a person's choice on an open decision. */
  async decide(id: string, choice: Choice, comment: string | null): Promise<ProcessRecord & { readonly id: string }> {
    const pending = this.#data.pending.get(id);
    if (!pending)
      return {
        ...blank({
          kind: 'invalid',
          outcome: 'error',
          reason: textMessage(`There is no open decision with id ${id}.`),
          errorCode: 'PENDING_NOT_FOUND',
        }),
        id,
      };
    if (await this.#data.decisions.hasCarriedOut(id)) {
      // Carried out and logged before a failure kept the pending file: finish the removal, answer nothing again.
      await this.#data.pending.remove(id);
      return {
        ...blank({
          kind: pending.kind,
          outcome: 'applied',
          reason: textMessage('This decision had been carried out already; it is now closed.'),
          uid: pending.uid,
          recurrenceId: pending.recurrenceId,
        }),
        id,
      };
    }
    const ctx = this.context();
    const result = decideItip(pending, choice, comment, this.#lookup, ctx);
    if (result.outcome === 'error')
      return {
        ...blank({
          kind: pending.kind,
          outcome: 'error',
          reason: result.reason,
          uid: pending.uid,
          recurrenceId: pending.recurrenceId,
          errorCode: 'DECISION_INVALID',
        }),
        id,
      };
    const reapply = rerun((lookup) => decideItip(pending, choice, comment, lookup, ctx));
    const record = await this.#carryOut(result, ctx, {
      autoSubmitted: false,
      notes: [],
      cause: `decision:${id}:${choice}`,
      inReplyTo: pending.message.envelope.messageId,
      source: null,
      reapply,
      deciding: id,
      mailHtml: pending.mailHtml ?? null,
    });
    // The log line before the removal: a failure in between leaves the decision open and logged, and the retry
    // above only removes it. A log that cannot be written fails the decision, which stays open to be retried.
    await this.#data.decisions.record(this.#entry(ctx, pending.kind, choice, record, id));
    await this.#data.pending.remove(id);
    return { ...record, messageId: pending.message.envelope.messageId, id };
  }

  /** My answer to a stored event (no pending decision needed). */
  async respond(
    uid: string,
    recurrenceId: ICAL.Time | null,
    partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED',
    comment: string | null,
    opts: { send?: boolean } = {},
  ): Promise<ProcessRecord> {
    const ctx = this.context();
    const answered = respondToEvent({ stored: this.#lookup(uid), uid, recurrenceId, partstat, comment, ctx });
    // "Don't send a response" (as every calendar client offers): the answer is stored, the organizer is not told.
    const result = opts.send === false && answered.outcome === 'applied' ? { ...answered, outgoing: [] } : answered;
    if (result.outcome === 'error')
      return blank({ kind: 'reply', outcome: 'error', reason: result.reason, uid, errorCode: 'RESPOND_INVALID' });
    const reapply = rerun((lookup) =>
      respondToEvent({ stored: lookup(uid), uid, recurrenceId, partstat, comment, ctx }),
    );
    const record = await this.#carryOut(result, ctx, {
      autoSubmitted: false,
      notes: [],
      cause: `respond:${uid}:${result.recurrenceId ?? ''}:${partstat}:${ctx.now}`,
      source: null,
      reapply,
    });
    return this.#remember(ctx, 'reply', partstat.toLowerCase(), record);
  }

  /**
   * An operation the person starts on an event (create, update, cancel as organizer): the engine call runs on the
   * calendar as it is now (and again on a server's newer copy), its change is stored and its messages sent.
   */
  async act(
    uid: string,
    label: string,
    run: (stored: ICAL.Component | null, ctx: EngineContext) => EngineResult,
  ): Promise<ProcessRecord> {
    const ctx = this.context();
    const result = run(this.#lookup(uid), ctx);
    if (result.outcome === 'error')
      return blank({ kind: result.kind, outcome: 'error', reason: result.reason, uid, errorCode: result.errorCode });
    const reapply = rerun((lookup) => run(lookup(uid), ctx));
    const record = await this.#carryOut(result, ctx, {
      autoSubmitted: false,
      notes: [],
      cause: `${label}:${uid}:${result.recurrenceId ?? ''}:${ctx.now}`,
      source: null,
      reapply,
    });
    return this.#remember(ctx, result.kind, label, record);
  }

  /**
   * The person's decision goes into the decision log, which the activity list reads. It was carried out already:
   * a log that cannot be written becomes a warning, not a failure.
   */
  #entry(ctx: EngineContext, kind: string, choice: string, r: ProcessRecord, pendingId?: string): DecisionEntry {
    return {
      at: new Date(ctx.now).toISOString(),
      kind,
      choice,
      outcome: r.outcome,
      reason: r.reason,
      uid: r.uid,
      recurrenceId: r.recurrenceId,
      sentTo: r.outgoing.map((o) => o.to),
      ...(pendingId ? { pendingId } : {}),
    };
  }

  async #remember(ctx: EngineContext, kind: string, choice: string, r: ProcessRecord): Promise<ProcessRecord> {
    const entry = this.#entry(ctx, kind, choice, r);
    try {
      await this.#data.decisions.record(entry);
      return r;
    } catch (e) {
      return {
        ...r,
        warnings: [
          ...r.warnings,
          textMessage(`Done, but not written to the activity log: ${e instanceof Error ? e.message : String(e)}`),
        ],
      };
    }
  }

  listPending(): PendingDecision[] {
    return this.#data.pending.list();
  }

  async #carryOut(
    result: EngineResult,
    ctx: EngineContext,
    opts: {
      autoSubmitted: boolean;
      notes: readonly string[];
      cause: string;
      /** The Message-ID of the mail being answered, when there is one. */
      inReplyTo?: string | null;
      source: MessageSource | null;
      reapply: Reapply;
      deciding?: string;
      mailHtml?: string | null;
    },
  ): Promise<ProcessRecord> {
    const backend = this.#opts.calendar;
    const storeNotes: string[] = [];
    // Decisions before the calendar: once the calendar holds the new version, processing the message again finds
    // it outdated, so a decision written after it would be lost for good if that write failed (a full disk, a
    // crash). Written first, a failure later leaves the message unrecorded and it is simply processed again.
    await this.#dropObsolete(result, opts.deciding);
    let pendingId: string | null = null;
    if (result.pending)
      pendingId = (
        await this.#data.pending.add(
          {
            ...result.pending,
            source: opts.source,
            ...(opts.mailHtml ? { mailHtml: opts.mailHtml } : {}),
            // Against the calendar before this message's provisional copy (written below) replaces it.
            changedOccurrences: changedOccurrencesOf(result.pending, this.#lookup(result.pending.uid)),
          },
          new Date(ctx.now).toISOString(),
        )
      ).id;
    // Outgoing mail before the calendar: once the calendar holds the change, carrying it out again answers the
    // calendar as it is then and may send nothing (an approved party crasher is an attendee already), so mail
    // not written by then would be lost. Written first, a retry gives the same Message-ID and the outbox keeps one.
    const outgoing: Delivery[] = [];
    const refused: Message[] = [];
    for (const msg of result.outgoing) {
      // Nothing goes to a mangled or empty address: the person is told instead (RECIPIENT_INVALID).
      if (!isMailAddress(msg.to.address)) {
        refused.push({
          key: 'reliability.recipientInvalid',
          params: { method: msg.method, address: msg.to.address.slice(0, 200) },
        });
        continue;
      }
      outgoing.push(
        await this.#opts.sink.deliver(this.#fromMe(msg), {
          now: ctx.now,
          autoSubmitted: opts.autoSubmitted,
          cause: opts.cause,
          inReplyTo: opts.inReplyTo ?? null,
        }),
      );
    }
    if (backend && result.store) {
      const w = await backend.apply(
        result.store.uid,
        result.store.type === 'put' ? { type: 'put', calendar: parsedCalendar(result.store.ics) } : { type: 'delete' },
        opts.reapply,
      );
      if (w.message) storeNotes.push(w.message);
    } else if (result.store?.type === 'put') await this.#data.calendar.put(result.store.uid, result.store.ics);
    else if (result.store?.type === 'delete') await this.#data.calendar.delete(result.store.uid);
    if (result.outcome === 'ignored' && result.tombstone)
      await this.#data.tombstones.record(result.tombstone.uid, result.tombstone);
    return {
      messageId: null,
      method: result.method,
      uid: result.uid,
      recurrenceId: result.recurrenceId,
      sequence: result.sequence,
      kind: result.kind,
      outcome: result.outcome,
      reason: refused[0] ?? result.reason,
      pendingId,
      warnings: [...opts.notes.map(textMessage), ...result.warnings, ...storeNotes.map(textMessage), ...refused],
      outgoing,
      ...((result.outcome === 'error' || result.outcome === 'ignored') && result.errorCode
        ? { errorCode: result.errorCode }
        : refused.length
          ? { errorCode: 'RECIPIENT_INVALID' }
          : {}),
    };
  }

  /**
   * My From name is my own identity (config.json `name`), never a CN from someone else's invitation: the inviter
   * writes the CN on my ATTENDEE line and would otherwise choose how my reply is signed (and how long its header is).
   */
  #fromMe(msg: OutgoingItip): OutgoingItip {
    const name = this.#data.config()['name'];
    const from =
      typeof name === 'string' && name.trim()
        ? { address: msg.from.address, name: name.trim() }
        : { address: msg.from.address };
    return { ...msg, from };
  }

  /** Removes the open decisions this result makes obsolete; the one being decided (`keep`) is removed last, by decide. */
  async #dropObsolete(result: EngineResult, keep?: string): Promise<void> {
    for (const o of result.obsoletes) {
      for (const p of this.#data.pending.findByUid(o.uid)) {
        if (p.id !== keep && supersedes(o, p)) await this.#data.pending.remove(p.id);
      }
    }
  }
}

/**
 * The re-apply a calendar backend calls when the server's copy changed under us: the engine is deterministic, so
 * running it again on that copy gives the change as if the message had arrived now; only its store is used.
 */
function rerun(run: (lookup: (uid: string) => ICAL.Component | null) => EngineResult): Reapply {
  return (current) => {
    const again = run(() => current);
    if (!again.store) return null;
    return again.store.type === 'put' ? { type: 'put', calendar: parsedCalendar(again.store.ics) } : { type: 'delete' };
  };
}

/** The record of a mail that could not be read or handled at all: an error, naming the mail where it can. */
export function failedMailRecord(
  reason: ProcessRecord['reason'],
  errorCode?: string,
  messageId: string | null = null,
): ProcessRecord {
  return blank({ messageId, kind: 'invalid', outcome: 'error', reason, ...(errorCode ? { errorCode } : {}) });
}

function blank(r: Partial<ProcessRecord> & Pick<ProcessRecord, 'kind' | 'outcome' | 'reason'>): ProcessRecord {
  return {
    messageId: null,
    method: null,
    uid: null,
    recurrenceId: null,
    sequence: null,
    pendingId: null,
    warnings: [],
    outgoing: [],
    ...r,
  };
}

/** The engine hands over text; a calendar server backend edits a component. */
function parsedCalendar(ics: string): ICAL.Component {
  return new ICAL.Component(parseIcs(ics) as unknown[]);
}
