/**
 * The orchestrator as the app runs it: policy and time frame are read from the data dir's config.json at each
 * message, so a change made in Settings applies to the next message without a restart.
 */
import type { Policy } from '../../shared/model/decisions.js';
import { POLICIES } from '../../shared/ipc/schemas.js';
import { parseTimeframe } from '../../shared/util/duration.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';
import { Orchestrator, type OrchestratorOptions } from './orchestrator.js';
import type { OutgoingSink } from './outbox.js';
import type { CalendarBackend } from '../caldav/calendarBackend.js';

export const DEFAULT_POLICY: Policy = 'known';
export const DEFAULT_TIMEFRAME = '4W';

export function policyOf(cfg: DataDirConfig): Policy {
  return (POLICIES as readonly unknown[]).includes(cfg.policy) ? (cfg.policy as Policy) : DEFAULT_POLICY;
}

export function timeframeOf(cfg: DataDirConfig): { text: string; ms: number } {
  const text = typeof cfg.timeframe === 'string' ? cfg.timeframe : DEFAULT_TIMEFRAME;
  const parsed = parseTimeframe(text);
  if (parsed.ok) return { text, ms: parsed.value };
  const fallback = parseTimeframe(DEFAULT_TIMEFRAME);
  return { text: DEFAULT_TIMEFRAME, ms: fallback.ok ? fallback.value : 28 * 86_400_000 };
}

export function createLiveOrchestrator(data: DataDir, sink: OutgoingSink, now: () => number, calendar: CalendarBackend | null = null): Orchestrator {
  const options: OrchestratorOptions = {
    get policy() {
      return policyOf(data.config());
    },
    get timeframeMs() {
      return timeframeOf(data.config()).ms;
    },
    now,
    sink,
    calendar,
  };
  return new Orchestrator(data, options);
}
