import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
const RFC_SEED = Buffer.from('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('matches RFC 6238 at T=%i', (seconds, code) => {
    expect(hotp(RFC_SEED, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('matches RFC 4226 HOTP vectors with 6 digits', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expected.forEach((code, counter) => expect(hotp(RFC_SEED, counter)).toBe(code));
  });

  it('round-trips any bytes through base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('encodes the RFC 4648 test vector', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });

  it('accepts the code of the step before and after, and refuses a code already used', () => {
    const secret = base32Encode(RFC_SEED);
    const at = new Date('2026-11-18T05:00:10Z');
    const code = totpCode(secret, at);
    const step = verifyTotp(secret, code, new Date(at.getTime() + 30_000), null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, at, step)).toBeNull();
    expect(verifyTotp(secret, code, new Date(at.getTime() + 95_000), null)).toBeNull();
    expect(verifyTotp(secret, '12345', at, null)).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Dialog', 'official', 'ABC')).toBe(
      'otpauth://totp/Dialog%3Aofficial?secret=ABC&issuer=Dialog&algorithm=SHA1&digits=6&period=30',
    );
  });
});
