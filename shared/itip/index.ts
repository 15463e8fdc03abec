/** The scheduling engine's public surface: everything other folders may use. */
export { processItip, decideItip, respondToEvent, type StoredLookup } from './engine.js';
export { processDeliveryReport, processRefusal, UNDELIVERED } from './deliveryFailure.js';
export { parseItip, type ItipMessage } from './message.js';
export { ITIP_ERRORS, type ItipErrorCode } from './errors.js';
export { eventView } from './views.js';
export { serializeItip, PRODID } from './outgoing.js';
export type { EngineContext, EngineResult, IncomingItip, StoreChange, BusyPeriod, ObsoletePending } from './types.js';
export { cloneComponent, eventsOf, masterOf, addressesIn } from './components.js';
