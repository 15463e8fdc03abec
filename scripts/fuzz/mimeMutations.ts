/**
 * MIME-aware mutations (RFC 2045–2049): boundaries, transfer encodings, charsets, content types, header folding
 * and encoded words, deep multipart and message/rfc822 nesting; and wrapping an iCalendar seed into a mail the
 * way real clients send it (RFC 6047 §2.4), so calendar mutations also travel the whole mail path.
 */
import type { Random } from './random.js';

const CHARSETS = [
  'utf-8',
  'UTF-8',
  'iso-8859-1',
  'windows-1252',
  'utf-16',
  'utf-16le',
  'utf-32',
  'iso-2022-jp',
  'shift_jis',
  'gb18030',
  'koi8-r',
  'x-unknown',
  '"utf-8"',
  'utf-8"',
  '',
  'us-ascii',
  'utf-7',
];
const ENCODINGS = ['base64', 'BASE64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', 'x-unknown', ''];
const TYPES = [
  'text/calendar',
  'application/ics',
  'text/x-vcalendar',
  'application/octet-stream',
  'text/plain',
  'message/rfc822',
  'multipart/mixed',
  'multipart/alternative',
  'message/delivery-status',
  'multipart/report',
  'text/html',
  '',
];
const METHODS = ['REQUEST', 'REPLY', 'CANCEL', 'request', 'COUNTER', 'X', ''];

function eol(s: string): string {
  return s.includes('\r\n') ? '\r\n' : '\n';
}

export function changeBoundary(s: string, r: Random): string {
  const m = /boundary="?([^";\r\n]+)"?/i.exec(s);
  if (!m?.[1]) return s;
  const old = m[1];
  const op = r.int(5);
  if (op === 0) return s.replace(`boundary="${old}"`, 'boundary=""').replace(`boundary=${old}`, 'boundary=');
  if (op === 1) return s.split(`--${old}`).join(`--${old}x`);
  if (op === 2) return s.replace(`--${old}--`, '');
  if (op === 3) return s.split(old).join('b'.repeat(r.range(70, 5000)));
  return s.replace(`--${old}`, `--${old}\r\n--${old}`);
}

export function changeEncoding(s: string, r: Random): string {
  const matches = [...s.matchAll(/Content-Transfer-Encoding:[ \t]*([^\r\n]*)/gi)];
  if (matches.length === 0) return s;
  const target = r.pick(matches);
  const at = target.index ?? 0;
  return s.slice(0, at) + `Content-Transfer-Encoding: ${r.pick(ENCODINGS)}` + s.slice(at + target[0].length);
}

export function changeCharset(s: string, r: Random): string {
  const cs = r.pick(CHARSETS);
  if (/charset=/i.test(s)) return s.replace(/charset="?[^";\r\n]*"?/i, `charset=${cs}`);
  return s.replace(/Content-Type:[ \t]*text\/calendar/i, (t) => `${t}; charset=${cs}`);
}

export function changeContentType(s: string, r: Random): string {
  const matches = [...s.matchAll(/Content-Type:[ \t]*([^;\r\n]*)/gi)];
  if (matches.length === 0) return s;
  const target = r.pick(matches);
  const at = target.index ?? 0;
  const params = r.chance(0.3)
    ? `; method=${r.pick(METHODS)}; name="${r.pick(['invite.ics', 'a.vcs', 'x.pdf', '..\\..\\x.ics', ''])}"`
    : '';
  return s.slice(0, at) + `Content-Type: ${r.pick(TYPES)}${params}` + s.slice(at + target[0].length);
}

