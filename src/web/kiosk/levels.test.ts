import { describe, expect, it } from 'vitest';
import { audioLevel, lighting, meanLuma } from './levels.js';

describe('camera check levels', () => {
  it('reads silence as zero and a full-scale square wave as loud', () => {
    expect(audioLevel(new Uint8Array(512).fill(128))).toBe(0);
    const square = new Uint8Array(512).map((_, i) => (i % 2 ? 255 : 1));
    expect(audioLevel(square)).toBe(1);
    expect(audioLevel(new Uint8Array())).toBe(0);
  });

  it('hears quiet speech as above the "say hello" threshold but below full scale', () => {
    const speech = new Uint8Array(1024).map((_, i) => Math.round(128 + 10 * Math.sin(i / 5)));
    const level = audioLevel(speech);
    expect(level).toBeGreaterThan(0.04);
    expect(level).toBeLessThan(0.5);
  });

  it('calls a black picture dark, a white one too bright, grey fine', () => {
    const frame = (v: number) => new Uint8ClampedArray(32 * 18 * 4).map((_, i) => (i % 4 === 3 ? 255 : v));
    expect(lighting(meanLuma(frame(10)))).toBe('dark');
    expect(lighting(meanLuma(frame(250)))).toBe('bright');
    expect(lighting(meanLuma(frame(128)))).toBe('ok');
    expect(meanLuma(new Uint8ClampedArray())).toBe(0);
  });

  it('weighs green most, as the eye does', () => {
    const pixel = (r: number, g: number, b: number) => new Uint8ClampedArray([r, g, b, 255]);
    expect(meanLuma(pixel(0, 255, 0))).toBeGreaterThan(meanLuma(pixel(255, 0, 0)));
    expect(meanLuma(pixel(255, 0, 0))).toBeGreaterThan(meanLuma(pixel(0, 0, 255)));
  });
});
