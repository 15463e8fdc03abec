#!/usr/bin/env node
/**
 * `imip-companion`: the headless composition root. Dispatches to a command; exit status 0 when the command ran
 * (per-message problems are reported in its output), 2 for bad arguments, 1 when the data dir is unusable.
 */
import { cmdDecide, cmdEvents, cmdExport, cmdImport, cmdPending, cmdProcess, cmdRespond } from './commands.js';
import { UsageError } from './args.js';
import { cmdWatch } from './watch.js';
import { Output } from './output.js';
import { cmdWeb } from './web.js';
import { cmdAccount } from './account.js';
import { cmdCalendars, cmdSync } from './calendars.js';

const USAGE = `Usage: imip-companion <command> [options]

Commands:
  process [--policy always|known|never] [--timeframe 4W] [--outbox DIR] FILE.eml...
  pending
  decide ID CHOICE [--comment TEXT] [--outbox DIR]
  respond --uid UID [--recurrence-id RID] --status accepted|tentative|declined [--comment TEXT] [--outbox DIR]
  import FILE.ics|FILE.vcf...
  events --from ISO --to ISO
  export
  watch --config FILE
  web [--config FILE] [--port N]
  account discover ADDRESS
  account sign-in --config FILE [--account ID]
  calendars --config FILE          (the CalDAV account's calendars; * marks where invitations go)
  sync --config FILE               (CalDAV/CardDAV into the data dir once; events/export read it)

Global options: --data-dir DIR, --me ADDR (repeatable, remembered), --now ISO, --json`;

const COMMANDS: Record<string, (argv: string[], out: Output) => Promise<number>> = {
  process: cmdProcess,
  pending: cmdPending,
  decide: cmdDecide,
  respond: cmdRespond,
  import: cmdImport,
  events: cmdEvents,
  export: cmdExport,
  watch: cmdWatch,
  web: cmdWeb,
  account: (argv, out) => cmdAccount(argv, out),
  calendars: cmdCalendars,
  sync: cmdSync,
};

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const out = new Output(json);
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.text(USAGE);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    out.log(`imip-companion: unknown command "${name}".\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.text(USAGE);
    return 0;
  }
  try {
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`imip-companion: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
