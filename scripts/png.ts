// A small PNG encoder for the demo's logos and the tests of logo limits. The tests' image is one
// colour with a band of another, optionally padded with an ancillary chunk to a given file size,
// which every reader skips; the demo's logos are drawn marks (drawnMark). The repository keeps no
// binary logo files.
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

type Rgba = [number, number, number, number];

/** A PNG of `width` × `height` pixels, each `pixel(x, y)`; RGBA only where asked (smaller). */
function encode(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgb | Rgba,
  opts: { alpha?: boolean; padTo?: number } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, opts.alpha ? 6 : 2, 0, 0, 0], 8); // 8-bit RGB or RGBA, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(...pixel(x, y));
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

export function pngBytes(
  width: number,
  height: number,
  opts: { fill?: Rgb; band?: Rgb; padTo?: number } = {},
): Buffer {
  const fill = opts.fill ?? [26, 115, 232];
  const band = opts.band ?? [255, 255, 255];
  return encode(
    width,
    height,
    (x, y) => (y > height / 3 && y < (2 * height) / 3 && x > width / 5 ? band : fill),
    opts,
  );
}

/** Is the point (x, y), both in 0..1 of the mark's side, on the white sign? */
export type Sign = (x: number, y: number) => boolean;

/** Is (x, y) in the rectangle of centre (cx, cy), half sides (hw, hh) and corner radius r? */
export function inRoundedRect(
  x: number,
  y: number,
  box: { cx: number; cy: number; hw: number; hh: number; r: number },
): boolean {
  const dx = Math.max(Math.abs(x - box.cx) - (box.hw - box.r), 0);
  const dy = Math.max(Math.abs(y - box.cy) - (box.hh - box.r), 0);
  return dx * dx + dy * dy <= box.r * box.r;
}

const SQUARE = { cx: 0.5, cy: 0.5, hw: 0.5, hh: 0.5, r: 0.22 };

/**
 * A square logo mark: a `fill`-coloured rounded square with a white sign on it, edges smoothed
 * by 4 × 4 samples a pixel, transparent around the corners.
 */
export function drawnMark(side: number, fill: Rgb, sign: Sign): Buffer {
  const N = 4;
  return encode(
    side,
    side,
    (px, py) => {
      let square = 0;
      let white = 0;
      for (let i = 0; i < N * N; i++) {
        const x = (px + ((i % N) + 0.5) / N) / side;
        const y = (py + (Math.floor(i / N) + 0.5) / N) / side;
        if (!inRoundedRect(x, y, SQUARE)) continue;
        square++;
        if (sign(x, y)) white++;
      }
      const w = square ? white / square : 0;
      const mix = (c: number) => Math.round(c + (255 - c) * w);
      return [mix(fill[0]), mix(fill[1]), mix(fill[2]), Math.round((255 * square) / (N * N))];
    },
    { alpha: true },
  );
}

export const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

export const pngDataUrl = (...args: Parameters<typeof pngBytes>) => dataUrl(pngBytes(...args));
