// Deliveries against the in-memory tus server and an appeals endpoint with the contract's rules (whole upload, or
// deliveryPending with a reservation; one appeal per reservation): Send online, Send offline, a reload mid-recording.
import { describe, expect, it } from 'vitest';
import type { Receipt, Reservation, SubmitAppealBody } from '../../../common/api.js';
import { problemType } from '../../../common/problems.js';
import { ApiError, NetworkError } from '../api.js';
import { MemoryChunkStore } from './chunkStore.js';
import { DeliveryService, MemoryDeliveryStore, type DeliveryFields, type DeliveryLocks } from './delivery.js';
import { FakeTusServer, concat, recording } from './fakeTus.js';
import { StreamingUploader } from './uploader.js';

const ENDPOINT = 'http://server.test/api/uploads';

const RESERVATION: Reservation = {
  reservationId: 'res_0123456789abcdef',
  registrationNumber: '260101-0042',
  accessCode: 'ABCDE-FGHJK',
  registeredOn: '2026-01-01',
  deadlineOn: '2026-01-22',
  deadlineWorkingDays: 15,
  expiresAt: '2026-01-31T00:00:00.000Z',
};

const FIELDS: DeliveryFields = {
  phone: '+77011111111',
  officialId: null,
  type: 'complaint',
  language: 'ru',
  source: 'kiosk',
};

const OFFLINE_RECEIPT: Receipt = {
  registrationNumber: RESERVATION.registrationNumber,
  accessCode: RESERVATION.accessCode,
  videoComplete: false,
  audioOnly: false,
  registeredAt: '2026-01-01T10:00:00.000Z',
  deadlineOn: RESERVATION.deadlineOn,
  addressee: null,
  status: 'registered',
  language: 'ru',
  type: 'complaint',
  category: null,
  kiosk: null,
  deadlineWorkingDays: 15,
};

function problem(status: number, slug: 'upload-not-complete' | 'reservation-not-found'): ApiError {
  return new ApiError(status, slug, { type: problemType(slug), title: slug, status });
}

/** POST /api/appeals as the contract describes it, over the fake tus server's uploads. */
class FakeAppeals {
  readonly bodies: SubmitAppealBody[] = [];
  readonly appeals = new Map<string, { uploadId: string; receipt: Receipt }>();
  offline = false;
  refuse: ApiError | null = null;

  constructor(private readonly tus: FakeTusServer) {}

  readonly submit = async (body: SubmitAppealBody): Promise<Receipt> => {
    await Promise.resolve();
    if (this.offline) throw new NetworkError(new TypeError('Failed to fetch'));
    this.bodies.push(body);
    if (this.refuse) throw this.refuse;
    const upload = this.tus.uploads.get(body.uploadId ?? '');
    const complete = !!upload && upload.length !== null && upload.bytes.length === upload.length;
    if (!complete && !body.deliveryPending) throw problem(409, 'upload-not-complete');
    const existing = this.appeals.get(body.reservationId ?? '');
    const receipt = { ...OFFLINE_RECEIPT, accessCode: undefined, videoComplete: complete };
    if (existing) return existing.receipt;
    this.appeals.set(body.reservationId ?? '', { uploadId: body.uploadId ?? '', receipt });
    return receipt;
  };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Web Locks as two pages of one browser share them. */
class SharedLocks implements DeliveryLocks {
  readonly taken = new Set<string>();

