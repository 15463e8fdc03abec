export * from './mail.js';
export * from './outgoing.js';
export * from './decisions.js';
