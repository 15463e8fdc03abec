// The bench corpus as the engine's inputs, shared by `npm run bench` (scripts/bench.mjs) and the A/B of two trees
// (bench/engine-ab.mjs), so both measure exactly the same work: each message with its envelope and context, every
// stored copy it targets parsed once. Nothing here loads the product: the A/B imports each tree's own build.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The corpus's clock: the messages were received the day before. */
export const NOW = Date.UTC(2025, 1, 21);
const RECEIVED = Date.UTC(2025, 1, 20);

export const bare = (u) => u.replace(/^mailto:/i, '').toLowerCase();

/** The manifest and its messages, each with its text. */
export function readCorpus(corpus) {
  const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
  const messages = manifest.messages.map((m) => ({ ...m, text: readFileSync(path.join(corpus, m.file), 'utf8') }));
  return { manifest, messages };
}

export function envelopeOf(m) {
  return {
    messageId: null,
    from: { address: bare(m.sender) },
    sender: null,
    replyTo: [],
    to: [],
    cc: [],
    subject: '',
    receivedAt: RECEIVED,
    authenticationResults: [],
  };
}

/** The engine's context for a message: its recipient is "me", policy always, everyone known unless told. */
export function contextOf(m, isKnownAddress = () => true) {
  return {
    me: [bare(m.recipient)],
    now: NOW,
    policy: 'always',
    timeframeMs: 1e12,
    isKnownAddress,
    busyPeriods: () => [],
  };
}

/**
 * Each message as processItip's input and context, and the stored copies they target: `stored` parsed once with
 * `toComponent` (as the store's index keeps them after a first read), `storedText` as the files hold them.
 */
export function engineInputs(corpus, messages, toComponent) {
  const stored = new Map();
  const storedText = new Map();
  for (const m of messages)
    if (m.target && !stored.has(m.target)) {
      const text = readFileSync(path.join(corpus, m.target), 'utf8');
      storedText.set(m.target, text);
      stored.set(m.target, toComponent(text));
    }
  const inputs = messages.map((m) => ({
    m,
    input: { ics: m.text, headerMethod: m.method, envelope: envelopeOf(m) },
    ctx: contextOf(m),
    text: m.target ? storedText.get(m.target) : null,
  }));
  return { stored, storedText, inputs };
}

/**
 * A lookup that parses the message's stored copy from its text when the engine first asks for it (as
 * `CalendarStore.get` does the first time it reads a file), at most once per message.
 */
export function parsingLookup(text, toComponent) {
  if (text === null) return () => null;
  let parsed;
  return () => (parsed ??= toComponent(text));
}
