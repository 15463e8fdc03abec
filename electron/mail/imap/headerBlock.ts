/**
 * Reads the header fields the scheduling engine needs from a `BODY.PEEK[HEADER.FIELDS (…)]` answer
 * (RFC 3501 §6.4.5) into the envelope part of IncomingMail. The block is parsed by mailparser, the same reader
 * as .eml files use, so RFC 2047 words, address groups, the raw Date rule and the raw, top-first
 * Authentication-Results values (RFC 8601 §5) come out exactly as electron/mail/readImipMail.ts produces them.
 */
import { simpleParser, type SimpleParserOptions } from 'mailparser';
import { envelopeFields, type EnvelopeFields } from '../mailHeaders.js';

/**
 * Only what IncomingMail carries. Content-Type is left out on purpose: the calendar parts' parameters come from
 * BODYSTRUCTURE, and a top-level multipart boundary is of no use without the body.
 */
export const HEADER_FIELDS = [
  'FROM',
  'SENDER',
  'REPLY-TO',
  'TO',
  'CC',
  'SUBJECT',
  'DATE',
  'MESSAGE-ID',
  'AUTHENTICATION-RESULTS',
] as const;

const OPTIONS: SimpleParserOptions = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
};

export type { EnvelopeFields };

export async function readHeaderBlock(block: Buffer | undefined): Promise<EnvelopeFields> {
  const bytes = block && block.length > 0 ? block : Buffer.from('\r\n');
  // HEADER.FIELDS ends with the empty line; a server that leaves it off must not make the last field body text.
  const complete = /\r?\n\r?\n$/.test(bytes.toString('latin1', Math.max(0, bytes.length - 4)))
    ? bytes
    : Buffer.concat([bytes, Buffer.from('\r\n')]);
  const mail = await simpleParser(complete, OPTIONS);
  return envelopeFields(mail);
}
