/**
 * Decisions whose file became unusable, derived again by the engine from the message that opened them (recorded in
 * the processed log; which files qualify is electron/store/decisionRebuild.ts). Handed to the data dir's repair by
 * whoever opens it (openCompanionStore, the agents, `sync`).
 *
 * The engine runs as it did when the message arrived: at its recorded time, with every automatic change held back
 * (so a message that needed a person, or was held, comes out pending again). When the message had stored the event
 * provisionally, the calendar now holds its version and the engine would call it outdated; it is then derived
 * against the calendar without that event, as it first was. Kind and reason are the ones recorded, so with the same
 * UID and text the rebuilt decision gets its old id and `decide ID` works as before.
 */
import type ICAL from 'ical.js';
import { processItip, type EngineContext } from '../../shared/itip/index.js';
import { busyPeriods } from '../../shared/calendar/queries.js';
import type { MessageKind, PendingDraft } from '../../shared/model/decisions.js';
import { MESSAGE_KINDS } from '../../shared/model/domain.js';
import type { DataDir } from '../store/dataDir.js';
import type { BrokenDecision, RebuiltDecision } from '../store/decisionRebuild.js';

export function rebuildDecisions(data: DataDir, broken: readonly BrokenDecision[]): RebuiltDecision[] {
  const out: RebuiltDecision[] = [];
  for (const b of broken) {
    const draft = rederive(data, b.recorded);
    if (draft) out.push({ file: b.file, oldId: b.oldId, draft, createdAt: b.recorded.at });
  }
  return out;
}

function rederive(data: DataDir, found: BrokenDecision['recorded']): PendingDraft | null {
  const at = Date.parse(found.at);
  const me = data.config().me;
  const ctx: EngineContext = {
    me,
    now: Number.isFinite(at) ? at : (found.message.envelope.receivedAt ?? 0),
    // Held back: whatever the policy let happen then has happened already (or will by the person's choice).
    policy: 'never',
    // It was inside the time frame when it arrived; the frame is measured from then.
    timeframeMs: Number.POSITIVE_INFINITY,
    isKnownAddress: (a) => data.isKnownAddress(a),
    busyPeriods: (from, to) => busyPeriods(data.calendar.entries(), from, to, me),
    cancelledVersion: (uid) => data.tombstones.get(uid),
  };
  const { ics, headerMethod, envelope, source } = found.message;
  const incoming = { ics, headerMethod, envelope };
  // What the person was shown when it first arrived.
  const shown = { reason: found.reason, source };
  const now = processItip(incoming, (uid) => data.calendar.get(uid), ctx);
  if (now.outcome === 'pending' && now.pending && now.kind === found.kind) return { ...now.pending, ...shown };
  const first = processItip(incoming, () => null as ICAL.Component | null, ctx);
  if (first.outcome !== 'pending' || !first.pending) return null;
  const kind = (MESSAGE_KINDS as readonly string[]).includes(found.kind) ? (found.kind as MessageKind) : first.kind;
  return { ...first.pending, kind, ...shown };
}
