/**
 * The mail sent on my behalf speaks the person's language: the engine's catalogue messages are rendered where the
 * outbox is written, in config.json's `language` (the app's setting, or the configuration file's), else the
 * system's (the environment's locale, POSIX order), else English; what lands in the outbox is a complete mail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { FolderSink, outboxOptionsOf } from '../../../electron/scheduling/outbox.js';
import {
  environmentLocale,
  languageSettingOf,
  personLocaleOf,
  personWordsOf,
  setSystemLanguages,
} from '../../../electron/settings/language.js';
import type { OutgoingItip } from '../../../shared/model/outgoing.js';
import { createTranslator } from '../../../shared/i18n/index.js';
import { ics } from '../../helpers/itip.js';
import { invitationMail, openTestApp, type TestApp } from '../app/appFixtures.js';

const dirs: string[] = [];
let app: TestApp | null = null;
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  app?.cleanup();
  app = null;
  setSystemLanguages([]);
});

const REPLY: OutgoingItip = {
  method: 'REPLY',
  from: { address: 'bob@example.com' },
  to: { address: 'olga@example.org', name: 'Olga' },
  subject: { key: 'outgoing.reply.subject', params: { partstat: 'ACCEPTED', summary: 'Budget 2027' } },
  text: [
    { key: 'outgoing.reply.text', params: { partstat: 'ACCEPTED', summary: 'Budget 2027', me: 'bob@example.com' } },
    { key: 'outgoing.comment', params: { comment: 'Bis dann' } },
  ],
  ics: ics(
    'REPLY',
    'BEGIN:VEVENT',
    'UID:lang-1',
    'DTSTAMP:20260301T120000Z',
    'DTSTART:20260310T090000Z',
    'ORGANIZER:mailto:olga@example.org',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com',
    'END:VEVENT',
  ),
  uid: 'lang-1',
  recurrenceId: null,
  sequence: 0,
};

async function written(
  sink: FolderSink,
  dir: string,
  msg: OutgoingItip = REPLY,
): Promise<{ subject: string; text: string; from: string }> {
  await sink.deliver(msg, { now: Date.parse('2026-03-01T12:00:00Z'), autoSubmitted: false, cause: 'test' });
  const [file] = readdirSync(dir).filter((n) => n.endsWith('.eml'));
  const parsed = await simpleParser(readFileSync(path.join(dir, file as string)));
  return { subject: parsed.subject ?? '', text: (parsed.text ?? '').trim(), from: parsed.from?.text ?? '' };
}

function outboxDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'imip-lang-'));
  dirs.push(d);
  return d;
}

describe('the language of outgoing mail', () => {
  it('the outbox writer renders Subject and text part in German when asked, in English by default', async () => {
    const de = outboxDir();
    expect(await written(new FolderSink(de, { words: createTranslator('de') }), de)).toEqual({
      subject: 'Zugesagt: Budget 2027',
      text: 'bob@example.com hat „Budget 2027“ zugesagt.\n\nKommentar: Bis dann',
      from: 'bob@example.com',
    });
    const en = outboxDir();
    expect(await written(new FolderSink(en), en)).toEqual({
      subject: 'Accepted: Budget 2027',
      text: 'bob@example.com has accepted "Budget 2027".\n\nComment: Bis dann',
      from: 'bob@example.com',
    });
  });

  it('writes my name (Settings) as the From name where the message names none, and keeps a name it has', async () => {
    const named = outboxDir();
    expect((await written(new FolderSink(named, { nameFor: () => 'Bob Builder' }), named)).from).toBe(
      '"Bob Builder" <bob@example.com>',
    );
    const own = outboxDir();
    const withName = { ...REPLY, from: { address: 'bob@example.com', name: 'Robert B.' } };
    expect((await written(new FolderSink(own, { nameFor: () => 'Bob Builder' }), own, withName)).from).toBe(
      '"Robert B." <bob@example.com>',
    );
    // The name of the address the message is from (Settings → My addresses), else my name.
    const perAddress = outboxDir();
    const nameFor = outboxOptionsOf({
      me: ['bob@example.com', 'bob@work.example'],
      displayName: 'Bob',
      addressNames: { 'bob@example.com': 'Bob at Home' },
    }).nameFor;
    expect((await written(new FolderSink(perAddress, { nameFor }), perAddress)).from).toBe(
      '"Bob at Home" <bob@example.com>',
    );
    expect(nameFor?.('bob@work.example')).toBe('Bob');
  });

  it("takes config.json's language, else the system's: the shell's report, else LC_ALL, LC_MESSAGES, LANG", () => {
    expect(environmentLocale({ LC_ALL: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('de');
    expect(environmentLocale({ LC_ALL: '', LC_MESSAGES: 'de_AT', LANG: 'en_US.UTF-8' })).toBe('de');
    expect(environmentLocale({ LC_MESSAGES: 'C', LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(environmentLocale({ LANG: 'POSIX' })).toBe('en');
    expect(environmentLocale({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(environmentLocale({})).toBe('en');

    const german = { LANG: 'de_DE.UTF-8' };
    expect(languageSettingOf({ me: [] })).toBe('system');
    expect(languageSettingOf({ me: [], language: 'klingon' })).toBe('system');
    expect(personLocaleOf({ me: [] }, german)).toBe('de');
    expect(personLocaleOf({ me: [] }, {})).toBe('en');
    expect(personLocaleOf({ me: [], language: 'en' }, german)).toBe('en');
    expect(personLocaleOf({ me: [], language: 'de' }, {})).toBe('de');
    expect(personWordsOf({ me: [], language: 'de' }, {}).locale).toBe('de');
    setSystemLanguages(['de-CH', 'en-GB']);
    expect(personLocaleOf({ me: [], language: 'system' }, {})).toBe('de');
  });

  it("the app's language setting reaches the main process: a decision's REPLY goes out in it", async () => {
    app = await openTestApp();
    await app.orchestrator.processMail(invitationMail());
    const saved = await app.api.updateSettings({ language: 'de' });
    expect(saved).toMatchObject({ ok: true, value: { language: 'de', sources: { language: 'data-dir' } } });
    const [card] = (await app.service.listDecisions()) as { id: string }[];
    await app.service.decide({ id: card?.id as string, choice: 'accept', comment: 'Gern' });
    const [reply] = app.outbox();
    const parsed = await simpleParser(reply as string);
    expect(parsed.subject).toBe('Zugesagt: Quarterly planning');
    expect((parsed.text ?? '').trim()).toBe('me@example.com hat „Quarterly planning“ zugesagt.\n\nKommentar: Gern');
  });
});