  tryHold(name: string): Promise<(() => void) | null> {
    if (this.taken.has(name)) return Promise.resolve(null);
    this.taken.add(name);
    return Promise.resolve(() => void this.taken.delete(name));
  }
}

function setup(locks?: DeliveryLocks) {
  const tus = new FakeTusServer();
  const appeals = new FakeAppeals(tus);
  const chunks = new MemoryChunkStore();
  const store = new MemoryDeliveryStore();
  let online = true;
  const service = (): DeliveryService =>
    new DeliveryService({
      store,
      chunks,
      endpoint: ENDPOINT,
      fetch: tus.fetch,
      submit: appeals.submit,
      isOnline: () => online,
      offlineAfterMs: 30,
      backoffMs: [5],
      uploaderBackoffMs: [5],
      locks,
    });
  const live = (sleep?: () => Promise<void>) =>
    new StreamingUploader({
      endpoint: ENDPOINT,
      fetch: tus.fetch,
      store: chunks,
      mimeType: 'video/webm',
      metadata: { reservation: RESERVATION.reservationId },
      backoffMs: [5],
      sleep: sleep ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 5))),
    });
  const setOnline = (value: boolean) => {
    online = value;
    tus.drop = () => (value ? undefined : 'before');
    appeals.offline = !value;
  };
  return { tus, appeals, chunks, store, service, live, setOnline };
}

async function begin(service: DeliveryService, uploader: StreamingUploader): Promise<string> {
  const uploadId = await uploader.create();
  await service.begin({
    uploadId,
    reservation: RESERVATION,
    fields: FIELDS,
    receipt: OFFLINE_RECEIPT,
    mimeType: 'video/webm',
  });
  return uploadId;
}

async function append(service: DeliveryService, uploader: StreamingUploader, parts: Uint8Array[]) {
  for (const part of parts) {
    await uploader.append(part);
    await service.recorded(uploader.uploadId!, uploader.progress.recorded);
    await tick();
  }
}

