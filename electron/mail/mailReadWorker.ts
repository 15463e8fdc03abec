/**
 * A thread that reads mails (readImipMail: the MIME walk and the calendar parts' decoding) for the thread that
 * applies them (mailReaders.ts). Each request is answered in the order it came, with the same result readImipMail
 * gives in the calling thread: IncomingMail and MailReadError are plain data and cross threads as they are.
 */
import { parentPort } from 'node:worker_threads';
import { readImipMail } from './readImipMail.js';

interface ReadRequest {
  readonly seq: number;
  /** The raw message, one character per byte. */
  readonly latin1: string;
}

const port = parentPort;
if (port) {
  port.on('message', (req: ReadRequest) => {
    void readImipMail(Buffer.from(req.latin1, 'latin1')).then((result) => port.postMessage({ seq: req.seq, result }));
  });
  // Loaded: until this arrives the calling thread reads the mails itself.
  port.postMessage({ ready: true });
}
