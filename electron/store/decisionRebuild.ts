/**
 * Open decisions whose file became unusable and that their message can replace. Owns: which unusable
 * `pending/*.json` files and unreadable lines of packs qualify (the processed log holds their message,
 * processedStore.ts, and the decision log does not say they were carried out) and the shape of a rebuilt decision. Deriving the decision again is the engine's
 * job (electron/scheduling/rebuildDecisions.ts), handed to DataDir.quarantine by whoever opens the data dir.
 */
import path from 'node:path';
import type { PendingDraft } from '../../shared/model/decisions.js';
import type { DataDir } from './dataDir.js';
import type { ProcessedEntry, RecordedMessage } from './processedStore.js';

export interface RebuiltDecision {
  /** The unusable file it replaces (absolute). */
  readonly file: string;
  /** The id in that file's name. */
  readonly oldId: string;
  readonly draft: PendingDraft;
  readonly createdAt: string;
}

/** An unusable decision file with the message that opened it. */
export interface BrokenDecision {
  readonly file: string;
  readonly oldId: string;
  readonly recorded: ProcessedEntry & { readonly message: RecordedMessage };
}

/** Derives rebuilt decisions for the broken ones it can (the engine's side, see rebuildDecisions.ts). */
export type DecisionRebuilder = (data: DataDir, broken: readonly BrokenDecision[]) => RebuiltDecision[];

/**
 * Every decision of an unusable file whose message is recorded and that was not carried out already: the one a
 * `<id>.json` names, the ones a pack's unreadable lines seem to hold.
 */
export async function brokenDecisions(data: DataDir): Promise<BrokenDecision[]> {
  const out: BrokenDecision[] = [];
  for (const p of data.pending.problems) {
    if (!p.unusable) continue;
    const ids = p.decisionIds ?? [path.basename(p.file).replace(/\.json$/, '')];
    for (const oldId of ids) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(oldId)) continue;
      // Carried out before the file broke (the removal failed): nothing to ask again, the file only goes aside.
      if (await data.decisions.hasCarriedOut(oldId)) continue;
      const recorded = await data.processed.findDecisionMessage(oldId);
      if (recorded) out.push({ file: p.file, oldId, recorded });
    }
  }
  return out;
}
