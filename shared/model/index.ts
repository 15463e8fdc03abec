export * from './mail.js';
export * from './outgoing.js';
export * from './decisions.js';
export * from './domain.js';
export * from './instant.js';
export * from './storedMessage.js';
export * from './tombstone.js';
