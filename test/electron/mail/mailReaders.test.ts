/**
 * The mail reader thread gives exactly what readImipMail gives in the calling thread, in the order asked, and
 * falls back to the calling thread when it cannot start or dies.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MailReaders } from '../../../electron/mail/mailReaders.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// The compiled worker (test/globalSetup.ts compiles the tree before the run).
const WORKER = path.join(ROOT, 'build', 'electron', 'mail', 'mailReadWorker.js');
const EML = path.join(ROOT, 'test', 'fixtures', 'eml');

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? emlFiles(p) : f.endsWith('.eml') ? [p] : [];
  });
}

const mails: Uint8Array[] = [
  ...emlFiles(EML).map((f) => readFileSync(f)),
  // What the reader refuses or cannot read must come back the same way too.
  Buffer.from(''),
  Buffer.from('not a mail at all\r\n'),
  Buffer.from('From: a@example.com\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n'),
  // Bytes that are not UTF-8, and a view into a larger buffer.
  Buffer.from('From: \xe9t\xe9 <a@example.com>\r\nSubject: caf\xe9\r\n\r\nhello\r\n', 'latin1'),
  Buffer.from('xxxxFrom: b@example.com\r\nSubject: slice\r\n\r\nbody\r\n').subarray(4),
];

describe('mail readers', () => {
  it('read on their thread what readImipMail reads here, each answer to its own request', async () => {
    expect(mails.length).toBeGreaterThan(20);
    const readers = new MailReaders(WORKER);
    try {
      expect(await readers.started()).toBe(true);
      const threaded = await Promise.all(mails.map((m) => readers.read(m)));
      expect(readers.threaded).toBe(true);
      expect(readers.threadReads).toBe(mails.length);
      const here = await Promise.all(mails.map((m) => readImipMail(m)));
      expect(threaded).toEqual(here);
    } finally {
      await readers.close();
    }
  });

  it('read in the calling thread when the worker file is missing', async () => {
    const readers = new MailReaders(path.join(ROOT, 'build', 'no-such-worker.js'));
    expect(await readers.started()).toBe(false);
    const r = await readers.read(mails[0] as Uint8Array);
    expect(readers.threaded).toBe(false);
    expect(r).toEqual(await readImipMail(mails[0] as Uint8Array));
    await readers.close();
  });

  it('answer every open request when the thread is stopped under them', async () => {
    const readers = new MailReaders(WORKER);
    await readers.started();
    const open = mails.map((m) => readers.read(m));
    await readers.close();
    expect(await Promise.all(open)).toEqual(await Promise.all(mails.map((m) => readImipMail(m))));
  });

  it('read in the calling thread until the thread has loaded the reader', async () => {
    const readers = new MailReaders(WORKER);
    try {
      const early = await readers.read(mails[0] as Uint8Array);
      expect(early).toEqual(await readImipMail(mails[0] as Uint8Array));
      expect(readers.threadReads).toBe(0);
      expect(await readers.started()).toBe(true);
      await readers.read(mails[1] as Uint8Array);
      expect(readers.threadReads).toBe(1);
    } finally {
      await readers.close();
    }
  });
});
