/**
 * Open decisions whose file became unusable, derived again from the message that opened them. Owns: which unusable
 * `pending/*.json` files can be rebuilt (the processed log holds their message, processedStore.ts, and the
 * decision log does not say they were carried out), and the engine call that rebuilds one.
 *
 * The engine runs as it did when the message arrived: at its recorded time, with every automatic change held back
 * (so a message that needed a person, or was held, comes out pending again). When the message had stored the event
 * provisionally, the calendar now holds its version and the engine would call it outdated; it is then derived
 * against the calendar without that event, as it first was, and keeps the kind and reason recorded for it. With the
 * same UID, kind and text the rebuilt decision gets its old id, so `decide ID` works as before.
 */
import path from 'node:path';
import ICAL from 'ical.js';
import { processItip } from '../../shared/itip/index.js';
import type { EngineContext } from '../../shared/itip/index.js';
import { busyPeriods } from '../../shared/calendar/queries.js';
import type { MessageKind, PendingDraft } from '../../shared/model/decisions.js';
import { MESSAGE_KINDS } from '../../shared/model/domain.js';
import type { DataDir } from './dataDir.js';
import type { ProcessedEntry, RecordedMessage } from './processedStore.js';
import { PendingStore } from './pendingStore.js';

export interface RebuiltDecision {
  /** The unusable file it replaces (absolute). */
  readonly file: string;
  /** The id in that file's name. */
  readonly oldId: string;
  readonly id: string;
  readonly draft: PendingDraft;
  readonly createdAt: string;
}

/** Every unusable decision file of `data` that its message can replace, with the decision derived again. */
export async function rebuildableDecisions(data: DataDir): Promise<RebuiltDecision[]> {
  const out: RebuiltDecision[] = [];
  for (const p of data.pending.problems) {
    if (!p.unusable) continue;
    const oldId = path.basename(p.file).replace(/\.json$/, '');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(oldId)) continue;
    // Carried out before the file broke (the removal failed): nothing to ask again, the file only goes aside.
    if (await data.decisions.hasCarriedOut(oldId)) continue;
    const found = await data.processed.findDecisionMessage(oldId);
    if (!found) continue;
    const draft = rederive(data, found);
    if (!draft) continue;
    out.push({ file: p.file, oldId, id: PendingStore.idFor(draft), draft, createdAt: found.at });
  }
  return out;
}

function rederive(data: DataDir, found: ProcessedEntry & { message: RecordedMessage }): PendingDraft | null {
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
  const incoming = {
    ics: found.message.ics,
    headerMethod: found.message.headerMethod,
    envelope: found.message.envelope,
  };
  const source = found.message.source;
  // What the person was shown when it first arrived.
  const shown = { reason: found.reason, source };
  const now = processItip(incoming, (uid) => data.calendar.get(uid), ctx);
  if (now.outcome === 'pending' && now.pending && now.kind === found.kind) return { ...now.pending, ...shown };
  const first = processItip(incoming, () => null as ICAL.Component | null, ctx);
  if (first.outcome !== 'pending' || !first.pending) return null;
  const kind = (MESSAGE_KINDS as readonly string[]).includes(found.kind) ? (found.kind as MessageKind) : first.kind;
  return { ...first.pending, kind, ...shown };
}
