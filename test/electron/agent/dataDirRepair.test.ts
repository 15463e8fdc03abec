/**
 * The agent and the app repair the data dir like the CLI does: an unusable calendar file is moved to quarantine/
 * (never written beside), an unusable decision is derived again from its message, the agent says so in its log and
 * the app's overview lists it for the banner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from '../../../electron/agent/agent.js';
import { OutboxQueue } from '../../../electron/outbox/index.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { openCompanion } from '../../../electron/companion/openCompanion.js';
import { NOW, invitationMail } from '../app/appFixtures.js';
import { FakeMailbox, RecordingSender, config } from './agentFakes.js';

let dir: string;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startAgent(
  root: string,
  log: string[],
): Promise<{ agent: Agent; mailbox: FakeMailbox; sender: RecordingSender; shared: SharedDataDir }> {
  // No undo hold: the decision's reply goes out at once (the hold has its own tests in agent.test.ts). Written
  // before the data dir opens, so that the repair under test is the agent's, not this set-up's.
  mkdirSync(root, { recursive: true });
  const configFile = path.join(root, 'config.json');
  const cfg = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as object) : {};
  writeFileSync(configFile, JSON.stringify({ ...cfg, undoSeconds: 0 }));
  const shared = await SharedDataDir.open(root, { fsync: false });
  const mailbox = new FakeMailbox();
  const sender = new RecordingSender();
  const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
  const agent = await Agent.assemble(
    config(shared.root),
    { shared, mailbox, sender, queue },
    { now: () => NOW, log: (l) => log.push(l) },
  );
  stops.push(() => agent.stop());
  await agent.start();
  return { agent, mailbox, sender, shared };
}

/**
 * A data dir holding one open invitation (in the pack of the agent's write batch) and one stored event, whose two
 * files are then broken: the decision's line cut short, its id still readable.
 */
async function brokenDataDir(): Promise<{
  root: string;
  id: string;
  pendingFile: string;
  broken: string;
  calendarFile: string;
}> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-repair-'));
  const root = path.join(dir, 'data');
  const first = await startAgent(root, []);
  await first.mailbox.deliver(invitationMail('inv-1'), 1);
  await first.shared.run((data) => data.calendar.put('other-1', icsOf('other-1')));
  const [pending] = first.shared.current.pending.list();
  await first.agent.stop();
  stops.length = 0;
  const id = pending?.id as string;
  const [pack] = readdirSync(path.join(root, 'pending'));
  const pendingFile = path.join(root, 'pending', pack as string);
  expect(pendingFile).toMatch(/\.jsonl$/);
  const broken = readFileSync(pendingFile, 'utf8').slice(0, 40);
  expect(broken).toContain(id);
  writeFileSync(pendingFile, broken);
  const calendarFile = path.join(root, 'calendar', readdirSync(path.join(root, 'calendar'))[0] as string);
  writeFileSync(calendarFile, 'BEGIN:VCALENDAR\r\nBEGIN:VEV');
  return { root, id, pendingFile, broken, calendarFile };
}

function icsOf(uid: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    'DTSTART:20260310T100000Z',
    'DURATION:PT1H',
    'SUMMARY:Other',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('the agent repairs the data dir before its work', () => {
  it('moves a broken calendar file aside, rebuilds the broken decision, logs both; deciding it answers', async () => {
    const { root, id, pendingFile, broken, calendarFile } = await brokenDataDir();
    const log: string[] = [];
    const { agent, sender, shared } = await startAgent(root, log);

    expect(log.filter((l) => l.startsWith('data dir:'))).toHaveLength(2);
    expect(log).toContainEqual(expect.stringMatching(/derived again from its message as [0-9a-f]{12}/));
    expect(log).toContainEqual(expect.stringMatching(/not a usable iCalendar object.*moved to .*quarantine/));
    expect(existsSync(calendarFile)).toBe(false);
    expect(existsSync(pendingFile)).toBe(false);
    expect(readFileSync(path.join(root, 'quarantine', 'pending', path.basename(pendingFile)), 'utf8')).toBe(broken);
    expect(shared.current.pending.get(id)).toMatchObject({ kind: 'invitation', uid: 'inv-1' });

    const record = await agent.decide(id, 'accept', null);
    expect(record).toMatchObject({ outcome: 'applied', outgoing: [{ method: 'REPLY', to: 'olga@example.org' }] });
    expect(sender.calls).toHaveLength(1);
    expect(readdirSync(path.join(root, 'pending'))).toEqual([]);
  });
});

describe('the app repairs the data dir when it opens', () => {
  it('lists the decision again and shows what it moved in the overview', async () => {
    const { root, id } = await brokenDataDir();
    const companion = await openCompanion({ dataDir: root, runAgent: false, fsync: false, log: () => undefined });
    stops.push(() => companion.close());
    const decisions = await companion.service.listDecisions();
    expect(decisions.map((d) => d.id)).toEqual([id]);
    const overview = await companion.service.getOverview();
    expect(overview.dataProblems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/calendar\/.*moved to quarantine/) }),
      expect.objectContaining({ message: expect.stringMatching(/pending\/.*derived again from its message/) }),
    ]);
  });
});
