/**
 * IMAP commands whose server answer imapflow does not surface (or that it cannot send, like RFC 6154 CREATE … USE),
 * sent through imapflow's command queue.
 * `messageFlagsAdd` resolves `true` for a tagged `OK [MODIFIED …]` (RFC 7162 §3.1.3: the conditional STORE was
 * refused), resolves `false` without sending anything when the keyword is not in PERMANENTFLAGS, and swallows a
 * `NO [CANNOT]` (RFC 5530). Here the tagged response and the untagged FETCH … MODSEQ are read directly.
 *
 * `exec` and `preCheck` are imapflow internals (not in its .d.ts); verified against imapflow 2.10.2 and covered by
 * the integration tests. The UNCHANGEDSINCE modifier goes between the UID set and the item name (RFC 7162 §3.1.3):
 * Dovecot ignores it anywhere else and applies a stale store (imapflow < 2.2.8 got this wrong).
 */
import type { ImapFlow } from 'imapflow';
import { formatUidSet, parseUidSet } from './uidSet.js';

interface AttrNode {
  type?: string;
  value?: unknown;
  section?: unknown;
}
type Attr = AttrNode | Attr[] | null;

interface RawResponse {
  command?: string;
  attributes?: Attr[];
}

interface Internals {
  exec(
    command: string,
    attributes: unknown,
    options?: { untagged?: Record<string, (r: RawResponse) => Promise<void>> },
  ): Promise<{ response: RawResponse; next: () => void }>;
  preCheck?: (() => Promise<void>) | false;
}

function internals(client: ImapFlow): Internals {
  return client as unknown as Internals;
}

/** Ends a running IDLE (RFC 2177 §3: DONE) before a command is sent outside imapflow's own `run()`. */
export async function breakIdle(client: ImapFlow): Promise<void> {
  const preCheck = internals(client).preCheck;
  if (client.idling && typeof preCheck === 'function') await preCheck();
}

export type StoreOutcome =
  /** Stored. `modseqs` are the MODSEQ values of the untagged FETCH answers (RFC 7162 §3.1.4), per UID. */
  | { kind: 'ok'; modseqs: Map<number, bigint> }
  /**
   * `OK [MODIFIED set]`: these messages changed after `unchangedSince` and were left alone (RFC 7162 §3.1.3); the
   * others of the request were stored (`modseqs`). A set that cannot be read counts every UID asked for.
   */
  | { kind: 'modified'; uids: ReadonlySet<number>; modseqs: Map<number, bigint> }
  /** Tagged NO/BAD, e.g. `NO [CANNOT] Keyword length too long`. */
  | { kind: 'refused'; text: string };

export interface StoreRequest {
  /** One UID, or several (sent as one UID set, RFC 3501 §9 sequence-set). */
  readonly uid: number | readonly number[];
  readonly op: '+FLAGS' | '-FLAGS';
  readonly flags: readonly string[];
  /** RFC 7162 conditional STORE; only meaningful when CONDSTORE is enabled. */
  readonly unchangedSince?: bigint;
}

export async function uidStore(client: ImapFlow, req: StoreRequest): Promise<StoreOutcome> {
  const asked = typeof req.uid === 'number' ? [req.uid] : req.uid;
  const attributes: unknown[] = [{ type: 'SEQUENCE', value: formatUidSet(asked) }];
  if (req.unchangedSince !== undefined) {
    attributes.push([
      { type: 'ATOM', value: 'UNCHANGEDSINCE' },
      { type: 'ATOM', value: req.unchangedSince.toString() },
    ]);
  }
  attributes.push(
    { type: 'ATOM', value: req.op },
    req.flags.map((f) => ({ type: 'ATOM', value: f })),
  );
  const modseqs = new Map<number, bigint>();
  await breakIdle(client);
  let res: { response: RawResponse; next: () => void };
  try {
    res = await internals(client).exec('UID STORE', attributes, {
      untagged: {
        FETCH: async (untagged) => {
          const { uid, modseq } = readFetchItems(untagged.attributes?.[1]);
          if (uid !== null && modseq !== null) modseqs.set(uid, modseq);
        },
      },
    });
  } catch (e) {
    const status = (e as { responseStatus?: unknown }).responseStatus;
    if (status === 'NO' || status === 'BAD')
      return { kind: 'refused', text: String((e as { responseText?: unknown }).responseText ?? status) };
    throw e;
  }
  res.next();
  if (responseCode(res.response) === 'MODIFIED') {
    const listed = modifiedSet(res.response);
    return { kind: 'modified', uids: listed ?? new Set(asked), modseqs };
  }
  return { kind: 'ok', modseqs };
}

/** The UIDs of `OK [MODIFIED set]` (RFC 7162 §3.1.3, §7: the code's argument is a sequence-set), or null. */
export function modifiedSet(response: RawResponse): Set<number> | null {
  const first = response.attributes?.[0];
  if (!first || Array.isArray(first) || !Array.isArray(first.section)) return null;
  const arg = (first.section as Attr[])[1];
  const text = arg && !Array.isArray(arg) && arg.value !== undefined ? String(arg.value) : '';
  const set = parseUidSet(text);
  return set.size > 0 ? set : null;
}

/**
 * The bracketed response code of a tagged response (RFC 3501 §7.1), upper-case, or null. imapflow parses
 * `OK [MODIFIED 7] text` into an empty ATOM whose `section` holds `MODIFIED` and its argument.
 */
export function responseCode(response: RawResponse): string | null {
  const first = response.attributes?.[0];
  if (!first || Array.isArray(first) || !Array.isArray(first.section)) return null;
  const code = (first.section as Attr[])[0];
  return code && !Array.isArray(code) && typeof code.value === 'string' ? code.value.toUpperCase() : null;
}

/** UID and MODSEQ from the item list of an untagged FETCH (RFC 3501 §7.4.2, RFC 7162 §3.1.4.1). */
export function readFetchItems(list: Attr | undefined): { uid: number | null; modseq: bigint | null } {
  let uid: number | null = null;
  let modseq: bigint | null = null;
  if (!Array.isArray(list)) return { uid, modseq };
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = list[i];
    const val = list[i + 1];
    const name = key && !Array.isArray(key) && typeof key.value === 'string' ? key.value.toUpperCase() : '';
    if (name === 'UID' && val && !Array.isArray(val)) uid = Number(val.value);
    if (name === 'MODSEQ' && Array.isArray(val)) {
      const inner = val[0];
      if (inner && !Array.isArray(inner) && /^\d+$/.test(String(inner.value))) modseq = BigInt(String(inner.value));
    }
  }
  return { uid, modseq };
}

/** Sends one command with the given attributes; true for a tagged OK, false for NO/BAD. */
export async function execCommand(client: ImapFlow, command: string, attributes: unknown[]): Promise<boolean> {
  try {
    const res = await internals(client).exec(command, attributes);
    res.next();
    return true;
  } catch {
    return false;
  }
}
