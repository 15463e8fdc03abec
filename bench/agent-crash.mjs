#!/usr/bin/env node
// Crash safety of `imip-companion watch` under kill -9. Build first:
//   npm run build && node bench/agent-crash.mjs [seed=20260403] [killPhaseSeconds=180] [killAfterMs=300-2000] [stallRestarts=20]
// bob organises 100 events (imported into his data dir; carol and 2-4 others attend, some series, some in
// Europe/Berlin). 500 messages from carol are APPENDed to bob's INBOX (internal dates inside the 4W frame):
// 250 REPLYs (2-3 per event, DTSTAMPs a minute apart with changing PARTSTATs, delivered in a seeded shuffle so
// older answers often arrive after newer ones) and 250 REFRESHes (each answered automatically with a REQUEST to
// carol: the replies that must arrive exactly once).
// Crash run: the real CLI `watch` is started and killed with SIGKILL 0.3-2 s after each spawn (seeded; a busier
// machine, where a start takes longer, needs a later range such as 1000-4000 for the kills to land in the work), and
// restarted, until every INBOX message carries $ITipProcessed/$ITipIgnore/$ITipAnalyzed and the outbox is empty.
// The kill phase also ends when nothing more can happen by restarting (every message marked or stuck, see
// progress(); the outbox empty or held by locks of killed processes), after 20 restarts without progress (on a busy
// machine short-lived starts may mark nothing for a while), or when its time budget is used up; then one
// uninterrupted `watch` gets up to 180 s to finish. Outbox messages whose
// lock file belongs to a killed process would wait the 10-minute stale-lock time (STALE_LOCK_MS); the harness
// ages those lock files instead and reports how many.
// Reference run: the same events and messages (organiser bob2) handled by one uninterrupted `watch`.
// Compared: carol's PARTSTAT per event (crash, reference, and the newest REPLY per event), the whole stored
// calendars (DTSTAMP, X-RECEIVED-* and the organiser's address normalised away), and carol's INBOX: REQUESTs per
// organiser, Message-IDs seen twice, REFRESHes left without an answer.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BIN,
  cal,
  cleanup,
  expungeUser,
  imapClient,
  machine,
  mailboxFlags,
  mailboxTexts,
  mime,
  prng,
  readyMailUser,
  sleep,
  stamp,
  startWatch,
  tempDir,
  writeConfig,
} from './agent-common.mjs';

const SEED = Number(process.argv[2] ?? 20260403);
const KILL_BUDGET_S = Number(process.argv[3] ?? 180);
// `300-2000`: kill that many ms after the spawn; `watching+0-1500`: after the agent logged that it is watching
// (its start-up, slow on a loaded machine, is then not where most kills land).
const KILL_SPEC = process.argv[4] ?? '300-2000';
const STALL_RESTARTS = Number(process.argv[5] ?? 20);
const KILL_FROM_WATCHING = KILL_SPEC.startsWith('watching+');
const [KILL_MIN_MS, KILL_MAX_MS] = KILL_SPEC.replace('watching+', '').split('-').map(Number);
const EVENTS = 100;
const REPLIES = 250;
const REFRESHES = 250;
const rnd = prng(SEED);
const ri = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const pick = (a) => a[Math.floor(rnd() * a.length)];
const STATE_KW = ['$ITipProcessed', '$ITipIgnore', '$ITipAnalyzed'];
const PARTSTATS = ['ACCEPTED', 'DECLINED', 'TENTATIVE'];
const { default: ICAL } = await import('ical.js');

const [bob, bob2, carol] = await Promise.all([
  readyMailUser('crashbob'),
  readyMailUser('refbob'),
  readyMailUser('crashcarol'),
]);
const ORG = '__ORGANIZER__';
const runId = Date.now().toString(36);

