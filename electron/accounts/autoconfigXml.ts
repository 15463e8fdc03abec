/**
 * Reads Thunderbird's autoconfig format (clientConfig version 1.1, the format of the ISPDB and of
 * `autoconfig.<domain>/mail/config-v1.1.xml`) into plain server entries. Parsing is fast-xml-parser's; this
 * module owns the mapping: socketType SSL/STARTTLS/plain → tls/starttls/none, the %EMAILADDRESS% /
 * %EMAILLOCALPART% / %EMAILDOMAIN% placeholders, and which authentication methods are offered.
 */
import { XMLParser } from 'fast-xml-parser';

export type Security = 'tls' | 'starttls' | 'none';
export type AuthKind = 'password' | 'oauth2';

export interface AutoconfigServer {
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly username: string | null;
  readonly auth: readonly AuthKind[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Elements that may repeat are always arrays, so one and several look alike.
  isArray: (name) => ['emailProvider', 'incomingServer', 'outgoingServer', 'authentication', 'domain'].includes(name),
  processEntities: true,
  parseTagValue: false,
});

/** The servers of a config-v1.1.xml document, in document order (the provider's preference); [] for anything else. */
export function parseAutoconfig(xml: string, address: string): AutoconfigServer[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const providers = asArray(get(get(doc, 'clientConfig'), 'emailProvider'));
  const out: AutoconfigServer[] = [];
  for (const p of providers) {
    for (const s of [...asArray(get(p, 'incomingServer')), ...asArray(get(p, 'outgoingServer'))]) {
      const server = toServer(s, address);
      if (server) out.push(server);
    }
  }
  return out;
}

function toServer(s: unknown, address: string): AutoconfigServer | null {
  const type = text(get(s, '@type'));
  if (type !== 'imap' && type !== 'pop3' && type !== 'smtp') return null;
  const host = fill(text(get(s, 'hostname')), address);
  const port = Number(text(get(s, 'port')));
  if (!host || !/^[A-Za-z0-9.-]+$/.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  const socket = text(get(s, 'socketType')).toUpperCase();
  const security: Security = socket === 'SSL' ? 'tls' : socket === 'STARTTLS' ? 'starttls' : 'none';
  const auth = new Set<AuthKind>();
  for (const a of asArray(get(s, 'authentication')).map(text)) {
    if (/^oauth2$/i.test(a)) auth.add('oauth2');
    else if (/^password-(cleartext|encrypted)$/i.test(a)) auth.add('password');
  }
  const username = text(get(s, 'username'));
  return {
    protocol: type,
    host: host.toLowerCase(),
    port,
    security,
    username: username ? fill(username, address) : null,
    auth: [...auth],
  };
}

function fill(value: string, address: string): string {
  const at = address.lastIndexOf('@');
  return value
    .replace(/%EMAILADDRESS%/g, address)
    .replace(/%EMAILLOCALPART%/g, address.slice(0, at))
    .replace(/%EMAILDOMAIN%/g, address.slice(at + 1));
}

function get(o: unknown, key: string): unknown {
  return o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
}

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  const t = get(v, '#text');
  return typeof t === 'string' ? t.trim() : '';
}
