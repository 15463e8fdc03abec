/**
 * A small POP3 client (RFC 1939) with CAPA (RFC 2449), STLS (RFC 2595 §4), SASL XOAUTH2 / PLAIN through AUTH
 * (RFC 5034) and the commands a read-and-leave client needs: UIDL, LIST, RETR, QUIT. Nothing is ever deleted
 * (no DELE). Owns the transport policy like the IMAP and SMTP adapters: certificates verified unless the caller
 * explicitly opts out, STARTTLS never skipped when asked for, clear text only to loopback.
 *
 * No npm POP3 client offered verified STLS with SASL bearer tokens and byte-exact message bodies, and POP3 is
 * small; so it is written here against the RFCs.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Pop3Error, classifyPop3ConnectError } from './pop3Error.js';

export interface Pop3Account {
  readonly host: string;
  readonly port: number;
  /** 'tls': implicit TLS (995, RFC 8314); 'starttls': STLS required; 'none': loopback only. */
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string;
  readonly password?: string;
  /** OAuth: a fresh access token, sent as SASL XOAUTH2 instead of the password. */
  readonly accessToken?: () => Promise<string>;
  readonly ca?: string | Buffer;
  readonly allowInsecureTls?: boolean;
}

export interface UidlEntry {
  /** The message number in this session (RFC 1939 §6: valid only until QUIT). */
  readonly msg: number;
  /** The unique id, stable across sessions (RFC 1939 §7, UIDL). */
  readonly uid: string;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;
const TIMEOUT_MS = 30_000;

export class Pop3Client {
  #socket: net.Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  #error: Error | null = null;
  #closed = false;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#attach(socket);
  }

  /** Connects, secures the connection as the account says, and logs in. */
  static async connect(account: Pop3Account): Promise<Pop3Client> {
    if (account.security === 'none' && !LOOPBACK.test(account.host)) {
      throw new Pop3Error('TLS', `security "none" is only allowed for a loopback host, not ${account.host}`);
    }
    let client: Pop3Client | null = null;
    try {
      const socket = account.security === 'tls' ? await openTls(account) : await openPlain(account);
      client = new Pop3Client(socket);
      await client.#expectOk('greeting');
      if (account.security === 'starttls') await client.#startTls(account);
      await client.#login(account);
      return client;
    } catch (e) {
      client?.close();
      if (e instanceof Pop3Error) throw e;
      const { code, detail } = classifyPop3ConnectError(e);
      throw new Pop3Error(code, detail, { cause: e });
    }
  }

  async uidl(): Promise<UidlEntry[]> {
    const lines = await this.#multiline('UIDL');
    return lines.flatMap((l) => {
      const m = /^(\d+)\s+(\S+)/.exec(l.toString('latin1'));
      return m?.[1] && m[2] ? [{ msg: Number(m[1]), uid: m[2] }] : [];
    });
  }

  /** Sizes in octets by message number (RFC 1939 §5 LIST). */
  async list(): Promise<Map<number, number>> {
    const lines = await this.#multiline('LIST');
    const sizes = new Map<number, number>();
    for (const l of lines) {
      const m = /^(\d+)\s+(\d+)/.exec(l.toString('latin1'));
      if (m?.[1] && m[2]) sizes.set(Number(m[1]), Number(m[2]));
    }
    return sizes;
  }

  /** The whole message, byte for byte (dot-unstuffed, CRLF line ends). */
  async retr(msg: number): Promise<Buffer> {
    const lines = await this.#multiline(`RETR ${msg}`);
    return Buffer.concat(lines.flatMap((l) => [l, CRLF]));
  }

  /** Ends the session without deleting anything (no DELE was sent, so the UPDATE state removes nothing). */
  async quit(): Promise<void> {
    try {
      await this.#command('QUIT');
    } finally {
      this.close();
    }
  }

  close(): void {
    this.#closed = true;
    this.#socket.destroy();
  }

