export * from './zones.js';
export * from './time.js';
export * from './recurrence.js';
