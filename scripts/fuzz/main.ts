/**
 * `npm run fuzz -- [--seed N] [--inputs N] [--seconds N] [--target mail,ics,itip,process] [--workers N] [--out DIR]
 *                  [--max-len BYTES] [--budget MS] [--hang S]`
 *
 * `--max-len` bounds every input (default 128 KiB, inputs.ts says why); `--budget` is the time per input above
 * which it is reported as slow (default 250 ms); `--hang` the seconds without progress after which a worker is
 * stopped (default 5).
 *
 * The long run. The fuzzing itself happens in worker threads (one per core unless --workers says otherwise; worker
 * w of n takes the inputs w, w + n, w + 2n, …), each with a memory ceiling; this thread watches each one's
 * heartbeat (the number of the input in hand, in shared memory). A worker that stops beating for `--hang`
 * seconds is terminated and the input is reported as a hang; a worker that dies (out of memory) is reported the
 * same way; either way a new worker continues with the next input. Findings are printed and, with --out, each
 * offending input is written there as `<target>-<index>.bin` for a regression test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus.js';
import { DEFAULT_BUDGET_MS, fuzz, FindingLog, type Finding, type FuzzReport } from './fuzzer.js';
import { DEFAULT_MAX_LEN, makeInput, TARGETS, type Target } from './inputs.js';

interface Job {
  readonly fixtures: string;
  readonly seed: number;
  readonly start: number;
  readonly count: number;
  readonly stride: number;
  readonly targets: Target[];
  readonly deadline: number;
  readonly maxLen: number;
  readonly budgetMs: number;
  readonly beat: SharedArrayBuffer;
}

const MEMORY_MB = 1536;

async function workerMain(job: Job): Promise<void> {
  const beat = new Int32Array(job.beat);
  const corpus = loadCorpus(job.fixtures);
  const log = new FindingLog();
  log.onNew = (f) => parentPort?.postMessage({ finding: f });
  const report = await fuzz(
    corpus,
    {
      seed: job.seed,
      start: job.start,
      count: job.count,
      stride: job.stride,
      targets: job.targets,
      deadline: job.deadline,
      maxLen: job.maxLen,
      budgetMs: job.budgetMs,
      maxRssBytes: MEMORY_MB * 1048576 * 1.5,
      onInput: (i) => Atomics.store(beat, 0, i),
    },
    log,
  );
  parentPort?.postMessage({ report });
}

function args(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) out.set(a.slice(2), argv[i + 1] ?? '');
    if (a.startsWith('--')) i++;
  }
  return out;
}

function runWorker(
  job: Job,
  hangSeconds: number,
  found: FindingLog,
): Promise<{ report: FuzzReport | null; stoppedAt: number | null; why: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
    });
    const beat = new Int32Array(job.beat);
    let report: FuzzReport | null = null;
    let lastIndex = -1;
    let since = Date.now();
    let why = '';
    // Checked four times a second: a worker stuck in one input costs the run at most `hang` seconds of that lane.
    const timer = setInterval(() => {
      const now = Atomics.load(beat, 0);
      if (now !== lastIndex) {
        lastIndex = now;
        since = Date.now();
      } else if (!why && Date.now() - since >= hangSeconds * 1000) {
        why = `no progress for ${hangSeconds} s`;
        void worker.terminate();
      }
    }, 250);
    worker.on('message', (m: { report?: FuzzReport; finding?: Finding }) => {
      if (m.finding) found.merge(m.finding);
      if (m.report) report = m.report;
    });
    worker.on('error', (e) => (why = `worker died: ${e.message}`));
    worker.on('exit', () => {
      clearInterval(timer);
      resolve({ report, stoppedAt: report ? null : Atomics.load(beat, 0), why: why || 'worker exited' });
    });
  });
}

async function supervise(): Promise<void> {
  const a = args(process.argv.slice(2));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const fixtures = path.join(root, 'test', 'fixtures');
  const seed = Number(a.get('seed') ?? Date.now() % 2 ** 31);
  const total = Number(a.get('inputs') ?? 1e12);
  const seconds = Number(a.get('seconds') ?? (a.has('inputs') ? 1e9 : 60));
  const hang = Number(a.get('hang') ?? 5);
  const maxLen = Number(a.get('max-len') ?? DEFAULT_MAX_LEN);
  const budgetMs = Number(a.get('budget') ?? DEFAULT_BUDGET_MS);
  const targets = (a.get('target')?.split(',') ?? [...TARGETS]).filter((t): t is Target =>
    (TARGETS as readonly string[]).includes(t),
  );
  const out = a.get('out');
  const deadline = Date.now() + seconds * 1000;
  const workers = Math.max(1, Number(a.get('workers') ?? availableParallelism()));
  console.log(
    `fuzz: seed ${seed}, targets ${targets.join(',')}, ${a.has('inputs') ? `${total} inputs` : `${seconds} s`}, ${workers} worker(s), inputs up to ${maxLen} bytes, ${budgetMs} ms budget`,
  );
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const found = new FindingLog();
  const byTarget: Record<Target, number> = { mail: 0, ics: 0, itip: 0, process: 0 };
  const msByTarget: Record<Target, number> = { mail: 0, ics: 0, itip: 0, process: 0 };
  let inputs = 0;
  const corpus = loadCorpus(fixtures);
  /** One worker's share of the run; a hang or a dead worker is reported and a new one continues after it. */
  const lane = async (first: number): Promise<void> => {
    let next = first;
    while (next < total && Date.now() < deadline) {
      const beat = new SharedArrayBuffer(4);
      new Int32Array(beat)[0] = next;
      const job = {
        fixtures,
        seed,
        start: next,
        count: total - next,
        stride: workers,
        targets,
        deadline,
        maxLen,
        budgetMs,
        beat,
      };
      const r = await runWorker(job, hang, found);
      if (r.report) {
        // First sightings came as messages already; the report adds how often each was seen.
        for (const f of r.report.findings) found.merge({ ...f, count: f.count - 1 });
        for (const t of TARGETS) {
          byTarget[t] += r.report.byTarget[t];
          msByTarget[t] += r.report.msByTarget[t];
        }
        inputs += r.report.inputs;
        return;
      }
      const at = r.stoppedAt ?? next;
      found.add('hang', makeInput(corpus, seed, at, targets, maxLen), r.why);
      // Inputs the stopped worker finished are counted by number; their split by target follows the round robin.
      for (let i = next; i <= at; i += workers) byTarget[targets[i % targets.length] as Target]++;
      inputs += Math.floor((at - next) / workers) + 1;
      next = at + workers;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => lane(w)));
  const findings = found.list();
  const secs = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(
    `inputs: ${inputs} in ${secs.toFixed(1)} s (${Math.round(inputs / secs)}/s); by target: ${TARGETS.map((t) => `${t} ${byTarget[t]}`).join(', ')}`,
  );
  // Per target: its inputs over the time the workers spent on them (building, running, checking its batches), i.e.
  // the rate one worker would reach on that target alone.
  console.log(
    `per target and worker: ${TARGETS.filter((t) => byTarget[t] > 0)
      .map((t) => `${t} ${Math.round(byTarget[t] / (msByTarget[t] / 1000))}/s`)
      .join(', ')}`,
  );
  // CPU time of the whole process (all workers): on a machine shared with other work the wall-clock rate says
  // more about the load than about the fuzzer; inputs per CPU-second times the workers is what idle cores give.
  console.log(
    `cpu: ${cpuSecs.toFixed(1)} s (${((100 * cpuSecs) / secs).toFixed(0)} % of one core); ${Math.round(inputs / cpuSecs)} inputs per CPU-second`,
  );
  console.log(`findings: ${findings.length}`);
  for (const f of findings) {
    console.log(
      `- [${f.kind}] ${f.target} #${f.index} (seed file ${f.seedName}, seen ${f.count}×): ${f.message}${f.signature.split('|')[3] ? ` at ${f.signature.split('|')[3]}` : ''}`,
    );
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(
        path.join(out, `${f.target}-${f.index}.bin`),
        makeInput(corpus, seed, f.index, targets, maxLen).bytes,
      );
    }
  }
  process.exitCode = findings.length > 0 ? 1 : 0;
}

if (isMainThread) await supervise();
else await workerMain(workerData as Job);
