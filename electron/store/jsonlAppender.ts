/**
 * Appending records to an append-only JSON-lines log (the processed log, the decision log, a pack of pending
 * decisions): one line per record,
 * appends one at a time so lines never interleave, and a torn last line (a crash mid-append) terminated first so
 * it stays one unreadable line instead of corrupting the next record.
 */
import { appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ioError } from './storeFiles.js';
import { checkFileFault } from '../fsio/fileFaults.js';
import { currentWriteBatch } from '../fsio/writeBatch.js';
import path from 'node:path';

export class JsonlAppender {
  private chain: Promise<unknown> = Promise.resolve();

  /** `tornTail`: the file does not end with a line break; the first append starts one. */
  constructor(
    readonly file: string,
    private readonly fsync: boolean,
    private tornTail = false,
  ) {}

  /** Marks the file as ending without a line break (found while loading it). */
  markTornTail(): void {
    this.tornTail = true;
  }

  /** Appends `record` as one line; once it resolves the line survives a crash (with fsync on). */
  append(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const run = this.chain.then(() => this.write(line));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async write(line: string): Promise<void> {
    const data = this.tornTail ? `\n${line}` : line;
    checkFileFault('append', this.file);
    const batch = this.fsync ? currentWriteBatch() : null;
    try {
      if (batch) {
        // The batch syncs the log (and its folder, for a log this append creates) once at its end.
        appendFileSync(this.file, data, { mode: 0o600 });
        batch.noteFile(this.file);
        batch.noteDir(path.dirname(this.file));
      } else if (this.fsync) {
        const handle = await open(this.file, 'a', 0o600);
        try {
          await handle.write(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } else {
        // Without fsync an append of one short line takes microseconds; the async round trip through the thread
        // pool costs far more, and this runs once per message in bulk runs.
        appendFileSync(this.file, data, { mode: 0o600 });
      }
    } catch (e) {
      // Part of the line may be in the file (a disk that filled up mid-write): the next append starts its own line.
      this.tornTail = true;
      throw ioError('append to', this.file, e);
    }
    this.tornTail = false;
  }
}
