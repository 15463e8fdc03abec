#!/usr/bin/env node
// IMAP scan benchmark against the loopback Dovecot (test/servers/mailstack.sh, running). Build first:
//   npx tsc -b shared electron && node bench/imap-scan.mjs [messages=10000] [imip=1000]
// Fills a fresh user's INBOX by IMAP APPEND with `messages` messages: `imip` iMIP invitations inside the 28-day
// time frame (base64/7bit/quoted-printable text/calendar, Google-style .ics twins, forwarded message/rfc822), 300
// iMIP outside it, and plain mail (text, HTML, PDF attachments) inside and outside it. Then measures, each time
// from run() until the source idles on INBOX:
//   1. the initial scan, Dovecot's caches cold, the handler marking every message 'processed';
//   2. a second start with nothing new (same state directory);
//   3. the scan again (keywords removed with doveadm, fresh state), the handler claiming then marking;
//   4. the scan again, the handler doing nothing (what the scan alone costs).
// Bytes are everything received from the server (greeting, LOGIN, SELECT, SEARCH, FETCH, STORE answers), set
// against the decoded bytes of the calendar parts handed over. Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ImapFlow } from 'imapflow';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ImapSource } = await import(pathToFileURL(path.join(root, 'build/electron/mail/imap/index.js')).href);

const TOTAL = Number(process.argv[2] ?? 10_000);
const IMIP = Number(process.argv[3] ?? 1_000);
const OLD_IMIP = 300;
const DAY = 86_400_000;
const FRAME = 28 * DAY;
const STACK = process.env.MAILSTACK_DIR ?? '/tmp/imip-mailstack';
const PORT = Number(process.env.IMAPS_PORT ?? 11993);
const ca = readFileSync(path.join(STACK, 'tls', 'cert.pem'));

let seed = 20260301;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};

function ics(n, to) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Bench//IMAP scan//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:bench-${n}@example.test`,
    'DTSTAMP:20260301T120000Z',
    'DTSTART:20260410T090000Z',
    'DTEND:20260410T100000Z',
    `SUMMARY:Planungsrunde ${n} – Müller & Søren`,
    'LOCATION:Raum 4.12',
    `ORGANIZER;CN=Organizer ${n % 50}:mailto:org${n % 50}@example.test`,
  ];
  for (let i = 0; i < 2 + (n % 8); i++)
    lines.push(
      `ATTENDEE;CN=Person ${i};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:p${i}@example.test`,
    );
  lines.push(
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${to}`,
    `DESCRIPTION:${'Agenda item. '.repeat(10 + (n % 40))}`,
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  );
  return lines.join('\r\n');
}
const b64 = (s) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');
const qp = (s) =>
  Buffer.from(s)
    .toString('latin1')
    .replace(/[=\u0080-\u00ff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const head = (n, to, subject, ct) =>
  [
    `From: Organizer ${n % 50} <org${n % 50}@example.test>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <bench-${n}-${seed}@example.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=example.test; dkim=pass header.d=example.test; dmarc=pass',
    'MIME-Version: 1.0',
    `Content-Type: ${ct}`,
    '',
  ].join('\r\n');

function imipMessage(n, to) {
  const cal = ics(n, to);
  const text = `You have been invited.\r\n${'Details follow. '.repeat(30)}\r\n`;
  switch (n % 4) {
    case 0: // Outlook: base64 inline in multipart/alternative
      return `${head(n, to, `Invitation ${n}`, 'multipart/alternative; boundary="a"')}\r\n--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--a\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(cal)}\r\n--a--\r\n`;
    case 1: // Google: inline part plus invite.ics attachment (twins)
      return `${head(n, to, `Invitation ${n}`, 'multipart/mixed; boundary="m"')}\r\n--m\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>${text}</p>\r\n--a\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${cal}\r\n--a--\r\n--m\r\nContent-Type: application/ics; name="invite.ics"\r\nContent-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(cal)}\r\n--m--\r\n`;
    case 2: // iCloud: quoted-printable
      return `${head(n, to, `Invitation ${n}`, 'multipart/alternative; boundary="a"')}\r\n--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--a\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(cal)}\r\n--a--\r\n`;
    default: // forwarded as message/rfc822
      return `${head(n, to, `Fwd: Invitation ${n}`, 'multipart/mixed; boundary="f"')}\r\n--f\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee below.\r\n--f\r\nContent-Type: message/rfc822\r\n\r\n${head(n + 1e6, to, `Invitation ${n}`, 'text/calendar; charset=utf-8; method=REQUEST')}\r\n${cal}\r\n--f--\r\n`;
  }
}

function plainMessage(n, to) {
  const body = `${'Lorem ipsum dolor sit amet. '.repeat(20 + Math.floor(rnd() * 300))}\r\n`;
  if (n % 5 === 0) {
    const pdf = b64('%PDF-1.4 '.repeat(500 + Math.floor(rnd() * 4000)));
    return `${head(n, to, `Report ${n}`, 'multipart/mixed; boundary="p"')}\r\n--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n--p\r\nContent-Type: application/pdf; name="report.pdf"\r\nContent-Disposition: attachment; filename="report.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n--p--\r\n`;
  }
  if (n % 3 === 0)
    return `${head(n, to, `Newsletter ${n}`, 'multipart/alternative; boundary="h"')}\r\n--h\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n--h\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>${body}</p></body></html>\r\n--h--\r\n`;
  return `${head(n, to, `Hello ${n}`, 'text/plain; charset=utf-8')}\r\n${body}`;
}

