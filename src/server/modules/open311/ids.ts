// An appeal's id in Open311 (service_request_id): the 16 bytes of its UUID enciphered with AES-128 under a key kept
// in the database. One block under a block cipher is a permutation, so the id is opaque — unrelated to the office's
// ids and to the registration number, not enumerable without the key — yet turns back into the appeal without a table.
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { serverSecret } from '../public/repository.js';

export interface RequestIds {
  /** The public id of an appeal. */
  toPublic(appealId: string): string;
  /** The appeal behind a public id, or null for anything that is not one. */
  toAppeal(publicId: string): string | null;
}

const keys = new WeakMap<Services, Promise<Buffer>>();

function idKey(services: Services): Promise<Buffer> {
  let key = keys.get(services);
  if (!key) {
    key = serverSecret(
      services.db,
      'open311-id-key',
      () => crypto.randomBytes(16).toString('base64url'),
      services.clock.now().toISOString(),
    ).then((value) => Buffer.from(value, 'base64url'));
    key.catch(() => keys.delete(services));
    keys.set(services, key);
  }
  return key;
}

function block(mode: 'encipher' | 'decipher', key: Buffer, input: Buffer): Buffer {
  const cipher =
    mode === 'encipher'
      ? crypto.createCipheriv('aes-128-ecb', key, null)
      : crypto.createDecipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(input), cipher.final()]);
}

export async function requestIds(services: Services): Promise<RequestIds> {
  const key = await idKey(services);
  return {
    toPublic: (appealId) =>
      block('encipher', key, Buffer.from(appealId.replace(/-/g, ''), 'hex')).toString('base64url'),
    toAppeal: (publicId) => {
      if (!/^[A-Za-z0-9_-]{22}$/.test(publicId)) return null;
      const hex = block('decipher', key, Buffer.from(publicId, 'base64url')).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
