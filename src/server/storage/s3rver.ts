// Test support: a real S3-compatible server (the s3rver package) on loopback, port 0, over a temporary directory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';

/** The part of s3rver's API used here (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  /** The S3_* settings (and STORAGE_DRIVER=s3) that point the app at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A client of the test's own, so what a test reads is what the bucket holds, not what the app's store says. */
export function s3rverClient(s3: RunningS3rver): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
}

/** s3rver's built-in credentials: it checks signatures, so the client signs with these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3rver(options: { bucket?: string } = {}): Promise<RunningS3rver> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-s3rver-'));
  const bucket = options.bucket ?? `dialog-${crypto.randomBytes(4).toString('hex')}`;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    bucket,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    close() {
      // Idempotent: a test may stop the server early to see the app notice, and its teardown closes it again.
      closing ??= (async () => {
        try {
          // A client's keep-alive sockets would otherwise hold the close open.
          const closed = server.close();
          server.httpServer?.closeAllConnections();
          await closed;
        } finally {
          fs.rmSync(directory, { recursive: true, force: true });
        }
      })();
      return closing;
    },
  };
}
