#!/usr/bin/env node
// Idle resident memory of `imip-companion watch` with an empty data dir and a fresh mailbox (loopback mail stack):
//   npm run build && node bench/agent-idle-memory.mjs [seconds=25]
// Starts the real CLI twice, with and without the code cache (bin/compileCache.js), and reads VmRSS/VmHWM from
// /proc/<pid>/status after `seconds`.
import { readFileSync } from 'node:fs';
import {
  cleanup,
  expungeUser,
  machine,
  readyMailUser,
  sleep,
  startWatch,
  tempDir,
  writeConfig,
} from './agent-common.mjs';

const SECONDS = Number(process.argv[2] ?? 25);
const kb = (status, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;

console.log(`${machine()}\n\n| build | VmRSS idle (MB) | VmHWM (MB) |\n|---|---|---|`);
for (const cache of ['1', '0']) {
  process.env.IMIP_COMPANION_COMPILE_CACHE = cache;
  const u = await readyMailUser('idlemem');
  const w = startWatch(writeConfig(tempDir('idlemem'), u));
  try {
    await sleep(SECONDS * 1000);
    const status = readFileSync(`/proc/${w.child.pid}/status`, 'utf8');
    console.log(
      `| code cache ${cache === '1' ? 'on' : 'off'} | ${kb(status, 'VmRSS').toFixed(1)} | ${kb(status, 'VmHWM').toFixed(1)} |`,
    );
  } finally {
    await w.kill();
    expungeUser(u);
  }
}
cleanup();
