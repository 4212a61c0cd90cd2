// Generated ID-photo-style portraits for demo officials: a deterministic SVG drawn from a hash of a seed, so each
// official gets a distinct but stable face. Only the hash of the seed reaches the output: no text, no links.

export interface PortraitOptions {
  sex?: 'm' | 'f';
}

const SKIN = ['#f5dccb', '#f0d0b8', '#e9c4a6', '#e0b594', '#d5a682', '#c69572'];
const HAIR = ['#1e1a18', '#2a211c', '#3a2a20', '#4a3526', '#5e4630', '#7a5c40', '#8c8680', '#b3aca4'];
const HAIR_WEIGHTS = [5, 5, 4, 3, 2, 1, 2, 1];
const BACKGROUNDS: readonly (readonly [string, string])[] = [
  ['#e9eef3', '#cfd9e3'],
  ['#eef0ea', '#d6dccf'],
  ['#f1ede6', '#ddd5c8'],
  ['#ebebee', '#d3d3da'],
  ['#e6eef0', '#c9d9dd'],
];
const JACKETS_M = ['#1f2a3c', '#2b2f36', '#3a3f47', '#22303a', '#3b3530', '#151a22'];
const JACKETS_F = ['#1f2a3c', '#2b2f36', '#5a2a35', '#24443f', '#3f3a4f', '#6b6f78', '#28323f'];
const SHIRTS_M = ['#ffffff', '#f4f6fa', '#dfe8f3', '#eef2f7'];
const BLOUSES_F = ['#ffffff', '#f7f1ea', '#f3e3e6', '#e3ebf3', '#efe9f5'];
const TIES = ['#7a1f2b', '#1f3a6b', '#2f4f3a', '#5a4a7a', '#8a6a2a', '#3a3f47'];
const IRIS = ['#2b1d14', '#3b2a1e', '#4a3522', '#3c4a55', '#4f5a3a'];

