/**
 * Finds an address's mail and calendar servers, and says where each answer came from:
 *  1. Thunderbird autoconfig: `https://autoconfig.<domain>/mail/config-v1.1.xml`, then
 *     `https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`, then the ISPDB;
 *  2. RFC 6186 SRV records (`_imaps._tcp`, `_imap._tcp`, `_submissions._tcp` (RFC 8314 §5.1),
 *     `_submission._tcp`, `_pop3s._tcp`, `_pop3._tcp`); a target of "." means "not offered" (RFC 6186 §3.4);
 *  3. the MX host: its domain looked up in the ISPDB (a domain hosted by Google or Microsoft), else a guess;
 *  4. RFC 6764 for CalDAV / CardDAV: `_caldavs._tcp` / `_carddavs._tcp` with the TXT `path=`, else
 *     `https://<domain>/.well-known/caldav` (RFC 6764 §5).
 * Only https is fetched. The HTTP fetcher and the DNS resolver are injected (tests: a local server and a fake
 * resolver); `defaultDiscoveryDeps` uses node:dns and fetch with verified TLS.
 */
import { promises as dns } from 'node:dns';
import { parseAutoconfig, type AuthKind, type Security } from './autoconfigXml.js';

export type DiscoveryMethod =
  'autoconfig' | 'well-known' | 'ispdb' | 'srv' | 'mx-ispdb' | 'mx-guess' | 'dav-srv' | 'dav-well-known';

export interface FoundServer {
  readonly protocol: 'imap' | 'pop3' | 'smtp' | 'caldav' | 'carddav';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly username: string | null;
  readonly auth: readonly AuthKind[];
  /** CalDAV / CardDAV: the context URL to start from. */
  readonly url: string | null;
  /** Where it was found: the URL fetched or the DNS name asked. */
  readonly method: DiscoveryMethod;
  readonly source: string;
}

export interface DiscoveryStep {
  readonly method: DiscoveryMethod;
  readonly source: string;
  readonly outcome: 'found' | 'nothing' | 'error';
  readonly detail: string | null;
}

export interface DiscoveryResult {
  readonly address: string;
  readonly domain: string;
  readonly servers: readonly FoundServer[];
  /** Every place asked, in order, with what it gave. */
  readonly steps: readonly DiscoveryStep[];
  /** A known OAuth provider behind the servers, for the sign-in button. */
  readonly oauthProvider: 'microsoft' | 'google' | null;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly location: string | null;
}

export interface SrvAnswer {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface DiscoveryDeps {
  /** GET without following redirects; throws when the host cannot be reached. */
  readonly http: (url: string) => Promise<HttpAnswer>;
  readonly resolveSrv: (name: string) => Promise<SrvAnswer[]>;
  readonly resolveMx: (domain: string) => Promise<{ exchange: string; priority: number }[]>;
  readonly resolveTxt: (name: string) => Promise<string[][]>;
}

export const ISPDB = 'https://autoconfig.thunderbird.net/v1.1/';

const SRV_SERVICES = [
  { label: '_imaps._tcp', protocol: 'imap', security: 'tls' },
  { label: '_imap._tcp', protocol: 'imap', security: 'starttls' },
  { label: '_pop3s._tcp', protocol: 'pop3', security: 'tls' },
  { label: '_pop3._tcp', protocol: 'pop3', security: 'starttls' },
  { label: '_submissions._tcp', protocol: 'smtp', security: 'tls' },
  { label: '_submission._tcp', protocol: 'smtp', security: 'starttls' },
] as const;

export async function discoverAccount(address: string, deps: DiscoveryDeps): Promise<DiscoveryResult> {
  const domain = (address.split('@')[1] ?? '').trim().toLowerCase();
  const steps: DiscoveryStep[] = [];
  const servers: FoundServer[] = [];
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
    return {
      address,
      domain,
      servers,
      steps: [{ method: 'autoconfig', source: address, outcome: 'error', detail: 'not an email address' }],
      oauthProvider: null,
    };
  }
  const mail =
    (await fromAutoconfig(address, domain, deps, steps)) ??
    (await fromSrv(domain, deps, steps)) ??
    (await fromMx(address, domain, deps, steps));
  servers.push(...mail, ...(await fromDav(domain, deps, steps)));
  return { address, domain, servers, steps, oauthProvider: oauthProviderOf(servers) };
}

