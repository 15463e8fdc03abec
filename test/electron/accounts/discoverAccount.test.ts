/**
 * Autodiscovery against a local HTTP server (standing in for autoconfig.<domain>, <domain>/.well-known and the
 * ISPDB: the injected fetcher sends https://HOST/PATH to http://127.0.0.1:PORT/HOST/PATH) and a fake resolver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmdAccount } from '../../../electron/cli/account.js';
import { discoverAccount, type DiscoveryDeps, type SrvAnswer } from '../../../electron/accounts/discoverAccount.js';
import { Output } from '../../../electron/cli/output.js';

const config = (domain: string, host: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${domain}">
    <domain>${domain}</domain>
    <incomingServer type="imap">
      <hostname>${host}</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>OAuth2</authentication><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.${domain}</hostname><port>995</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.${domain}</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    ${extra}
  </emailProvider>
</clientConfig>`;

const pages: Record<string, { status: number; body?: string; location?: string }> = {
  '/autoconfig.sub.test/mail/config-v1.1.xml': { status: 200, body: config('sub.test', 'imap.sub.test') },
  '/wk.test/.well-known/autoconfig/mail/config-v1.1.xml': { status: 200, body: config('wk.test', 'mail.wk.test') },
  '/autoconfig.thunderbird.net/v1.1/isp.test': { status: 200, body: config('isp.test', 'imap.isp.test') },
  '/autoconfig.thunderbird.net/v1.1/google.com': { status: 200, body: config('gmail.com', 'imap.gmail.com') },
  '/autoconfig.broken.test/mail/config-v1.1.xml': { status: 200, body: '<html>not a config</html>' },
  '/davwk.test/.well-known/caldav': { status: 301, location: 'https://dav.davwk.test/caldav/' },
};

let server: http.Server;
let base = '';
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    requested.push(p);
    const page = pages[p];
    if (!page) return void res.writeHead(404).end('no');
    res
      .writeHead(page.status, page.location ? { location: page.location } : { 'content-type': 'application/xml' })
      .end(page.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function deps(
  srv: Record<string, SrvAnswer[]> = {},
  mx: Record<string, string> = {},
  txt: Record<string, string[][]> = {},
): DiscoveryDeps {
  const nx = (name: string) => Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return {
    http: async (url) => {
      const u = new URL(url);
      expect(u.protocol).toBe('https:');
      const r = await fetch(`${base}/${u.host}${u.pathname}${u.search}`, { redirect: 'manual' });
      return { status: r.status, text: await r.text(), location: r.headers.get('location') };
    },
    resolveSrv: async (name) => srv[name] ?? Promise.reject(nx(name)),
    resolveMx: async (d) => (mx[d] ? [{ exchange: mx[d], priority: 10 }] : Promise.reject(nx(d))),
    resolveTxt: async (name) => txt[name] ?? Promise.reject(nx(name)),
  };
}

describe('discoverAccount', () => {
  it('reads autoconfig.<domain> first, fills the placeholders and lists where it looked', async () => {
    const r = await discoverAccount('Ann.Lee@sub.test', deps());
    expect(
      r.servers
        .filter((s) => s.method === 'autoconfig')
        .map((s) => [s.protocol, s.host, s.port, s.security, s.username]),
    ).toEqual([
      ['imap', 'imap.sub.test', 993, 'tls', 'Ann.Lee@sub.test'],
      ['pop3', 'pop.sub.test', 995, 'tls', 'Ann.Lee'],
      ['smtp', 'smtp.sub.test', 587, 'starttls', 'Ann.Lee@sub.test'],
    ]);
    expect(r.servers[0]?.auth).toEqual(['oauth2', 'password']);
    expect(r.servers[0]?.source).toBe(
      'https://autoconfig.sub.test/mail/config-v1.1.xml?emailaddress=Ann.Lee%40sub.test',
    );
    expect(r.steps[0]).toMatchObject({ method: 'autoconfig', outcome: 'found' });
  });

  it('falls back to the well-known URL, then the ISPDB', async () => {
    const wk = await discoverAccount('a@wk.test', deps());
    expect(wk.steps.slice(0, 2).map((s) => [s.method, s.outcome])).toEqual([
      ['autoconfig', 'nothing'],
      ['well-known', 'found'],
    ]);
    expect(wk.servers[0]).toMatchObject({ host: 'mail.wk.test', method: 'well-known' });
    const isp = await discoverAccount('a@isp.test', deps());
    expect(isp.servers[0]).toMatchObject({
      host: 'imap.isp.test',
      method: 'ispdb',
      source: 'https://autoconfig.thunderbird.net/v1.1/isp.test',
    });
  });

  it('a page that is not a config counts as nothing found', async () => {
    const r = await discoverAccount(
      'a@broken.test',
      deps({ '_imaps._tcp.broken.test': [{ name: 'imap.broken.test', port: 993, priority: 0, weight: 0 }] }),
    );
    expect(r.steps[0]).toMatchObject({ method: 'autoconfig', outcome: 'nothing' });
    expect(r.servers[0]).toMatchObject({ method: 'srv', host: 'imap.broken.test' });
  });

  it('uses RFC 6186 SRV records: lowest priority wins, "." means not offered', async () => {
    const r = await discoverAccount(
      'a@srv.test',
      deps({
        '_imaps._tcp.srv.test': [
          { name: 'backup.srv.test', port: 993, priority: 20, weight: 0 },
          { name: 'imap.srv.test.', port: 993, priority: 10, weight: 5 },
        ],
        '_pop3s._tcp.srv.test': [{ name: '.', port: 0, priority: 0, weight: 0 }],
        '_submission._tcp.srv.test': [{ name: 'smtp.srv.test', port: 587, priority: 0, weight: 1 }],
      }),
    );
    expect(r.servers.map((s) => [s.protocol, s.host, s.port, s.security, s.source])).toEqual([
      ['imap', 'imap.srv.test', 993, 'tls', '_imaps._tcp.srv.test'],
      ['smtp', 'smtp.srv.test', 587, 'starttls', '_submission._tcp.srv.test'],
    ]);
    expect(r.steps.find((s) => s.source === '_pop3s._tcp.srv.test')).toMatchObject({
      outcome: 'nothing',
      detail: 'the domain says it offers no such service',
    });
  });

  it("looks up the MX host's domain in the ISPDB (a domain hosted by Google) and names the OAuth provider", async () => {
    const r = await discoverAccount('a@hosted.test', deps({}, { 'hosted.test': 'aspmx.l.google.com' }));
    expect(r.servers[0]).toMatchObject({ host: 'imap.gmail.com', method: 'mx-ispdb' });
    expect(r.oauthProvider).toBe('google');
  });

  it('guesses from the MX host when nothing else answers, and says it is a guess', async () => {
    const r = await discoverAccount('a@guess.test', deps({}, { 'guess.test': 'mx1.mailhost.test' }));
    expect(r.servers.map((s) => [s.protocol, s.host, s.method])).toEqual([
      ['imap', 'imap.mailhost.test', 'mx-guess'],
      ['smtp', 'smtp.mailhost.test', 'mx-guess'],
    ]);
    expect(r.steps.find((s) => s.method === 'mx-guess')?.detail).toBe('guessed names, not verified');
  });

  it('finds CalDAV by RFC 6764 SRV + TXT path, or by the well-known redirect', async () => {
    const srv = await discoverAccount(
      'a@sub.test',
      deps(
        { '_caldavs._tcp.sub.test': [{ name: 'cal.sub.test', port: 8443, priority: 0, weight: 0 }] },
        {},
        { '_caldavs._tcp.sub.test': [['path=/dav/cal']] },
      ),
    );
    expect(srv.servers.find((s) => s.protocol === 'caldav')).toMatchObject({
      url: 'https://cal.sub.test:8443/dav/cal',
      method: 'dav-srv',
    });
    const wk = await discoverAccount('a@davwk.test', deps());
    expect(wk.servers.find((s) => s.protocol === 'caldav')).toMatchObject({
      url: 'https://dav.davwk.test/caldav/',
      method: 'dav-well-known',
      source: 'https://davwk.test/.well-known/caldav',
    });
  });

  it('an address without a domain finds nothing and says why', async () => {
    const r = await discoverAccount('nobody', deps());
    expect(r.servers).toEqual([]);
    expect(r.steps[0]).toMatchObject({ outcome: 'error', detail: 'not an email address' });
  });
});

describe('account discover (CLI)', () => {
  it('prints one JSON line per server with its source, and the places asked on stderr', async () => {
    let stdout = '';
    let stderr = '';
    const sink = (f: (s: string) => void) =>
      new Writable({
        write: (c: Buffer, _e, cb) => {
          f(c.toString());
          cb();
        },
      });
    const out = new Output(
      true,
      sink((s) => (stdout += s)),
      sink((s) => (stderr += s)),
    );
    expect(await cmdAccount(['discover', 'a@sub.test', '--json'], out, deps())).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ protocol: 'imap', host: 'imap.sub.test', method: 'autoconfig' });
    expect(stderr).toContain('found   autoconfig https://autoconfig.sub.test/mail/config-v1.1.xml');
  });
});
