/**
 * The stand-in for mailparser's linkifier in the bundled command line (scripts/bundle/lazyLinkify.cjs): nothing is
 * built until links are asked for, and then it finds exactly what the real linkifier, configured the same way, finds.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

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
