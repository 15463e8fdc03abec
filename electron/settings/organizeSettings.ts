/**
 * The organizer's settings in config.json: plus-address reply tokens (`replyTokens`, off by default, with the
 * installation's `replyTokenSecret`, made once when first needed) and the iMIP address patterns
 * (`imipAddressPatterns`, a list of globs or /regular expressions/; none: everyone is mailed). What the engine
 * gets of them (shared/itip/replyToken.ts, shared/itip/imipPatterns.ts), and the calendar lookup by token.
 */
import { normalizeAddress } from '../../shared/util/address.js';
import { randomBytes } from 'node:crypto';
import { patternProblems, type EngineContext } from '../../shared/itip/index.js';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';

/** Whether events I create carry a reply token in their ORGANIZER (config.json `replyTokens: true`). */
export function replyTokensOn(cfg: DataDirConfig): boolean {
  return cfg['replyTokens'] === true;
}

/** The secret tokens are derived with; only while reply tokens are on. */
export function replyTokenSecretOf(cfg: DataDirConfig): string | null {
  const s = cfg['replyTokenSecret'];
  return replyTokensOn(cfg) && typeof s === 'string' && s.length >= 16 ? s : null;
}

/**
 * Makes the installation's secret when reply tokens are on and it has none yet (under the data dir's lock, before
 * an event is created). Kept once made: a new secret would give new tokens, and replies to the old ones would
 * still be matched by the address stored in each event, but there is no reason to change it.
 */
export async function ensureReplyTokenSecret(data: DataDir): Promise<void> {
  const cfg = data.config();
  if (!replyTokensOn(cfg) || replyTokenSecretOf(cfg)) return;
  await data.updateConfig({ replyTokenSecret: randomBytes(32).toString('base64url') });
}

/** The iMIP address patterns as saved (config.json `imipAddressPatterns`), usable or not: what Settings shows. */
export function savedImipPatternsOf(cfg: DataDirConfig): string[] {
  const v = cfg['imipAddressPatterns'];
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * The iMIP address patterns that can be used; an unusable one (written by hand: Settings refuses them) is left out.
 */
export function imipPatternsOf(cfg: DataDirConfig): string[] {
  const texts = savedImipPatternsOf(cfg);
  const bad = new Set(patternProblems(texts).map((p) => p.pattern));
  return texts.filter((p) => !bad.has(p)).map((p) => p.trim());
}

/** The UID of the stored event whose ORGANIZER carries `+token@` (the text is searched; the engine checks it). */
export function eventByReplyToken(data: DataDir, token: string): string | null {
  const needle = `+${token.toLowerCase()}@`;
  for (const uid of data.calendar.uids()) if (data.calendar.getText(uid)?.toLowerCase().includes(needle)) return uid;
  return null;
}

/** My name as Settings saved it (`displayName`), or null: the From name of my mail and my CN in events I create. */
export function displayNameOf(cfg: DataDirConfig): string | null {
  const n = cfg['displayName'];
  return typeof n === 'string' && n.trim() !== '' ? n.trim() : null;
}

/** The names Settings saved for some of my addresses (`addressNames`), by address in lower case. */
export function addressNamesOf(cfg: DataDirConfig): Record<string, string> {
  const v = cfg['addressNames'];
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [address, name] of Object.entries(v as Record<string, unknown>)) {
    const key = normalizeAddress(address);
    if (key !== '' && typeof name === 'string' && name.trim() !== '') out[key] = name.trim();
  }
  return out;
}

/**
 * My name as one of my addresses: the name saved for that address, else my name, else null. The From name of the
 * mail sent from that address and my CN in the events I organize as it.
 */
export function myNameFor(cfg: DataDirConfig): (address: string) => string | null {
  const names = addressNamesOf(cfg);
  const fallback = displayNameOf(cfg);
  return (address) => names[normalizeAddress(address)] ?? fallback;
}

/** What the engine context gets of these settings. */
export function organizeContextOf(
  data: DataDir,
): Pick<EngineContext, 'replyTokenSecret' | 'eventByReplyToken' | 'imipAddressPatterns' | 'myNameFor'> {
  const cfg = data.config();
  return {
    replyTokenSecret: replyTokenSecretOf(cfg),
    eventByReplyToken: (token) => eventByReplyToken(data, token),
    imipAddressPatterns: imipPatternsOf(cfg),
    myNameFor: myNameFor(cfg),
  };
}
