/** The organizer's operations: create, change and cancel events I organize. */
export { createEvent, type NewEvent, type NewAttendee } from './createEvent.js';
export { updateEvent, type EventChange } from './updateEvent.js';
export { cancelEvent } from './cancelEvent.js';
