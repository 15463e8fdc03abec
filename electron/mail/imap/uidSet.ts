/**
 * A set of UIDs that is stored as an IMAP sequence set (RFC 3501 §9 `sequence-set`, e.g. "1:40,42,45:47"): the
 * "not ours" list of a 10,000-message INBOX stays a few hundred bytes when most mail is plain mail.
 */

export function formatUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].filter((u) => Number.isInteger(u) && u > 0).sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    out.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return out.join(',');
}

/** Parses what formatUidSet wrote; anything unreadable is skipped (a damaged state file only costs a rescan). */
export function parseUidSet(text: unknown): Set<number> {
  const set = new Set<number>();
  if (typeof text !== 'string' || text === '') return set;
  for (const item of text.split(',')) {
    const m = /^(\d+)(?::(\d+))?$/.exec(item.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    if (hi - lo > 10_000_000) continue;
    for (let u = lo; u <= hi; u++) set.add(u);
  }
  return set;
}
