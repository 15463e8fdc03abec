/**
 * vCard text as the contacts store needs it. Owns: splitting a .vcf export into its cards while keeping each
 * card's own lines (so what is stored is what the person had, not an ical.js re-serialisation), reading the UID,
 * display name and e-mail addresses of a card (vCard 3.0, RFC 2426, and 4.0, RFC 6350), and the stable UID a card
 * without one is given.
 */
import ICAL from 'ical.js';
import { normalizeAddress } from '../../shared/util/address.js';
import { err, ok, type Result } from '../../shared/util/result.js';
import { sha256Hex } from './fileNames.js';

export interface CardSlice {
  /** The card's lines, CRLF-terminated. */
  readonly text: string;
  /** 1-based line of its BEGIN:VCARD in the input. */
  readonly line: number;
}

export interface CardInfo {
  readonly uid: string | null;
  readonly name: string | null;
  /** Normalised, without duplicates, in card order. */
  readonly emails: readonly string[];
  /** The parsed card as JSON: the same for the same card however it was folded or line-broken. */
  readonly canonical: string;
}

const parseError = (message: string): { ok: false; error: { code: string; message: string } } =>
  err({ code: 'VCARD_PARSE', message });

/** The cards of a .vcf text, in order. Anything but blank lines outside BEGIN:VCARD … END:VCARD is an error. */
export function splitCards(text: string): Result<CardSlice[]> {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const cards: CardSlice[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    // A continuation line (RFC 6350 §3.2) can never be a BEGIN or END.
    const continuation = line.startsWith(' ') || line.startsWith('\t');
    const tag = continuation ? '' : line.trim().toUpperCase();
    if (depth === 0) {
      if (line.trim() === '') continue;
      if (tag !== 'BEGIN:VCARD')
        return parseError(`line ${i + 1} is outside any vCard: ${JSON.stringify(line.slice(0, 60))}`);
      start = i;
    }
    // vCard 2.1 AGENT may nest a whole card; count depth so the outer END closes the card.
    if (tag === 'BEGIN:VCARD') depth++;
    else if (tag === 'END:VCARD') depth--;
    if (depth === 0) cards.push({ text: `${lines.slice(start, i + 1).join('\r\n')}\r\n`, line: start + 1 });
  }
  if (depth > 0) return parseError(`the vCard starting at line ${start + 1} has no END:VCARD (truncated?)`);
  if (cards.length === 0) return parseError('no vCard found (expected BEGIN:VCARD … END:VCARD)');
  return ok(cards);
}

/** UID, name and addresses of one card's text, or a VCARD_PARSE error. */
export function readCard(text: string): Result<CardInfo> {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (e) {
    return parseError(e instanceof Error ? e.message : String(e));
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcard') return parseError('not a single vCard');
  const card = new ICAL.Component(jcal);
  const uidValue = card.getFirstPropertyValue('uid');
  const uid = typeof uidValue === 'string' && uidValue.trim() !== '' ? uidValue.trim() : null;
  const emails: string[] = [];
  for (const prop of card.getAllProperties('email')) {
    // `item1.EMAIL` (Apple) arrives as property "email" with a group parameter, so groups need no handling here.
    const value = prop.getFirstValue();
    const address = typeof value === 'string' ? normalizeAddress(value) : '';
    if (address !== '' && !emails.includes(address)) emails.push(address);
  }
  return ok({ uid, name: displayName(card), emails, canonical: JSON.stringify(jcal) });
}

/** FN, else the structured N (family; given; additional; prefix; suffix) in reading order. */
function displayName(card: ICAL.Component): string | null {
  const fn = card.getFirstPropertyValue('fn');
  if (typeof fn === 'string' && fn.trim() !== '') return fn.trim();
  const n = card.getFirstPropertyValue('n');
  if (!Array.isArray(n)) return null;
  const part = (i: number): string =>
    [n[i]]
      .flat()
      .filter((x): x is string => typeof x === 'string' && x !== '')
      .join(' ');
  const name = [part(3), part(1), part(2), part(0), part(4)].filter((x) => x !== '').join(' ');
  return name === '' ? null : name;
}

/**
 * A UID for a card that has none: `urn:uuid:` with a UUID (version 8, RFC 9562) made from the SHA-256 of the
 * card's content, so importing the same card again yields the same UID and replaces it instead of duplicating.
 * A URI, so it is a valid UID in vCard 4.0 (RFC 6350 §6.7.6) as well as 3.0.
 */
export function derivedUid(canonical: string): string {
  const hex = sha256Hex(canonical).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The card's text with a UID line added just before its final END:VCARD. */
export function withUid(cardText: string, uid: string): string {
  const lines = cardText.replace(/\r\n$/, '').split('\r\n');
  lines.splice(lines.length - 1, 0, `UID:${uid}`);
  return `${lines.join('\r\n')}\r\n`;
}
