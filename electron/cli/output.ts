/**
 * Output of the CLI: with --json one JSON object per line on stdout (logs on stderr); otherwise short
 * human-readable lines.
 */
import { english, type Message } from '../../shared/i18n/index.js';

export class Output {
  readonly #json: boolean;
  readonly #out: NodeJS.WritableStream;
  readonly #err: NodeJS.WritableStream;
  constructor(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr) {
    this.#json = json;
    this.#out = out;
    this.#err = err;
  }

  get json(): boolean {
    return this.#json;
  }

  /** One result: a JSON line, or the human line built by `human`. */
  item(data: Record<string, unknown>, human: (d: Record<string, unknown>) => string): void {
    this.#out.write(this.#json ? `${JSON.stringify(data)}\n` : `${human(data)}\n`);
  }

  text(line: string): void {
    this.#out.write(`${line}\n`);
  }

  log(line: string): void {
    this.#err.write(`${line}\n`);
  }
}

/**
 * A reason as the CLI prints it: the English sentence in `reason` (the output contract since the first release) and
 * the catalogue key in `reasonCode`, for scripts that want to branch on it without parsing words.
 */
export function reasonFields(reason: Message): { reason: string; reasonCode: string } {
  return { reason: english.render(reason), reasonCode: reason.key };
}

/** Warnings as English sentences. */
export function sentences(messages: readonly Message[]): string[] {
  return messages.map((m) => english.render(m));
}
