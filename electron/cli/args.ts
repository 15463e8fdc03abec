/**
 * Command-line parsing for `imip-companion`: global options shared by every command, and per-command options.
 * Errors are values (`UsageError`) so the entry point can print them and exit 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { defaultDataDir } from '../store/defaultDataDir.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface GlobalOptions {
  readonly dataDir: string;
  readonly me: readonly string[];
  /** Epoch ms when --now was given, else null (the real clock). */
  readonly now: number | null;
  readonly json: boolean;
  /**
   * `--config FILE`: the configuration file. The writing commands use its CalDAV account (else the one the data dir
   * remembers); `watch`, `web`, `calendars`, `sync` and `account` read it whole.
   */
  readonly config: string | null;
}

const GLOBAL: NonNullable<ParseArgsConfig['options']> = {
  'data-dir': { type: 'string' },
  me: { type: 'string', multiple: true },
  now: { type: 'string' },
  json: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses `argv` (without node and script) for one command with its own options. */
export function parseCommand(
  argv: readonly string[],
  own: NonNullable<ParseArgsConfig['options']>,
): { global: GlobalOptions; values: Record<string, unknown>; positionals: string[]; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...GLOBAL, ...own }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '.') : String(e));
  }
  const v = parsed.values as Record<string, unknown>;
  let now: number | null = null;
  if (typeof v.now === 'string') {
    now = Date.parse(v.now);
    if (!Number.isFinite(now))
      throw new UsageError(`--now must be an ISO 8601 date-time, like 2026-03-01T12:00:00Z (got "${v.now}").`);
  }
  const me = (Array.isArray(v.me) ? (v.me as string[]) : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of me)
    if (!/^[^@\s]+@[^@\s]+$/.test(a.replace(/^mailto:/i, '')))
      throw new UsageError(`--me needs an email address (got "${a}").`);
  return {
    global: {
      dataDir: path.resolve(typeof v['data-dir'] === 'string' ? v['data-dir'] : defaultDataDir()),
      me,
      now,
      json: v.json === true,
      config: typeof v.config === 'string' ? path.resolve(v.config) : null,
    },
    values: v,
    positionals: parsed.positionals,
    help: v.help === true,
  };
}

export function stringOpt(values: Record<string, unknown>, name: string): string | null {
  const v = values[name];
  return typeof v === 'string' ? v : null;
}
