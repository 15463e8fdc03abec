/**
 * Runs the built `imip-companion` binary the way a user does, in a fresh data dir, and parses its JSON lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'imip-companion.js');

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: Record<string, unknown>[];
}

export class CliEnv {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'imip-cli-'));
  readonly data = path.join(this.dir, 'data');
  readonly outbox = path.join(this.dir, 'outbox');
  now = '2026-03-01T12:00:00Z';

  run(args: string[], opts: { json?: boolean; dataDir?: boolean; env?: NodeJS.ProcessEnv } = {}): CliRun {
    const full = [
      BIN,
      ...args,
      ...(opts.dataDir === false ? [] : ['--data-dir', this.data]),
      '--now',
      this.now,
      ...(opts.json === false ? [] : ['--json']),
    ];
    const r = spawnSync(process.execPath, full, {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
    });
    const lines =
      opts.json === false
        ? []
        : r.stdout
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, lines };
  }

  file(name: string, content: string): string {
    const p = path.join(this.dir, name);
    writeFileSync(p, content);
    return p;
  }

  outboxFiles(): string[] {
    try {
      return readdirSync(this.outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => readFileSync(path.join(this.outbox, f), 'utf8'));
    } catch {
      return [];
    }
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A minimal but real iMIP mail: headers plus a single text/calendar body. */
export function mail(opts: {
  from: string;
  to: string;
  subject?: string;
  date?: string;
  messageId?: string;
  method?: string | null;
  ics: string;
  extraHeaders?: string[];
}): string {
  const method = opts.method === undefined ? (/^METHOD:(\w+)/m.exec(opts.ics)?.[1] ?? 'REQUEST') : opts.method;
  return [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject ?? 'Meeting'}`,
    `Date: ${opts.date ?? 'Sat, 28 Feb 2026 10:00:00 +0000'}`,
    `Message-ID: <${opts.messageId ?? `${Math.abs(hash(opts.ics))}@example.org`}>`,
    ...(opts.extraHeaders ?? []),
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=utf-8${method ? `; method=${method}` : ''}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    opts.ics,
  ].join('\r\n');
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
