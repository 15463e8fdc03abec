/**
 * The web host's push channel: Server-Sent Events (`GET /api/events`), chosen over a WebSocket because events only
 * flow one way, EventSource reconnects by itself, and it needs no upgrade handshake of our own. Each `MainEvents`
 * event is one SSE event named after it, its payload as JSON. A comment line every 20 s keeps proxies and idle
 * timers from closing the stream.
 */
import type { ServerResponse } from 'node:http';
import type { MainEventName, MainEvents } from '../../shared/ipc/contract.js';

export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 20_000) {
    this.#heartbeat = setInterval(() => this.#write(': keep-alive\n\n'), heartbeatMs);
    this.#heartbeat.unref();
  }

  get size(): number {
    return this.#clients.size;
  }

  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  send<K extends MainEventName>(name: K, payload: MainEvents[K]): void {
    this.#write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #write(chunk: string): void {
    for (const res of this.#clients) res.write(chunk);
  }
}
