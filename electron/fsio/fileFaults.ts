/**
 * The seam for the data dir's file operations: every atomic write, append and delete asks `checkFileFault` first,
 * and so does each sync of a write batch's flush (writeBatch.ts).
 * Normally nothing is installed and it returns at once; a test installs a hook that throws (ENOSPC, EROFS, or a
 * simulated kill) for one operation, to prove that every failure point is recovered from without a lost or
 * doubled decision.
 */
export type FileOperation = 'write' | 'append' | 'delete' | 'sync';
export type FileFaultHook = (op: FileOperation, target: string) => void;

let hook: FileFaultHook | null = null;

/** Installs (or with null removes) the hook; returns the one it replaced. */
export function setFileFaultHook(next: FileFaultHook | null): FileFaultHook | null {
  const previous = hook;
  hook = next;
  return previous;
}

/** Throws what the installed hook throws for this operation; nothing without a hook. */
export function checkFileFault(op: FileOperation, target: string): void {
  if (hook) hook(op, target);
}