// ---------- the scenario, written once with a placeholder for the organiser ----------
const events = [];
for (let i = 0; i < EVENTS; i++) {
  const uid = `crash-${runId}-${i}@example.test`;
  const start = new Date(Date.now() + ri(20, 120) * 86_400_000);
  start.setUTCHours(ri(7, 16), pick([0, 30]), 0, 0);
  const tz = rnd() < 0.4 ? 'Europe/Berlin' : null;
  const dt = (name, d) => (tz ? `${name};TZID=${tz}:${stamp(d).replace('Z', '')}` : `${name}:${stamp(d)}`);
  const others = Array.from(
    { length: ri(2, 4) },
    (_, k) => `ATTENDEE;CN=Guest ${i}-${k};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:guest${(i * 7 + k) % 40}@example.org`,
  );
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T090000Z',
    'SEQUENCE:0',
    dt('DTSTART', start),
    'DURATION:PT1H',
    `SUMMARY:Crash test meeting ${i}`,
    `ORGANIZER;CN=Bob:mailto:${ORG}`,
    `ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:${ORG}`,
    `ATTENDEE;CN=Carol;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${carol.address}`,
    ...others,
  ];
  if (rnd() < 0.3) lines.push(`RRULE:FREQ=WEEKLY;COUNT=${ri(4, 12)}`);
  lines.push('END:VEVENT');
  events.push({ uid, lines });
}
const eventsIcs = cal(null, ...events.flatMap((e) => e.lines));

const messages = [];
const stampBase = Date.now() - 3 * 86_400_000;
const replyCount = new Map(events.map((e) => [e.uid, 0]));
for (let n = 0; n < REPLIES; n++) {
  // 2-3 REPLYs per event: the first 200 go round-robin twice, the last 50 to random events.
  const e = n < 2 * EVENTS ? events[n % EVENTS] : pick(events);
  const j = replyCount.get(e.uid);
  replyCount.set(e.uid, j + 1);
  messages.push({ kind: 'REPLY', uid: e.uid, j, dtstamp: stampBase + j * 60_000 });
}
// PARTSTATs: each REPLY of an event differs from its predecessor.
for (const e of events) {
  let prev = null;
  for (const m of messages.filter((x) => x.uid === e.uid).sort((a, b) => a.j - b.j)) {
    m.partstat = pick(PARTSTATS.filter((p) => p !== prev));
    prev = m.partstat;
  }
}
for (let n = 0; n < REFRESHES; n++)
  messages.push({ kind: 'REFRESH', uid: pick(events).uid, dtstamp: Date.now() - 86_400_000 + n * 1000 });
for (let i = messages.length - 1; i > 0; i--) {
  const k = Math.floor(rnd() * (i + 1));
  [messages[i], messages[k]] = [messages[k], messages[i]];
}
messages.forEach((m, i) => {
  m.messageId = `crash-${runId}-${i}-${m.kind.toLowerCase()}@example.test`;
  m.date = Date.now() - 2 * 86_400_000 + i * 100;
});
const expected = new Map();
for (const m of messages)
  if (m.kind === 'REPLY' && (!expected.has(m.uid) || expected.get(m.uid).dtstamp < m.dtstamp)) expected.set(m.uid, m);
const refreshPerUid = new Map();
for (const m of messages) if (m.kind === 'REFRESH') refreshPerUid.set(m.uid, (refreshPerUid.get(m.uid) ?? 0) + 1);

function rawOf(m, org) {
  const ics =
    m.kind === 'REPLY'
      ? cal(
          'REPLY',
          'BEGIN:VEVENT',
          `UID:${m.uid}`,
          `DTSTAMP:${stamp(m.dtstamp)}`,
          'SEQUENCE:0',
          `ORGANIZER;CN=Bob:mailto:${org}`,
          `ATTENDEE;CN=Carol;PARTSTAT=${m.partstat}:mailto:${carol.address}`,
          'END:VEVENT',
        )
      : cal(
          'REFRESH',
          'BEGIN:VEVENT',
          `UID:${m.uid}`,
          `DTSTAMP:${stamp(m.dtstamp)}`,
          `ORGANIZER;CN=Bob:mailto:${org}`,
          `ATTENDEE;CN=Carol:mailto:${carol.address}`,
          'END:VEVENT',
        );
  return mime({
    from: `Carol <${carol.address}>`,
    to: org,
    subject: m.kind === 'REPLY' ? `${m.partstat}: meeting` : 'Please send the event again',
    method: m.kind,
    ics,
    date: m.date,
    messageId: m.messageId,
  });
}

