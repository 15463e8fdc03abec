/**
 * Plus-address reply tokens (RFC 5233 subaddressing): when the person turns them on, the ORGANIZER of each event
 * they organize is `me+token@example.com`, the token derived from the UID and a per-installation secret. Mail to
 * that address still reaches me (the server strips the detail), and a REPLY, COUNTER or REFRESH addressed to it
 * finds its event even when the attendee's client rewrote the UID (Outlook's "copy" of a forwarded invitation,
 * mail gateways that regenerate UIDs) or ORGANIZER — as Apple's Calendar Server does with its tokenized addresses.
 *
 * The token is HMAC-SHA256(secret, UID), so it is stable without a clock or randomness here, and an attendee who
 * sees one event's token cannot name another event's.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { isMyAddress, normalizeAddress, subaddress } from '../util/address.js';

export { isMyAddress, subaddress };

/** 8 characters of RFC 4648 base32 (40 bits): short in a From line, unguessable enough for matching replies. */
const TOKEN_LENGTH = 8;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN = /^[a-z2-7]{8}$/;

/** The token of one event: the same UID and secret always give the same token. */
export function replyToken(uid: string, secret: string): string {
  const mac = hmac(sha256, utf8ToBytes(secret), utf8ToBytes(uid));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < TOKEN_LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === TOKEN_LENGTH) break;
  }
  return out;
}

/** `me@example.com` with the token as its detail: `me+token@example.com`. */
export function tokenAddress(address: string, token: string): string {
  const a = normalizeAddress(address);
  const at = a.lastIndexOf('@');
  return at <= 0 ? a : `${a.slice(0, at)}+${token}${a.slice(at)}`;
}

/** The first reply token among these addresses: a detail of the right shape on one of my addresses. */
export function replyTokenIn(addresses: readonly (string | null | undefined)[], me: readonly string[]): string | null {
  for (const raw of addresses) {
    const { base, detail } = subaddress(normalizeAddress(raw));
    if (detail !== null && TOKEN.test(detail) && me.includes(base)) return detail;
  }
  return null;
}
