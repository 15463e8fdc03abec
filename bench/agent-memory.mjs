#!/usr/bin/env node
// Resident memory of `imip-companion watch` with a large calendar. Build first:
//   npm run build && node bench/agent-memory.mjs [events=10000] [seed=20260402]
// Fills a data dir with `events` realistic events through CalendarStore (fsync off): 35 % weekly/daily series
// (some with an overridden instance), five time zones with their VTIMEZONEs, 3-8 attendees, a description and
// often an alarm; I organise 30 % of them and am an attendee of the rest; events spread over two years around
// today. Then a fresh user gets one invitation (Postfix → Dovecot) before the real CLI
// `node bin/imip-companion.js watch --config … --json` is started as a child process; start-up time is from
// spawn to that message's JSON line. (Before that, for context, one start with an empty INBOX: VmRSS once idle.) While it idles a REPLY to one of my events arrives (applied: a real calendar
// write). Once idle (no output for 3 s, past a reconcile tick), VmRSS and VmHWM are read from /proc/<pid>/status.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  cal,
  cleanup,
  deliver,
  expungeUser,
  load,
  machine,
  mime,
  prng,
  readyMailUser,
  sleep,
  stamp,
  startWatch,
  tempDir,
  waitFor,
  writeConfig,
} from './agent-common.mjs';

const EVENTS = Number(process.argv[2] ?? 10_000);
const rnd = prng(Number(process.argv[3] ?? 20260402));
const ri = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const pick = (a) => a[Math.floor(rnd() * a.length)];
const { default: ICAL } = await import('ical.js');
const { CalendarStore } = await load('electron/store/calendarStore.js');
const { completeTimezones } = await load('shared/ical/zones.js');

const FIRST = [
  'Alice',
  'Bob',
  'Carol',
  'Dave',
  'Eve',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Olivia',
  'Zoë',
  'José',
  'Łukasz',
  'Søren',
  'Amélie',
  'Kenji',
  'Priya',
  'Björn',
];
const LAST = [
  'Smith',
  'Müller',
  'García',
  'Nowak',
  'Johansson',
  'Dubois',
  'Rossi',
  'Tanaka',
  'Patel',
  'Kowalski',
  'Jensen',
  'Lefèvre',
  'Nguyen',
  'Brown',
];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'corp.example'];
const people = Array.from({ length: 400 }, (_, i) => {
  const f = pick(FIRST),
    l = pick(LAST);
  return {
    cn: `${f} ${l}`,
    email: `${(f + '.' + l)
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase()}${i}@${pick(DOMAINS)}`,
  };
});
const ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Tokyo'];
const TOPICS = [
  'Weekly sync',
  'Design review',
  'Budget planning',
  'Retro',
  '1:1',
  'Customer call',
  'Sprint planning',
  'Roadmap workshop',
  'Release readiness',
];
const WORDS =
  'agenda review status update action items decisions owners timeline risk budget milestone deliverable customer feedback metrics roadmap résumé naïve'.split(
    ' ',
  );