async function prepare(user, label) {
  const dir = tempDir(label);
  const config = writeConfig(dir, user);
  const data = path.join(dir, 'data');
  const file = path.join(dir, 'events.ics');
  writeFileSync(file, eventsIcs.replaceAll(ORG, user.address));
  execFileSync(process.execPath, [BIN, 'import', '--data-dir', data, '--me', user.address, '--json', file], {
    encoding: 'utf8',
  });
  const c = imapClient(user);
  await c.connect();
  for (const m of messages) await c.append('INBOX', rawOf(m, user.address), [], new Date(m.date));
  await c.logout();
  return { dir, config, data, outbox: path.join(data, 'outbox') };
}

async function waitForLine(w, pattern, limitMs) {
  const deadline = performance.now() + limitMs;
  while (!w.stderr.some((l) => pattern.test(l.line)) && performance.now() < deadline) await sleep(20);
}

function lockPid(file) {
  try {
    // electron/fsio/lockFile.ts: the pid on the first line, then JSON.
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isNaN(pid) ? null : pid;
  } catch {
    return null;
  }
}
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * INBOX keywords and the outbox, as seen from outside. `stuck`: only $ITipClaimed on the server and no local
 * claim record in the data dir (state/imap/mailbox-INBOX.json), so the next start answers "another client is
 * handling this message" and never processes it.
 */
function progress(user, run) {
  const flags = mailboxFlags(user.user);
  const marked = flags.filter((f) => f.flags.some((k) => STATE_KW.includes(k))).length;
  const claimedOnly = flags
    .filter((f) => f.flags.includes('$ITipClaimed') && !f.flags.some((k) => STATE_KW.includes(k)))
    .map((f) => f.uid);
  let local = {};
  try {
    local = JSON.parse(readFileSync(path.join(run.data, 'state', 'imap', 'mailbox-INBOX.json'), 'utf8')).local ?? {};
  } catch {
    /* not written yet */
  }
  const stuck = claimedOnly.filter((uid) => local[uid]?.s !== 'claimed');
  let names = [];
  try {
    names = readdirSync(run.outbox);
  } catch {
    /* not created yet */
  }
  const queued = names.filter((n) => n.endsWith('.eml'));
  const deadLocks = queued.filter(
    (n) => names.includes(`${n}.lock`) && !alive(lockPid(path.join(run.outbox, `${n}.lock`))),
  );
  const done = marked === flags.length && queued.length === 0;
  // Nothing more can happen without outside help: every message marked or stuck, the outbox empty or held by locks of dead processes.
  const finished = marked + stuck.length === flags.length && queued.length === deadLocks.length;
  return { total: flags.length, marked, claimedOnly, stuck, queued: queued.length, deadLocks, done, finished };
}

const agedLocks = new Set();
function ageDeadLocks(run, p) {
  const old = new Date(Date.now() - 11 * 60_000);
  for (const n of p.deadLocks) {
    try {
      utimesSync(path.join(run.outbox, `${n}.lock`), old, old);
      agedLocks.add(n);
    } catch {
      /* released between the look and now: its holder was alive after all */
    }
  }
}

/**
 * One uninterrupted watch until everything is done, or until only stuck messages are left and nothing changed for
 * 5 s, or `limitMs`; then SIGTERM. Locks of killed processes on outbox messages are aged as they are found.
 */
