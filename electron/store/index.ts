/** The data directory and its stores (see dataDir.ts for the on-disk layout). */
export { writeFileAtomic, type WriteOptions } from '../fsio/atomicWrite.js';
export { CalendarPutError, CalendarStore } from './calendarStore.js';
export { ContactsStore, type ContactSummary } from './contactsStore.js';
export { DataDir, DataDirError, type DataDirConfig } from './dataDir.js';
export { PendingStore } from './pendingStore.js';
export { PROCESSED_FILE, ProcessedStore, type ProcessedEntry } from './processedStore.js';
export type { StoreOptions, StoreProblem } from './storeFiles.js';
