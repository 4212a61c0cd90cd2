// Where recorded chunks wait until the server has acknowledged them: IndexedDB in the browser, a Map in tests.

export interface StoredChunk {
  /** Position of the chunk's first byte in the whole recording. */
  start: number;
  bytes: Uint8Array;
}

export interface ChunkStore {
  put(uploadId: string, seq: number, chunk: StoredChunk): Promise<void>;
  get(uploadId: string, seq: number): Promise<StoredChunk | undefined>;
  delete(uploadId: string, seq: number): Promise<void>;
  /** Sequence numbers still held for this upload, ascending. */
  list(uploadId: string): Promise<number[]>;
}

export class MemoryChunkStore implements ChunkStore {
  readonly chunks = new Map<string, StoredChunk>();

  private key(uploadId: string, seq: number): string {
    return `${uploadId}/${seq}`;
  }

  put(uploadId: string, seq: number, chunk: StoredChunk): Promise<void> {
    this.chunks.set(this.key(uploadId, seq), { start: chunk.start, bytes: chunk.bytes.slice() });
    return Promise.resolve();
  }

  get(uploadId: string, seq: number): Promise<StoredChunk | undefined> {
    return Promise.resolve(this.chunks.get(this.key(uploadId, seq)));
  }

  delete(uploadId: string, seq: number): Promise<void> {
    this.chunks.delete(this.key(uploadId, seq));
    return Promise.resolve();
  }

  list(uploadId: string): Promise<number[]> {
    const prefix = `${uploadId}/`;
    const seqs = [...this.chunks.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => Number(k.slice(prefix.length)))
      .sort((a, b) => a - b);
    return Promise.resolve(seqs);
  }
}

const DB_NAME = 'dialog-recorder';
const STORE = 'chunks';
/** Where delivery.ts keeps one record per recording, next to the chunks (version 2 added it). */
export const DELIVERY_STORE = 'deliveries';

export function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let shared: Promise<IDBDatabase> | null = null;

/** The recorder's database, opened once per page: the chunks and the deliveries that wait for them. */
export function openRecorderDatabase(): Promise<IDBDatabase> {
  shared ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      if (!db.objectStoreNames.contains(DELIVERY_STORE))
        db.createObjectStore(DELIVERY_STORE, { keyPath: 'uploadId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
  shared.catch(() => {
    shared = null;
  });
  return shared;
}

/** Records keyed by [uploadId, seq]; a put resolves only once the transaction has committed. */
export class IndexedDbChunkStore implements ChunkStore {
  private open(): Promise<IDBDatabase> {
    return openRecorderDatabase();
  }

  async put(uploadId: string, seq: number, chunk: StoredChunk): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ start: chunk.start, bytes: chunk.bytes }, [uploadId, seq]);
    await done(tx);
  }

  async get(uploadId: string, seq: number): Promise<StoredChunk | undefined> {
    const db = await this.open();
    const tx = db.transaction(STORE, 'readonly');
    const value = (await promised(tx.objectStore(STORE).get([uploadId, seq]))) as StoredChunk | undefined;
    return value;
  }

  async delete(uploadId: string, seq: number): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete([uploadId, seq]);
    await done(tx);
  }

  async list(uploadId: string): Promise<number[]> {
    const db = await this.open();
    const tx = db.transaction(STORE, 'readonly');
    const range = IDBKeyRange.bound([uploadId, 0], [uploadId, Number.MAX_SAFE_INTEGER]);
    const keys = await promised(tx.objectStore(STORE).getAllKeys(range));
    return keys.map((k) => (k as [string, number])[1]).sort((a, b) => a - b);
  }
}

/** How many recordings still have chunks waiting in this browser's IndexedDB (the booth's heartbeat reports it). */
export async function pendingUploadCount(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  const db = await openRecorderDatabase();
  const keys = await promised(db.transaction(STORE, 'readonly').objectStore(STORE).getAllKeys());
  return new Set(keys.map((k) => (k as [string, number])[0])).size;
}
