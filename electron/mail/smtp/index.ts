/**
 * Sending: SMTP submission (SmtpSender) and the durable outbox folder drained through it (OutboxQueue).
 * The agent imports from here only.
 */
export { SmtpSender, type SmtpSenderOptions } from './smtpSender.js';
export { OutboxQueue, type DrainHooks, type DrainResult, type MessageSender, type OutboxListing, type OutboxQueueOptions } from './outboxQueue.js';
export type { UndeliveredRecipient } from './outboxDelivery.js';
export type { SmtpAccount, SmtpEnvelope, SmtpFailure, SmtpFailureCode, SmtpSendResult, SmtpSent, SmtpTestResult } from './smtpTypes.js';
export { MESSAGE_ID_DOMAIN, envelopeFromHeader, ensureMessageId, readMessageId } from './mailEnvelope.js';
