// Streams a growing recording to a tus 1.0.0 endpoint with deferred length: each chunk is stored before it is sent,
// sent strictly in order at the server's offset, and forgotten only after the server acknowledged it.
import type { ChunkStore } from './chunkStore.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface UploadProgress {
  /** Bytes the recorder has handed over (and the store holds or the server acknowledged). */
  recorded: number;
  /** Bytes the server has acknowledged. */
  acknowledged: number;
  /** True while the last attempt failed and the uploader is waiting to try again. */
  retrying: boolean;
  /** True once every byte is acknowledged and the length is declared. */
  complete: boolean;
}

export interface UploaderOptions {
  /** The tus creation URL, e.g. '/api/uploads'. */
  endpoint: string;
  fetch: FetchLike;
  store: ChunkStore;
  mimeType: string;
  /** More creation metadata (Upload-Metadata) besides `filetype`, e.g. `reservation` and `audioOnly`. */
  metadata?: Record<string, string>;
  /** Headers added to every request, read each time (the booth's credential may arrive after the upload began). */
  headers?: () => Record<string, string>;
  onProgress?: (progress: UploadProgress) => void;
  /** Waits between attempts after a failure; the last value repeats for ever (we never give up while offline). */
  backoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Upper bound of one PATCH body when catching up after an outage. */
  maxPatchBytes?: number;
  requestTimeoutMs?: number;
}

/** The upload cannot go on (it is gone on the server, or the server refuses it): retrying would not help. */
export class FatalUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalUploadError';
  }
}

/** The server no longer has the upload (expired, or taken in by an appeal and moved away). */
export class UploadGoneError extends FatalUploadError {
  constructor() {
    super('upload gone on the server');
    this.name = 'UploadGoneError';
  }
}

class TransientUploadError extends Error {}

interface ChunkRef {
  seq: number;
  start: number;
  length: number;
}

const TUS_VERSION = '1.0.0';
const DEFAULT_BACKOFF = [250, 500, 1000, 2000, 4000];

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 423 || status === 429 || status === 408;
}

export class StreamingUploader {
  private readonly options: UploaderOptions;
  private readonly backoff: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private id: string | null = null;
  private url = '';
  private chunks: ChunkRef[] = [];
  private nextSeq = 0;
  private recorded = 0;
  private acked = 0;
  private finishing = false;
  private closing = false;
  private lengthDeclared = false;
  private needsSync = false;
  private retrying = false;
  private running = false;
  private aborted = false;
  private failures = 0;
  private conflicts = 0;
  private appendChain: Promise<void> = Promise.resolve();
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private fatal: Error | null = null;
  /** False after a resume(): the store may no longer hold the recording's tail, so the server's offset may be ahead. */
  private lengthKnown = true;

