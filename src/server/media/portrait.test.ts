import { describe, expect, it } from 'vitest';
import { portraitSvg } from './portrait.js';

/** A tiny well-formedness check: every opened tag is closed in order, attributes are quoted. */
function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    if (svg.slice(last, m.index).includes('<')) return false; // something that is not a well-formed tag
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? '');
  }
  return stack.length === 0 && !svg.slice(last).includes('<');
}

describe('portraitSvg', () => {
  it('is deterministic for a seed', () => {
    expect(portraitSvg('housing-head', { sex: 'm' })).toBe(portraitSvg('housing-head', { sex: 'm' }));
    expect(portraitSvg('x')).toBe(portraitSvg('x'));
  });

  it('differs between seeds', () => {
    const seeds = ['akim', 'housing-head', 'education-head', 'land-head', 'a', 'b'];
    const svgs = new Set(seeds.map((s) => portraitSvg(s)));
    expect(svgs.size).toBe(seeds.length);
  });

  it('is well-formed, self-contained SVG', () => {
    for (const seed of ['akim', 'finance-head', '', '<script>alert(1)</script>', '"&\'']) {
      for (const sex of ['m', 'f'] as const) {
        const svg = portraitSvg(seed, { sex });
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain('viewBox="0 0 400 500"');
        expect(tagsBalance(svg)).toBe(true);
        expect(svg.toLowerCase()).not.toContain('<script');
        expect(svg).not.toMatch(/href\s*=\s*["']?(?!#)/);
        expect(svg).not.toContain('<text');
        expect(svg).not.toContain('NaN');
      }
    }
  });

  it('the tag check catches a broken document', () => {
    expect(tagsBalance('<svg><g></svg>')).toBe(false);
    expect(tagsBalance('<svg><g/></svg>')).toBe(true);
  });
});
