// The look-up token: proof that its holder looked the appeal up a moment ago (by access code or SMS code).
// Stateless — `<appeal id>.<expiry, unix seconds>.<HMAC-SHA256>` — so any API process can check it.
import crypto from 'node:crypto';
import { Problem } from '../../errors.js';
import type { Services } from '../../services.js';
import { serverSecret } from './repository.js';

const secrets = new WeakMap<Services, Promise<Buffer>>();

/** LOOKUP_TOKEN_SECRET, or a key generated once and kept in the database, so every process signs alike. */
function signingKey(services: Services): Promise<Buffer> {
  let key = secrets.get(services);
  if (!key) {
    const configured = services.config.LOOKUP_TOKEN_SECRET;
    key = configured
      ? Promise.resolve(Buffer.from(configured))
      : serverSecret(
          services.db,
          'lookup_token',
          () => crypto.randomBytes(32).toString('base64url'),
          services.clock.now().toISOString(),
        ).then((value) => Buffer.from(value));
    // A failed read (database down) is tried again next time rather than remembered.
    key.catch(() => secrets.delete(services));
    secrets.set(services, key);
  }
  return key;
}

async function mac(services: Services, payload: string): Promise<string> {
  return crypto
    .createHmac('sha256', await signingKey(services))
    .update(`lookup:${payload}`)
    .digest('base64url');
}

export async function signLookupToken(
  services: Services,
  appealId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(services.clock.now().getTime() + services.config.LOOKUP_TOKEN_MINUTES * 60_000);
  const payload = `${appealId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return { token: `${payload}.${await mac(services, payload)}`, expiresAt };
}

/** The appeal id the token opens; refuses a forged, malformed or expired token. */
export async function verifyLookupToken(services: Services, token: string | undefined): Promise<string> {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) throw new Problem('lookup-token-invalid');
  const [appealId, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(await mac(services, `${appealId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new Problem('lookup-token-invalid');
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 <= services.clock.now().getTime())
    throw new Problem('lookup-token-expired');
  return appealId;
}

/** A keyed hash of a text, for values that must look random but stay the same (an unknown number's phone ending). */
export async function keyedDigits(services: Services, text: string, digits: number): Promise<string> {
  const hash = crypto
    .createHmac('sha256', await signingKey(services))
    .update(`digits:${text}`)
    .digest();
  return String(hash.readUInt32BE(0) % 10 ** digits).padStart(digits, '0');
}
