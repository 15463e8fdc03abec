/**
 * What each CalDAV account's last poll came to, for the person: when the server was last reached, whether it is
 * unreachable now (the cache is used and writes wait in the queue), or the error it answered with (its code, so
 * the app can word it with its fix). Kept in memory by the one `DavAccounts` of a running configuration; every
 * change is told to the listeners (the app pushes it to the renderer). Holds no secrets and no server text beyond
 * the error's own sentence.
 */
import { DavError, isOffline } from './davHttp.js';

export interface DavSyncStatus {
  readonly state: 'never' | 'ok' | 'offline' | 'error';
  /** When a sync last reached the server (epoch ms), null when none has yet. */
  readonly lastSync: number | null;
  /** The error's code (DAV_AUTH, DAV_UNREACHABLE, …) and sentence, null while syncing works. */
  readonly code: string | null;
  readonly message: string | null;
}

export const NEVER_SYNCED: DavSyncStatus = { state: 'never', lastSync: null, code: null, message: null };

export class DavSyncStatusBoard {
  readonly #status = new Map<string, DavSyncStatus>();
  /** `remote`: the sync brought changes made elsewhere into the cache (the calendar shown must be read again). */
  readonly #listeners = new Set<(remote: boolean) => void>();

  get(key: string): DavSyncStatus {
    return this.#status.get(key) ?? NEVER_SYNCED;
  }

  /** A sync that reached the server (`offline`: it could not, the cache was used). */
  synced(key: string, at: number, offline: boolean, problem: string | null = null, remote = false): void {
    const before = this.get(key);
    this.#set(
      key,
      offline
        ? { state: 'offline', lastSync: before.lastSync, code: 'DAV_UNREACHABLE', message: problem }
        : { state: 'ok', lastSync: at, code: null, message: null },
      remote,
    );
  }

  /** A poll that failed: unreachable is "offline", anything else an error the person has to fix. */
  failed(key: string, error: unknown): void {
    const before = this.get(key);
    const code = error instanceof DavError ? error.code : ((error as { code?: unknown }).code ?? null);
    this.#set(key, {
      state: isOffline(error) ? 'offline' : 'error',
      lastSync: before.lastSync,
      code: typeof code === 'string' ? code : null,
      message: error instanceof Error ? error.message : String(error),
    });
  }

  /** Something that is not a sync changed what the person sees (a write was queued or pushed). */
  touched(): void {
    this.#tell(false);
  }

  onChange(listener: (remote: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #set(key: string, next: DavSyncStatus, remote = false): void {
    const before = this.#status.get(key);
    this.#status.set(key, next);
    if (
      before?.state !== next.state ||
      before.lastSync !== next.lastSync ||
      before.code !== next.code ||
      before.message !== next.message ||
      remote
    )
      this.#tell(remote);
  }

  #tell(remote: boolean): void {
    for (const l of this.#listeners) {
      try {
        l(remote);
      } catch {
        // A listener's failure (a closed window) must not stop the poll.
      }
    }
  }
}