/** FNV-1a, 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small deterministic generator seeded by the hash. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Mix two colours: t = 0 gives a, t = 1 gives b. */
function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  const c = (x: number, y: number) =>
    Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${c(r1, r2)}${c(g1, g2)}${c(b1, b2)}`;
}

/** A number rounded to one decimal, so the output is compact and identical on every platform. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export function portraitSvg(seed: string, opts: PortraitOptions = {}): string {
  const h = hash32(seed);
  const rnd = generator(h);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const weighted = <T>(list: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rnd() * total;
    for (let i = 0; i < list.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  };

  const female = (opts.sex ?? (rnd() < 0.5 ? 'm' : 'f')) === 'f';
  const id = `p${h.toString(16)}`;

  const [bgLight, bgDark] = pick(BACKGROUNDS);
  const skin = pick(SKIN);
  const skinShade = mix(skin, '#7a4a32', 0.22);
  const skinDeep = mix(skin, '#5a3020', 0.4);
  let hair = weighted(HAIR, HAIR_WEIGHTS);
  if (female && (hair === HAIR[6] || hair === HAIR[7]) && rnd() < 0.6) hair = HAIR[3] as string;
  const hairHi = mix(hair, '#ffffff', 0.12);
  const iris = pick(IRIS);
  const jacket = pick(female ? JACKETS_F : JACKETS_M);
  const jacketShade = mix(jacket, '#000000', 0.3);
  const shirt = pick(female ? BLOUSES_F : SHIRTS_M);
  const tie = !female && rnd() < 0.7 ? pick(TIES) : null;
  const glasses = rnd() < 0.22;

  // Geometry: an ID photo, head centred in the upper half.
  const cx = 200;
  const cy = between(208, 216);
  const rx = female ? between(64, 70) : between(68, 76);
  const ry = female ? between(86, 92) : between(88, 96);
  const top = cy - ry * 1.02;
  const chin = cy + ry;
  const jaw = female ? 0.42 : between(0.5, 0.6);
  const neckW = female ? between(24, 27) : between(29, 34);
  const shoulderY = chin + 58;
  const eyeY = cy - ry * 0.02;
  const eyeDx = rx * between(0.4, 0.45);
  const eyeW = between(10, 12);
  const browY = eyeY - between(17, 21);
  const browTilt = between(-2, 2.5);
  const noseY = cy + ry * between(0.33, 0.38);
  const mouthY = cy + ry * between(0.57, 0.61);
  const mouthW = between(17, 22);
  const smile = between(2, 5);

  const parts: string[] = [];
  const add = (s: string) => parts.push(s);

  add(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 500" width="400" height="500">` +
      `<defs>` +
      `<radialGradient id="${id}-bg" cx="50%" cy="38%" r="75%">` +
      `<stop offset="0" stop-color="${bgLight}"/><stop offset="1" stop-color="${bgDark}"/></radialGradient>` +
      `<linearGradient id="${id}-face" x1="0" y1="0" x2="1" y2="0">` +
      `<stop offset="0" stop-color="${skinShade}"/><stop offset="0.22" stop-color="${skin}"/>` +
      `<stop offset="0.78" stop-color="${skin}"/><stop offset="1" stop-color="${skinShade}"/></linearGradient>` +
      `</defs>`,
  );
  add(`<rect width="400" height="500" fill="url(#${id}-bg)"/>`);

  // Hair behind the head (longer styles).
  const style = female
    ? pick(['bob', 'long', 'bun', 'back'] as const)
    : pick(['crop', 'side', 'receding', 'swept'] as const);
  if (style === 'long') {
    add(
      `<path d="M${n(cx - rx - 16)} ${n(cy)} C${n(cx - rx - 26)} ${n(top - 10)} ${n(cx + rx + 26)} ${n(top - 10)} ` +
        `${n(cx + rx + 16)} ${n(cy)} L${n(cx + rx + 26)} ${n(shoulderY + 18)} Q${n(cx)} ${n(shoulderY + 34)} ` +
        `${n(cx - rx - 26)} ${n(shoulderY + 18)} Z" fill="${hair}"/>`,
    );
  } else if (style === 'bob') {
    add(
      `<path d="M${n(cx - rx - 14)} ${n(cy)} C${n(cx - rx - 22)} ${n(top - 12)} ${n(cx + rx + 22)} ${n(top - 12)} ` +
        `${n(cx + rx + 14)} ${n(cy)} L${n(cx + rx + 16)} ${n(chin - 10)} Q${n(cx + rx)} ${n(chin + 2)} ` +
        `${n(cx + rx - 14)} ${n(chin - 14)} L${n(cx - rx + 14)} ${n(chin - 14)} Q${n(cx - rx)} ${n(chin + 2)} ` +
        `${n(cx - rx - 16)} ${n(chin - 10)} Z" fill="${hair}"/>`,
    );
  } else if (style === 'bun') {
    add(
      `<ellipse cx="${n(cx)}" cy="${n(cy - ry * 1.12)}" rx="${n(rx * 0.42)}" ry="${n(ry * 0.27)}" fill="${hair}"/>`,
    );
  }

  // Shoulders and jacket.
  const sw = female ? 150 : 170;
  add(
    `<path d="M${n(cx - sw - 10)} 500 L${n(cx - sw)} ${n(shoulderY + 70)} C${n(cx - sw + 6)} ${n(shoulderY + 18)} ` +
      `${n(cx - 90)} ${n(shoulderY)} ${n(cx - neckW - 16)} ${n(shoulderY - 8)} L${n(cx + neckW + 16)} ${n(shoulderY - 8)} ` +
      `C${n(cx + 90)} ${n(shoulderY)} ${n(cx + sw - 6)} ${n(shoulderY + 18)} ${n(cx + sw)} ${n(shoulderY + 70)} ` +
      `L${n(cx + sw + 10)} 500 Z" fill="${jacket}"/>`,
  );
  // Shirt or blouse in the opening of the jacket.
  const vBottom = female ? shoulderY + 90 : shoulderY + 110;
  add(
    `<path d="M${n(cx - neckW - 14)} ${n(shoulderY - 8)} L${n(cx + neckW + 14)} ${n(shoulderY - 8)} ` +
      `L${n(cx)} ${n(vBottom)} Z" fill="${shirt}"/>`,
  );

  // Neck, with the shadow under the chin.
  add(
    `<path d="M${n(cx - neckW)} ${n(chin - 30)} L${n(cx - neckW)} ${n(shoulderY - 6)} ` +
      `Q${n(cx)} ${n(shoulderY + (female ? 22 : 8))} ${n(cx + neckW)} ${n(shoulderY - 6)} ` +
      `L${n(cx + neckW)} ${n(chin - 30)} Z" fill="${skinShade}"/>`,
  );
  add(
    `<path d="M${n(cx - neckW)} ${n(chin - 12)} Q${n(cx)} ${n(chin + 22)} ${n(cx + neckW)} ${n(chin - 12)} ` +
      `L${n(cx + neckW)} ${n(chin - 30)} L${n(cx - neckW)} ${n(chin - 30)} Z" fill="${skinDeep}" opacity="0.35"/>`,
  );

  if (!female) {
    // Shirt collar and, for some, a tie.
    const cTop = shoulderY - 14;
    add(
      `<path d="M${n(cx - neckW - 2)} ${n(cTop)} L${n(cx)} ${n(cTop + 36)} L${n(cx - 16)} ${n(cTop + 46)} ` +
        `L${n(cx - neckW - 10)} ${n(cTop + 16)} Z" fill="${shirt}" stroke="${mix(shirt, '#000000', 0.15)}" stroke-width="1"/>`,
    );
    add(
      `<path d="M${n(cx + neckW + 2)} ${n(cTop)} L${n(cx)} ${n(cTop + 36)} L${n(cx + 16)} ${n(cTop + 46)} ` +
        `L${n(cx + neckW + 10)} ${n(cTop + 16)} Z" fill="${shirt}" stroke="${mix(shirt, '#000000', 0.15)}" stroke-width="1"/>`,
    );
    if (tie) {
      const k = cTop + 34;
      add(
        `<path d="M${n(cx - 9)} ${n(k)} L${n(cx + 9)} ${n(k)} L${n(cx + 6)} ${n(k + 16)} L${n(cx - 6)} ${n(k + 16)} Z" ` +
          `fill="${mix(tie, '#000000', 0.15)}"/>`,
      );
      add(
        `<path d="M${n(cx - 6)} ${n(k + 16)} L${n(cx + 6)} ${n(k + 16)} L${n(cx + 13)} ${n(vBottom - 8)} ` +
          `L${n(cx)} ${n(vBottom + 6)} L${n(cx - 13)} ${n(vBottom - 8)} Z" fill="${tie}"/>`,
      );
    }
  } else {
    // Rounded neckline of the blouse.
    add(
      `<path d="M${n(cx - neckW - 12)} ${n(shoulderY - 8)} Q${n(cx)} ${n(shoulderY + 40)} ${n(cx + neckW + 12)} ` +
        `${n(shoulderY - 8)}" fill="none" stroke="${mix(shirt, '#000000', 0.12)}" stroke-width="2"/>`,
    );
  }

  // Lapels over the opening.
  add(
    `<path d="M${n(cx - neckW - 16)} ${n(shoulderY - 8)} L${n(cx)} ${n(vBottom)} L${n(cx - 10)} ${n(vBottom + 30)} ` +
      `L${n(cx - 62)} ${n(shoulderY + 36)} Z" fill="${jacket}" stroke="${jacketShade}" stroke-width="2"/>`,
  );
  add(
    `<path d="M${n(cx + neckW + 16)} ${n(shoulderY - 8)} L${n(cx)} ${n(vBottom)} L${n(cx + 10)} ${n(vBottom + 30)} ` +
      `L${n(cx + 62)} ${n(shoulderY + 36)} Z" fill="${jacket}" stroke="${jacketShade}" stroke-width="2"/>`,
  );

  // Ears.
  add(`<ellipse cx="${n(cx - rx + 2)}" cy="${n(eyeY + 12)}" rx="11" ry="19" fill="${skinShade}"/>`);
  add(`<ellipse cx="${n(cx + rx - 2)}" cy="${n(eyeY + 12)}" rx="11" ry="19" fill="${skinShade}"/>`);

  // Face: wider at the cheekbones, narrowing to the chin.
  add(
    `<path d="M${n(cx - rx)} ${n(cy)} C${n(cx - rx)} ${n(top - ry * 0.3)} ${n(cx + rx)} ${n(top - ry * 0.3)} ` +
      `${n(cx + rx)} ${n(cy)} C${n(cx + rx)} ${n(cy + ry * 0.62)} ${n(cx + rx * jaw)} ${n(chin)} ${n(cx)} ${n(chin)} ` +
      `C${n(cx - rx * jaw)} ${n(chin)} ${n(cx - rx)} ${n(cy + ry * 0.62)} ${n(cx - rx)} ${n(cy)} Z" ` +
      `fill="url(#${id}-face)"/>`,
  );

  // Hair in front.
  const hairline = cy - ry * between(0.5, 0.58);
  // The cap's control points sit high enough that the hair covers the crown of the face.
  const capCtl = cy - ry * 1.34 - between(6, 14);
  const capTop = cy + 0.75 * (capCtl - cy);
  if (style === 'crop' || style === 'side' || style === 'swept') {
    const part = style === 'side' ? between(-0.45, -0.3) : style === 'swept' ? between(0.25, 0.4) : 0;
    add(
      `<path d="M${n(cx - rx - 3)} ${n(cy - 4)} C${n(cx - rx - 8)} ${n(capCtl)} ${n(cx + rx + 8)} ${n(capCtl)} ` +
        `${n(cx + rx + 3)} ${n(cy - 4)} L${n(cx + rx - 2)} ${n(hairline + 26)} ` +
        `C${n(cx + rx * 0.75)} ${n(hairline - 2)} ${n(cx + rx * part + 24)} ${n(hairline - 8)} ${n(cx + rx * part)} ${n(hairline - 6)} ` +
        `C${n(cx + rx * part - 24)} ${n(hairline - 8)} ${n(cx - rx * 0.75)} ${n(hairline - 2)} ${n(cx - rx + 2)} ${n(hairline + 26)} ` +
        `Z" fill="${hair}"/>`,
    );
    if (part !== 0) {
      add(
        `<path d="M${n(cx + rx * part)} ${n(hairline - 6)} Q${n(cx + rx * part * 1.1)} ${n(capTop + 20)} ` +
          `${n(cx + rx * part * 0.6)} ${n(capTop + 14)}" fill="none" stroke="${hairHi}" stroke-width="2"/>`,
      );
    }
  } else if (style === 'receding') {
    add(
      `<path d="M${n(cx - rx - 3)} ${n(cy + 2)} C${n(cx - rx - 6)} ${n(top + 10)} ${n(cx - rx * 0.5)} ${n(capTop)} ` +
        `${n(cx)} ${n(capTop)} C${n(cx + rx * 0.5)} ${n(capTop)} ${n(cx + rx + 6)} ${n(top + 10)} ${n(cx + rx + 3)} ${n(cy + 2)} ` +
        `L${n(cx + rx - 4)} ${n(cy - 12)} C${n(cx + rx - 6)} ${n(top + 30)} ${n(cx + rx * 0.4)} ${n(top + 8)} ${n(cx)} ${n(top + 8)} ` +
        `C${n(cx - rx * 0.4)} ${n(top + 8)} ${n(cx - rx + 6)} ${n(top + 30)} ${n(cx - rx + 4)} ${n(cy - 12)} Z" ` +
        `fill="${hair}"/>`,
    );
  } else {
    // Women's styles: hair framing the face with a parting.
    const part = style === 'back' ? 0 : between(-0.35, 0.35);
    const px = cx + rx * part;
    add(
      `<path d="M${n(cx - rx - 6)} ${n(cy + 14)} C${n(cx - rx - 12)} ${n(capCtl - 4)} ${n(cx + rx + 12)} ${n(capCtl - 4)} ` +
        `${n(cx + rx + 6)} ${n(cy + 14)} L${n(cx + rx - 2)} ${n(cy + 6)} ` +
        `C${n(cx + rx - 4)} ${n(hairline)} ${n(px + 24)} ${n(hairline - 6)} ${n(px)} ${n(hairline - 14)} ` +
        `C${n(px - 24)} ${n(hairline - 6)} ${n(cx - rx + 4)} ${n(hairline)} ${n(cx - rx + 2)} ${n(cy + 6)} Z" ` +
        `fill="${hair}"/>`,
    );
    add(
      `<path d="M${n(px)} ${n(hairline - 14)} Q${n(px)} ${n(capTop + 24)} ${n(px + (part < 0 ? 6 : -6))} ${n(capTop + 14)}" ` +
        `fill="none" stroke="${hairHi}" stroke-width="2"/>`,
    );
  }

  // Brows.
  const browW = eyeW + 6;
  const browColour = hair === HAIR[7] ? HAIR[6] : hair;
  for (const side of [-1, 1]) {
    const ex = cx + side * eyeDx;
    add(
      `<path d="M${n(ex - side * browW * 0.9)} ${n(browY + 3)} Q${n(ex)} ${n(browY - 5 - browTilt)} ` +
        `${n(ex + side * browW)} ${n(browY + 1 + browTilt)}" fill="none" stroke="${browColour}" ` +
        `stroke-width="${female ? 3 : 4.5}" stroke-linecap="round"/>`,
    );
  }

  // Eyes: white, iris, pupil, a catch-light, the upper lid.
  for (const side of [-1, 1]) {
    const ex = cx + side * eyeDx;
    add(
      `<path d="M${n(ex - eyeW)} ${n(eyeY)} Q${n(ex)} ${n(eyeY - 9)} ${n(ex + eyeW)} ${n(eyeY)} ` +
        `Q${n(ex)} ${n(eyeY + 7)} ${n(ex - eyeW)} ${n(eyeY)} Z" fill="#fbfaf7"/>`,
    );
    add(`<circle cx="${n(ex)}" cy="${n(eyeY - 0.5)}" r="5.2" fill="${iris}"/>`);
    add(`<circle cx="${n(ex)}" cy="${n(eyeY - 0.5)}" r="2.4" fill="#111111"/>`);
    add(`<circle cx="${n(ex + 1.6)}" cy="${n(eyeY - 2.2)}" r="1.2" fill="#ffffff"/>`);
    add(
      `<path d="M${n(ex - eyeW - 1)} ${n(eyeY)} Q${n(ex)} ${n(eyeY - 10)} ${n(ex + eyeW + 1)} ${n(eyeY)}" fill="none" ` +
        `stroke="${mix(skinDeep, '#000000', 0.3)}" stroke-width="${female ? 2.2 : 1.6}" stroke-linecap="round"/>`,
    );
  }

  // Nose: a soft shadow line and the nostrils.
  const noseSide = rnd() < 0.5 ? -1 : 1;
  add(
    `<path d="M${n(cx + noseSide * 3)} ${n(eyeY + 6)} Q${n(cx + noseSide * 7)} ${n(noseY - 12)} ${n(cx + noseSide * 6)} ` +
      `${n(noseY - 2)}" fill="none" stroke="${skinShade}" stroke-width="2" stroke-linecap="round"/>`,
  );
  add(
    `<path d="M${n(cx - 9)} ${n(noseY)} Q${n(cx)} ${n(noseY + 6)} ${n(cx + 9)} ${n(noseY)}" fill="none" ` +
      `stroke="${skinDeep}" stroke-width="2" stroke-linecap="round" opacity="0.7"/>`,
  );

  // Mouth.
  const lip = female ? mix(skin, '#b0424f', 0.45) : mix(skin, '#8a4a42', 0.35);
  add(
    `<path d="M${n(cx - mouthW)} ${n(mouthY)} Q${n(cx)} ${n(mouthY + smile + 7)} ${n(cx + mouthW)} ${n(mouthY)} ` +
      `Q${n(cx)} ${n(mouthY + smile * 0.5 + 1)} ${n(cx - mouthW)} ${n(mouthY)} Z" fill="${lip}"/>`,
  );
  add(
    `<path d="M${n(cx - mouthW)} ${n(mouthY)} Q${n(cx)} ${n(mouthY + smile)} ${n(cx + mouthW)} ${n(mouthY)}" ` +
      `fill="none" stroke="${mix(lip, '#000000', 0.35)}" stroke-width="1.6" stroke-linecap="round"/>`,
  );

  if (glasses) {
    const frame = pick(['#2a2a2a', '#5a4632', '#8a8f96'] as const);
    for (const side of [-1, 1]) {
      const ex = cx + side * eyeDx;
      add(
        `<rect x="${n(ex - eyeW - 7)}" y="${n(eyeY - 12)}" width="${n(eyeW * 2 + 14)}" height="24" rx="8" ` +
          `fill="none" stroke="${frame}" stroke-width="2.2"/>`,
      );
    }
    add(
      `<path d="M${n(cx - eyeDx + eyeW + 7)} ${n(eyeY - 2)} Q${n(cx)} ${n(eyeY - 7)} ${n(cx + eyeDx - eyeW - 7)} ` +
        `${n(eyeY - 2)}" fill="none" stroke="${frame}" stroke-width="2.2"/>`,
    );
  }

  add(`</svg>`);
  return parts.join('');
}
