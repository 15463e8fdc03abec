/**
 * The seed corpus: every mail (.eml) and iCalendar file (.ics, .vtimezone) under the fixtures folder, read once
 * as latin1 byte strings, in a stable order (sorted paths) so a run is reproducible from its seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { latin1 } from './byteMutations.js';

export interface Seed {
  readonly name: string;
  readonly text: string;
}

export interface Corpus {
  readonly mails: readonly Seed[];
  readonly calendars: readonly Seed[];
  /** Addresses the seed mails were sent to: the data dir's `me`, so invitations reach the person paths. */
  readonly me: readonly string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

export function loadCorpus(fixtures: string): Corpus {
  const mails: Seed[] = [];
  const calendars: Seed[] = [];
  const me = new Set<string>(['me@example.com']);
  for (const file of walk(fixtures)) {
    const name = path.relative(fixtures, file);
    if (/\.eml$/i.test(file)) {
      const text = latin1(readFileSync(file));
      mails.push({ name, text });
      const to = /^To:[^\r\n]*?([\w.+-]+@[\w.-]+)/im.exec(text)?.[1];
      if (to) me.add(to.toLowerCase());
    } else if (/\.(ics|vtimezone)$/i.test(file)) {
      calendars.push({ name, text: latin1(readFileSync(file)) });
    }
  }
  if (mails.length === 0 || calendars.length === 0) throw new Error(`no seed mails or calendars under ${fixtures}`);
  return { mails, calendars, me: [...me].slice(0, 20) };
}
