// Deliveries that outlive the page: one record per recording, kept next to its chunks until the appeal is registered
// and the server holds every byte; the DeliveryService finishes what a reload, a reset or an outage left behind.
import type { Receipt, Reservation, SubmitAppealBody } from '../../../common/api.js';
import { ApiError, NetworkError } from '../api.js';
import { DELIVERY_STORE, done, openRecorderDatabase, promised, type ChunkStore } from './chunkStore.js';
import { StreamingUploader, UploadGoneError, type FetchLike, type UploadProgress } from './uploader.js';

/**
 * recording → stopped → (submitted, forgotten) on the normal path; → receipt-printed → submitted → forgotten when
 * the network was down at Send. A page that dies in 'recording' or 'stopped' never gave the person a receipt.
 */
export type DeliveryState = 'recording' | 'stopped' | 'receipt-printed' | 'submitted';

/** What the submission needs besides the upload and the reservation: the person's answers. */
export type DeliveryFields = Omit<SubmitAppealBody, 'uploadId' | 'reservationId' | 'deliveryPending'>;

export interface DeliveryRecord {
  uploadId: string;
  reservation: Reservation;
  fields: DeliveryFields;
  /** The receipt the booth prints without the server (addressee, category and booth looked up when it began). */
  receipt: Receipt;
  mimeType: string;
  state: DeliveryState;
  startedAt: string;
  updatedAt: string;
  recordedBytes: number;
  recordedSeconds: number;
  /** Why the server refused it (retrying cannot help); the booth tries again only on its next start. */
  failure?: string;
}

export interface DeliveryStore {
  all(): Promise<DeliveryRecord[]>;
  get(uploadId: string): Promise<DeliveryRecord | undefined>;
  put(record: DeliveryRecord): Promise<void>;
  delete(uploadId: string): Promise<void>;
}

export class MemoryDeliveryStore implements DeliveryStore {
  readonly records = new Map<string, DeliveryRecord>();

  all(): Promise<DeliveryRecord[]> {
    return Promise.resolve([...this.records.values()].map((r) => structuredClone(r)));
  }

  get(uploadId: string): Promise<DeliveryRecord | undefined> {
    const record = this.records.get(uploadId);
    return Promise.resolve(record ? structuredClone(record) : undefined);
  }

  put(record: DeliveryRecord): Promise<void> {
    this.records.set(record.uploadId, structuredClone(record));
    return Promise.resolve();
  }

  delete(uploadId: string): Promise<void> {
    this.records.delete(uploadId);
    return Promise.resolve();
  }
}

/** The records in the recorder's IndexedDB database, keyed by upload id; a put resolves once committed. */
export class IndexedDbDeliveryStore implements DeliveryStore {
  async all(): Promise<DeliveryRecord[]> {
    const db = await openRecorderDatabase();
    return (await promised(
      db.transaction(DELIVERY_STORE, 'readonly').objectStore(DELIVERY_STORE).getAll(),
    )) as DeliveryRecord[];
  }

  async get(uploadId: string): Promise<DeliveryRecord | undefined> {
    const db = await openRecorderDatabase();
    const req = db.transaction(DELIVERY_STORE, 'readonly').objectStore(DELIVERY_STORE).get(uploadId);
    return (await promised(req)) as DeliveryRecord | undefined;
  }

  async put(record: DeliveryRecord): Promise<void> {
    const db = await openRecorderDatabase();
    const tx = db.transaction(DELIVERY_STORE, 'readwrite');
    tx.objectStore(DELIVERY_STORE).put(record);
    await done(tx);
  }

  async delete(uploadId: string): Promise<void> {
    const db = await openRecorderDatabase();
    const tx = db.transaction(DELIVERY_STORE, 'readwrite');
    tx.objectStore(DELIVERY_STORE).delete(uploadId);
    await done(tx);
  }
}

/** Keeps a page from delivering what another open page of the booth is recording or delivering. */
export interface DeliveryLocks {
  /** Takes the named lock if it is free and holds it until the returned release is called; null if taken. */
  tryHold(name: string): Promise<(() => void) | null>;
}

