/**
 * An orchestrator on a data dir under `dir` (data in `dir/data`, outgoing mail in `dir/out`), with me@example.com
 * as my address and a fixed clock: the setup of the scheduling tests that restart on the same folder.
 */
import path from 'node:path';
import { DataDir } from '../../electron/store/dataDir.js';
import { Orchestrator } from '../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../electron/scheduling/outbox.js';
import type { Policy } from '../../shared/model/decisions.js';

export const ORCHESTRATOR_NOW = Date.parse('2026-03-01T12:00:00Z');

export async function openOrchestrator(
  dir: string,
  opts: { policy?: Policy; fsync?: boolean } = {},
): Promise<{ data: DataDir; orch: Orchestrator }> {
  const data = await DataDir.open(path.join(dir, 'data'), opts.fsync === false ? { fsync: false } : {});
  await data.addMe(['me@example.com']);
  const orch = new Orchestrator(data, {
    policy: opts.policy ?? 'known',
    timeframeMs: 28 * 86_400_000,
    now: () => ORCHESTRATOR_NOW,
    sink: new FolderSink(path.join(dir, 'out')),
  });
  return { data, orch };
}