async function fromAutoconfig(
  address: string,
  domain: string,
  deps: DiscoveryDeps,
  steps: DiscoveryStep[],
): Promise<FoundServer[] | null> {
  const places: [DiscoveryMethod, string][] = [
    ['autoconfig', `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`],
    ['well-known', `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`],
    ['ispdb', `${ISPDB}${domain}`],
  ];
  for (const [method, url] of places) {
    const found = await autoconfigAt(method, url, address, deps, steps);
    if (found) return found;
  }
  return null;
}

async function autoconfigAt(
  method: DiscoveryMethod,
  url: string,
  address: string,
  deps: DiscoveryDeps,
  steps: DiscoveryStep[],
): Promise<FoundServer[] | null> {
  try {
    const r = await deps.http(url);
    const servers = r.status === 200 ? parseAutoconfig(r.text, address) : [];
    steps.push({
      method,
      source: url,
      outcome: servers.length ? 'found' : 'nothing',
      detail: r.status === 200 ? null : `HTTP ${r.status}`,
    });
    return servers.length ? servers.map((s) => ({ ...s, url: null, method, source: url })) : null;
  } catch (e) {
    steps.push({ method, source: url, outcome: 'error', detail: (e as Error).message });
    return null;
  }
}

async function fromSrv(domain: string, deps: DiscoveryDeps, steps: DiscoveryStep[]): Promise<FoundServer[] | null> {
  const out: FoundServer[] = [];
  for (const svc of SRV_SERVICES) {
    const name = `${svc.label}.${domain}`;
    const best = await srvLookup(name, 'srv', deps, steps);
    if (best)
      out.push({
        protocol: svc.protocol,
        host: best.name,
        port: best.port,
        security: svc.security,
        username: null,
        auth: ['password'],
        url: null,
        method: 'srv',
        source: name,
      });
  }
  return out.some((s) => s.protocol !== 'smtp') ? out : null;
}