/** The browser's Web Locks: a lock dies with its page, so a reload finds the dead page's deliveries free. */
export function webLocks(): DeliveryLocks | undefined {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return undefined;
  return {
    tryHold: (name) =>
      new Promise((resolve, reject) => {
        navigator.locks
          .request(name, { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return;
            }
            return new Promise<void>((release) => resolve(release));
          })
          .catch(reject);
      }),
  };
}

/** The part of an upload the service drives: the live session's uploader, or one resumed from the store. */
export interface Deliverable {
  finish(): Promise<void>;
  recheck(): Promise<void>;
  readonly progress: UploadProgress;
}

export type SendOutcome =
  /** The appeal is registered and the server holds every byte. */
  | { kind: 'registered'; receipt: Receipt }
  /** The network is down: the receipt comes from the reservation and the service delivers the rest later. */
  | { kind: 'pending'; receipt: Receipt };

/** After a restart: like Send, or nothing was recorded at all. */
export type RecoverOutcome = SendOutcome | { kind: 'empty' };

export interface DeliveryServiceOptions {
  store: DeliveryStore;
  chunks: ChunkStore;
  /** The tus creation URL. */
  endpoint: string;
  fetch?: FetchLike;
  /** The booth's credential, read for every request. */
  headers?: () => Record<string, string>;
  submit: (body: SubmitAppealBody) => Promise<Receipt>;
  isOnline?: () => boolean;
  /** How long after Send the booth waits for the last bytes before it prints the receipt anyway, when offline. */
  offlineAfterMs?: number;
  /** Waits between background attempts; the last repeats. wake() cuts a wait short (the network came back). */
  backoffMs?: readonly number[];
  uploaderBackoffMs?: readonly number[];
  /** Without locks (one page only), every record is this page's. */
  locks?: DeliveryLocks;
  onError?: (uploadId: string, error: unknown) => void;
}

const DEFAULT_BACKOFF = [1000, 2000, 5000, 10_000, 30_000];
const MAX_RECHECKS = 5;

