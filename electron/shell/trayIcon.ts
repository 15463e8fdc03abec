/**
 * The tray icon, drawn in code (no image files to package): a small calendar sheet, with a red dot while decisions
 * are open. Returned as PNG bytes for `nativeImage.createFromBuffer`.
 */
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** PNG (RFC 2083) of an RGBA pixel function: 8-bit truecolour with alpha, filter 0 on every row. */
function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(rows, y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function trayIconPng(size: number, badge: boolean): Buffer {
  const s = size / 16;
  const clear: Rgba = [0, 0, 0, 0];
  return encodePng(size, (x, y) => {
    const u = x / s;
    const v = y / s;
    if (badge && (u - 12) ** 2 + (v - 4) ** 2 <= 12) return [220, 38, 38, 255];
    if (u < 1 || u >= 15 || v < 2 || v >= 15) return clear;
    if (v < 5) return [37, 99, 235, 255]; // the sheet's header band
    if (u < 2 || u >= 14 || v >= 14) return [37, 99, 235, 255];
    return (Math.floor(u) % 4 === 1 || Math.floor(v) % 4 === 3) && u > 3 && u < 13 && v > 6
      ? [148, 163, 184, 255]
      : [255, 255, 255, 255];
  });
}
