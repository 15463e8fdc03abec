#!/usr/bin/env node
// Delivery → handled latency of the watch agent through IDLE, next to Dovecot's own APPEND → IDLE notification
// latency measured in the same run. Build first:
//   npm run build && node bench/agent-latency.mjs [messages=200] [seed=20260401]
// An Agent runs in this process (Agent.create + start) on a fresh user. For each of `messages` invitations a
// separate imapflow connection APPENDs it to that user's INBOX (t0 taken just before APPEND) and the latency is
// the time of the agent's `processed` event (claimed, processed under the data dir lock, keyword stored).
// Alternating with it, a baseline: a bare imapflow client IDLEs on another fresh user's INBOX, the same APPEND
// goes there, and the latency is the time of its `exists` event. Each APPEND waits until both watchers are
// idling again. Prints p50/p95/max of both and "our part" = agent − baseline. For context, a third bare IDLE
// client on the agent's own INBOX, and the split of the agent's time at the moment its scan starts.
// SETTLE_MS (default 30; plus 0-60 ms jitter) is the pause after both idle before each APPEND. Dovecot tells an
// IDLE client about a change about 500 ms after it (its notify delay); a short pause lets the phase of that timer
// vary between the two users, a long one (SETTLE_MS=1500) makes both sit at ~505 ms but 200 messages then take
// far longer than 5 minutes.
import {
  cal,
  cleanup,
  expungeUser,
  imapClient,
  load,
  machine,
  mime,
  prng,
  quantile,
  readyMailUser,
  sleep,
  stamp,
  tempDir,
  waitFor,
  writeConfig,
} from './agent-common.mjs';

const N = Number(process.argv[2] ?? 200);
const rnd = prng(Number(process.argv[3] ?? 20260401));
const { Agent } = await load('electron/agent/agent.js');
const { loadAgentConfig } = await load('electron/settings/agentConfig.js');

const organizer = 'Organizer Bench <organizer@example.org>';
function invitation(n, to) {
  const uid = `lat-${n}-${Date.now()}@example.org`;
  const start = new Date(Date.now() + (3 + n) * 86_400_000);
  start.setUTCHours(9 + (n % 8), 0, 0, 0);
  const ics = cal(
    'REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(Date.now())}`,
    'SEQUENCE:0',
    `DTSTART:${stamp(start)}`,
    'DURATION:PT1H',
    `SUMMARY:Latency probe ${n}`,
    'ORGANIZER;CN=Organizer Bench:mailto:organizer@example.org',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:organizer@example.org',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${to}`,
    'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:someone.else@example.org',
    'END:VEVENT',
  );
  return { uid, raw: mime({ from: organizer, to, subject: `Invitation: Latency probe ${n}`, method: 'REQUEST', ics }) };
}

const [agentUser, baseUser] = await Promise.all([readyMailUser('latagent'), readyMailUser('latbase')]);
const dir = tempDir('latency');
const config = await loadAgentConfig(writeConfig(dir, agentUser));
const errors = [];
let lastScan = 0;
const agent = await Agent.create(config, {
  log: (l) => {
    if (l.startsWith('imap: imap: scanning INBOX') || l.startsWith('imap: scanning INBOX'))
      lastScan = performance.now();
    if (/error|fail|could not/i.test(l)) errors.push(l);
  },
});
const handled = new Map();
agent.on('processed', (r) => {
  if (r.uid) handled.set(r.uid, { t: performance.now(), kind: r.kind, outcome: r.outcome });
});

const watcher = imapClient(baseUser);
let lastExists = null;
let existsCount = 0;
await watcher.connect();
await watcher.mailboxOpen('INBOX');
watcher.on('exists', (ev) => {
  if (ev.count > ev.prevCount) {
    existsCount = ev.count;
    lastExists = performance.now();
  }
});
const idleLoop = async () => {
  while (watcher.usable) {
    await watcher.idle().catch(() => undefined); // returns only when IDLE ends; nothing else uses this connection
    await sleep(10);
  }
};
void idleLoop();
// A second bare IDLE client on the agent's own INBOX: when Dovecot tells a client about the agent's messages.
const observer = imapClient(agentUser);
let observerExists = null;
await observer.connect();
await observer.mailboxOpen('INBOX');
observer.on('exists', (ev) => {
  if (ev.count > ev.prevCount) observerExists = performance.now();
});
void (async () => {
  while (observer.usable) {
    await observer.idle().catch(() => undefined);
    await sleep(10);
  }
})();
const appendAgent = imapClient(agentUser);
const appendBase = imapClient(baseUser);
await Promise.all([appendAgent.connect(), appendBase.connect()]);

