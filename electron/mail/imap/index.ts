/**
 * The IMAP mail source, as the agent imports it: ImapSource and the plain-data types around it.
 */
export { ImapSource } from './imapSource.js';
export { ImapError, IMAP_ERRORS, type ImapErrorCode, type ConnectErrorCode } from './imapErrors.js';
export { CLAIM_KEYWORD, KEYWORDS } from './imapTypes.js';
export { formatUidSet } from './uidSet.js';
export type {
  FetchedMessage,
  ImapAccount,
  ImapSourceOptions,
  ImapStats,
  ImapStatus,
  MessageRef,
  MessageState,
} from './imapTypes.js';
