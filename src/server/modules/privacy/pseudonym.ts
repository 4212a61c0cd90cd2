// A phone number as the audit trail may keep it: a keyed hash (HMAC-SHA256 under a secret kept in the database, not
// in the trail), so that rows about one number can still be grouped, while the trail, which can never be rewritten,
// holds no number to erase when the person's data is deleted.
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { serverSecret } from '../public/repository.js';

export async function phonePseudonym(services: Services, phone: string): Promise<string> {
  const key = await serverSecret(
    services.db,
    'audit-phone-key',
    () => crypto.randomBytes(32).toString('base64url'),
    services.clock.now().toISOString(),
  );
  return `hmac:${crypto.createHmac('sha256', key).update(phone).digest('hex').slice(0, 32)}`;
}