const agentMs = [];
const baseMs = [];
const appendOkMs = [];
const toScanMs = [];
const observerMs = [];
const scanToDoneMs = [];
const t0Run = performance.now();
try {
  await agent.start();
  await waitFor(() => agent.status().idle, { what: 'the agent to idle on INBOX', timeoutMs: 20_000 });
  await waitFor(() => watcher.idling, { what: 'the baseline to idle' });
  // One warm-up message each (first FETCH of a body, first data dir write), not counted.
  for (let i = -1; i < N; i++) {
    const order = i % 2 === 0 ? ['agent', 'base'] : ['base', 'agent'];
    for (const which of order) {
      // Both watchers idle again (the agent stores keywords and checks its outbox after each message).
      await waitFor(() => agent.status().idle && watcher.idling, {
        what: 'both to idle',
        timeoutMs: 20_000,
        intervalMs: 5,
      }).catch((e) => {
        throw new Error(
          `${e.message} (round ${i}: agent ${JSON.stringify(agent.status())}, baseline idling ${watcher.idling}, usable ${watcher.usable}; last agent errors: ${errors.slice(-3).join(' | ')})`,
        );
      });
      await sleep(Number(process.env.SETTLE_MS ?? 30) + Math.floor(rnd() * 60));
      if (which === 'agent') {
        const inv = invitation(i, agentUser.address);
        observerExists = null;
        const t0 = performance.now();
        await appendAgent.append('INBOX', inv.raw, [], new Date());
        const tAppended = performance.now();
        const got = await waitFor(() => handled.get(inv.uid), {
          what: `invitation ${i} to be handled`,
          timeoutMs: 20_000,
          intervalMs: 1,
        });
        if (i >= 0) {
          agentMs.push(got.t - t0);
          appendOkMs.push(tAppended - t0);
          await waitFor(() => observerExists, { what: 'the observer', timeoutMs: 3_000, intervalMs: 1 }).catch(
            () => undefined,
          );
          if (observerExists) observerMs.push(observerExists - t0);
          if (lastScan > t0) {
            toScanMs.push(lastScan - t0);
            scanToDoneMs.push(got.t - lastScan);
          }
        }
      } else {
        const inv = invitation(i, baseUser.address);
        const before = existsCount;
        const t0 = performance.now();
        await appendBase.append('INBOX', inv.raw, [], new Date());
        await waitFor(() => existsCount > before, { what: `baseline EXISTS ${i}`, timeoutMs: 20_000, intervalMs: 1 });
        if (i >= 0) baseMs.push(lastExists - t0);
      }
    }
  }
} finally {
  await agent.stop().catch(() => undefined);
  await Promise.all([watcher, observer, appendAgent, appendBase].map((c) => c.logout().catch(() => c.close())));
  expungeUser(agentUser);
  expungeUser(baseUser);
}
const wall = (performance.now() - t0Run) / 1000;
const kinds = {};
for (const v of handled.values()) kinds[`${v.kind}/${v.outcome}`] = (kinds[`${v.kind}/${v.outcome}`] ?? 0) + 1;

const f = (x) => `${Math.round(x)}`;
const row = (name, a) =>
  `| ${name} | ${a.length} | ${f(quantile(a, 0.5))} | ${f(quantile(a, 0.95))} | ${f(Math.max(...a))} |`;
console.log(
  `\n${machine()}; ${N} messages each, alternating; wall ${wall.toFixed(1)} s; agent outcomes ${JSON.stringify(kinds)}\n`,
);
console.log('| path | n | p50 ms | p95 ms | max ms |');
console.log('|---|---|---|---|---|');
console.log(row('APPEND → agent `processed` (claim, process, keyword stored)', agentMs));
console.log(row('APPEND → bare imapflow IDLE `exists` (Dovecot baseline)', baseMs));
console.log(row('APPEND → tagged OK (agent user, for reference)', appendOkMs));
if (observerMs.length) console.log(row("APPEND → a bare IDLE client on the agent's own INBOX `exists`", observerMs));
if (toScanMs.length) {
  console.log(row('split: APPEND → agent starts its scan (EXISTS seen, woken)', toScanMs));
  console.log(row('split: scan start → `processed` (SELECT, SEARCH, FETCH×2, claim, process, STORE)', scanToDoneMs));
}
const p95Ours = quantile(agentMs, 0.95) - quantile(baseMs, 0.95);
console.log(
  `| **our part** = agent − baseline | | ${f(quantile(agentMs, 0.5) - quantile(baseMs, 0.5))} | ${f(p95Ours)} | |`,
);
console.log(`\nTarget: our part ≤ 100 ms at p95: ${p95Ours <= 100 ? 'met' : 'not met'}.`);
if (errors.length) console.log(`\nAgent reported ${errors.length} error lines, first: ${errors[0]}`);
cleanup();
process.exit(0);
