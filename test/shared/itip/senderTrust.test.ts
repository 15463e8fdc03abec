/**
 * Sender trust (RFC 8601 Authentication-Results, RFC 7489 DMARC): only the person's own receiving server's headers
 * count — named by `authservId`, or the one that added the topmost header; `pass` verifies, `fail` is spoofed,
 * anything else is unverified and applied or held as `unverifiedSenders` says. Headers modelled on what each
 * provider's receiving servers write.
 */
import { describe, expect, it } from 'vitest';
import type { EngineContext, UnverifiedSenders } from '../../../shared/itip/types.js';
import { authservIdOf, senderAuthentication, trustedAuthenticationResults } from '../../../shared/itip/senderTrust.js';
import { Calendar, ics, instanceOf, say, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const UID = 'trust-1@example.org';

class TrustCalendar extends Calendar {
  authservId: string | null = null;
  unverifiedSenders: UnverifiedSenders | undefined = undefined;
  override ctx(): EngineContext {
    return { ...super.ctx(), authservId: this.authservId, unverifiedSenders: this.unverifiedSenders };
  }
}

function ev(summary: string, stamp: string, org = ORG): string {
  return vevent(
    `UID:${UID}`,
    `DTSTAMP:${stamp}`,
    'SEQUENCE:0',
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    `SUMMARY:${summary}`,
    `ORGANIZER:mailto:${org}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  );
}

function stored(mode?: UnverifiedSenders, org = ORG): TrustCalendar {
  const cal = new TrustCalendar([ME], 'known');
  cal.unverifiedSenders = mode;
  cal.put(ics(null, ev('Sync', '20260301T100000Z', org)));
  return cal;
}
const update = (org = ORG): string => ics('REQUEST', ev('Sync (moved agenda)', '20260302T100000Z', org));
const summaryOf = (cal: Calendar): unknown => instanceOf(cal.get(UID))?.getFirstPropertyValue('summary');

describe('which Authentication-Results count', () => {
  it('reads the authserv-id before the first semicolon, comments and version removed', () => {
    expect(authservIdOf('mx.example.com 1; dmarc=pass')).toBe('mx.example.com');
    expect(authservIdOf(' (receiver) MX2.Example.org;\tspf=pass')).toBe('mx2.example.org');
    // Exchange Online writes no authserv-id: the header starts with a result.
    expect(authservIdOf('spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=contoso.example; dmarc=pass')).toBe('');
  });

  it('without a setting: the contiguous run of headers by the server that added the topmost one', () => {
    const h = [
      'mx.me.example; dkim=pass header.d=example.org',
      'mx.me.example; dmarc=pass header.from=example.org',
      'relay.example.net; dmarc=fail header.from=example.org',
      'mx.me.example; dmarc=fail header.from=example.org',
    ];
    expect(trustedAuthenticationResults(h, null)).toEqual(h.slice(0, 2));
    expect(trustedAuthenticationResults(h, 'MX.me.example')).toEqual([h[0], h[1], h[3]]);
    expect(trustedAuthenticationResults([], null)).toEqual([]);
  });

  it('pass, fail or none; words in comments are not results', () => {
    expect(senderAuthentication(['mx.me.example; dmarc=pass header.from=example.org'])).toBe('pass');
    expect(senderAuthentication(['mx.me.example; dmarc=fail (p=reject) header.from=example.org'])).toBe('fail');
    expect(senderAuthentication(['mx.me.example; dmarc=none (p=none; dmarc=fail) header.from=example.org'])).toBe(
      'none',
    );
    expect(senderAuthentication(['mx.me.example; spf=pass (dmarc=pass) smtp.mailfrom=example.org'])).toBe('none');
    expect(senderAuthentication(['mx.me.example; dmarc=temperror header.from=example.org'])).toBe('none');
    expect(senderAuthentication([])).toBe('none');
  });
});

describe('the engine weighs only the own server', () => {
  it("a dmarc=fail the sender's side wrote below my server's pass does not hold an update", () => {
    const cal = stored();
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'mx.me.example; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
        'mail.example.org; dmarc=fail header.from=example.org',
      ],
    });
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
    expect(summaryOf(cal)).toBe('Sync (moved agenda)');
  });

  it("a forged From with the forger's own dmarc=pass below my server's fail is held as spoofed", () => {
    const cal = stored();
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'mx.me.example; spf=fail smtp.mailfrom=evil.example; dmarc=fail (p=none) header.from=example.org',
        'mx.me.example; dmarc=pass header.from=example.org',
      ],
    });
    expect(r.outcome).toBe('pending');
    expect(r.warnings.map(say).join(' ')).toMatch(/failed DMARC/);
    expect(summaryOf(cal)).toBe('Sync');
  });

  it('a configured authservId ignores a header a forwarding server put on top', () => {
    const cal = stored('hold');
    cal.authservId = 'mx.me.example';
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'forwarder.example.net; dmarc=fail header.from=example.org',
        'mx.me.example; dmarc=pass header.from=example.org',
      ],
    });
    expect(r.outcome).toBe('applied');
    expect(summaryOf(cal)).toBe('Sync (moved agenda)');
  });

  it('hold: a forged From with no Authentication-Results at all is a decision, saying why', () => {
    const cal = stored('hold');
    const r = cal.process(update(), ORG);
    expect(r.outcome).toBe('pending');
    expect(r.store).toBeNull();
    expect(r.warnings.map((w) => w.key)).toEqual(['warning.senderUnauthenticated']);
    expect(r.pending?.warnings.map((w) => w.key)).toEqual(['warning.senderUnauthenticated']);
    expect(say(r.reason)).toMatch(/could not be verified/);
    expect(r.warnings.map(say).join(' ')).toMatch(/could not confirm .* olga@example\.org/);
    expect(summaryOf(cal)).toBe('Sync');
  });

  it("hold: dmarc=none, or a pass only the sender's side wrote, is unverified", () => {
    for (const headers of [
      ['mx.me.example; spf=pass smtp.mailfrom=example.org; dmarc=none (p=none) header.from=example.org'],
      ['mx.me.example; spf=none', 'mail.example.org; dmarc=pass header.from=example.org'],
    ]) {
      const cal = stored('hold');
      const r = cal.process(update(), ORG, { authenticationResults: headers });
      expect(r.outcome).toBe('pending');
      expect(r.warnings.map((w) => w.key)).toContain('warning.senderUnauthenticated');
    }
  });

  it('apply (the default): an unverified sender is applied as before, a failed one never', () => {
    const cal = stored();
    expect(cal.process(update(), ORG).outcome).toBe('applied');
    const again = stored('apply');
    const r = again.process(update(), ORG, {
      authenticationResults: ['mx.me.example; dmarc=fail header.from=example.org'],
    });
    expect(r.outcome).toBe('pending');
  });

  it('a person may still take a held message: deciding applies it', () => {
    const cal = stored('hold');
    const r = cal.process(update(), ORG);
    cal.decide(r, 'apply');
    expect(summaryOf(cal)).toBe('Sync (moved agenda)');
  });
});

describe('providers as their receiving servers write it', () => {
  it('Google: Sender calendar-notification@google.com, From the organizer, DMARC pass for gmail.com: verified', () => {
    const org = 'olga.org@gmail.com';
    const cal = stored('hold', org);
    const r = cal.process(update(org), org, {
      sender: { address: 'calendar-notification@google.com', name: 'Google Calendar' },
      authenticationResults: [
        'mx.me.example; dkim=pass header.i=@gmail.com header.s=20230601 header.b=AbCd; ' +
          'spf=pass (mx.me.example: domain of olga.org@gmail.com designates 209.85.220.41 as permitted sender) ' +
          'smtp.mailfrom=olga.org@gmail.com; dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com',
        'mx.google.com; dmarc=fail header.from=gmail.com',
      ],
    });
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
  });

  it('Google: calendar-notification as Sender does not vouch for a From my server failed', () => {
    const org = 'olga.org@gmail.com';
    const cal = stored('hold', org);
    const r = cal.process(update(org), org, {
      sender: { address: 'calendar-notification@google.com' },
      authenticationResults: ['mx.me.example; dmarc=fail (p=NONE) header.from=gmail.com'],
    });
    expect(r.outcome).toBe('pending');
    expect(r.warnings.map((w) => w.key)).toEqual(['warning.dmarcFailed']);
  });

  it('Outlook / Exchange Online: headers without authserv-id, dmarc=pass action=none, compauth', () => {
    const cal = stored('hold');
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'spf=pass (sender IP is 40.107.22.0) smtp.mailfrom=example.org; dkim=pass (signature was verified) ' +
          'header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100',
        'mx.sender.example; dmarc=fail header.from=example.org',
      ],
    });
    expect(r.outcome).toBe('applied');
  });

  it('iCloud: dmarc=pass from mx.icloud.com with a configured authservId', () => {
    const cal = stored('hold');
    cal.authservId = 'mx.icloud.com';
    const r = cal.process(update(), ORG, {
      authenticationResults: [
        'bimi.icloud.com; bimi=none',
        'mx.icloud.com; dmarc=pass header.from=example.org',
        'mx.icloud.com; dkim=pass (2048-bit key) header.d=example.org',
      ],
    });
    expect(r.outcome).toBe('applied');
  });

  it('Thunderbird through a small server: no DMARC record (dmarc=none) is unverified, not spoofed', () => {
    const cal = stored('apply');
    const r = cal.process(update(), ORG, {
      authenticationResults: ['mail.me.example; dkim=none; spf=pass smtp.mailfrom=example.org; dmarc=none'],
    });
    expect(r.outcome).toBe('applied');
    expect(r.warnings).toEqual([]);
  });
});
