import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath } from './QrCode.js';

describe('receipt QR code', () => {
  it('draws one unit square per dark module, shifted by the quiet zone', () => {
    expect(
      qrPath(
        [
          [true, false],
          [false, true],
        ],
        2,
      ),
    ).toBe('M2 2h1v1h-1zM3 3h1v1h-1z');
  });

  it('encodes a status URL into a square matrix with the finder patterns in three corners', () => {
    const { data, size } = encode('https://dialog.example.kz/?n=261125-0001', { ecc: 'M', border: 0 });
    expect(data).toHaveLength(size);
    const corner = (x: number, y: number) => data[y]![x]! && data[y + 6]![x + 6]! && !data[y + 1]![x + 1]!;
    expect(corner(0, 0)).toBe(true);
    expect(corner(size - 7, 0)).toBe(true);
    expect(corner(0, size - 7)).toBe(true);
    expect(qrPath(data, 0).split('z').length - 1).toBe(data.flat().filter(Boolean).length);
  });
});
