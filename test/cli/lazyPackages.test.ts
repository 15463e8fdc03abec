/**
 * The stand-ins the bundled command line gives mailparser and libmime for packages they load but reading a
 * scheduling mail never calls (scripts/bundle/*.cjs, scripts/build-cli.mjs): nothing is loaded or built until it is
 * called, and then each answers as the real package does. A Japanese mail through the bundled `process` uses one.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliEnv } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
type Linkifier = {
  add(schema: string, def: unknown): Linkifier;
  set(options: object): Linkifier;
  tlds(list: string | string[], keepOld?: boolean): Linkifier;
  test(text: string): boolean;
  pretest(text: string): boolean;
  match(text: string): { url: string; index: number; lastIndex: number }[] | null;
  readonly built?: boolean;
};
const lazy = require('../../scripts/bundle/lazyLinkify.cjs') as () => Linkifier;
const real = require('linkify-it/build/index.cjs.js') as () => Linkifier;
const tlds = require('tlds') as string[];

/** The configuration mailparser gives its linkifier when it loads. */
function configure(l: Linkifier): Linkifier {
  return l
    .tlds(tlds)
    .tlds('onion', true)
    .add('git:', 'http:')
    .add('ftp:', null)
    .set({ fuzzyIP: true, fuzzyLink: true, fuzzyEmail: true })
    .add('@', {
      validate(text: string, pos: number) {
        return /^[a-z]{1,15}/i.exec(text.slice(pos))?.[0].length ?? 0;
      },
      normalize(m: { url: string }) {
        m.url = `https://twitter.com/${m.url.replace(/^@/, '')}`;
      },
    });
}

describe('the bundle’s lazy linkifier', () => {
  it('builds nothing while it is configured, then matches as the real one', () => {
    const standIn = configure(lazy());
    expect(standIn.built).toBe(false);
    const text =
      'See https://example.org/a?b=c, git://repo.example.net/x, ftp://no.example.com, mail bob@example.de, ' +
      'the hidden service abc.onion, 192.168.1.10/admin, and @someone; nothing in plain words.';
    const reference = configure(real());
    expect(standIn.pretest(text)).toBe(reference.pretest(text));
    expect(standIn.built).toBe(true);
    expect(standIn.match(text)).toEqual(reference.match(text));
    expect(standIn.match(text)?.map((m) => m.url)).toContain('https://twitter.com/someone');
    expect(standIn.test('no links here')).toBe(false);
    // Configured after it was built: the real one takes the call at once.
    standIn.add('foo:', 'http:');
    expect(standIn.test('foo://example.org')).toBe(true);
  });
});

describe('the bundle’s other stand-ins', () => {
  it('answer as the packages they stand for', () => {
    const pairs: [string, string, (m: Record<string, (...a: unknown[]) => unknown>) => unknown][] = [
      [
        'lazyHtmlToText.cjs',
        'html-to-text',
        (m) => m['htmlToText']?.('<p>Hello <b>there</b></p><ul><li>one</li></ul>'),
      ],
      ['lazyHe.cjs', 'he', (m) => [m['encode']?.('<a & "b">'), m['decode']?.('&lt;&amp;&eacute;&#x41;')]],
      [
        'lazyEncodingJapanese.cjs',
        'encoding-japanese',
        (m) => m['convert']?.([0x1b, 0x24, 0x42, 0x24, 0x33, 0x1b, 0x28, 0x42], { to: 'UNICODE', from: 'JIS' }),
      ],
    ];
    for (const [file, pkg, call] of pairs) {
      const standIn = require(`../../scripts/bundle/${file}`) as Record<string, (...a: unknown[]) => unknown>;
      const real = require(pkg) as Record<string, (...a: unknown[]) => unknown>;
      expect(call(standIn), file).toEqual(call(real));
    }
  });

  it('a mail in ISO-2022-JP goes through the bundled process with its subject decoded', () => {
    const env = new CliEnv();
    try {
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:jp-1',
        'DTSTAMP:20260301T100000Z',
        'DTSTART:20260310T100000Z',
        'DURATION:PT1H',
        'SUMMARY:Meeting',
        'ORGANIZER:mailto:taro@example.jp',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      // "会議" in ISO-2022-JP: ESC $ B, the two JIS X 0208 characters, ESC ( B.
      const word = Buffer.from([0x1b, 0x24, 0x42, 0x32, 0x71, 0x35, 0x44, 0x1b, 0x28, 0x42]).toString('base64');
      const mail = [
        'From: taro@example.jp',
        'To: me@example.com',
        `Subject: =?ISO-2022-JP?B?${word}?=`,
        'Message-ID: <jp-1@example.jp>',
        'MIME-Version: 1.0',
        'Content-Type: text/calendar; method=REQUEST; charset=UTF-8',
        '',
        ics,
      ].join('\r\n');
      const r = env.run(['process', '--me', 'me@example.com', env.file('jp.eml', mail)]);
      expect(r.status).toBe(0);
      expect(r.lines[0]).toMatchObject({ outcome: 'pending', uid: 'jp-1' });
      const dir = path.join(env.data, 'pending');
      const [pack] = readdirSync(dir);
      const decision = JSON.parse(readFileSync(path.join(dir, pack as string), 'utf8').split('\n')[0] as string) as {
        message: { envelope: { subject: string } };
      };
      expect(decision.message.envelope.subject).toBe('会議');
    } finally {
      env.cleanup();
    }
  });
});