  async #startTls(account: Pop3Account): Promise<void> {
    const caps = await this.#multiline('CAPA').catch(() => [] as Buffer[]);
    if (!caps.some((c) => /^STLS\b/i.test(c.toString('latin1')))) {
      // RFC 2595 §4 / RFC 8314 §3: asked for STARTTLS, never fall back to clear text.
      throw new Pop3Error('TLS', `${account.host} does not offer STLS; refusing to log in without TLS.`);
    }
    await this.#command('STLS');
    const plain = this.#socket;
    plain.removeAllListeners('data');
    plain.setTimeout(0);
    this.#socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, ...tlsOptions(account) }, () => resolve(s));
      s.once('error', reject);
    });
    this.#attach(this.#socket);
  }

  async #login(account: Pop3Account): Promise<void> {
    try {
      if (account.accessToken) {
        const token = await account.accessToken();
        const ir = Buffer.from(`user=${account.user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
        await this.#command(`AUTH XOAUTH2 ${ir}`);
      } else {
        await this.#command(`USER ${account.user}`);
        await this.#command(`PASS ${account.password ?? ''}`);
      }
    } catch (e) {
      if (e instanceof Pop3Error && e.code === 'PROTOCOL')
        throw new Pop3Error('AUTH', `${account.host} did not accept the login: ${e.message}`, { cause: e });
      throw e;
    }
  }

  #attach(socket: net.Socket): void {
    socket.setTimeout(TIMEOUT_MS, () =>
      socket.destroy(new Pop3Error('HOST_UNREACHABLE', 'The POP3 server stopped answering.')),
    );
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      this.#wake();
    });
    socket.on('error', (e) => {
      this.#error ??= e;
      this.#wake();
    });
    socket.on('close', () => {
      this.#error ??= new Pop3Error('HOST_UNREACHABLE', 'The POP3 server closed the connection.');
      this.#wake();
    });
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  async #line(): Promise<Buffer> {
    for (;;) {
      const i = this.#buffer.indexOf(CRLF);
      if (i >= 0) {
        const line = this.#buffer.subarray(0, i);
        this.#buffer = this.#buffer.subarray(i + 2);
        return line;
      }
      if (this.#error) throw this.#error;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  async #expectOk(what: string): Promise<string> {
    const line = (await this.#line()).toString('utf8');
    if (line.startsWith('+OK')) return line;
    throw new Pop3Error('PROTOCOL', `${what}: ${line.slice(0, 200) || '(empty answer)'}`);
  }

  async #command(cmd: string): Promise<string> {
    if (this.#closed) throw new Pop3Error('PROTOCOL', 'The POP3 connection is closed.');
    this.#socket.write(`${cmd}\r\n`);
    return this.#expectOk(cmd.split(' ')[0] ?? cmd);
  }

  /** A multi-line answer (RFC 1939 §3): lines up to "." alone, with a leading "." removed from the others. */
  async #multiline(cmd: string): Promise<Buffer[]> {
    await this.#command(cmd);
    const lines: Buffer[] = [];
    for (;;) {
      const l = await this.#line();
      if (l.length === 1 && l[0] === DOT) return lines;
      lines.push(l[0] === DOT ? l.subarray(1) : l);
    }
  }
}

const CRLF = Buffer.from('\r\n');
const DOT = 0x2e;

function tlsOptions(account: Pop3Account): tls.ConnectionOptions {
  return {
    rejectUnauthorized: account.allowInsecureTls !== true,
    minVersion: 'TLSv1.2',
    ...(account.ca !== undefined ? { ca: account.ca } : {}),
    // SNI and the name check use the host name; an IP literal has no SNI (RFC 6066 §3).
    ...(net.isIP(account.host) === 0 ? { servername: account.host } : {}),
    host: account.host,
  };
}

function openTls(account: Pop3Account): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ port: account.port, ...tlsOptions(account), timeout: TIMEOUT_MS }, () => resolve(s));
    s.once('error', reject);
  });
}

function openPlain(account: Pop3Account): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: account.host, port: account.port, timeout: TIMEOUT_MS }, () => resolve(s));
    s.once('error', reject);
  });
}