export function headerNoise(s: string, r: Random): string {
  const nl = eol(s);
  const end = s.search(/\r?\n\r?\n/);
  if (end < 0) return s;
  const op = r.int(5);
  let header: string;
  if (op === 0)
    header = `Subject: =?utf-8?B?${Buffer.from('Einladung: Büro ✓').toString('base64')}?= =?x-unknown?Q?=FF=FE?= =?utf-8?B?broken`;
  else if (op === 1)
    header = `X-Long: ${'a'.repeat(Math.min(r.maxLen, r.chance(0.05) ? 200_000 : r.range(100, 2000)))}`;
  else if (op === 2)
    header = `From: ${r.pick(['"A" <a@b>', '<>', 'undisclosed-recipients:;', '"x@y" <z@w>, q@r', '=?utf-8?Q?=00?= <a@b>', '@@@'])}`;
  else if (op === 3)
    header = `Authentication-Results: mx; dmarc=${r.pick(['fail', 'pass', 'none'])} header.from=${r.pick(['example.com', ''])}`;
  else header = `Message-ID: ${r.pick(['', '<>', '<a@b>', '<' + 'x'.repeat(2000) + '>', 'no-brackets'])}`;
  const folded = r.chance(0.3) ? header.replace(/ /g, `${nl}\t`) : header;
  return s.slice(0, end) + nl + folded + s.slice(end);
}

/** The mail (or part of it) as a message/rfc822 attachment of another mail, `depth` times over. */
export function nestMessage(s: string, r: Random): string {
  const nl = eol(s);
  let out = s;
  const depth = r.chance(0.05) ? 50 : r.pick([1, 2, 3, 4, 5]);
  for (let d = 0; d < depth && out.length < r.maxLen; d++) {
    const b = `nest${d}`;
    out = [
      `From: fwd${d}@example.org`,
      'Subject: Fwd',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'see attached',
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      out,
      `--${b}--`,
      '',
    ].join(nl);
  }
  return out;
}

export function deepMultipart(s: string, r: Random): string {
  const nl = eol(s);
  const depth = r.chance(0.05) ? 1000 : r.pick([2, 10, 40]);
  const open: string[] = [];
  const close: string[] = [];
  for (let d = 0; d < depth; d++) {
    open.push(`Content-Type: multipart/mixed; boundary="m${d}"`, '', `--m${d}`);
    close.unshift(`--m${d}--`);
  }
  const end = s.search(/\r?\n\r?\n/);
  const headers = end < 0 ? s : s.slice(0, end).replace(/^Content-Type:.*$/gim, 'X-Old-Type: x');
  return [
    headers,
    ...open,
    'Content-Type: text/calendar; method=REQUEST',
    '',
    end < 0 ? '' : s.slice(end).trim(),
    ...close,
    '',
  ].join(nl);
}

/** An iCalendar text (latin1 bytes) inside a mail as a client would send it, with a random encoding. */
export function wrapCalendar(ics: string, r: Random): string {
  const nl = r.chance(0.8) ? '\r\n' : '\n';
  const method = /^METHOD:(.*)$/im.exec(ics)?.[1]?.trim() ?? 'REQUEST';
  const enc = r.pick(['base64', 'quoted-printable', '8bit', '7bit']);
  const charset = r.pick(['utf-8', 'UTF-8', 'iso-8859-1', '']);
  let body: string;
  if (enc === 'base64')
    body = (
      Buffer.from(ics, 'latin1')
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join(nl);
  else if (enc === 'quoted-printable')
    body = ics.replace(/[=\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  else body = ics;
  const type = `${r.pick(['text/calendar', 'application/ics', 'text/calendar'])}${r.chance(0.8) ? `; method=${method}` : ''}${charset ? `; charset=${charset}` : ''}`;
  const head = [
    `From: ${r.pick(['organizer@example.org', 'me@example.com', 'a@example.net'])}`,
    'To: me@example.com',
    `Subject: fuzz ${r.int(1000)}`,
    `Date: Mon, 15 Jun 2026 10:00:00 +0000`,
    `Message-ID: <fuzz${r.int(1_000_000)}@example.org>`,
    'MIME-Version: 1.0',
  ];
  if (r.chance(0.5))
    return [...head, `Content-Type: ${type}`, `Content-Transfer-Encoding: ${enc}`, '', body, ''].join(nl);
  const b = r.chance(0.9) ? `=_b${r.int(1e6)}` : '';
  return [
    ...head,
    `Content-Type: multipart/alternative; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'You are invited.',
    `--${b}`,
    `Content-Type: ${type}`,
    `Content-Transfer-Encoding: ${enc}`,
    '',
    body,
    `--${b}--`,
    '',
  ].join(nl);
}

export const MIME_MUTATIONS = [
  changeBoundary,
  changeEncoding,
  changeCharset,
  changeContentType,
  headerNoise,
  nestMessage,
  deepMultipart,
] as const;
