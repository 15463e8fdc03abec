/**
 * Messages (`{ key, params }` from the catalogue) as they cross files and processes. Sentences written before
 * reasons became codes are still read: a plain string becomes the catalogue's literal-text message, so an old
 * pending decision or log line shows exactly what it said.
 */
import type { Message } from '../i18n/index.js';

/** A sentence that has no catalogue key (written before codes, or produced by a library). */
export function textMessage(text: string): Message {
  return { key: 'common.text', params: { text } };
}

/**
 * A message read back from JSON: a string (old files) or an object with a string `key`; anything else is null.
 * Parameter values other than strings, numbers and booleans are dropped.
 */
export function readMessage(value: unknown): Message | null {
  if (typeof value === 'string') return textMessage(value);
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { key?: unknown; params?: unknown };
  if (typeof v.key !== 'string' || v.key === '') return null;
  if (typeof v.params !== 'object' || v.params === null) return { key: v.key as Message['key'] };
  const params: Record<string, string | number | boolean> = {};
  for (const [k, p] of Object.entries(v.params))
    if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') params[k] = p;
  return { key: v.key as Message['key'], params };
}

/** A list of messages read back from JSON (strings or message objects); unreadable entries are left out. */
export function readMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  return value.map(readMessage).filter((m): m is Message => m !== null);
}
