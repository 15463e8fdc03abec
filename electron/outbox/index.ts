/**
 * The outbox: composed iMIP mail on disk until it is sent. Its writer (outboxFolder.ts), its reader
 * (outboxScan.ts), its record (outboxRecord.ts), the drain over SMTP (outboxQueue.ts, outboxDelivery.ts) and
 * its retention (outboxRetention.ts), held mail withdrawn or released (outboxHold.ts). Callers import from here.
 */
export { withdrawHeld, releaseHeld, type WithdrawResult } from './outboxHold.js';
export { writeToOutbox, sanitiseRecipient, type OutboxEntry } from './outboxFolder.js';
export {
  OutboxQueue,
  KEEP_FINISHED_MS,
  type DrainHooks,
  type DrainResult,
  type MessageSender,
  type OutboxListing,
  type OutboxQueueOptions,
} from './outboxQueue.js';
export type { UndeliveredRecipient } from './outboxDelivery.js';
export type { QueuedMessage } from './outboxRecord.js';