describe('DeliveryService', () => {
  it('registers the appeal with the reservation once every byte is in, then forgets the recording', async () => {
    const { tus, appeals, store, chunks, service, live } = setup();
    const deliveries = service();
    const uploader = live();
    const uploadId = await begin(deliveries, uploader);
    const parts = recording(6);
    await append(deliveries, uploader, parts);
    await deliveries.stopped(uploadId);
    expect((await store.get(uploadId))?.state).toBe('stopped');

    const outcome = await deliveries.send(uploadId, uploader, { ...FIELDS, note: 'да' });
    expect(outcome.kind).toBe('registered');
    // The server gives no code for a reserved number: the receipt carries the reservation's.
    expect(outcome.receipt.accessCode).toBe(RESERVATION.accessCode);
    expect(appeals.bodies).toEqual([
      { ...FIELDS, note: 'да', uploadId, reservationId: RESERVATION.reservationId },
    ]);
    expect(tus.uploads.get(uploadId)!.bytes).toEqual(concat(parts));
    expect(store.records.size).toBe(0);
    expect(chunks.chunks.size).toBe(0);
  });

  it('prints the reserved number when the network is down at Send, then registers and delivers when it returns', async () => {
    const { tus, appeals, store, chunks, service, live, setOnline } = setup();
    const deliveries = service();
    const uploader = live();
    const uploadId = await begin(deliveries, uploader);
    const parts = recording(8);
    await append(deliveries, uploader, parts.slice(0, 3));
    setOnline(false);
    await append(deliveries, uploader, parts.slice(3));
    await deliveries.stopped(uploadId);

    const outcome = await deliveries.send(uploadId, uploader, FIELDS);
    expect(outcome).toMatchObject({
      kind: 'pending',
      receipt: {
        registrationNumber: RESERVATION.registrationNumber,
        accessCode: RESERVATION.accessCode,
        videoComplete: false,
      },
    });
    expect((await store.get(uploadId))?.state).toBe('receipt-printed');
    expect(appeals.appeals.size).toBe(0);
    expect(chunks.chunks.size).toBeGreaterThan(0);

    setOnline(true);
    deliveries.wake();
    await deliveries.idle();
    expect(appeals.appeals.size).toBe(1);
    expect(appeals.bodies[0]).toMatchObject({ uploadId, deliveryPending: true });
    expect(tus.uploads.get(uploadId)!.bytes).toEqual(concat(parts));
    expect(tus.uploads.get(uploadId)!.length).toBe(concat(parts).length);
    expect(store.records.size).toBe(0);
    expect(chunks.chunks.size).toBe(0);
  });

  it('after a reload mid-recording, submits what was recorded for the person standing there', async () => {
    const { tus, appeals, store, chunks, service, live, setOnline } = setup();
    const first = service();
    // The first page loses the network and dies while it waits to retry.
    const uploader = live(() => new Promise<void>(() => undefined));
    const uploadId = await begin(first, uploader);
    const parts = recording(5);
    await append(first, uploader, parts.slice(0, 2));
    setOnline(false);
    await append(first, uploader, parts.slice(2));
    first.close();
    setOnline(true);

    const second = service();
    const interrupted = await second.start();
    expect(interrupted).toMatchObject({ uploadId, state: 'recording', recordedBytes: concat(parts).length });
    const outcome = await second.recover(interrupted!);
    expect(outcome.kind).toBe('registered');
    expect(appeals.bodies).toHaveLength(1);
    expect(appeals.bodies[0]!.deliveryPending).toBeUndefined();
    expect(tus.uploads.get(uploadId)!.bytes).toEqual(concat(parts));
    expect(store.records.size).toBe(0);
    expect(chunks.chunks.size).toBe(0);
  });

  it('finishes in the background a delivery whose receipt was printed before the page closed', async () => {
    const { tus, appeals, store, service, live, setOnline } = setup();
    const first = service();
    const uploader = live(() => new Promise<void>(() => undefined));
    const uploadId = await begin(first, uploader);
    const parts = recording(4);
    setOnline(false);
    await append(first, uploader, parts);
    await first.stopped(uploadId);
    expect((await first.send(uploadId, uploader, FIELDS)).kind).toBe('pending');
    first.close();
    await first.idle();
    expect((await store.get(uploadId))?.state).toBe('receipt-printed');

    setOnline(true);
    const second = service();
    expect(await second.start()).toBeNull();
    await second.idle();
    expect(appeals.appeals.size).toBe(1);
    expect(appeals.bodies.every((b) => b.deliveryPending === true)).toBe(true);
    expect(tus.uploads.get(uploadId)!.bytes).toEqual(concat(parts));
    expect(store.records.size).toBe(0);
  });

  it('says so when the page died before anything was recorded, and drops the empty upload', async () => {
    const { tus, appeals, store, service, live } = setup();
    const first = service();
    const uploadId = await begin(first, live());
    const second = service();
    const interrupted = await second.start();
    expect(await second.recover(interrupted!)).toEqual({ kind: 'empty' });
    expect(store.records.size).toBe(0);
    expect(tus.uploads.has(uploadId)).toBe(true);
    expect(tus.requests.at(-1)?.method).toBe('DELETE');
    expect(appeals.bodies).toHaveLength(0);
  });

  it('keeps a refused delivery with the reason instead of retrying it for ever', async () => {
    const { appeals, store, service, live, setOnline } = setup();
    const first = service();
    const uploader = live(() => new Promise<void>(() => undefined));
    const uploadId = await begin(first, uploader);
    setOnline(false);
    await append(first, uploader, recording(2));
    expect((await first.send(uploadId, uploader, FIELDS)).kind).toBe('pending');
    appeals.refuse = problem(404, 'reservation-not-found');
    setOnline(true);
    first.wake();
    await first.idle();
    expect(appeals.bodies).toHaveLength(1);
    expect(await store.get(uploadId)).toMatchObject({
      state: 'receipt-printed',
      failure: 'reservation-not-found',
    });
    expect(await first.pending()).toBe(1);
  });

  it('leaves alone what another open page is still recording, and takes it over once that page is gone', async () => {
    const locks = new SharedLocks();
    const { store, service, live } = setup(locks);
    const recordingPage = service();
    const uploadId = await begin(recordingPage, live());
    const otherPage = service();
    expect(await otherPage.start()).toBeNull();
    await otherPage.idle();
    expect((await store.get(uploadId))?.state).toBe('recording');

    recordingPage.close();
    const reloaded = service();
    expect((await reloaded.start())?.uploadId).toBe(uploadId);
  });
});
