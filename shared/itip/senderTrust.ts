/**
 * What the person's own receiving server says about a mail's sender (RFC 8601 Authentication-Results): which of
 * the headers to believe, and the verdict they give — `pass` (the From domain vouched for it: DMARC passed),
 * `fail` (it did not: spoofed) or `none` (nobody said either way: unverified).
 *
 * Anyone on the way can add an Authentication-Results header, the sender included; only the ones written by the
 * server that delivered the mail to the person count (RFC 8601 §5: an MTA removes or ignores headers claiming its
 * own authserv-id from outside). That server is named by the `authservId` setting; without it, it is taken to be
 * whoever added the topmost header, because the last hop prepends its header above everything that came with the
 * mail (RFC 5322 §3.6.7 trace order).
 */

export type SenderAuthentication = 'pass' | 'fail' | 'none';

/**
 * The authserv-id of one header value: the first token before the first `;`, comments removed (RFC 8601 §2.2).
 * Exchange Online writes no authserv-id at all (its headers start with `spf=pass (sender IP is …)`): such a header
 * has the empty id, and its first part is a result like the others.
 */
export function authservIdOf(header: string): string {
  const head = (stripComments(header).split(';', 1)[0] ?? '').trim();
  if (head.includes('=')) return '';
  return (head.split(/\s+/)[0] ?? '').toLowerCase();
}

/**
 * The headers written by the person's own server. `headers` are newest (topmost) first. With a configured
 * `authservId` every header naming it counts; without one, the contiguous run at the top that names the same
 * authserv-id as the topmost header (a server with several filters writes several lines, one above the other).
 */
export function trustedAuthenticationResults(
  headers: readonly string[],
  authservId: string | null | undefined,
): readonly string[] {
  const configured = authservId?.trim().toLowerCase();
  if (configured) return headers.filter((h) => authservIdOf(h) === configured);
  const top = headers[0];
  if (top === undefined) return [];
  const id = authservIdOf(top);
  const out: string[] = [];
  for (const h of headers) {
    if (authservIdOf(h) !== id) break;
    out.push(h);
  }
  return out;
}

/**
 * The verdict of trusted headers: any `dmarc=fail` makes the mail spoofed; otherwise `dmarc=pass` verifies it;
 * `none`, `temperror`, `permerror`, `bestguesspass` or no DMARC result at all leave it unverified (RFC 7489 §11.2:
 * only `pass` means the From domain authenticated the message).
 */
export function senderAuthentication(trusted: readonly string[]): SenderAuthentication {
  let pass = false;
  for (const h of trusted) {
    for (const r of dmarcResults(h)) {
      if (r === 'fail') return 'fail';
      if (r === 'pass') pass = true;
    }
  }
  return pass ? 'pass' : 'none';
}

function dmarcResults(header: string): string[] {
  const body = stripComments(header);
  const out: string[] = [];
  // Each resinfo after the authserv-id is `method=result ...`, separated by `;` (RFC 8601 §2.2).
  const parts = body.split(';');
  for (const part of authservIdOf(header) === '' ? parts : parts.slice(1)) {
    const m = /^\s*dmarc\s*=\s*([a-z]+)/i.exec(part);
    if (m?.[1]) out.push(m[1].toLowerCase());
  }
  return out;
}

/** Removes RFC 5322 comments (nested parentheses, backslash escapes), which may hold `;` or `dmarc=fail` as text. */
function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && depth > 0) {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}
