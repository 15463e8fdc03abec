/**
 * Calendar user addresses. iCalendar writes them as URIs (`mailto:Alice@Example.org`, sometimes upper-case
 * `MAILTO:` from Evolution, sometimes percent-encoded); mail headers write bare addresses. Everything the engine
 * compares goes through `normalizeAddress` first, so "me", organizers and attendees match however they were spelt.
 */
export function normalizeAddress(value: string | null | undefined): string {
  if (!value) return '';
  // The same few addresses are compared over and over (every attendee of every stored copy): remembered, bounded.
  let n = normalized.get(value);
  if (n === undefined) {
    n = normalize(value);
    if (normalized.size >= MAX_REMEMBERED) normalized.clear();
    normalized.set(value, n);
  }
  return n;
}

const normalized = new Map<string, string>();
const MAX_REMEMBERED = 4096;

function normalize(value: string): string {
  let v = value.trim();
  if (/^mailto:/i.test(v)) v = v.slice(7);
  // Some clients percent-encode the address part of the URI (RFC 6068); decode only when it is well-formed.
  if (v.includes('%')) {
    try {
      v = decodeURIComponent(v);
    } catch {
      /* keep as written */
    }
  }
  // "Name <addr>" forms occasionally leak into CAL-ADDRESS values.
  const angle = /<([^>]+)>/.exec(v);
  if (angle?.[1]) v = angle[1];
  return v.trim().toLowerCase();
}

/** The `mailto:` URI for an address, the form iCalendar expects in ORGANIZER and ATTENDEE. */
export function toMailto(address: string): string {
  return `mailto:${normalizeAddress(address)}`;
}

/**
 * An address split into its base and its detail (RFC 5233 §1: `local+detail@domain`); `detail` is null when there
 * is none. Only `+` is read as the separator: it is what Postfix, Dovecot, Gmail and Fastmail use.
 */
export function subaddress(address: string): { base: string; detail: string | null } {
  const a = normalizeAddress(address);
  const at = a.lastIndexOf('@');
  const plus = at > 0 ? a.lastIndexOf('+', at) : -1;
  if (plus <= 0) return { base: a, detail: null };
  return { base: `${a.slice(0, plus)}${a.slice(at)}`, detail: a.slice(plus + 1, at) };
}

/** Whether the address is one of mine, with or without a detail (`me+anything@example.com` is me). */
export function isMyAddress(address: string | null | undefined, me: readonly string[]): boolean {
  const a = normalizeAddress(address);
  if (a === '') return false;
  if (me.includes(a)) return true;
  const { base, detail } = subaddress(a);
  return detail !== null && me.includes(base);
}

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  const na = normalizeAddress(a);
  return na !== '' && na === normalizeAddress(b);
}

/**
 * Whether `address` (already decoded from its `mailto:` URI) is one RFC 5322 §3.4.1 addr-spec that mail can go to:
 * a dot-atom local part (or a quoted string without CR, LF or backslash-escaped line breaks), `@`, a domain of
 * dot-separated labels or a bracketed literal; at most 254 octets (RFC 5321 §4.5.3.1). Decoding `%0d%0a`, `,` or
 * `?` into an address would otherwise let an invitation add recipients or headers to my reply. The local part is not
 * held to RFC 5321's 64 octets: the addresses scheduling services answer on are longer (iCloud's
 * `2_<token>@imip.me.com` is ~80, a Google group calendar's `c_<64 hex>@group.calendar.google.com` 66) and their
 * servers take them.
 */
export function isMailAddress(address: string): boolean {
  if (address.length === 0 || address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const atext = "[A-Za-z0-9!#$%&'*+\\-/=^_`{|}~\\u0080-\\uFFFF]+";
  const dotAtom = new RegExp(`^${atext}(\\.${atext})*$`);
  const quoted = /^"([\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
  if (!dotAtom.test(local) && !quoted.test(local)) return false;
  const label = '[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\-\\u0080-\\uFFFF]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?';
  const hostname = new RegExp(`^${label}(\\.${label})*$`);
  return hostname.test(domain) || /^\[[\x21-\x5a\x5e-\x7e]+\]$/.test(domain);
}