const para = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const local = (d) => stamp(d).replace('Z', '');
const esc = (s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

function eventText(i, me) {
  const uid = `mem-${i}-${Math.floor(rnd() * 1e9).toString(36)}@example.com`;
  const r = rnd();
  const iOrganize = i === 0 || (i > 1 && r < 0.3);
  const others = Array.from({ length: ri(3, 8) }, () => pick(people));
  const organizer = iOrganize ? { cn: 'Me', email: me } : others.shift();
  const tz = rnd() < 0.75 ? pick(ZONES) : null;
  const recurring = rnd() < 0.35;
  const start = new Date(Date.now() + ri(-365, 365) * 86_400_000);
  start.setUTCHours(ri(7, 17), pick([0, 15, 30, 45]), 0, 0);
  const end = new Date(start.getTime() + pick([30, 45, 60, 90]) * 60_000);
  const dt = (name, d) => (tz ? `${name};TZID=${tz}:${local(d)}` : `${name}:${stamp(d)}`);
  const attendees = [...(iOrganize ? [] : [{ cn: 'Me', email: me }]), ...others].map(
    (p) =>
      `ATTENDEE;CN=${p.cn};ROLE=REQ-PARTICIPANT;PARTSTAT=${pick(['ACCEPTED', 'ACCEPTED', 'TENTATIVE', 'DECLINED', 'NEEDS-ACTION'])};RSVP=TRUE:mailto:${p.email}`,
  );
  const summary = `${pick(TOPICS)} ${i}`;
  const common = [
    `UID:${uid}`,
    'DTSTAMP:20260101T090000Z',
    `ORGANIZER;CN=${organizer.cn}:mailto:${organizer.email}`,
    ...attendees,
    `LOCATION:${esc(pick(['Room 4.12, Building B', 'Online', 'Café Müller; 2nd floor']))}`,
  ];
  const master = [
    'BEGIN:VEVENT',
    ...common,
    dt('DTSTART', start),
    dt('DTEND', end),
    'SEQUENCE:0',
    `SUMMARY:${esc(summary)}`,
    `DESCRIPTION:${esc(`Agenda:\n1. ${para(6)}\n2. ${para(8)}\n\n${para(ri(10, 60))}`)}`,
  ];
  if (recurring)
    master.push(
      rnd() < 0.8
        ? `RRULE:FREQ=WEEKLY;COUNT=${ri(8, 52)}`
        : `RRULE:FREQ=DAILY;UNTIL=${stamp(new Date(start.getTime() + ri(5, 60) * 86_400_000))}`,
    );
  if (rnd() < 0.6)
    master.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT15M', 'END:VALARM');
  master.push('END:VEVENT');
  const comps = [...master];
  if (recurring && rnd() < 0.4) {
    const rid = new Date(start.getTime() + 7 * 86_400_000);
    const moved = new Date(rid.getTime() + 3_600_000);
    comps.push(
      'BEGIN:VEVENT',
      ...common,
      dt('RECURRENCE-ID', rid),
      dt('DTSTART', moved),
      dt('DTEND', new Date(moved.getTime() + end.getTime() - start.getTime())),
      'SEQUENCE:1',
      `SUMMARY:${esc(summary)} (moved)`,
      'END:VEVENT',
    );
  }
  return { uid, iOrganize, attendee: others[0], organizer, text: cal(null, ...comps) };
}

const me = await readyMailUser('memory');
const dir = tempDir('memory');
const configFile = writeConfig(dir, me, { policy: 'known' });
const dataDir = path.join(dir, 'data');

const tFill = performance.now();
const store = await CalendarStore.open(path.join(dataDir, 'calendar'), { fsync: false });
const made = [];
let recurring = 0;
for (let i = 0; i < EVENTS; i++) {
  const e = eventText(i, me.address);
  const c = new ICAL.Component(ICAL.parse(e.text));
  completeTimezones(c);
  if (c.getFirstSubcomponent('vevent').hasProperty('rrule')) recurring++;
  await store.put(e.uid, c);
  made.push(e);
}
const fillSeconds = (performance.now() - tFill) / 1000;
const calDir = path.join(dataDir, 'calendar');
const files = readdirSync(calDir).filter((f) => f.endsWith('.ics'));
const bytes = files.reduce((s, f) => s + statSync(path.join(calDir, f)).size, 0);

function procStatus(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

// An invitation from an organizer the calendar knows, waiting in INBOX before the agent starts.
const known = made.find((e) => !e.iOrganize).organizer;
const inviteUid = `mem-new-${Date.now()}@example.com`;
const startNew = new Date(Date.now() + 10 * 86_400_000);
const invite = mime({
  from: `${known.cn} <${known.email}>`,
  to: me.address,
  subject: 'Invitation: Planning',
  method: 'REQUEST',
  ics: cal(
    'REQUEST',
    'BEGIN:VEVENT',
    `UID:${inviteUid}`,
    `DTSTAMP:${stamp(Date.now())}`,
    'SEQUENCE:0',
    `DTSTART;TZID=Europe/Berlin:${local(startNew)}`,
    'DURATION:PT1H',
    'SUMMARY:Planning',
    `ORGANIZER;CN=${known.cn}:mailto:${known.email}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${me.address}`,
    'END:VEVENT',
  ),
});
let watch = null;
/** Samples VmRSS every 250 ms until the process printed nothing for 3 s (the reconcile tick runs every 2 s). */
async function untilQuiet(w) {
  let quietSince = performance.now();
  let seen = w.lines.length + w.stderr.length;
  const samples = [];
  await waitFor(
    () => {
      samples.push(procStatus(w.child.pid).rss);
      const n = w.lines.length + w.stderr.length;
      if (n !== seen) {
        seen = n;
        quietSince = performance.now();
      }
      return performance.now() - quietSince > 3_000;
    },
    { what: 'the agent to go quiet', timeoutMs: 60_000, intervalMs: 250 },
  );
  return samples;
}
let loaded = null;
try {
  // Run 0, for context: the same data dir, an empty INBOX: what loading the calendar alone costs.
  {
    const w = startWatch(configFile);
    try {
      await waitFor(() => w.stderr.find((l) => l.line.startsWith('watching')), {
        what: '"watching"',
        timeoutMs: 120_000,
      });
      await untilQuiet(w);
      loaded = procStatus(w.child.pid);
    } finally {
      await w.kill('SIGTERM');
    }
  }
  await deliver(invite, known.email, me.address);
  await sleep(300);
  watch = startWatch(configFile);
  const first = await waitFor(() => watch.lines.find((l) => l.uid === inviteUid), {
    what: 'the first message to be handled',
    timeoutMs: 120_000,
    intervalMs: 5,
  });
  const startup = (first.t - watch.t0) / 1000;
  const watching = watch.stderr.find((l) => l.line.startsWith('watching'));
  const afterFirst = procStatus(watch.child.pid);

  // A REPLY from an attendee of an event I organise: applied, the calendar file rewritten.
  const mine = made.find((e) => e.iOrganize);
  const reply = mime({
    from: mine.attendee.email,
    to: me.address,
    subject: 'Accepted',
    method: 'REPLY',
    ics: cal(
      'REPLY',
      'BEGIN:VEVENT',
      `UID:${mine.uid}`,
      `DTSTAMP:${stamp(Date.now())}`,
      'SEQUENCE:0',
      `ORGANIZER:mailto:${me.address}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${mine.attendee.email}`,
      'END:VEVENT',
    ),
  });
  await deliver(reply, mine.attendee.email, me.address);
  const second = await waitFor(() => watch.lines.find((l) => l.uid === mine.uid), {
    what: 'the REPLY to be handled',
    timeoutMs: 30_000,
    intervalMs: 5,
  });
  const samples = await untilQuiet(watch);
  const idle = procStatus(watch.child.pid);

  console.log(`\n${machine()}`);
  console.log(
    `Data dir: ${files.length} events (${recurring} series), ${(bytes / 1048576).toFixed(1)} MiB of .ics, written in ${fillSeconds.toFixed(1)} s\n`,
  );
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| start-up: spawn → first message handled (${first.kind}/${first.outcome}) | ${startup.toFixed(2)} s | — |`,
  );
  if (watching)
    console.log(
      `| of which: spawn → "watching" (config, data dir with ${files.length} events loaded) | ${((watching.t - watch.t0) / 1000).toFixed(2)} s | — |`,
    );
  console.log(
    `| VmRSS idle with nothing to do yet (separate earlier start, empty INBOX) | ${(loaded.rss / 1024).toFixed(1)} MB | — |`,
  );
  console.log(`| VmRSS right after the first message | ${(afterFirst.rss / 1024).toFixed(1)} MB | — |`);
  console.log(
    `| VmRSS idle, after a second message (${second.kind}/${second.outcome}) | ${(idle.rss / 1024).toFixed(1)} MB | ≤ 150 MB |`,
  );
  console.log(`| VmHWM (peak resident since start) | ${(idle.hwm / 1024).toFixed(1)} MB | ≤ 150 MB |`);
  console.log(
    `| VmRSS while going idle, min–max of ${samples.length} samples | ${(Math.min(...samples) / 1024).toFixed(1)}–${(Math.max(...samples) / 1024).toFixed(1)} MB | — |`,
  );
  console.log('\n(MB = MiB, from /proc/<pid>/status kB values / 1024.)');
} finally {
  if (watch) {
    const exit = await watch.kill('SIGTERM');
    if (exit.code !== 0)
      console.log(
        `watch exited with ${JSON.stringify(exit)}; stderr tail: ${watch.stderr
          .slice(-5)
          .map((l) => l.line)
          .join(' | ')}`,
      );
  }
  expungeUser(me);
  cleanup();
}