/** The preferred usable target (RFC 2782: lowest priority, then highest weight); null when none or ".". */
async function srvLookup(
  name: string,
  method: DiscoveryMethod,
  deps: DiscoveryDeps,
  steps: DiscoveryStep[],
): Promise<SrvAnswer | null> {
  try {
    const answers = (await deps.resolveSrv(name))
      .slice()
      .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    const best = answers[0];
    const usable = best && best.name !== '' && best.name !== '.' ? best : null;
    steps.push({
      method,
      source: name,
      outcome: usable ? 'found' : 'nothing',
      detail: best && !usable ? 'the domain says it offers no such service' : null,
    });
    return usable ? { ...usable, name: usable.name.replace(/\.$/, '').toLowerCase() } : null;
  } catch (e) {
    steps.push({
      method,
      source: name,
      outcome: 'nothing',
      detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
    return null;
  }
}

async function fromMx(
  address: string,
  domain: string,
  deps: DiscoveryDeps,
  steps: DiscoveryStep[],
): Promise<FoundServer[]> {
  let mx: string | null = null;
  try {
    const records = (await deps.resolveMx(domain)).slice().sort((a, b) => a.priority - b.priority);
    mx = records[0]?.exchange.replace(/\.$/, '').toLowerCase() ?? null;
    steps.push({ method: 'mx-ispdb', source: `MX ${domain}`, outcome: mx ? 'found' : 'nothing', detail: mx });
  } catch (e) {
    steps.push({
      method: 'mx-ispdb',
      source: `MX ${domain}`,
      outcome: 'nothing',
      detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
  }
  if (!mx) return [];
  // aspmx.l.google.com → google.com: the ISPDB knows the big hosters by their own domain.
  const mxDomain = mx.split('.').slice(-2).join('.');
  if (mxDomain !== domain) {
    const viaIspdb = await autoconfigAt('mx-ispdb', `${ISPDB}${mxDomain}`, address, deps, steps);
    if (viaIspdb) return viaIspdb;
  }
  // The usual names beside the MX's domain; a guess, to be tested before it is used.
  const guess = (protocol: FoundServer['protocol'], host: string, port: number, security: Security): FoundServer => ({
    protocol,
    host,
    port,
    security,
    username: address,
    auth: ['password'],
    url: null,
    method: 'mx-guess',
    source: `MX ${mx}`,
  });
  steps.push({ method: 'mx-guess', source: `MX ${mx}`, outcome: 'found', detail: 'guessed names, not verified' });
  return [guess('imap', `imap.${mxDomain}`, 993, 'tls'), guess('smtp', `smtp.${mxDomain}`, 465, 'tls')];
}

async function fromDav(domain: string, deps: DiscoveryDeps, steps: DiscoveryStep[]): Promise<FoundServer[]> {
  const out: FoundServer[] = [];
  for (const kind of ['caldav', 'carddav'] as const) {
    const name = `_${kind}s._tcp.${domain}`;
    const srv = await srvLookup(name, 'dav-srv', deps, steps);
    if (srv) {
      const path = await txtPath(name, deps);
      out.push({
        protocol: kind,
        host: srv.name,
        port: srv.port,
        security: 'tls',
        username: null,
        auth: ['password'],
        url: `https://${srv.name}${srv.port === 443 ? '' : `:${srv.port}`}${path ?? `/.well-known/${kind}`}`,
        method: 'dav-srv',
        source: name,
      });
      continue;
    }
    const url = `https://${domain}/.well-known/${kind}`;
    try {
      const r = await deps.http(url);
      // RFC 6764 §5: the well-known URI redirects to the context path (or asks for credentials there).
      const there =
        (r.status >= 300 && r.status < 400 && r.location) || r.status === 401 || r.status === 207 || r.status === 200;
      steps.push({
        method: 'dav-well-known',
        source: url,
        outcome: there ? 'found' : 'nothing',
        detail: `HTTP ${r.status}`,
      });
      if (there) {
        const target = r.location ? new URL(r.location, url).href : url;
        if (target.startsWith('https://'))
          out.push({
            protocol: kind,
            host: new URL(target).hostname,
            port: Number(new URL(target).port || 443),
            security: 'tls',
            username: null,
            auth: ['password'],
            url: target,
            method: 'dav-well-known',
            source: url,
          });
      }
    } catch (e) {
      steps.push({ method: 'dav-well-known', source: url, outcome: 'error', detail: (e as Error).message });
    }
  }
  return out;
}

/** RFC 6764 §4: a TXT record `path=/context` beside the SRV record. */
async function txtPath(name: string, deps: DiscoveryDeps): Promise<string | null> {
  try {
    for (const chunks of await deps.resolveTxt(name)) {
      const m = /^path=(\/\S*)$/.exec(chunks.join(''));
      if (m?.[1]) return m[1];
    }
  } catch {
    // no TXT record: the well-known path
  }
  return null;
}

const MICROSOFT = /(^|\.)(office365\.com|outlook\.com|office\.com|hotmail\.com)$/;
const GOOGLE = /(^|\.)(gmail\.com|google\.com|googlemail\.com)$/;

export function oauthProviderOf(servers: readonly FoundServer[]): 'microsoft' | 'google' | null {
  for (const s of servers) {
    if (MICROSOFT.test(s.host)) return 'microsoft';
    if (GOOGLE.test(s.host)) return 'google';
  }
  return null;
}

const MAX_BYTES = 256 * 1024;

/** node:dns and fetch (verified TLS, no redirects followed, 10 s, at most 256 KiB). */
export function defaultDiscoveryDeps(): DiscoveryDeps {
  return {
    http: async (url) => {
      if (!url.startsWith('https://')) throw new Error('only https is fetched');
      const r = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
        headers: { accept: 'application/xml, text/xml, */*' },
      });
      const buf = Buffer.from(await r.arrayBuffer());
      return {
        status: r.status,
        text: buf.subarray(0, MAX_BYTES).toString('utf8'),
        location: r.headers.get('location'),
      };
    },
    resolveSrv: (name) => dns.resolveSrv(name),
    resolveMx: (domain) => dns.resolveMx(domain),
    resolveTxt: (name) => dns.resolveTxt(name),
  };
}
