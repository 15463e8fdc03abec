/** The organizer's operations: create, change and cancel events I organize. */
export { createEvent, type NewEvent, type NewAttendee } from './createEvent.js';
export { updateEvent, type EventChange } from './updateEvent.js';
export { cancelEvent, removeEvent } from './cancelEvent.js';
export { counterEvent, delegateEvent, refreshEvent } from './attendeeActions.js';
