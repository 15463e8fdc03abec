/**
 * The mail reader thread gives exactly what readImipMail gives in the calling thread, in the order asked, and
 * falls back to the calling thread when it cannot start or dies.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MailReaders } from '../../../electron/mail/mailReaders.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import { readMailFile } from '../../../electron/mail/readMailFile.js';

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

  it('read mail files on their thread as readMailFile reads them here: refused by size, unreadable, or read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-readers-'));
    const readers = new MailReaders(WORKER);
    try {
      const files = emlFiles(EML).slice(0, 12);
      const big = path.join(dir, 'big.eml');
      writeFileSync(big, Buffer.alloc(5000, 0x61));
      const asked = [...files, big, path.join(dir, 'missing.eml'), dir];
      expect(await readers.started()).toBe(true);
      const threaded = await Promise.all(asked.map((f) => readers.readFile(f, 4096)));
      expect(readers.threadReads).toBe(asked.length);
      const here = await Promise.all(asked.map((f) => readMailFile(f, 4096)));
      expect(threaded).toEqual(here);
      expect(threaded.map((r) => r.kind)).toEqual([
        ...files.map((f) => (statSync(f).size > 4096 ? 'tooLarge' : 'read')),
        'tooLarge',
        'unreadable',
        'unreadable',
      ]);
      expect(threaded.filter((r) => r.kind === 'read').length).toBeGreaterThan(3);
      expect(threaded[files.length]).toEqual({ kind: 'tooLarge', size: 5000, exact: true });
    } finally {
      await readers.close();
      rmSync(dir, { recursive: true, force: true });
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
    const files = emlFiles(EML).slice(0, 8);
    const openFiles = files.map((f) => readers.readFile(f, 1 << 20));
    await readers.close();
    expect(await Promise.all(open)).toEqual(await Promise.all(mails.map((m) => readImipMail(m))));
    expect(await Promise.all(openFiles)).toEqual(await Promise.all(files.map((f) => readMailFile(f, 1 << 20))));
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
