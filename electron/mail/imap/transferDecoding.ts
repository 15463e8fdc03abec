/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 §6) for servers without BINARY (RFC 3516), where BODY[n] returns
 * the part as it was sent. With BINARY the server does this and the bytes arrive decoded. Charset decoding is
 * not done here: calendarBytes.ts decodes the bytes with the part's own charset.
 */

export function decodeTransfer(raw: Buffer, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      // Node's decoder skips whitespace and line breaks (RFC 2045 §6.8 allows 76-character lines).
      return Buffer.from(raw.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(raw);
    default:
      // 7bit, 8bit, binary and unknown tokens: the bytes are the content.
      return raw;
  }
}

/** RFC 2045 §6.7: `=XX` octets, soft line breaks `=` CRLF, trailing whitespace on a line is not content. */
export function decodeQuotedPrintable(raw: Buffer): Buffer {
  const out = Buffer.alloc(raw.length);
  let n = 0;
  const text = raw.toString('latin1').replace(/[ \t]+(?=\r?\n)/g, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x3d) {
      out[n++] = ch;
      continue;
    }
    const next = text.slice(i + 1, i + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(next)) {
      out[n++] = parseInt(next, 16);
      i += 2;
    } else if (next.startsWith('\r\n')) {
      i += 2;
    } else if (next.startsWith('\n')) {
      i += 1;
    } else {
      out[n++] = ch; // a lone "=" is kept, as robust decoders do (RFC 2045 §6.7 note 1)
    }
  }
  return out.subarray(0, n);
}