  constructor(options: UploaderOptions) {
    this.options = options;
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Settles when every byte is acknowledged and the length declared, or with the error that stopped the upload. */
  whenComplete(): Promise<void> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.isComplete() && !this.needsSync) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settle(error: Error | null): void {
    if (error) this.fatal = error;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  get uploadId(): string | null {
    return this.id;
  }

  get progress(): UploadProgress {
    return {
      recorded: this.recorded,
      acknowledged: this.acked,
      retrying: this.retrying,
      complete: this.isComplete(),
    };
  }

  /** Creates the upload on the server (retrying while unreachable) and returns its id. */
  async create(): Promise<string> {
    for (;;) {
      if (this.aborted) throw new FatalUploadError('aborted');
      try {
        const res = await this.call(this.options.endpoint, {
          method: 'POST',
          headers: {
            'Tus-Resumable': TUS_VERSION,
            'Upload-Defer-Length': '1',
            'Upload-Metadata': this.metadataHeader(),
          },
        });
        if (res.status !== 201) {
          if (isTransientStatus(res.status)) throw new TransientUploadError(`create: ${res.status}`);
          throw new FatalUploadError(`create: HTTP ${res.status}`);
        }
        const location = res.headers.get('Location');
        const id = location?.split('?')[0]?.split('/').filter(Boolean).pop();
        if (!id) throw new FatalUploadError('create: no Location');
        this.attach(id);
        this.setRetrying(false);
        return id;
      } catch (error) {
        if (!(error instanceof TransientUploadError)) throw error;
        await this.waitAfterFailure();
      }
    }
  }

  /** Picks up an upload whose chunks are still in the store (after a reload): asks the server where it stands. */
  async resume(uploadId: string): Promise<void> {
    this.attach(uploadId);
    for (const seq of await this.options.store.list(uploadId)) {
      const chunk = await this.options.store.get(uploadId, seq);
      if (!chunk) continue;
      this.chunks.push({ seq, start: chunk.start, length: chunk.bytes.byteLength });
      this.nextSeq = seq + 1;
      this.recorded = Math.max(this.recorded, chunk.start + chunk.bytes.byteLength);
    }
    this.acked = this.chunks[0]?.start ?? 0;
    this.lengthKnown = false;
    this.needsSync = true;
    this.kick();
  }

  /** Stores the chunk, then queues it for sending. Resolves once the chunk is safely stored. */
  append(data: Blob | Uint8Array): Promise<void> {
    const step = this.appendChain.then(async () => {
      if (this.finishing) throw new Error('append after finish');
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      if (bytes.byteLength === 0) return;
      const id = this.requireId();
      const ref = { seq: this.nextSeq++, start: this.recorded, length: bytes.byteLength };
      await this.options.store.put(id, ref.seq, { start: ref.start, bytes });
      this.chunks.push(ref);
      this.recorded += ref.length;
      this.emit();
      this.kick();
    });
    this.appendChain = step.catch(() => undefined);
    return step;
  }

  /**
   * The recorder is stopping: hold what is not yet sent until finish(), so the last chunk travels in the same request
   * that declares the length (one round trip after Stop instead of two).
   */
  closeSoon(): void {
    this.closing = true;
  }

  /** No more chunks will come: send the rest, declare the length, and resolve once the server holds every byte. */
  finish(): Promise<void> {
    void this.appendChain.then(() => {
      this.finishing = true;
      this.kick();
    });
    return this.whenComplete();
  }

  /** After the server said bytes are missing: learn its offset again and send what it lacks. */
  recheck(): Promise<void> {
    this.needsSync = true;
    const waiting = this.whenComplete();
    this.kick();
    return waiting;
  }

  /** Stops sending and forgets the stored chunks; the server's partial upload is terminated if possible. */
  async abort(): Promise<void> {
    if (this.aborted) return;
    this.aborted = true;
    this.settle(new FatalUploadError('aborted'));
    const id = this.id;
    if (!id) return;
    for (const ref of this.chunks) await this.options.store.delete(id, ref.seq);
    this.chunks = [];
    try {
      await this.call(this.url, { method: 'DELETE', headers: { 'Tus-Resumable': TUS_VERSION } });
    } catch {
      // Termination is a courtesy; the server expires abandoned uploads anyway.
    }
  }

  private metadataHeader(): string {
    const pairs: [string, string][] = [['filetype', this.options.mimeType]];
    for (const [key, value] of Object.entries(this.options.metadata ?? {})) pairs.push([key, value]);
    return pairs.map(([key, value]) => `${key} ${toBase64(value)}`).join(',');
  }

  private attach(id: string): void {
    this.id = id;
    this.url = `${this.options.endpoint.replace(/\/$/, '')}/${encodeURIComponent(id)}`;
  }

  private requireId(): string {
    if (!this.id) throw new Error('create() the upload first');
    return this.id;
  }

  private isComplete(): boolean {
    return this.finishing && this.lengthDeclared && this.acked === this.recorded;
  }

  private emit(): void {
    this.options.onProgress?.(this.progress);
  }

  private setRetrying(value: boolean): void {
    if (this.retrying !== value) {
      this.retrying = value;
      this.emit();
    }
  }

  private kick(): void {
    if (!this.running && !this.aborted && this.id) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (!this.aborted) {
        if (this.needsSync) {
          await this.attempt(() => this.sync());
          continue;
        }
        if (this.isComplete()) {
          this.settle(null);
          return;
        }
        const pendingLength = this.finishing && !this.lengthDeclared;
        if (this.acked >= this.recorded && !pendingLength) return; // wait for the next append
        if (this.closing && !this.finishing) return; // finish() kicks again with the length
        await this.attempt(() => this.sendNext());
      }
    } catch (error) {
      this.settle(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.running = false;
    }
  }

  /** Runs one protocol step; a transient failure waits, then forces a HEAD before the next step. */
  private async attempt(step: () => Promise<void>): Promise<void> {
    try {
      await step();
      this.failures = 0;
      this.setRetrying(false);
    } catch (error) {
      if (!(error instanceof TransientUploadError)) throw error;
      this.needsSync = true;
      await this.waitAfterFailure();
    }
  }

  private async waitAfterFailure(): Promise<void> {
    this.setRetrying(true);
    const index = Math.min(this.failures, this.backoff.length - 1);
    this.failures += 1;
    await this.sleep(this.backoff[index] ?? 1000);
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.options.fetch(url, {
        ...init,
        headers: { ...this.options.headers?.(), ...(init.headers as Record<string, string>) },
        // The browser's uploader cookie (when the booth has no credential) names the upload's owner.
        credentials: 'same-origin',
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TransientUploadError(error instanceof Error ? error.message : String(error));
    }
  }

  private async sync(): Promise<void> {
    const res = await this.call(this.url, { method: 'HEAD', headers: { 'Tus-Resumable': TUS_VERSION } });
    if (res.status === 404 || res.status === 410) throw new UploadGoneError();
    if (!res.ok) {
      if (isTransientStatus(res.status)) throw new TransientUploadError(`HEAD ${res.status}`);
      throw new FatalUploadError(`HEAD: HTTP ${res.status}`);
    }
    const offset = Number(res.headers.get('Upload-Offset'));
    if (!Number.isSafeInteger(offset) || offset < 0) throw new TransientUploadError('HEAD without offset');
    if (offset > this.recorded) {
      // After a reload the acknowledged tail is gone from the store: only then may the server know more than we do.
      if (this.lengthKnown || this.chunks.length > 0)
        throw new FatalUploadError('server holds more bytes than were recorded');
      this.recorded = offset;
    }
    this.lengthKnown = true;
    const firstHeld = this.chunks[0]?.start ?? this.recorded;
    if (offset < firstHeld) throw new FatalUploadError('server lost bytes it had acknowledged');
    this.lengthDeclared = res.headers.get('Upload-Length') !== null;
    this.acked = offset;
    this.needsSync = false;
    await this.release();
    this.emit();
  }

  private async sendNext(): Promise<void> {
    const id = this.requireId();
    const max = this.options.maxPatchBytes ?? 8 * 1024 * 1024;
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const ref of this.chunks) {
      const end = ref.start + ref.length;
      if (end <= this.acked + size) continue;
      if (ref.start > this.acked + size) break;
      if (size > 0 && size + ref.length > max) break;
      const stored = await this.options.store.get(id, ref.seq);
      if (!stored) throw new FatalUploadError(`chunk ${ref.seq} missing from the store`);
      const part = stored.bytes.subarray(this.acked + size - ref.start);
      parts.push(part);
      size += part.byteLength;
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      body.set(part, at);
      at += part.byteLength;
    }
    const last = this.finishing && this.acked + size === this.recorded;
    const headers: Record<string, string> = {
      'Tus-Resumable': TUS_VERSION,
      'Content-Type': 'application/offset+octet-stream',
      'Upload-Offset': String(this.acked),
    };
    if (last && !this.lengthDeclared) headers['Upload-Length'] = String(this.recorded);
    const res = await this.call(this.url, { method: 'PATCH', headers, body });
    if (res.status === 409) {
      // The server's offset is not ours (a lost response, a retried request): ask it and go on from there.
      this.needsSync = true;
      this.conflicts += 1;
      if (this.conflicts > 3) {
        this.conflicts = 0;
        throw new TransientUploadError('repeated offset conflicts');
      }
      return;
    }
    if (res.status === 404 || res.status === 410) throw new UploadGoneError();
    if (!res.ok) {
      if (isTransientStatus(res.status)) throw new TransientUploadError(`PATCH ${res.status}`);
      throw new FatalUploadError(`PATCH: HTTP ${res.status}`);
    }
    const offset = Number(res.headers.get('Upload-Offset'));
    if (!Number.isSafeInteger(offset) || offset < this.acked || offset > this.recorded) {
      this.needsSync = true;
      return;
    }
    if (headers['Upload-Length']) this.lengthDeclared = true;
    this.conflicts = 0;
    this.acked = offset;
    await this.release();
    this.emit();
  }

  /** Forgets every stored chunk the server now holds in full. */
  private async release(): Promise<void> {
    const id = this.requireId();
    while (this.chunks.length > 0) {
      const first = this.chunks[0]!;
      if (first.start + first.length > this.acked) break;
      await this.options.store.delete(id, first.seq);
      this.chunks.shift();
    }
  }
}
