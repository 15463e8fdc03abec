/**
 * File-system errors as data: an I/O error that names the path it is about and keeps the errno `code`
 * (EACCES, ENOSPC, …) for callers that branch on it. Shared by the stores, the outbox and the mail state.
 */

/** An Error whose message names the path, keeping the errno `code` (EACCES, ENOTDIR, …) for callers that branch on it. */
export function ioError(action: string, target: string, cause: unknown): Error & { code?: string } {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const error: Error & { code?: string } = new Error(`Cannot ${action} ${target}: ${detail}`, { cause });
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') error.code = code;
  return error;
}

export function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
