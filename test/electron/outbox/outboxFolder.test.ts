import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sanitiseRecipient, writeToOutbox } from '../../../electron/outbox/outboxFolder.js';
import { newRecord, parseRecord } from '../../../electron/outbox/outboxRecord.js';
import { deterministicMessageId, FolderSink } from '../../../electron/scheduling/outbox.js';
import type { OutgoingItip } from '../../../shared/model/outgoing.js';
import { textMessage } from '../../../shared/model/storedMessage.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'imip-outbox-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const hint = (to: string, method = 'REQUEST') => ({ method, to, uid: 'u-1@example.com' });

describe('writeToOutbox', () => {
  it('creates the folder and writes <sequence>-<METHOD>-<recipient>.eml', async () => {
    const dir = path.join(root, 'nested', 'outbox');
    const file = await writeToOutbox(dir, Buffer.from('mail 1'), hint('Bob@Example.org', 'reply'));
    expect(path.dirname(file)).toBe(dir);
    expect(path.basename(file)).toBe('0000000001-REPLY-bob@example.org.eml');
    expect(readFileSync(file, 'utf8')).toBe('mail 1');
    expect(readdirSync(dir).sort()).toEqual([
      '0000000001-REPLY-bob@example.org.eml',
      '0000000001-REPLY-bob@example.org.eml.state.json',
    ]);
  });

  it('writes the record with the message: Message-ID, method, UID, recipients and the bytes it is about', async () => {
    const raw = Buffer.from('Message-ID: <a@b>\r\n\r\nmail');
    const file = await writeToOutbox(root, raw, {
      method: 'reply',
      to: { name: 'Bob', address: 'bob@example.org' },
      uid: 'u-9',
      messageId: '<a@b>',
      now: 1234,
    });
    const parsed = parseRecord(readFileSync(`${file}.state.json`, 'utf8'));
    expect(parsed).toEqual({
      ...newRecord(
        createHash('sha256').update(raw).digest('hex'),
        { messageId: '<a@b>', method: 'REPLY', uid: 'u-9', to: ['bob@example.org'] },
        1234,
      ),
    });
  });

  it('skips a number whose record is still there (a message that moved on left it behind)', async () => {
    writeFileSync(path.join(root, '0000000003-REQUEST-ann@example.com.eml.state.json'), '{}');
    const file = await writeToOutbox(root, Buffer.from('new'), hint('bob@example.org'));
    expect(path.basename(file)).toBe('0000000004-REQUEST-bob@example.org.eml');
  });

  it('gives unique names that sort in call order, even when called concurrently', async () => {
    const writes = Array.from({ length: 25 }, (_, i) =>
      writeToOutbox(root, Buffer.from(`mail ${i}`), hint(`user${i % 3}@example.com`)),
    );
    const files = await Promise.all(writes);
    expect(new Set(files).size).toBe(25);
    const sorted = readdirSync(root)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(sorted).toHaveLength(25);
    expect(sorted.map((f) => readFileSync(path.join(root, f), 'utf8'))).toEqual(
      Array.from({ length: 25 }, (_, i) => `mail ${i}`),
    );
    expect(files.map((f) => path.basename(f))).toEqual(sorted);
  });

  it('continues after the highest existing number (a restart) and ignores unrelated files', async () => {
    writeFileSync(path.join(root, '0000000041-CANCEL-ann@example.com.eml'), 'old');
    writeFileSync(path.join(root, 'notes.txt'), 'x');
    writeFileSync(path.join(root, '99999999999-too-long.eml'), 'x');
    const file = await writeToOutbox(root, Buffer.from('new'), hint('bob@example.org'));
    expect(path.basename(file)).toBe('0000000042-REQUEST-bob@example.org.eml');
  });

  it('keeps hostile recipients inside the folder', async () => {
    const file = await writeToOutbox(root, Buffer.from('x'), {
      method: '../REQUEST',
      to: { address: '../../etc/passwd"<>|:*?\\@example.com' },
      uid: 'u',
    });
    expect(path.dirname(file)).toBe(root);
    expect(path.basename(file)).toMatch(/^0000000001-REQUEST-[a-z0-9._@+-]+\.eml$/);
  });

  it('leaves no temporary file behind', async () => {
    await writeToOutbox(root, Buffer.from('x'), hint('bob@example.org'));
    await writeToOutbox(root, Buffer.from('y'), hint('bob@example.org'));
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('sanitiseRecipient', () => {
  it.each([
    ['Bob@Example.org', 'bob@example.org'],
    ['first last@example.com', 'first_last@example.com'],
    ['..hidden@example.com', 'hidden@example.com'],
    ['', 'unknown'],
    ['a'.repeat(100) + '@example.com', 'a'.repeat(64)],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseRecipient(input)).toBe(expected);
  });
});

describe('FolderSink after a kill inside the outbox write', () => {
  it('a record whose message was never linked (killed between the two links) does not stop the message', async () => {
    const msg: OutgoingItip = {
      method: 'REQUEST',
      uid: 'u-kill',
      recurrenceId: null,
      from: { address: 'bob@example.org' },
      to: { address: 'carol@example.org' },
      ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n',
      subject: textMessage('Review'),
      text: [textMessage('Review')],
      sequence: 0,
    };
    const meta = { now: 1_000, autoSubmitted: true, cause: 'refresh@x' };
    const first = await new FolderSink(root).deliver(msg, meta);
    // What a kill after the record's link and before the message's leaves behind.
    rmSync(first.location);
    expect(readdirSync(root).filter((n) => n.endsWith('.eml'))).toEqual([]);

    const again = await new FolderSink(root).deliver(msg, meta);
    const emls = readdirSync(root).filter((n) => n.endsWith('.eml'));
    expect(emls).toEqual([path.basename(again.location)]);
    expect(readFileSync(again.location, 'utf8')).toContain(deterministicMessageId(msg, meta.cause));
  });
});
