// The demo's logos are drawn in code (scripts/png.ts): a coloured rounded square, transparent
// outside its corners, with a white sign on it and smoothed edges. Read back here pixel by pixel.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawnMark } from '../../scripts/png.ts';

/** RGBA pixels of a PNG this encoder wrote (8-bit RGBA, one IDAT, filter 0 on every row). */
function pixels(png: Buffer): { width: number; at(x: number, y: number): number[] } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = png.readUInt32BE(16);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat = png.indexOf('IDAT', 0, 'latin1');
  const data = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const at = (x: number, y: number) => {
    const i = y * (1 + width * 4) + 1 + x * 4;
    return [...data.subarray(i, i + 4)];
  };
  return { width, at };
}

describe('a drawn logo mark', () => {
  const green: [number, number, number] = [30, 107, 52];
  const { width, at } = pixels(drawnMark(100, green, (x) => x > 0.5));

  it('is a square of the side asked, transparent beyond its rounded corners', () => {
    expect(width).toBe(100);
    expect(at(0, 0)[3]).toBe(0);
    expect(at(99, 99)[3]).toBe(0);
    expect(at(30, 0)).toEqual([...green, 255]);
  });

  it('carries the sign in white on the fill, with blended edges', () => {
    expect(at(25, 50)).toEqual([...green, 255]);
    expect(at(75, 50)).toEqual([255, 255, 255, 255]);
    // The corner's curve: partly covered pixels, neither clear nor solid.
    const edge = [...Array(22).keys()].map((i) => at(i, i)[3]!);
    expect(edge.some((a) => a > 0 && a < 255)).toBe(true);
  });
});
