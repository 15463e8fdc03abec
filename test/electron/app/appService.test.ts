/**
 * The app service against a real data dir: decision cards with conflicts and the organizer's zone, deciding with
 * and without an agent, the calendar views, activity newest first, settings into config.json, the account with
 * its password only in the secret store, the connection test, contacts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ActivityEntry, ConnectionStatus } from '../../../shared/ipc/contract.js';
import type { AgentHandle } from '../../../electron/agent/agentHandle.js';
import { mailConnectionTester, type ConnectionTester } from '../../../electron/app/connectionTester.js';
import net from 'node:net';
import { DataDir } from '../../../electron/store/dataDir.js';
import {
  ME,
  MemoryAccounts,
  NOW,
  invitationMail,
  openTestApp,
  partyCrasherMail,
  seriesMailWithHtml,
  storeOrganized,
  type TestApp,
} from './appFixtures.js';
import { passwordKey } from '../../../electron/settings/mailAccounts.js';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';
import { textMessage } from '../../../shared/model/storedMessage.js';
import { english } from '../../../shared/i18n/index.js';

let app: TestApp;
afterEach(() => app?.cleanup());

const ACCOUNT = {
  imap: { host: 'imap.example.com', port: 993, security: 'tls' as const, user: 'me' },
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls' as const, user: 'me' },
  password: 'hunter2-secret',
  me: [ME, 'me@work.example'],
};

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('decisions', () => {
  it("carries the mail's HTML body and names the moved meeting of a series on its card", async () => {
    app = await openTestApp();
    await app.orchestrator.processMail(seriesMailWithHtml());
    const [card] = value(await app.api.listDecisions());
    expect(card?.kind).toBe('invitation');
    expect(card?.mailHtml).toContain('<b>Agenda</b> follows.');
    expect(card?.changedOccurrences).toHaveLength(1);
    const [moved] = card?.changedOccurrences ?? [];
    expect(Date.parse(moved?.before?.start ?? '')).toBe(Date.parse('2026-03-16T09:00:00Z'));
    expect(Date.parse(moved?.after?.start ?? '')).toBe(Date.parse('2026-03-17T13:00:00Z'));
    expect([moved?.before?.location, moved?.after?.location]).toEqual(['Room 2', 'Hall B']);
    const out = value(await app.api.decide({ id: card?.id as string, choice: 'decline', comment: null }));
    expect(out.outcome).toBe('applied');
    expect(value(await app.api.listDecisions())).toEqual([]);
  });

  it("names the occurrences my calendar's copy cancelled after the invitation came", async () => {
    app = await openTestApp();
    // The invitation is kept in my calendar (NEEDS-ACTION) while I decide, so the organizer's CANCEL applies to it.
    await app.data.updateConfig({ policy: 'always' });
    await app.orchestrator.processMail(seriesMailWithHtml());
    expect(value(await app.api.listDecisions())[0]?.cancelledOccurrences).toEqual([]);
    const cancel = ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:series-1',
      'DTSTAMP:20260301T000000Z',
      'SEQUENCE:1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20260323T100000',
      'DTSTART;TZID=Europe/Berlin:20260323T100000',
      'SUMMARY:Weekly sync',
      'STATUS:CANCELLED',
      'ORGANIZER;CN=Olga:mailto:olga@example.org',
      `ATTENDEE:mailto:${ME}`,
      'END:VEVENT',
    );
    const r = await app.orchestrator.processMail(
      Buffer.from(mail({ from: 'olga@example.org', to: ME, messageId: 'cancel-23@example.org', ics: cancel })),
    );
    expect(r.outcome).toBe('applied');
    const card = value(await app.api.listDecisions()).find((d) => d.uid === 'series-1');
    expect(card?.kind).toBe('invitation');
    expect(card?.cancelledOccurrences?.map((i) => Date.parse(i))).toEqual([Date.parse('2026-03-23T09:00:00Z')]);
  });

  it('shows an invitation with my overlapping event and the organizer zone, then accepting writes the REPLY', async () => {
    app = await openTestApp();
    await storeOrganized(app.data);
    const processed = await app.orchestrator.processMail(invitationMail());
    const [card] = value(await app.api.listDecisions());
    expect(card).toMatchObject({
      id: processed.pendingId,
      kind: 'invitation',
      choices: expect.arrayContaining(['accept', 'tentative', 'decline']),
    });
    expect(card?.conflicts).toEqual([
      { uid: 'mine-1', summary: 'Design review', start: '2026-03-12T08:30:00Z', end: '2026-03-12T09:30:00Z' },
    ]);
    expect(card?.organizerZone).toBeNull(); // Berlin, like the person's own zone
    // A view model: the stored message text, its envelope and its mailbox place stay in the main process.
    expect(card).not.toHaveProperty('message');
    expect(card).not.toHaveProperty('source');
    expect(JSON.stringify(card)).not.toMatch(/BEGIN:VCALENDAR|inv-1@example\.org/);
    const elsewhere = await openTestApp({ data: app.data, localZone: 'America/New_York' });
    expect(value(await elsewhere.api.listDecisions())[0]?.organizerZone).toBe('Europe/Berlin');
    elsewhere.cleanup();

    const changed = vi.fn();
    app.service.events.on('decisionsChanged', changed);
    const out = value(await app.api.decide({ id: card?.id as string, choice: 'accept', comment: 'Happy to' }));
    expect(out).toMatchObject({ outcome: 'applied', sentTo: ['olga@example.org'] });
    expect(changed).toHaveBeenCalledWith({ count: 0 });
    const [reply] = app.outbox();
    expect(reply).toMatch(/method=REPLY/);
    expect(reply).toMatch(/PARTSTAT=ACCEPTED/);
    const events = value(await app.api.listEvents({ from: '2026-03-12', to: '2026-03-13' }));
    expect(events.find((e) => e.uid === 'inv-1')).toMatchObject({
      partstat: 'ACCEPTED',
      summary: 'Quarterly planning',
      start: '2026-03-12T09:00:00+01:00',
    });
    expect(value(await app.api.getOverview()).openDecisions).toBe(0);
    expect(await app.api.decide({ id: card?.id as string, choice: 'accept' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a choice the decision does not offer, and a second click while the first is carried out', async () => {
    app = await openTestApp();
    const { pendingId } = await app.orchestrator.processMail(invitationMail());
    const id = pendingId as string;
    expect(await app.api.decide({ id, choice: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/accept/) },
    });
    const [a, b] = await Promise.all([
      app.api.decide({ id, choice: 'accept' }),
      app.api.decide({ id, choice: 'accept' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(app.outbox()).toHaveLength(1);
  });

  it('approves a party crasher: the attendee is added to my event', async () => {
    app = await openTestApp();
    await storeOrganized(app.data);
    await app.orchestrator.processMail(partyCrasherMail());
    const [card] = value(await app.api.listDecisions());
    expect(card).toMatchObject({
      kind: 'party-crasher',
      attendee: 'carol@example.net',
      choices: expect.arrayContaining(['approve', 'ignore']),
    });
    expect(value(await app.api.decide({ id: card?.id as string, choice: 'approve' })).outcome).toBe('applied');
    const event = value(await app.api.getEvent({ uid: 'mine-1', recurrenceId: null }));
    expect(event.attendees.map((a) => a.address)).toContain('carol@example.net');
  });

  it('goes through the agent when one runs, and forwards its events', async () => {
    let statusCb: (s: ConnectionStatus) => void = () => undefined;
    let activityCb: (e: ActivityEntry) => void = () => undefined;
    const agent: AgentHandle = {
      connection: () => ({
        state: 'connected',
        message: 'Watching INBOX at imap.example.com',
        since: '2026-03-01T11:00:00Z',
      }),
      onConnection: (cb) => ((statusCb = cb), () => undefined),
      onActivity: (cb) => ((activityCb = cb), () => undefined),
      onDecisionsChanged: () => () => undefined,
      decide: vi.fn(async (id: string) => ({
        id,
        messageId: null,
        method: 'REPLY',
        uid: 'inv-1',
        recurrenceId: null,
        sequence: 0,
        kind: 'invitation' as const,
        outcome: 'applied' as const,
        reason: textMessage('Accepted.'),
        pendingId: null,
        warnings: [],
        outgoing: [{ method: 'REPLY', to: 'olga@example.org', from: ME, location: 'smtp' }],
      })),
      wake: vi.fn(),
      stop: vi.fn(async () => undefined),
    };
    app = await openTestApp({ agent });
    const { pendingId } = await app.orchestrator.processMail(invitationMail());
    expect(value(await app.api.getOverview()).connection.state).toBe('connected');
    expect(value(await app.api.decide({ id: pendingId as string, choice: 'decline', comment: null })).sentTo).toEqual([
      'olga@example.org',
    ]);
    expect(agent.decide).toHaveBeenCalledWith(pendingId, 'decline', null);
    expect(app.outbox()).toHaveLength(0); // the agent sent it, not the outbox folder
    const seen: string[] = [];
    app.service.events.onAny((name) => seen.push(name));
    statusCb({ state: 'offline', message: 'No network', since: 'x' });
    activityCb({
      at: 'x',
      kind: 'reply',
      outcome: 'applied',
      reason: textMessage('r'),
      uid: null,
      recurrenceId: null,
      source: 'mail',
      choice: null,
    });
    expect(seen).toEqual(['connectionChanged', 'activityAdded']);
    await app.api.updateSettings({ policy: 'always' });
    expect(agent.wake).toHaveBeenCalled();
  });
});

describe('calendar and activity', () => {
  it('gives an occurrence of a series by its RECURRENCE-ID, matched by instant', async () => {
    app = await openTestApp();
    const weekly = ics(
      'REQUEST',
      'BEGIN:VEVENT',
      'UID:weekly-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART:20260302T100000Z',
      'DTEND:20260302T103000Z',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Stand-up',
      'ORGANIZER:mailto:olga@example.org',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com',
      'END:VEVENT',
    );
    await app.data.updateConfig({ policy: 'always' });
    await app.orchestrator.processMail(
      Buffer.from(mail({ from: 'olga@example.org', to: ME, messageId: 'w1@example.org', ics: weekly })),
    );
    const listed = value(await app.api.listEvents({ from: '2026-03-01', to: '2026-04-01' }));
    expect(listed.map((e) => e.recurrenceId)).toEqual([
      '2026-03-02T10:00:00Z',
      '2026-03-09T10:00:00Z',
      '2026-03-16T10:00:00Z',
      '2026-03-23T10:00:00Z',
    ]);
    const third = value(await app.api.getEvent({ uid: 'weekly-1', recurrenceId: '2026-03-16T11:00:00+01:00' }));
    expect(third).toMatchObject({
      recurrenceId: '2026-03-16T10:00:00Z',
      start: '2026-03-16T10:00:00Z',
      end: '2026-03-16T10:30:00Z',
      recurring: true,
    });
    expect(await app.api.getEvent({ uid: 'weekly-1', recurrenceId: '2026-03-17T10:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await app.api.getEvent({ uid: 'nope', recurrenceId: null })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists activity newest first (same time: the later line first), limited', async () => {
    app = await openTestApp();
    await app.orchestrator.processMail(invitationMail('a-1', 'First'));
    await app.orchestrator.processMail(invitationMail('a-2', 'Second'));
    const all = value(await app.api.listActivity({}));
    expect(all.map((e) => e.uid)).toEqual(['a-2', 'a-1']);
    expect(all[0]).toMatchObject({ kind: 'invitation', outcome: 'pending', at: new Date(NOW).toISOString() });
    expect(value(await app.api.listActivity({ limit: 1 })).map((e) => e.uid)).toEqual(['a-2']);
    expect(value(await app.api.listActivity(undefined as unknown as { limit?: number }))).toHaveLength(2);
  });

  it("lists a person's decisions beside the messages, and announces each as it is taken", async () => {
    app = await openTestApp();
    const { pendingId } = await app.orchestrator.processMail(invitationMail('d-1', 'Budget'));
    const added = vi.fn();
    app.service.events.on('activityAdded', added);
    value(await app.api.decide({ id: pendingId as string, choice: 'decline', comment: null }));
    const pushed = { kind: 'invitation', outcome: 'applied', uid: 'd-1', source: 'you', choice: 'decline' };
    expect(added).toHaveBeenCalledWith(expect.objectContaining(pushed));
    const listed = value(await app.api.listActivity({}));
    expect(listed.map((e) => [e.source, e.kind, e.choice])).toEqual([
      ['you', 'invitation', 'decline'],
      ['mail', 'invitation', null],
    ]);
    expect(listed[0]).toMatchObject(pushed);
    expect(english.render(listed[0]?.reason ?? textMessage(''))).toMatch(/declin/i);
  });
});

describe('data problems', () => {
  it('reports what was moved to quarantine/ in the overview, for the banner', async () => {
    app = await openTestApp();
    expect(value(await app.api.getOverview()).dataProblems).toEqual([]);
    mkdirSync(path.join(app.data.root, 'quarantine', 'pending'), { recursive: true });
    writeFileSync(path.join(app.data.root, 'quarantine', 'pending', 'abc.json'), '{"id":');
    writeFileSync(
      path.join(app.data.root, 'quarantine', 'pending', 'abc.json.reason.txt'),
      'abc.json is not valid JSON\n',
    );
    expect(value(await app.api.getOverview()).dataProblems).toEqual([
      {
        file: path.join(app.data.root, 'quarantine', 'pending', 'abc.json'),
        message: expect.stringMatching(/pending\/abc\.json was moved to quarantine\/: abc\.json is not valid JSON/),
      },
    ]);
  });
});

describe('settings and account', () => {
  it('saves policy, time frame, addresses and switches into config.json and announces them', async () => {
    app = await openTestApp();
    const announced = vi.fn();
    app.service.events.on('settingsChanged', announced);
    const view = value(
      await app.api.updateSettings({
        policy: 'never',
        timeframe: '2D 1h',
        notifications: false,
        startAtLogin: true,
        me: ['Me@Example.com', 'me@home.example'],
      }),
    );
    expect(view).toMatchObject({
      policy: 'never',
      timeframe: '2D 1h',
      notifications: false,
      startAtLogin: true,
      me: [ME, 'me@home.example'],
    });
    expect(announced).toHaveBeenCalledWith(view);
    const onDisk = JSON.parse(readFileSync(path.join(app.data.root, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ policy: 'never', timeframe: '2D 1h', notifications: false, startAtLogin: true });
    const reopened = await DataDir.open(app.data.root, { fsync: false });
    expect(reopened.config().policy).toBe('never');
    expect(app.orchestrator.context().policy).toBe('never'); // the running orchestrator sees it at once
  });

  it('keeps passwords out of the account settings, and refuses when they cannot be stored safely', async () => {
    app = await openTestApp();
    const view = value(await app.api.saveAccount(ACCOUNT));
    expect(view.account).toEqual({ imap: ACCOUNT.imap, smtp: ACCOUNT.smtp, hasPassword: true });
    expect(view.me).toEqual([ME, 'me@work.example']);
    expect(JSON.stringify(view)).not.toContain('hunter2');
    expect(JSON.stringify(app.account.account)).not.toContain('hunter2');
    expect(readFileSync(path.join(app.data.root, 'config.json'), 'utf8')).not.toContain('hunter2');
    expect(app.secrets.get(passwordKey(app.account.accounts[0]!.id, 'smtp'))).toBe('hunter2-secret');
    // Empty password: keep the stored one.
    expect(value(await app.api.saveAccount({ ...ACCOUNT, password: '' })).account?.hasPassword).toBe(true);
    app.secrets.available = { ok: false, message: 'no keyring is running.' };
    expect(await app.api.saveAccount(ACCOUNT)).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_UNAVAILABLE', message: expect.stringMatching(/no keyring/) },
    });
  });

  it('does not change the account where it comes from a configuration file', async () => {
    app = await openTestApp({ accounts: Object.assign(new MemoryAccounts(), { editable: false }) });
    expect(await app.api.saveAccount(ACCOUNT)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/configuration file/) },
    });
    expect(value(await app.api.getSettings()).canEditAccount).toBe(false);
  });

  it('tests both servers with the stored password when none is typed, and times out', async () => {
    const seen: unknown[] = [];
    const tester: ConnectionTester = {
      imap: { testConnection: async (a) => (seen.push(a), { ok: true }) },
      smtp: { testConnection: () => new Promise(() => undefined) },
    };
    app = await openTestApp({ tester, connectionTimeoutMs: 50 });
    app.account.save({
      id: 'default',
      me: [],
      protocol: 'imap',
      incoming: ACCOUNT.imap,
      smtp: ACCOUNT.smtp,
      auth: 'password',
      oauth: null,
    });
    app.secrets.set(passwordKey('default', 'incoming'), 'stored-pw');
    const r = value(await app.api.testConnection({ ...ACCOUNT, password: '' }));
    expect(r.imap).toEqual({ ok: true, code: null, message: 'Connected to imap.example.com.' });
    expect(r.smtp).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(seen).toEqual([{ host: 'imap.example.com', port: 993, security: 'tls', user: 'me', password: 'stored-pw' }]);
  });

  it('never sends the stored password to a server other than the one it was stored for', async () => {
    const received: string[] = [];
    const sockets = new Set<net.Socket>();
    const listener = net.createServer((socket) => {
      sockets.add(socket);
      // Greets like an SMTP server offering AUTH PLAIN without TLS; records every byte the client sends.
      socket.write('220 listener ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        const text = chunk.toString('latin1');
        received.push(text);
        if (/^EHLO/im.test(text)) socket.write('250-listener\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH/im.test(text)) socket.write('535 no\r\n');
        else socket.write('250 ok\r\n');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    try {
      const port = (listener.address() as net.AddressInfo).port;
      app = await openTestApp({ tester: mailConnectionTester(), connectionTimeoutMs: 2000 });
      value(await app.api.saveAccount(ACCOUNT));
      const elsewhere = { host: '127.0.0.1', port, security: 'none' as const, user: 'me' };
      const r = value(await app.api.testConnection({ imap: elsewhere, smtp: elsewhere, password: '', me: [ME] }));
      expect(r.imap).toMatchObject({ ok: false, code: 'PASSWORD_NEEDED' });
      expect(r.smtp).toMatchObject({ ok: false, code: 'PASSWORD_NEEDED' });
      // The same host under another user name or port is another login too.
      const otherUser = value(
        await app.api.testConnection({
          imap: { ...ACCOUNT.imap, user: 'other' },
          smtp: elsewhere,
          password: '',
          me: [ME],
        }),
      );
      expect(otherUser.imap).toMatchObject({ ok: false, code: 'PASSWORD_NEEDED' });
      const all = received.join('');
      const b64 = (s: string): string => Buffer.from(s).toString('base64');
      for (const secret of ['hunter2-secret', b64('hunter2-secret'), b64('\0me\0hunter2-secret')])
        expect(all).not.toContain(secret);
      // A password typed again is used for that one test.
      await app.api.testConnection({ imap: elsewhere, smtp: elsewhere, password: 'typed-now', me: [ME] });
      expect(received.join('')).toMatch(/^AUTH (PLAIN|LOGIN)/m);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => listener.close(r));
    }
  });

  it('reaches the real IMAP and SMTP transports, which report a closed port as data', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    app = await openTestApp({ tester: mailConnectionTester() });
    const closed = { host: '127.0.0.1', port, security: 'none' as const, user: 'me' };
    const r = value(await app.api.testConnection({ imap: closed, smtp: closed, password: 'pw', me: [ME] }));
    expect(r.imap).toMatchObject({ ok: false, code: expect.any(String), message: expect.any(String) });
    expect(r.smtp).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
  });

  it('imports contacts, and reports a broken vCard as an invalid argument', async () => {
    app = await openTestApp();
    const vcf =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Olga\r\nEMAIL:olga@example.org\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEMAIL:bob@example.net\r\nEND:VCARD\r\n';
    expect(value(await app.api.importContacts({ vcf }))).toEqual({ imported: 2 });
    expect(app.data.isKnownAddress('olga@example.org')).toBe(true);
    expect(await app.api.importContacts({ vcf: 'BEGIN:VCARD\r\nFN:x\r\n' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});
