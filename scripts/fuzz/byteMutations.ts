/**
 * Format-blind mutations on raw bytes and lines: bit flips, byte sets, inserts, deletes, copies and splicing lines
 * from another seed. Inputs are handled as latin1 strings (one character per byte) so any byte survives a round
 * trip through string operations.
 */
import type { Random } from './random.js';

/** Bytes that mean something to a MIME or iCalendar reader, tried more often than uniform noise. */
const SPECIAL_BYTES = [
  0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3a, 0x3b, 0x3d, 0x5c, 0x2d, 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0xef, 0xff,
];

/** Short strings that tend to find edges: folds, escapes, encoded words, BOMs, huge numbers. */
const TOKENS = [
  '\r\n',
  '\n',
  '\r',
  '\r\n ',
  '\r\n\t',
  '\\',
  '\\n',
  '\\;',
  '"',
  ';',
  ':',
  '=',
  ',',
  '^n',
  "^'",
  '^^',
  '\u0000',
  '=?utf-8?B?',
  '=?iso-8859-1?Q?=E9?=',
  '?=',
  '=\r\n',
  '=3D',
  '==',
  '\xef\xbb\xbf',
  '\xfe\xff',
  '--',
  '--\r\n',
  '99999999999999999999',
  '-1',
  '0',
  '4294967296',
  'NaN',
  'T',
  'Z',
  '+',
  '\xc3',
  '\xe2\x80\xa8',
  '\xf0\x9f\x98\x80',
];

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function bytesOf(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** UTF-8 text as a latin1 byte string, for inserting readable words into a byte-level input. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function randomByte(r: Random): string {
  return String.fromCharCode(r.chance(0.6) ? r.pick(SPECIAL_BYTES) : r.int(256));
}

export function flipBit(s: string, r: Random): string {
  if (s.length === 0) return s;
  const i = r.int(s.length);
  return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << r.int(8))) + s.slice(i + 1);
}

export function setByte(s: string, r: Random): string {
  if (s.length === 0) return randomByte(r);
  const i = r.int(s.length);
  return s.slice(0, i) + randomByte(r) + s.slice(i + 1);
}

export function insertBytes(s: string, r: Random): string {
  const i = r.int(s.length + 1);
  let add = '';
  const n = r.range(1, 8);
  for (let k = 0; k < n; k++) add += r.chance(0.5) ? r.pick(TOKENS) : randomByte(r);
  return s.slice(0, i) + add + s.slice(i);
}

export function deleteRange(s: string, r: Random): string {
  if (s.length < 2) return s;
  const i = r.int(s.length);
  const n = r.chance(0.7) ? r.range(1, 16) : r.range(1, Math.max(1, Math.floor(s.length / 4)));
  return s.slice(0, i) + s.slice(i + n);
}

export function copyRange(s: string, r: Random): string {
  if (s.length < 2) return s;
  const from = r.int(s.length);
  const piece = s.slice(from, from + r.range(1, 256));
  const to = r.int(s.length + 1);
  return s.slice(0, to) + piece.repeat(r.chance(0.1) ? r.range(2, 64) : 1) + s.slice(to);
}

export function truncate(s: string, r: Random): string {
  return s.slice(0, r.int(s.length + 1));
}

function splitLines(s: string): string[] {
  return s.split(/(?<=\n)/);
}

/** Lines of `other` inserted into `s`, or `s` cut at a line and continued with `other`'s tail. */
export function spliceLines(s: string, other: string, r: Random): string {
  const a = splitLines(s);
  const b = splitLines(other);
  if (b.length === 0) return s;
  const at = r.int(a.length + 1);
  if (r.chance(0.3)) return [...a.slice(0, at), ...b.slice(r.int(b.length))].join('');
  const from = r.int(b.length);
  return [...a.slice(0, at), ...b.slice(from, from + r.range(1, 12)), ...a.slice(at)].join('');
}

export function shuffleLines(s: string, r: Random): string {
  const a = splitLines(s);
  if (a.length < 2) return s;
  const i = r.int(a.length);
  const j = r.int(a.length);
  const op = r.int(3);
  if (op === 0) [a[i], a[j]] = [a[j] as string, a[i] as string];
  else if (op === 1) a.splice(i, 1);
  else a.splice(j, 0, a[i] as string);
  return a.join('');
}

export function lineEndings(s: string, r: Random): string {
  const op = r.int(3);
  if (op === 0) return s.replace(/\r\n/g, '\n');
  if (op === 1) return s.replace(/\r?\n/g, '\r\n');
  return s.replace(/\r?\n/g, '\r');
}

export const BYTE_MUTATIONS = [
  flipBit,
  setByte,
  insertBytes,
  deleteRange,
  copyRange,
  truncate,
  shuffleLines,
  lineEndings,
] as const;
