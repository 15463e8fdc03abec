/** The scheduling engine's public surface: everything other folders may use. */
export { processItip, decideItip, respondToEvent, describeItip, type StoredLookup } from './engine.js';
export { publishParts, processItipEach, type PublishPart } from './publishParts.js';
export { processDeliveryReport, processRefusal, UNDELIVERED } from './deliveryFailure.js';
export { parseItip, type ItipMessage } from './message.js';
export { ITIP_ERRORS, type ItipErrorCode, type ItipError } from './errors.js';
export { eventView } from './views.js';
export { serializeItip, PRODID } from './outgoing.js';
export type {
  EngineContext,
  EngineResult,
  AppliedResult,
  PendingResult,
  IgnoredResult,
  ErrorResult,
  IncomingItip,
  StoreChange,
  BusyPeriod,
  ObsoletePending,
  OpenDecision,
  Tombstone,
  UnverifiedSenders,
} from './types.js';
export { cloneComponent, eventsOf, masterOf, addressesIn } from './components.js';
export { supersedes, sameInstance } from './obsolete.js';
export { counterEvent, delegateEvent, refreshEvent, removeEvent } from './organize/index.js';
export {
  createEvent,
  updateEvent,
  cancelEvent,
  type NewEvent,
  type NewAttendee,
  type EventChange,
} from './organize/index.js';
export { replyToken, tokenAddress, subaddress, isMyAddress } from './replyToken.js';
export {
  imipAllowed,
  patternProblem,
  patternProblems,
  MAX_PATTERN_LENGTH,
  type PatternProblem,
} from './imipPatterns.js';