async function settle(user, run, limitMs, lines, procs = null) {
  const w = startWatch(run.config);
  const t0 = performance.now();
  let p;
  let sig = '';
  let since = performance.now();
  try {
    for (;;) {
      await sleep(500);
      p = progress(user, run);
      if (p.deadLocks.length) ageDeadLocks(run, p);
      const now = `${p.marked}/${p.queued}/${w.lines.length}`;
      if (now !== sig) {
        sig = now;
        since = performance.now();
      }
      if (p.done || (p.finished && p.deadLocks.length === 0 && performance.now() - since > 5_000)) break;
      if (performance.now() - t0 > limitMs || w.exited) break;
    }
  } finally {
    const exit = await w.kill('SIGTERM');
    lines.push(...w.lines);
    procs?.push({ killed: false, stderr: w.stderr });
    if (exit.code !== 0)
      console.error(
        `watch exited with ${JSON.stringify(exit)}: ${w.stderr
          .slice(-3)
          .map((l) => l.line)
          .join(' | ')}`,
      );
  }
  return { seconds: (performance.now() - t0) / 1000, progress: p };
}

// ---------- calendars ----------
function readCalendar(data, orgAddress) {
  const dir = path.join(data, 'calendar');
  const out = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ics'))) {
    const text = readFileSync(path.join(dir, f), 'utf8').replaceAll(orgAddress, 'organizer@bench.invalid');
    const comp = new ICAL.Component(ICAL.parse(text));
    const ev = comp.getAllSubcomponents('vevent').find((v) => !v.hasProperty('recurrence-id'));
    const uid = String(ev.getFirstPropertyValue('uid'));
    const carolProp = ev
      .getAllProperties('attendee')
      .find((a) => String(a.getFirstValue()).toLowerCase() === `mailto:${carol.address}`);
    out.set(uid, { partstat: carolProp?.getParameter('partstat') ?? null, canonical: canonical(comp) });
  }
  return out;
}
function canonical(comp) {
  const walk = (c) => {
    const props = c
      .getAllProperties()
      .filter((p) => !['dtstamp', 'prodid', 'last-modified'].includes(p.name))
      .map((p) => {
        const [name, params, type, ...values] = JSON.parse(JSON.stringify(p.toJSON()));
        const kept = Object.fromEntries(
          Object.entries(params)
            .filter(([k]) => !k.toLowerCase().startsWith('x-received'))
            .sort(([a], [b]) => a.localeCompare(b)),
        );
        return new ICAL.Property([name, kept, type, ...values]).toICALString();
      })
      .sort();
    const subs = c.getAllSubcomponents().map(walk).sort();
    return [`BEGIN:${c.name}`, ...props, ...subs, `END:${c.name}`].join('\n');
  };
  return walk(comp);
}

function mailboxTextsCache(orgAddress) {
  return mailboxTexts(carol.user)
    .map((t) => t.replace(/\r?\n /g, ''))
    .filter((t) => /^METHOD:REQUEST/m.test(t) && new RegExp(`^From:.*${orgAddress}`, 'mi').test(t));
}
function requestsAtCarol(orgAddress) {
  const texts = mailboxTextsCache(orgAddress);
  const ids = texts.map((t) => /^Message-ID:\s*(\S+)/im.exec(t)?.[1] ?? '?');
  const perUid = new Map();
  for (const t of texts) {
    const uid = /^UID:(.*)$/m.exec(t.replace(/\r?\n /g, ''))?.[1]?.trim();
    perUid.set(uid, (perUid.get(uid) ?? 0) + 1);
  }
  const counts = new Map();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1);
  let missing = 0;
  for (const [uid, n] of refreshPerUid)
    missing += Math.max(
      0,
      n -
        new Set(
          texts
            .filter((t) => t.replace(/\r?\n /g, '').includes(`UID:${uid}`))
            .map((t) => /^Message-ID:\s*(\S+)/im.exec(t)?.[1]),
        ).size,
    );
  return { total: texts.length, distinct: counts.size, twice, missing, perUid };
}
async function settledRequests(orgAddress, want) {
  // Postfix delivers asynchronously: wait until carol's count reaches `want` and stays put for 3 s (max 60 s).
  let last = -1;
  let since = Date.now();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = requestsAtCarol(orgAddress);
    if (r.total !== last) {
      last = r.total;
      since = Date.now();
    }
    if ((r.total >= want && Date.now() - since > 3_000) || Date.now() - since > 15_000 || Date.now() > deadline)
      return r;
    await sleep(500);
  }
}

