/**
 * The agent's parts faked: a scripted mailbox instead of the IMAP source, a recording sender instead of SMTP, and
 * a configuration for one account at example.com.
 */
import type { AgentMailbox, AgentSender } from '../../../electron/agent/agent.js';
import type { FetchedMessage, ImapStats, MessageRef, MessageState } from '../../../electron/mail/imap/index.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import type { AgentConfig } from '../../../electron/settings/agentConfig.js';
import { FakeSender } from '../outbox/fakeSender.js';
import { ME, NOW } from '../app/appFixtures.js';

export class FakeMailbox implements AgentMailbox {
  readonly marks: { ref: MessageRef; state: MessageState }[] = [];
  readonly appended: Buffer[] = [];
  readonly appendedIds: (string | null)[] = [];
  connected = true;
  lastError: string | null = null;
  /** The failure's code, as ImapSource keeps it (AUTH, TLS, HOST_UNREACHABLE, or a token source's code). */
  lastErrorCode: string | null = null;
  #handle: ((group: readonly FetchedMessage[]) => Promise<void>) | null = null;
  #stopped: () => void = () => undefined;

  runGroups(handle: (group: readonly FetchedMessage[]) => Promise<void>): Promise<void> {
    this.#handle = handle;
    return new Promise((resolve) => (this.#stopped = resolve));
  }
  async stop(): Promise<void> {
    this.#stopped();
  }
  status(): { connected: boolean; lastError: string | null; lastErrorCode: string | null; idle: boolean } {
    return {
      connected: this.connected,
      lastError: this.lastError,
      lastErrorCode: this.lastErrorCode,
      idle: this.connected,
    };
  }
  stats(): ImapStats {
    return { searches: 0, fetches: 0, fetchedBytes: 0, downloadedParts: 0, calendarBytes: 0, handed: 0, connects: 1 };
  }
  async mark(ref: MessageRef, state: MessageState): Promise<void> {
    this.marks.push({ ref, state });
  }
  async markAll(marks: readonly { ref: MessageRef; value: MessageState }[]): Promise<void> {
    for (const m of marks) this.marks.push({ ref: m.ref, state: m.value });
  }
  async claimAll(refs: readonly MessageRef[]): Promise<MessageRef[]> {
    return [...refs];
  }
  async appendToSent(raw: Buffer, messageId: string | null): Promise<void> {
    this.appended.push(raw);
    this.appendedIds.push(messageId);
  }
  async sentHasMessageId(): Promise<boolean> {
    return false;
  }
  /** The server hands the agent one message. */
  async deliver(raw: Buffer, uid: number, fromSent = false): Promise<MessageRef> {
    const read = await readImipMail(raw);
    if (!read.ok || !this.#handle) throw new Error('cannot deliver');
    const ref = { mailbox: fromSent ? 'Sent' : 'INBOX', uidValidity: '7', uid };
    await this.#handle([{ ref, internalDate: NOW, mail: read.value, fromSent }]);
    return ref;
  }
}

export class RecordingSender extends FakeSender implements AgentSender {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

export function config(dataDir: string): AgentConfig {
  const server = {
    host: 'imap.example.com',
    port: 993,
    security: 'tls' as const,
    user: 'me',
    password: 'pw',
    ca: null,
  };
  return {
    imap: server,
    smtp: { ...server, host: 'smtp.example.com' },
    me: [ME],
    policy: 'known',
    timeframe: '4W',
    timeframeMs: 28 * 86_400_000,
    dataDir,
    pollSeconds: 60,
    warnings: [],
    settings: { me: [ME] },
  };
}
