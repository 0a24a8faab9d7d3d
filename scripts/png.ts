// A small PNG encoder for the demo's logos and the tests of logo limits: a real image (one colour
// with a band of another, so it is visibly a logo), optionally padded with an ancillary chunk
// to a given file size, which every reader skips. The repository keeps no binary logo files.
import { crc32, deflateSync } from 'node:zlib';

type Rgb = [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function pngBytes(
  width: number,
  height: number,
  opts: { fill?: Rgb; band?: Rgb; padTo?: number } = {},
): Buffer {
  const fill = opts.fill ?? [26, 115, 232];
  const band = opts.band ?? [255, 255, 255];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    const inBand = y > height / 3 && y < (2 * height) / 3;
    for (let x = 0; x < width; x++) rows.push(...(inBand && x > width / 5 ? band : fill));
  }
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
  ];
  const end = chunk('IEND', Buffer.alloc(0));
  const size = parts.reduce((n, p) => n + p.length, 0) + end.length;
  if (opts.padTo && opts.padTo > size + 12)
    parts.push(chunk('paDd', Buffer.alloc(opts.padTo - size - 12)));
  return Buffer.concat([...parts, end]);
}

export const pngDataUrl = (...args: Parameters<typeof pngBytes>) =>
  `data:image/png;base64,${pngBytes(...args).toString('base64')}`;