function handledCounts(lines) {
  const per = new Map();
  for (const l of lines) if (l.messageId) per.set(l.messageId, (per.get(l.messageId) ?? 0) + 1);
  return per;
}

/**
 * Where each duplicate came from: every SMTP attempt for its Message-ID in the agents' logs, with the last step it
 * reached and whether its process was killed. A killed attempt that reached "sending" or "answered" but not
 * "recorded" is the window between the end of DATA and the record; anything else is a bug in the outbox.
 */
function duplicateAttempts(twice, procs) {
  return twice.map(([id, n]) => {
    const attempts = [];
    procs.forEach((p, i) => {
      let cur = null;
      for (const { line } of p.stderr) {
        if (!line.includes(id)) continue;
        if (line.includes(`: sending ${id}`)) {
          cur = { proc: i, killed: p.killed, step: 'sending', file: /outbox: ([^:]+):/.exec(line)?.[1] ?? '?' };
          attempts.push(cur);
        } else if (line.includes(`smtp: sent ${id}`) && cur) cur.step = 'answered';
        else if (line.includes(`recorded as sent ${id}`) && cur) cur.step = 'recorded';
      }
    });
    const text = attempts
      .map((a) => `start ${a.proc + 1}${a.killed ? ' (killed)' : ''} ${a.file}: ${a.step}`)
      .join(' → ');
    return `${id} ×${n}: ${text || 'no attempt logged'}`;
  });
}

