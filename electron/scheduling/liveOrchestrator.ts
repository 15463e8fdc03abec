/**
 * The orchestrator as the app runs it: policy and time frame are read from the data dir's config.json at each
 * message, so a change made in Settings applies to the next message without a restart.
 */
import type { DataDir } from '../store/dataDir.js';
import { policyOf, timeframeOf } from '../settings/schedulingSettings.js';
import { Orchestrator, type OrchestratorOptions } from './orchestrator.js';
import type { OutgoingSink } from './outbox.js';
import type { CalendarBackend } from '../caldav/calendarBackend.js';

export function createLiveOrchestrator(
  data: DataDir,
  sink: OutgoingSink,
  now: () => number,
  calendar: CalendarBackend | null = null,
): Orchestrator {
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
