// What the web admin accepts as a kiosk logo: a PNG, WebP or JPEG data: URL whose bytes really
// are that format, no larger than LOGO_MAX_BYTES and LOGO_MAX_SIDE pixels a side. No SVG: it is
// a document that can carry script and remote references, and a raster logo needs no sanitiser.
// The size is read from the image's own header, so nothing is decoded to check it. Platform-free
// (atob, no Buffer or DOM), so the staff page checks an upload before sending it and the
// collector checks it again.

export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MAX_SIDE = 2048;
export const LOGO_TYPES = ['image/png', 'image/webp', 'image/jpeg'] as const;

export type LogoCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/** A logo data: URL's format, bytes and pixel size, or why it is refused (a sentence fragment). */
export function checkLogo(dataUrl: string): LogoCheck {
  const match = DATA_URL.exec(dataUrl);
  if (!match)
    return { ok: false, reason: 'must be a base64 data: URL of a PNG, WebP or JPEG image' };
  const type = match[1]!;
  if (!(LOGO_TYPES as readonly string[]).includes(type))
    return {
      ok: false,
      reason: `is ${type}: only PNG, WebP or JPEG (no SVG: it can carry script)`,
    };
  const size = Math.floor((match[2]!.length * 3) / 4) - (match[2]!.match(/=/g)?.length ?? 0);
  if (size > LOGO_MAX_BYTES)
    return {
      ok: false,
      reason: `is ${kib(size)} KiB: at most ${kib(LOGO_MAX_BYTES)} KiB (make it smaller or compress it)`,
    };
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
  } catch {
    return { ok: false, reason: 'is not valid base64' };
  }
  const dims = dimensions(type, bytes);
  if (!dims) return { ok: false, reason: `is not a readable ${type.slice(6).toUpperCase()} file` };
  if (dims.width > LOGO_MAX_SIDE || dims.height > LOGO_MAX_SIDE)
    return {
      ok: false,
      reason: `is ${dims.width}×${dims.height} pixels: at most ${LOGO_MAX_SIDE}×${LOGO_MAX_SIDE}`,
    };
  return { ok: true, ...dims };
}

const kib = (n: number) => Math.ceil(n / 1024);

type Size = { width: number; height: number } | null;

function dimensions(type: string, b: Uint8Array): Size {
  if (type === 'image/png') return png(b);
  if (type === 'image/webp') return webp(b);
  return jpeg(b);
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const ascii = (b: Uint8Array, at: number, n: number) =>
  String.fromCharCode(...b.subarray(at, at + n));

function png(b: Uint8Array): Size {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || signature.some((v, i) => b[i] !== v) || ascii(b, 12, 4) !== 'IHDR')
    return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function webp(b: Uint8Array): Size {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)
    return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  if (chunk === 'VP8L' && b[20] === 0x2f)
    return {
      width: 1 + (b[21]! | ((b[22]! & 0x3f) << 8)),
      height: 1 + ((b[22]! >> 6) | (b[23]! << 2) | ((b[24]! & 0x0f) << 10)),
    };
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return null;
}

/** The frame header (SOFn) after the markers before it; each marker segment says its length. */
function jpeg(b: Uint8Array): Size {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { width: u16be(b, at + 7), height: u16be(b, at + 5) };
    at += 2 + u16be(b, at + 2);
  }
  return null;
}
