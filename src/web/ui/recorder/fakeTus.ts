// A tus 1.0.0 server reduced to its protocol, in memory, for the uploader's and the deliveries' tests; with faults
// (connections dropped before or after the server acted) and a record of every request.
import type { FetchLike } from './uploader.js';

export interface FakeUpload {
  bytes: number[];
  length: number | null;
  metadata: string | null;
}

/** A tus server reduced to its protocol: what it holds, what it answers. */
export class FakeTusServer {
  readonly uploads = new Map<string, FakeUpload>();
  private counter = 0;
  /** Called before each request; return 'before' to drop the connection before the server acts, 'after' to drop
   *  the response after it acted, or undefined to answer normally. */
  drop: (method: string, n: number) => 'before' | 'after' | undefined = () => undefined;
  requests: {
    method: string;
    offset?: string;
    length?: string;
    size: number;
    authorization?: string;
    credentials?: RequestCredentials;
  }[] = [];

  readonly fetch: FetchLike = async (url, init) => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const body = init.body instanceof Uint8Array ? init.body : new Uint8Array(0);
    this.requests.push({
      method,
      offset: headers.get('Upload-Offset') ?? undefined,
      length: headers.get('Upload-Length') ?? undefined,
      size: body.byteLength,
      authorization: headers.get('authorization') ?? undefined,
      credentials: init.credentials,
    });
    await Promise.resolve();
    const fault = this.drop(method, this.requests.length);
    if (fault === 'before') throw new TypeError('Failed to fetch');
    const response = this.handle(url, method, headers, body);
    if (fault === 'after') throw new TypeError('Failed to fetch');
    return response;
  };

  private handle(url: string, method: string, headers: Headers, body: Uint8Array): Response {
    if (headers.get('Tus-Resumable') !== '1.0.0') return new Response(null, { status: 412 });
    if (method === 'POST') {
      if (headers.get('Upload-Defer-Length') !== '1') return new Response(null, { status: 400 });
      const id = `upload${++this.counter}abc`;
      this.uploads.set(id, { bytes: [], length: null, metadata: headers.get('Upload-Metadata') });
      return new Response(null, {
        status: 201,
        headers: { Location: `http://server.test/api/uploads/${id}` },
      });
    }
    const id = url.split('/').pop() ?? '';
    const upload = this.uploads.get(id);
    if (!upload) return new Response(null, { status: 404 });
    if (method === 'HEAD') {
      const h: Record<string, string> = { 'Upload-Offset': String(upload.bytes.length) };
      if (upload.length === null) h['Upload-Defer-Length'] = '1';
      else h['Upload-Length'] = String(upload.length);
      return new Response(null, { status: 200, headers: h });
    }
    if (method === 'PATCH') {
      if (headers.get('Content-Type') !== 'application/offset+octet-stream')
        return new Response(null, { status: 415 });
      const offset = Number(headers.get('Upload-Offset'));
      if (offset !== upload.bytes.length) return new Response(null, { status: 409 });
      const declared = headers.get('Upload-Length');
      if (declared !== null) {
        if (upload.length !== null) return new Response(null, { status: 400 });
        const size = Number(declared);
        if (size < offset + body.byteLength) return new Response(null, { status: 400 });
        upload.length = size;
      }
      if (upload.length !== null && offset + body.byteLength > upload.length)
        return new Response(null, { status: 413 });
      upload.bytes.push(...body);
      return new Response(null, { status: 204, headers: { 'Upload-Offset': String(upload.bytes.length) } });
    }
    return new Response(null, { status: 405 });
  }
}

/** Deterministic "recording": chunk i has a size that varies and bytes that encode their position. */
export function recording(chunks: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let position = 0;
  for (let i = 0; i < chunks; i++) {
    const size = 1000 + ((i * 7919) % 3000);
    const chunk = new Uint8Array(size);
    for (let j = 0; j < size; j++) chunk[j] = (position + j) % 251;
    position += size;
    out.push(chunk);
  }
  return out;
}

export function concat(parts: Uint8Array[]): number[] {
  return parts.flatMap((p) => [...p]);
}