// ---------- crash run ----------
try {
  const tPrep = performance.now();
  const [crash, ref] = [await prepare(bob, 'crash'), await prepare(bob2, 'reference')];
  const prepSeconds = (performance.now() - tPrep) / 1000;

  const crashLines = [];
  const crashProcs = [];
  let kills = 0;
  let restarts = 0;
  let stalled = 0;
  let lastSig = '';
  let crashDone = false;
  const tCrash = performance.now();
  const killWindows = [];
  while ((performance.now() - tCrash) / 1000 < KILL_BUDGET_S) {
    const w = startWatch(crash.config);
    restarts++;
    const after = KILL_MIN_MS + Math.floor(rnd() * (KILL_MAX_MS - KILL_MIN_MS));
    if (KILL_FROM_WATCHING) await Promise.race([waitForLine(w, /^watching /, 60_000), w.done]);
    await Promise.race([sleep(after), w.done]);
    let killed = false;
    if (!w.exited) {
      await w.kill('SIGKILL');
      kills++;
      killed = true;
      killWindows.push(after);
    }
    crashLines.push(...w.lines);
    crashProcs.push({ killed, stderr: w.stderr });
    const p = progress(bob, crash);
    if (p.done) {
      crashDone = true;
      break;
    }
    const sig = `${p.marked}/${p.queued}/${crashLines.length}`;
    stalled = sig === lastSig ? stalled + 1 : 0;
    lastSig = sig;
    if (stalled >= STALL_RESTARTS || p.finished) break;
  }
  const killPhase = { seconds: (performance.now() - tCrash) / 1000, progress: progress(bob, crash) };
  let settled = null;
  if (!crashDone) settled = await settle(bob, crash, 180_000, crashLines, crashProcs);
  const crashWall = (performance.now() - tCrash) / 1000;
  const crashFinal = progress(bob, crash);

  // ---------- reference run ----------
  const refLines = [];
  const refRun = await settle(bob2, ref, 240_000, refLines);
  const refFinal = progress(bob2, ref);

  const [crashReq, refReq] = [
    await settledRequests(bob.address, REFRESHES),
    await settledRequests(bob2.address, REFRESHES),
  ];
  const crashCal = readCalendar(crash.data, bob.address);
  const refCal = readCalendar(ref.data, bob2.address);
  let psDiffer = 0;
  let psCrashVsExpected = 0;
  let psRefVsExpected = 0;
  let canonDiffer = 0;
  let differStuck = 0;
  const stuckUids = new Set(crashFinal.stuck.map((uid) => messages[uid - 1]?.uid));
  const examples = [];
  for (const e of events) {
    const c = crashCal.get(e.uid);
    const r = refCal.get(e.uid);
    const want = expected.get(e.uid)?.partstat ?? 'NEEDS-ACTION';
    if (c?.partstat !== r?.partstat) psDiffer++;
    if (c?.partstat !== want) psCrashVsExpected++;
    if (r?.partstat !== want) psRefVsExpected++;
    if (c?.canonical !== r?.canonical) {
      canonDiffer++;
      if (stuckUids.has(e.uid)) differStuck++;
      if (examples.length < 3)
        examples.push(`${e.uid}: crash ${c?.partstat}, reference ${r?.partstat}, newest REPLY ${want}`);
    }
  }
  if (process.env.BENCH_KEEP) {
    writeFileSync(path.join(crash.dir, 'lines.jsonl'), crashLines.map((l) => JSON.stringify(l)).join('\n'));
    writeFileSync(path.join(ref.dir, 'lines.jsonl'), refLines.map((l) => JSON.stringify(l)).join('\n'));
    writeFileSync(path.join(ref.dir, 'messages.json'), JSON.stringify({ messages, expected: [...expected] }, null, 1));
  }
  // Where each duplicate came from: its final outbox record (sent/) shows the earlier attempt of a killed process.
  const dupRecords = crashReq.twice.map(([id]) => {
    const dir = path.join(crash.outbox, 'sent');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.state.json'))) {
      const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      if (r.messageId === id) return r;
    }
    return null;
  });
  const dupAfterKilledAttempt = dupRecords.filter(
    (r) => r && r.attempts === 1 && !r.alreadySent && r.firstAttemptAt < r.lastAttemptAt,
  ).length;
  // REFRESHes left unanswered beyond those whose message was never processed.
  const stuckRefreshPerUid = new Map();
  for (const uid of crashFinal.stuck) {
    const m = messages[uid - 1];
    if (m?.kind === 'REFRESH') stuckRefreshPerUid.set(m.uid, (stuckRefreshPerUid.get(m.uid) ?? 0) + 1);
  }
  let unexplained = 0;
  for (const [uid, n] of refreshPerUid) {
    const got = new Set(
      mailboxTextsCache(bob.address)
        .filter((t) => t.includes(`UID:${uid}`))
        .map((t) => /^Message-ID:\s*(\S+)/im.exec(t)?.[1]),
    ).size;
    unexplained += Math.max(0, n - got - (stuckRefreshPerUid.get(uid) ?? 0));
  }
  const reprocessed = [...handledCounts(crashLines).values()].filter((n) => n > 1).length;
  const sentCopies = (u) => mailboxTexts(u.user, 'Sent').filter((t) => /^METHOD:REQUEST/m.test(t)).length;

  console.log(
    `\n${machine()}; seed ${SEED}; ${EVENTS} events, ${messages.length} messages (${REPLIES} REPLY, ${REFRESHES} REFRESH); setup ${prepSeconds.toFixed(1)} s\n`,
  );
  console.log('| | crash run (kill -9) | reference (uninterrupted) |');
  console.log('|---|---|---|');
  console.log(
    `| wall time | ${crashWall.toFixed(1)} s (kill phase ${killPhase.seconds.toFixed(1)} s${settled ? `, then one uninterrupted watch ${settled.seconds.toFixed(1)} s` : ''}) | ${refRun.seconds.toFixed(1)} s |`,
  );
  console.log(`| kills / starts | ${kills} / ${restarts + (settled ? 1 : 0)} | 0 / 1 |`);
  console.log(
    `| kill phase ended | ${crashDone ? 'everything done' : `${killPhase.progress.marked}/${killPhase.progress.total} marked, ${killPhase.progress.stuck.length} stuck, ${killPhase.progress.queued} queued (${killPhase.progress.deadLocks.length} behind a killed process's lock)`} | — |`,
  );
  console.log(
    `| INBOX messages with a state keyword | ${crashFinal.marked}/${crashFinal.total} | ${refFinal.marked}/${refFinal.total} |`,
  );
  const stuckKinds = crashFinal.stuck.map((uid) => messages[uid - 1]?.kind ?? '?');
  console.log(
    `| messages never processed: only $ITipClaimed, no local claim (restarts skip them) | ${crashFinal.stuck.length}${crashFinal.stuck.length ? ` (${stuckKinds.filter((k) => k === 'REPLY').length} REPLY, ${stuckKinds.filter((k) => k === 'REFRESH').length} REFRESH; UIDs ${crashFinal.stuck.slice(0, 8).join(', ')}${crashFinal.stuck.length > 8 ? ', …' : ''})` : ''} | ${refFinal.stuck.length} |`,
  );
  console.log(`| outbox left | ${crashFinal.queued} | ${refFinal.queued} |`);
  console.log(
    `| outbox lock files of killed processes aged by the harness (else 10 min wait) | ${agedLocks.size} | — |`,
  );
  console.log(
    `| messages handled more than once (JSON lines; a kill before the keyword) | ${reprocessed} | ${[...handledCounts(refLines).values()].filter((n) => n > 1).length} |`,
  );
  console.log(`| REQUESTs at carol (expected ${REFRESHES}) | ${crashReq.total} | ${refReq.total} |`);
  console.log(
    `| Message-IDs at carol more than once (duplicates) | ${crashReq.twice.length}${
      crashReq.twice.length
        ? ` (${crashReq.twice
            .slice(0, 3)
            .map(([id, n]) => `${id}×${n}`)
            .join(', ')})`
        : ''
    } | ${refReq.twice.length} |`,
  );
  console.log(
    `| REFRESHes without an answer (missing replies) | ${crashReq.missing} (${unexplained} not explained by a never-processed REFRESH) | ${refReq.missing} |`,
  );
  if (crashReq.twice.length)
    console.log(
      `| duplicates whose outbox record shows an earlier attempt by a killed process (state 'sending', no Sent copy) | ${dupAfterKilledAttempt} of ${crashReq.twice.length} | |`,
    );
  console.log(`| REQUEST copies in bob's Sent | ${sentCopies(bob)} | ${sentCopies(bob2)} |`);
  const ownFromSent = (lines) =>
    lines.filter(
      (l) => l.method === 'REQUEST' && l.outcome === 'applied' && /your own invitation/.test(String(l.reason)),
    ).length;
  console.log(
    `| own REQUESTs read back from Sent and stored over the organizer's copy | ${ownFromSent(crashLines)} | ${ownFromSent(refLines)} |`,
  );
  console.log(`| carol's PARTSTAT ≠ newest REPLY (of ${EVENTS} events) | ${psCrashVsExpected} | ${psRefVsExpected} |`);
  console.log(`| store equality: events whose PARTSTAT differs crash vs reference | ${psDiffer} | |`);
  console.log(
    `| store equality: events whose canonical text differs (no DTSTAMP, X-RECEIVED-*) | ${canonDiffer} (${differStuck} of them have a never-processed message) | |`,
  );
  if (examples.length) console.log(`\nDiffering events, e.g.: ${examples.join('; ')}`);
  if (crashReq.twice.length) {
    console.log(
      '\nEach duplicate, attempt by attempt (from the agents\' logs: "sending" = SMTP transaction started, "answered" = the server\'s reply read, "recorded" = the outbox record says sent):',
    );
    for (const line of duplicateAttempts(crashReq.twice, crashProcs)) console.log(`- ${line}`);
  }
  console.log(
    `\nKill delays after ${KILL_FROM_WATCHING ? 'the agent\'s "watching" line' : 'spawn'}: ${killWindows.length ? `${Math.min(...killWindows)}–${Math.max(...killWindows)} ms` : '-'}.`,
  );
} finally {
  if (!process.env.BENCH_KEEP) for (const u of [bob, bob2, carol]) expungeUser(u);
  else console.error(`BENCH_KEEP: users ${bob.user} ${bob2.user} ${carol.user} kept`);
  cleanup();
}
process.exit(0);
