/**
 * Shared fixtures for the SMTP integration tests (test/integration/smtp*.integration.test.ts): users Dovecot
 * already knows, account settings for the two loopback servers, an iMIP REPLY as the engine would produce it,
 * and waiting for delivery. Not a test file itself, so importing it does not register tests twice.
 */
import type { SmtpAccount } from '../../../../electron/mail/smtp/index.js';
import type { ItipMail } from '../../../../shared/model/outgoing.js';
import { ca, mailboxTexts, PORTS, waitFor, type MailUser } from '../../../helpers/mailstack.js';

/** A user Dovecot already knows (see readyMailUser). */
export { readyMailUser as readyUser } from '../../../helpers/mailstack.js';

/** A REPLY as the engine hands it over: folded, CRLF, UTF-8, a line longer than QP's 76 columns, a trailing tab. */
export function replyFrom(from: MailUser, to: string, uid: string): ItipMail {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//iMIP Companion//EN',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T120000Z',
    'DTSTART:20260310T130000Z',
    'DTEND:20260310T140000Z',
    'SEQUENCE:1',
    'SUMMARY:Abstimmung mit Jürgen Müller über das Budget 2027 – Raum „Süd“ = ',
    ' zweiter Teil',
    `ORGANIZER;CN=Ann:mailto:${to}`,
    `ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob:mailto:${from.address}`,
    'COMMENT:Trailing tab survives:\t',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return {
    method: 'REPLY',
    from: { address: from.address, name: 'Bob Ö.' },
    to: { address: to, name: 'Ann' },
    subject: 'Accepted: Budget 2027',
    text: 'Bob has accepted the invitation.',
    ics,
    uid,
    recurrenceId: null,
    sequence: 1,
  };
}

/** Dovecot submission: STARTTLS required, AUTH PLAIN, the stack's CA trusted. */
export function submission(user: MailUser, over: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    host: '127.0.0.1',
    port: PORTS.submission,
    security: 'starttls',
    user: user.user,
    password: user.pass,
    ca: ca(),
    ...over,
  };
}

/** Postfix on loopback: no AUTH, no STARTTLS (clear text is allowed only because it is 127.0.0.1). */
export const postfix: SmtpAccount = { host: '127.0.0.1', port: PORTS.smtp, security: 'none' };

/** The user's INBOX once it holds at least `count` messages (raw text, LF line endings as Dovecot stores them). */
export async function inbox(user: MailUser, count = 1): Promise<string[]> {
  return waitFor(
    () => {
      try {
        const texts = mailboxTexts(user.user);
        return texts.length >= count ? texts : null;
      } catch {
        return null; // no mailbox until the first delivery
      }
    },
    { what: `${count} message(s) for ${user.address}` },
  );
}
