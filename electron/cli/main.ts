#!/usr/bin/env node
/**
 * `imip-companion`: the headless composition root. Dispatches to a command; exit status 0 when the command ran
 * (per-message problems are reported in its output), 2 for bad arguments, 1 when the data dir is unusable.
 */
import { UsageError } from './args.js';
import { Output } from './output.js';
import { keepYoungGenerationSmall } from './agentHeap.js';

const USAGE = `Usage: imip-companion <command> [options]

Commands:
  process [--policy always|known|never] [--timeframe 4W] [--outbox DIR] FILE.eml...
  pending
  decide ID CHOICE [--comment TEXT] [--outbox DIR]
  respond --uid UID [--recurrence-id RID] --status accepted|tentative|declined [--comment TEXT] [--no-reply] [--outbox DIR]
  counter --uid UID [--recurrence-id RID] --start ISO --end ISO [--comment C] [--outbox DIR]
  delegate --uid UID [--recurrence-id RID] --to ADDR [--comment C] [--outbox DIR]
  refresh --uid UID [--outbox DIR]
  remove --uid UID [--recurrence-id RID]  (the event or one occurrence, from the calendar; nobody is told)
  create --summary S --start ISO --end ISO [--tz ZONE] [--all-day] [--location L] [--description D]
         [--rrule RULE] --attendee ADDR... [--optional ADDR...] [--outbox DIR]
  update --uid UID [--recurrence-id RID [--this-and-future]] [--summary S] [--start ISO --end ISO] [--tz ZONE]
         [--location L] [--description D] [--add-attendee A...] [--add-optional A...] [--remove-attendee A...] [--outbox DIR]
  cancel --uid UID [--recurrence-id RID [--this-and-future]] [--comment C] [--outbox DIR]
  undo [ID]                        (the last or the named decision or answer, while its mail is still held)
  import FILE.ics|FILE.vcf...
  events --from ISO --to ISO [--include-cancelled]
  export
  watch --config FILE
  web [--config FILE] [--port N]
  account discover ADDRESS
  account sign-in --config FILE [--account ID]
  calendars --config FILE          (the CalDAV account's calendars; * marks where invitations go)
  sync --config FILE               (CalDAV/CardDAV into the data dir once; events/export read it)
  check                            (every unusable file in the data dir, and what was moved to quarantine/)

Global options (before or after the command): --data-dir DIR, --me ADDR (repeatable, remembered), --now ISO, --json`;

type Command = (argv: string[], out: Output) => Promise<number>;

// Each command's code is imported when that command runs: `--help` loads none of it, `process` no IMAP, HTTP or
// CalDAV code (the bundle puts each import below into its own chunk).
const COMMANDS: Record<string, () => Promise<Command>> = {
  process: async () => (await import('./commands.js')).cmdProcess,
  pending: async () => (await import('./commands.js')).cmdPending,
  decide: async () => (await import('./commands.js')).cmdDecide,
  respond: async () => (await import('./commands.js')).cmdRespond,
  create: async () => (await import('./organizeCommands.js')).cmdCreate,
  update: async () => (await import('./organizeCommands.js')).cmdUpdate,
  cancel: async () => (await import('./organizeCommands.js')).cmdCancel,
  counter: async () => (await import('./organizeCommands.js')).cmdCounter,
  delegate: async () => (await import('./organizeCommands.js')).cmdDelegate,
  refresh: async () => (await import('./organizeCommands.js')).cmdRefresh,
  remove: async () => (await import('./organizeCommands.js')).cmdRemove,
  undo: async () => (await import('./organizeCommands.js')).cmdUndo,
  import: async () => (await import('./commands.js')).cmdImport,
  events: async () => (await import('./commands.js')).cmdEvents,
  export: async () => (await import('./commands.js')).cmdExport,
  watch: async () => {
    keepYoungGenerationSmall();
    return (await import('./watch.js')).cmdWatch;
  },
  web: async () => (await import('./web.js')).cmdWeb,
  account: async () => (await import('./account.js')).cmdAccount,
  calendars: async () => (await import('./calendars.js')).cmdCalendars,
  sync: async () => (await import('./calendars.js')).cmdSync,
  check: async () => (await import('./commands.js')).cmdCheck,
};

/** Global options that take a value; `--json` takes none. */
const GLOBAL_WITH_VALUE = new Set(['--data-dir', '--me', '--now', '--config']);

/**
 * The command and its arguments, with global options written before the command (`imip-companion --data-dir D
 * process F`, as most tools allow) moved behind it, where each command parses them.
 */
export function commandFirst(argv: readonly string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i] as string;
    const flag = a.split('=', 1)[0] as string;
    if (a === '--json') leading.push(a);
    else if (GLOBAL_WITH_VALUE.has(flag) && a.includes('=')) leading.push(a);
    else if (GLOBAL_WITH_VALUE.has(flag) && i + 1 < argv.length) leading.push(a, argv[++i] as string);
    else break;
    i++;
  }
  const [name, ...rest] = argv.slice(i);
  return name === undefined ? leading : [name, ...rest, ...leading];
}

export async function main(args: string[]): Promise<number> {
  const argv = commandFirst(args);
  const json = argv.includes('--json');
  const out = new Output(json);
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.text(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    out.log(`imip-companion: unknown command "${name}".\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.text(USAGE);
    return 0;
  }
  try {
    const cmd = await load();
    return await cmd(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.log(`imip-companion ${name}: ${e.message}`);
      return 2;
    }
    const err = e as Error & { code?: string };
    out.log(`imip-companion ${name}: ${err.message}`);
    return err.code === 'DATA_DIR_UNUSABLE' ? 1 : 1;
  }
}

// A reader that stops early (`imip-companion events … | head`) closes the pipe: the rest of the output has nowhere to
// go, but the command finishes its work (a `process` run still applies every mail it was given).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`imip-companion: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