/** Worth trying again later: no connection, or the server could not answer now. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TypeError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return false;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DeliveryService {
  private readonly options: DeliveryServiceOptions;
  private readonly backoff: readonly number[];
  private readonly active = new Map<string, Promise<void>>();
  /** Records this page holds the lock of: the ones it records, sends or delivers. */
  private readonly held = new Map<string, () => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private sleepers = new Set<() => void>();
  private started: Promise<DeliveryRecord | null> | null = null;
  private closed = false;

  constructor(options: DeliveryServiceOptions) {
    this.options = options;
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  }

  /** A recording begins: its record exists before the first chunk does. */
  async begin(input: {
    uploadId: string;
    reservation: Reservation;
    fields: DeliveryFields;
    receipt: Receipt;
    mimeType: string;
  }): Promise<void> {
    const now = new Date().toISOString();
    await this.claim(input.uploadId);
    return this.write(() =>
      this.options.store.put({
        ...input,
        state: 'recording',
        startedAt: now,
        updatedAt: now,
        recordedBytes: 0,
        recordedSeconds: 0,
      }),
    );
  }

  /** How much has been recorded so far (the restart screen tells the person how long their recording was). */
  recorded(uploadId: string, bytes: number): Promise<void> {
    return this.update(uploadId, (r) =>
      r.state === 'recording'
        ? {
            recordedBytes: Math.max(r.recordedBytes, bytes),
            recordedSeconds: Math.max(0, (Date.now() - Date.parse(r.startedAt)) / 1000),
          }
        : {},
    ).then(() => undefined);
  }

  stopped(uploadId: string): Promise<void> {
    return this.update(uploadId, () => ({ state: 'stopped' })).then(() => undefined);
  }

  /** The person threw the recording away (re-record, start over, walked away): nothing to deliver. */
  async discard(uploadId: string): Promise<void> {
    await this.write(() => this.options.store.delete(uploadId));
    this.release(uploadId);
  }

  /** Every recording the booth still has to deliver (the heartbeat reports it). */
  async pending(): Promise<number> {
    return (await this.options.store.all()).length;
  }

  /**
   * Send, with the person waiting: once the server holds every byte, register the appeal. If the network is down
   * (~3 s after Send the upload is still retrying, or the browser says it is offline), answer with the receipt from
   * the reservation and finish in the background.
   */
  async send(uploadId: string, upload: Deliverable, fields: DeliveryFields): Promise<SendOutcome> {
    const record = await this.update(uploadId, () => ({ fields }));
    if (!record) throw new Error(`no delivery for ${uploadId}`);
    return this.deliverNow(record, upload);
  }

  /**
   * Loads what an earlier page left: deliveries with a receipt continue in the background; of those that never
   * reached a receipt, the newest is returned for the person standing there (recover()), the others are finished
   * in the background. Safe to call twice.
   */
  start(): Promise<DeliveryRecord | null> {
    this.started ??= (async () => {
      // Another open page's recordings and deliveries are its own business.
      const records: DeliveryRecord[] = [];
      for (const record of await this.options.store.all())
        if (await this.claim(record.uploadId)) records.push(record);
      // One the server refused before is no news for whoever stands there now.
      const interrupted = records
        .filter((r) => (r.state === 'recording' || r.state === 'stopped') && !r.failure)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      const [newest] = interrupted;
      for (const record of records) if (record !== newest) this.background(record.uploadId);
      return newest ?? null;
    })();
    return this.started;
  }

  /** Finishes a recording a dead page left without a receipt, with the person waiting (as after Send). */
  async recover(record: DeliveryRecord): Promise<RecoverOutcome> {
    const stored = await this.options.chunks.list(record.uploadId);
    const upload = await this.resumed(record);
    if (stored.length === 0 && record.recordedBytes === 0) {
      await upload.abort();
      await this.discard(record.uploadId);
      return { kind: 'empty' };
    }
    if (record.state === 'recording') await this.stopped(record.uploadId);
    return this.deliverNow({ ...record, state: 'stopped' }, upload);
  }

  /** Nobody is waiting for this one any more (the person left the restart screen): finish it in the background. */
  later(uploadId: string): void {
    this.background(uploadId);
  }

  /** Cuts the background waits short: the network is back. */
  wake(): void {
    const sleepers = [...this.sleepers];
    this.sleepers.clear();
    for (const wake of sleepers) wake();
  }

  /** Settles when every background delivery has ended (tests). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()]);
  }

  /** Stops the background work and lets go of every lock (the page is going away; tests). */
  close(): void {
    this.closed = true;
    this.wake();
    for (const uploadId of [...this.held.keys()]) this.release(uploadId);
  }

  private async deliverNow(record: DeliveryRecord, upload: Deliverable): Promise<SendOutcome> {
    const finished = upload.finish();
    finished.catch(() => undefined);
    if ((await this.completeOrOffline(finished, upload)) === 'complete') {
      try {
        const receipt = await this.submitComplete(record, upload);
        await this.forget(record.uploadId);
        return { kind: 'registered', receipt: { ...receipt, accessCode: this.codeOf(receipt, record) } };
      } catch (error) {
        if (!isTransient(error)) throw error;
      }
    }
    await this.update(record.uploadId, () => ({ state: 'receipt-printed' }));
    this.background(record.uploadId, upload);
    return {
      kind: 'pending',
      receipt: { ...record.receipt, videoComplete: false, registeredAt: new Date().toISOString() },
    };
  }

  private codeOf(receipt: Receipt, record: DeliveryRecord): string {
    return receipt.accessCode ?? record.reservation.accessCode;
  }

  /** 'complete' once the server holds every byte; 'offline' when, after the grace time, the network is down. */
  private completeOrOffline(finished: Promise<void>, upload: Deliverable): Promise<'complete' | 'offline'> {
    const online = this.options.isOnline ?? (() => true);
    const after = this.options.offlineAfterMs ?? 3000;
    const began = Date.now();
    return new Promise((resolve, reject) => {
      const poll = setInterval(
        () => {
          if (Date.now() - began >= after && (upload.progress.retrying || !online())) {
            clearInterval(poll);
            resolve('offline');
          }
        },
        Math.min(200, Math.max(10, after / 5)),
      );
      finished.then(
        () => {
          clearInterval(poll);
          resolve('complete');
        },
        (error: unknown) => {
          clearInterval(poll);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private body(record: DeliveryRecord, deliveryPending: boolean): SubmitAppealBody {
    return {
      ...record.fields,
      uploadId: record.uploadId,
      reservationId: record.reservation.reservationId,
      ...(deliveryPending ? { deliveryPending: true } : {}),
    };
  }

  /** A normal submission; "upload not complete" means the server lost an acknowledged tail: send it again. */
  private async submitComplete(record: DeliveryRecord, upload: Deliverable): Promise<Receipt> {
    for (let i = 0; ; i++) {
      try {
        return await this.options.submit(this.body(record, false));
      } catch (error) {
        if (error instanceof ApiError && error.slug === 'upload-not-complete' && i < MAX_RECHECKS) {
          await upload.recheck();
          continue;
        }
        throw error;
      }
    }
  }

  private background(uploadId: string, upload?: Deliverable): void {
    if (this.active.has(uploadId) || this.closed) return;
    const work = this.finishLater(uploadId, upload)
      .catch((error: unknown) => this.options.onError?.(uploadId, error))
      .finally(() => this.active.delete(uploadId));
    this.active.set(uploadId, work);
  }

  /** Registers first (the office sees "video arriving" while bytes are missing), then delivers the rest. */
  private async finishLater(uploadId: string, given?: Deliverable): Promise<void> {
    let record = await this.options.store.get(uploadId);
    if (!record) return;
    try {
      const upload = given ?? (await this.resumed(record));
      const finished = upload.finish();
      finished.catch(() => undefined);
      if (record.state === 'receipt-printed') {
        const current = record;
        await this.retrying(() => this.options.submit(this.body(current, true)));
        record = (await this.update(uploadId, () => ({ state: 'submitted' }))) ?? record;
      }
      try {
        await finished;
      } catch (error) {
        // Registered, and the server has moved the finished upload out of the tus area: nothing more to send.
        if (!(record.state === 'submitted' && error instanceof UploadGoneError)) throw error;
      }
      if (record.state !== 'submitted') {
        const current = record;
        await this.retrying(() => this.submitComplete(current, upload));
      }
      await this.forget(uploadId);
    } catch (error) {
      if (!this.closed) await this.update(uploadId, () => ({ failure: message(error) }));
      throw error;
    }
  }

  private async resumed(record: DeliveryRecord): Promise<StreamingUploader> {
    const upload = new StreamingUploader({
      endpoint: this.options.endpoint,
      fetch: this.options.fetch ?? ((url, init) => fetch(url, init)),
      store: this.options.chunks,
      mimeType: record.mimeType,
      headers: this.options.headers,
      backoffMs: this.options.uploaderBackoffMs,
    });
    await upload.resume(record.uploadId);
    return upload;
  }

  /** Runs `attempt` until it succeeds or fails for a reason retrying cannot fix. */
  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error) || this.closed) throw error;
        await this.pause(this.backoff[Math.min(failures, this.backoff.length - 1)] ?? 1000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async forget(uploadId: string): Promise<void> {
    await this.write(() => this.options.store.delete(uploadId));
    this.release(uploadId);
  }

  /** True when this page may work on the record (it holds its lock, or took it now). */
  private async claim(uploadId: string): Promise<boolean> {
    if (this.held.has(uploadId) || !this.options.locks) return true;
    const release = await this.options.locks.tryHold(`dialog-delivery:${uploadId}`);
    if (!release) return false;
    this.held.set(uploadId, release);
    return true;
  }

  private release(uploadId: string): void {
    this.held.get(uploadId)?.();
    this.held.delete(uploadId);
  }

  /** Record writes one at a time, so a late progress note never overwrites a newer state. */
  private write<T>(step: () => Promise<T>): Promise<T> {
    const next = this.writes.then(step);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private update(
    uploadId: string,
    patch: (record: DeliveryRecord) => Partial<DeliveryRecord>,
  ): Promise<DeliveryRecord | undefined> {
    return this.write(async () => {
      const record = await this.options.store.get(uploadId);
      if (!record) return undefined;
      const next = { ...record, ...patch(record), updatedAt: new Date().toISOString() };
      await this.options.store.put(next);
      return next;
    });
  }
}
