import { describe, expect, it } from 'vitest';
import { failedRecipients, parseDeliveryStatus } from '../../../shared/mail/deliveryStatus.js';

describe('parseDeliveryStatus (RFC 3464 §2)', () => {
  it("reads Postfix's report: per-message fields first, then one block per recipient, folded lines joined", () => {
    const r = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mail.example.com',
        'X-Postfix-Queue-ID: 4Zq3x01ABCz9sWh',
        '',
        'Final-Recipient: rfc822; Olga@Old-Company.example',
        'Original-Recipient: rfc822;olga@old-company.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <olga@old-company.example>: Recipient address',
        '    rejected: User unknown',
        '',
      ].join('\n'),
    );
    expect(r).toEqual({
      recipients: [
        {
          recipient: 'olga@old-company.example',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <olga@old-company.example>: Recipient address rejected: User unknown',
        },
      ],
    });
  });

  it('keeps every recipient with its action; only failed ones count as failures', () => {
    const r = parseDeliveryStatus(
      [
        'Reporting-MTA: dns;mx',
        '',
        'Final-Recipient: rfc822;a@x.example',
        'Action: FAILED',
        'Status: 5.1.10',
        '',
        'Final-Recipient: rfc822;b@x.example',
        'Action: delayed',
        'Status: 4.4.1',
        'Will-Retry-Until: Tue, 3 Mar 2026 10:00:00 +0100',
        '',
        'Final-Recipient: rfc822;c@x.example',
        'Action: delivered',
        'Status: 2.0.0',
      ].join('\r\n'),
    );
    expect(r?.recipients.map((x) => [x.recipient, x.action, x.status])).toEqual([
      ['a@x.example', 'failed', '5.1.10'],
      ['b@x.example', 'delayed', '4.4.1'],
      ['c@x.example', 'delivered', '2.0.0'],
    ]);
    expect(failedRecipients(r!).map((x) => x.recipient)).toEqual(['a@x.example']);
  });

  it('falls back to Original-Recipient, and reads utf-8 address types', () => {
    const r = parseDeliveryStatus(
      ['Reporting-MTA: dns;mx', '', 'Original-Recipient: utf-8;jörg@exämple.example', 'Action: failed'].join('\n'),
    );
    expect(r?.recipients).toEqual([
      { recipient: 'jörg@exämple.example', action: 'failed', status: null, diagnostic: null },
    ]);
  });

  it('is null for text that names no recipient', () => {
    expect(parseDeliveryStatus('')).toBeNull();
    expect(parseDeliveryStatus('Hello, your mail could not be delivered.')).toBeNull();
    expect(parseDeliveryStatus('Reporting-MTA: dns;mx\n\nAction: failed\nStatus: 5.0.0')).toBeNull();
    expect(
      parseDeliveryStatus(`Final-Recipient: rfc822;a@x.example\nAction: failed\n${'X: y\n'.repeat(60_000)}`),
    ).toBeNull();
  });
});
