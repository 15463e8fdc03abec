/**
 * Mails read on a thread of their own while the calling thread applies the ones read before: reading a mail
 * (mailparser's MIME walk, header decoding, the calendar parts' charsets) is a third of what `process` spends per
 * mail, and a machine has a second core for it. Owns the reader thread's life and the order of the answers.
 *
 * A reader gives exactly what readImipMail gives in the calling thread (it runs readImipMail). When the thread
 * cannot be started (the worker's file is not beside this one, as when the sources run untranspiled) or dies, the
 * mails are read in the calling thread instead: slower, never different.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readImipMail } from './readImipMail.js';
import { readMailFile, type FileRead, type MailRead } from './readMailFile.js';

export type { FileRead, MailRead } from './readMailFile.js';

/** A request the thread has not answered yet, with what the calling thread needs to do it itself. */
type Waiting =
  | { readonly bytes: Uint8Array; readonly resolve: (r: MailRead) => void }
  | { readonly file: string; readonly maxBytes: number; readonly resolve: (r: FileRead) => void };

/** The worker's file: beside this module, in the compiled tree and in the bundle alike. */
export function defaultReaderFile(): string {
  return fileURLToPath(new URL('./mailReadWorker.js', import.meta.url));
}

export class MailReaders {
  readonly #file: string;
  #worker: Worker | null = null;
  #ready = false;
  #threadReads = 0;
  #failed = false;
  #seq = 0;
  readonly #waiting = new Map<number, Waiting>();

  constructor(file: string = defaultReaderFile()) {
    this.#file = file;
  }

  /** True while the reader thread runs (it starts with the first read; false after a fallback). */
  get threaded(): boolean {
    return this.#worker !== null;
  }

  /** Mails the reader thread has read so far (the rest were read in the calling thread). */
  get threadReads(): number {
    return this.#threadReads;
  }

  /** Starts the thread and resolves once it reads (true), or once it turned out it cannot (false). */
  async started(): Promise<boolean> {
    const worker = this.#start();
    if (!worker) return false;
    if (this.#ready) return true;
    return new Promise<boolean>((resolve) => {
      const check = (): void => {
        if (this.#ready || this.#worker !== worker) {
          worker.off('message', check);
          worker.off('exit', check);
          resolve(this.#ready && this.#worker === worker);
        }
      };
      worker.on('message', check);
      worker.on('exit', check);
    });
  }

  /** Reads one raw message; answers come back in any order the caller awaits them, each to its own request. */
  read(bytes: Uint8Array): Promise<MailRead> {
    const worker = this.#start();
    // While the thread is still loading the reader (~0.1 s), the calling thread, which has it loaded, goes on.
    if (!worker || !this.#ready) return readImipMail(bytes);
    const seq = ++this.#seq;
    return new Promise<MailRead>((resolve) => {
      this.#waiting.set(seq, { bytes, resolve });
      // As a one-byte string, the bytes unchanged: posting a typed array here cost ~0.3 ms a mail (measured), ten
      // times the string; it also copies a Buffer's whole shared pool, not just the mail.
      worker.postMessage({
        seq,
        latin1: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      });
    });
  }

  /**
   * Reads a mail file (readMailFile): on the thread, which opens and reads the file itself, so this thread neither
   * reads it nor copies its bytes across; here while the thread is loading or when it cannot run.
   */
  readFile(file: string, maxBytes: number): Promise<FileRead> {
    const worker = this.#start();
    if (!worker || !this.#ready) return readMailFile(file, maxBytes);
    const seq = ++this.#seq;
    return new Promise<FileRead>((resolve) => {
      this.#waiting.set(seq, { file, maxBytes, resolve });
      worker.postMessage({ seq, file, maxBytes });
    });
  }

  /** Stops the reader thread; requests still open are read in the calling thread. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#failed = true;
    if (worker) await worker.terminate();
    this.#drainHere();
  }

  #start(): Worker | null {
    if (this.#worker || this.#failed) return this.#worker;
    if (!existsSync(this.#file)) {
      this.#failed = true;
      return null;
    }
    try {
      const worker = new Worker(this.#file);
      worker.on('message', (m: { seq: number; result: unknown } | { ready: true }) => {
        if ('ready' in m) {
          this.#ready = true;
          return;
        }
        const w = this.#waiting.get(m.seq);
        if (!w) return;
        this.#waiting.delete(m.seq);
        this.#threadReads++;
        // The thread answers each request with what its kind asks for (mailReadWorker.ts).
        if ('file' in w) w.resolve(m.result as FileRead);
        else w.resolve(m.result as MailRead);
      });
      // A thread that fails or exits early leaves its requests to the calling thread.
      const fallBack = (): void => {
        if (this.#worker !== worker) return;
        this.#worker = null;
        this.#failed = true;
        this.#drainHere();
      };
      worker.on('error', fallBack);
      worker.on('exit', fallBack);
      this.#worker = worker;
      return worker;
    } catch {
      this.#failed = true;
      return null;
    }
  }

  #drainHere(): void {
    const open = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of open) {
      if ('file' in w) void readMailFile(w.file, w.maxBytes).then(w.resolve);
      else void readImipMail(w.bytes).then(w.resolve);
    }
  }
}
