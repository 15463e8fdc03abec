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

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  const na = normalizeAddress(a);
  return na !== '' && na === normalizeAddress(b);
}
