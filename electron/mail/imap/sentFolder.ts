/**
 * Which folders the source looks at, and the Sent-folder operations. Only INBOX and the Sent folder are ever
 * scanned: Junk, Trash, Drafts and every other folder are not (an invitation in Junk is the user's call).
 * The Sent folder is the one flagged `\Sent` (RFC 6154 §2); imapflow also recognises the usual localised names
 * when the server has no SPECIAL-USE, and a folder named "Sent" is the last resort.
 */
import type { ImapFlow } from 'imapflow';
import { breakIdle, execCommand } from './rawCommands.js';
import { ensureSelected } from './imapSession.js';

export async function findSentFolder(client: ImapFlow): Promise<string | null> {
  const list = await client.list();
  const byUse = list.find((f) => f.specialUse === '\\Sent' && f.specialUseSource === 'extension');
  if (byUse) return byUse.path;
  const byName = list.find((f) => f.specialUse === '\\Sent') ?? list.find((f) => /^(inbox[./])?sent$/i.test(f.path));
  return byName ? byName.path : null;
}

/**
 * The Sent folder, created when the account has none, as mail clients do (Thunderbird, Apple Mail): otherwise a
 * reply would never get its copy in Sent. Where the server announces CREATE-SPECIAL-USE (RFC 6154 §3) the folder is
 * created with `USE (\Sent)`; elsewhere plain CREATE of "Sent" in the personal namespace, a name servers and
 * clients recognise (Dovecot flags it \Sent when its configuration says so). Null when the server refuses.
 */
export async function ensureSentFolder(client: ImapFlow): Promise<string | null> {
  const found = await findSentFolder(client);
  if (found) return found;
  const ns = client.namespace;
  const name = `${ns?.prefix ?? ''}Sent`;
  if (client.capabilities.has('CREATE-SPECIAL-USE')) {
    await breakIdle(client);
    const ok = await execCommand(client, 'CREATE', [
      { type: 'STRING', value: name },
      [{ type: 'ATOM', value: 'USE' }, [{ type: 'ATOM', value: '\\Sent' }]],
    ]);
    if (!ok) return null;
  } else {
    const created = await client.mailboxCreate(name).catch(() => null);
    if (!created) return null;
  }
  return (await findSentFolder(client)) ?? name;
}

/** Where an appended copy ended up, and whether it carries the handled keyword. */
export interface AppendedCopy {
  readonly uidValidity: string;
  /** null when the server reported no UID and the copy could not be found by its Message-ID either. */
  readonly uid: number | null;
  /** false: the folder keeps no keywords, so the caller records the copy as handled locally. */
  readonly marked: boolean;
}

/**
 * RFC 3501 §6.3.11 APPEND with \Seen (it is mail we sent, nobody needs to read it) and, where the folder keeps
 * keywords, `handled` too: the next scan of Sent searches `NOT KEYWORD` and never downloads our own copy.
 * Where it keeps none (PERMANENTFLAGS without `\*`, RFC 3501 §7.1) the UID is returned for the local record:
 * from APPENDUID (RFC 4315 §3), else by searching the Message-ID.
 */
export async function appendSent(
  client: ImapFlow,
  sent: string,
  raw: Buffer,
  handled: string,
  messageId: string | null,
): Promise<AppendedCopy> {
  const info = await ensureSelected(client, sent, [handled]);
  const res = await client.append(sent, raw, info.keywords ? ['\\Seen', handled] : ['\\Seen']);
  if (!res) throw new Error(`APPEND to ${sent} failed`);
  const uidValidity = res.uidValidity !== undefined ? res.uidValidity.toString() : info.uidValidity;
  if (info.keywords) return { uidValidity, uid: res.uid ?? null, marked: true };
  if (res.uid !== undefined) return { uidValidity, uid: res.uid, marked: false };
  const found = messageId ? await searchMessageId(client, sent, messageId) : [];
  return { uidValidity, uid: found.length ? Math.max(...found) : null, marked: false };
}

/**
 * SEARCH HEADER Message-ID (RFC 3501 §6.4.4) in the Sent folder. The server matches a substring, so the value is
 * searched with its angle brackets, which no other Message-ID can contain in the middle.
 */
export async function sentContains(client: ImapFlow, sent: string, messageId: string): Promise<boolean> {
  return (await searchMessageId(client, sent, messageId)).length > 0;
}

async function searchMessageId(client: ImapFlow, sent: string, messageId: string): Promise<number[]> {
  const id = messageId.trim();
  if (id === '') return [];
  const bracketed = id.startsWith('<') ? id : `<${id}>`;
  await client.mailboxOpen(sent);
  const found = await client.search({ header: { 'message-id': bracketed } }, { uid: true });
  return Array.isArray(found) ? found : [];
}
