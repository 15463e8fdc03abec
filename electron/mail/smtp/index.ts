/**
 * Sending: SMTP submission (SmtpSender) and what it needs to read from a composed message's header. The durable
 * outbox drained through it is electron/outbox.
 */
export { SmtpSender, type SmtpSenderOptions } from './smtpSender.js';
export type {
  SmtpAccount,
  SmtpEnvelope,
  SmtpFailure,
  SmtpFailureCode,
  SmtpSendResult,
  SmtpSent,
  SmtpTestResult,
} from './smtpTypes.js';
export { MESSAGE_ID_DOMAIN, envelopeFromHeader, ensureMessageId, readMessageId } from './mailEnvelope.js';
