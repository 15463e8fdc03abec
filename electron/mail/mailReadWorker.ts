/**
 * A thread that reads mails (readImipMail: the MIME walk and the calendar parts' decoding) for the thread that
 * applies them (mailReaders.ts): mails handed over as bytes, or mail files it reads itself (readMailFile), so the
 * applying thread neither reads the file nor copies its bytes across. Each answer is what the same function gives
 * in the calling thread: IncomingMail, MailReadError and FileRead are plain data and cross threads as they are.
 */
import { parentPort } from 'node:worker_threads';
import { readImipMail } from './readImipMail.js';
import { readMailFile } from './readMailFile.js';

type ReadRequest =
  /** The raw message, one character per byte. */
  | { readonly seq: number; readonly latin1: string }
  | { readonly seq: number; readonly file: string; readonly maxBytes: number };

const port = parentPort;
if (port) {
  port.on('message', (req: ReadRequest) => {
    const answer =
      'file' in req ? readMailFile(req.file, req.maxBytes) : readImipMail(Buffer.from(req.latin1, 'latin1'));
    void answer.then((result) => port.postMessage({ seq: req.seq, result }));
  });
  // Loaded: until this arrives the calling thread reads the mails itself.
  port.postMessage({ ready: true });
}