async function fill(user, pass, address) {
  const now = Date.now();
  const plan = [];
  for (let i = 0; i < IMIP; i++) plan.push({ raw: imipMessage(i, address), date: now - rnd() * (FRAME - DAY) });
  for (let i = 0; i < OLD_IMIP; i++)
    plan.push({ raw: imipMessage(IMIP + i, address), date: now - FRAME - DAY - rnd() * 200 * DAY });
  for (let i = plan.length; i < TOTAL; i++) plan.push({ raw: plainMessage(i, address), date: now - rnd() * 2 * FRAME });
  plan.sort((a, b) => a.date - b.date); // arrival order, as a real mailbox
  const workers = 4;
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = new ImapFlow({
        host: '127.0.0.1',
        port: PORT,
        secure: true,
        auth: { user, pass },
        tls: { ca },
        logger: false,
      });
      c.on('error', () => undefined);
      await c.connect();
      while (next < plan.length) {
        const item = plan[next++];
        bytes += item.raw.length;
        await c.append('INBOX', item.raw, [], new Date(item.date));
      }
      await c.logout();
    }),
  );
  return bytes;
}

async function runUntilIdle(account, stateDir, handler) {
  const source = new ImapSource(account, { stateDir, timeframeMs: FRAME, now: () => Date.now(), pollSeconds: 60 });
  let handled = 0;
  const t0 = performance.now();
  const done = source.run(async (m) => {
    handled++;
    if (handler) await handler(source, m);
  });
  while (!source.status().idle) {
    if (source.status().lastError) throw new Error(source.status().lastError);
    await new Promise((r) => setTimeout(r, 2));
  }
  const seconds = (performance.now() - t0) / 1000;
  const stats = source.stats();
  await source.stop();
  await done;
  return { seconds, stats, handled };
}

const user = `bench${Date.now().toString(36)}`;
const pass = `${user}-secret`;
appendFileSync(path.join(STACK, 'etc', 'users.dynamic'), `${user}:{PLAIN}${pass}::::::\n`);
await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000))); // Dovecot re-reads passwd-files once a second
const address = `${user}@example.test`;
const tf = performance.now();
const mailboxBytes = await fill(user, pass, address);
const fillSeconds = (performance.now() - tf) / 1000;

const account = { host: '127.0.0.1', port: PORT, security: 'tls', user, password: pass, ca };
const dirs = [];
const freshDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'imip-imap-bench-'));
  dirs.push(d);
  return d;
};
const resetKeywords = () =>
  execFileSync('doveadm', [
    '-c',
    path.join(STACK, 'etc', 'dovecot.conf'),
    'flags',
    'remove',
    '-u',
    user,
    '$ITipProcessed $ITipAnalyzed $ITipIgnore $ITipClaimed',
    'mailbox',
    'INBOX',
    'all',
  ]);
try {
  const stateDir = freshDir();
  const cold = await runUntilIdle(account, stateDir, async (s, m) => s.mark(m.ref, 'processed'));
  const again = await runUntilIdle(account, stateDir);
  resetKeywords();
  const claimed = await runUntilIdle(account, freshDir(), async (s, m) => {
    if (await s.claim(m.ref)) await s.mark(m.ref, 'processed');
  });
  resetKeywords();
  const bare = await runUntilIdle(account, freshDir());

  const cal = bare.stats.calendarBytes;
  const row = (name, r, target) =>
    `| ${name} | ${r.seconds.toFixed(2)} | ${r.handled} | ${r.stats.searches} | ${r.stats.fetches} | ${r.stats.downloadedParts} | ${(r.stats.fetchedBytes / 1024).toFixed(0)} KiB | ${target} |`;
  console.log(
    `\nINBOX: ${TOTAL} messages (${IMIP} iMIP in the 28-day frame, ${OLD_IMIP} iMIP older, ${TOTAL - IMIP - OLD_IMIP} plain), ${(mailboxBytes / 1048576).toFixed(1)} MiB, appended in ${fillSeconds.toFixed(1)} s\n`,
  );
  console.log('| run | seconds | handed | SEARCH | FETCH | parts | received | target |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(row('1. initial scan, cold server caches, mark each', cold, '≤ 5 s'));
  console.log(row('2. second start, nothing new', again, '≤ 0.5 s, no SEARCH/FETCH'));
  console.log(row('3. scan, claim + mark each', claimed, ''));
  console.log(row('4. scan alone (handler does nothing)', bare, ''));
  const handedBytes = bare.stats.fetchedBytes;
  const budget = 1.2 * cal + 1024 * bare.handled;
  console.log(
    `\nBytes (run 4): ${handedBytes} received = ${(handedBytes / cal).toFixed(2)}× the ${cal} bytes of calendar parts handed over ` +
      `(budget 1.2× parts + 1 KiB per handed message = ${Math.round(budget)}: ${handedBytes <= budget ? 'met' : 'not met'}; ` +
      `1.2× parts + 1 KiB per mailbox message = ${Math.round(1.2 * cal + 1024 * TOTAL)}: ${handedBytes <= 1.2 * cal + 1024 * TOTAL ? 'met' : 'not met'}); ` +
      `${(handedBytes / TOTAL).toFixed(0)} bytes per mailbox message; the mailbox holds ${(mailboxBytes / cal).toFixed(0)}× the calendar bytes.`,
  );
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  // The throwaway benchmark user's 100 MB of generated mail (fixture cleanup; the product never deletes mail).
  execFileSync('doveadm', [
    '-c',
    path.join(STACK, 'etc', 'dovecot.conf'),
    'expunge',
    '-u',
    user,
    'mailbox',
    'INBOX',
    'all',
  ]);
}
