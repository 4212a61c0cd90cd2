// The booth's side of delivery: the one DeliveryService of this page, and how a draft becomes the submission's
// fields and the receipt printed from a reservation when the server cannot be reached.
import type { CategoryItem, KioskInfo, OfficialCard, Receipt, Reservation } from '../ui/api.js';
import { UPLOAD_ENDPOINT, api, kioskAuthHeaders } from '../ui/api.js';
import { IndexedDbChunkStore } from '../ui/recorder/chunkStore.js';
import {
  DeliveryService,
  IndexedDbDeliveryStore,
  webLocks,
  type DeliveryFields,
} from '../ui/recorder/delivery.js';
import type { Draft } from './App.js';

export function createDeliveryService(): DeliveryService {
  return new DeliveryService({
    store: new IndexedDbDeliveryStore(),
    chunks: new IndexedDbChunkStore(),
    endpoint: UPLOAD_ENDPOINT,
    headers: kioskAuthHeaders,
    submit: api.submitAppeal,
    isOnline: () => navigator.onLine,
    locks: webLocks(),
    onError: (uploadId, error) => console.warn(`delivery ${uploadId}:`, error),
  });
}

/** What POST /api/appeals needs from the person's answers. */
export function submissionFields(draft: Draft): DeliveryFields {
  const note = draft.note.trim();
  return {
    phone: `+7${draft.phoneDigits}`,
    ...(draft.phoneToken ? { phoneToken: draft.phoneToken } : {}),
    ...(draft.iin ? { iin: draft.iin } : {}),
    officialId: draft.officialId,
    categoryId: draft.categoryId,
    type: draft.type ?? 'request',
    language: draft.language,
    source: 'kiosk',
    ...(note ? { note } : {}),
  };
}

/** The receipt as the server would write it, from the reservation and what the booth already knows. */
export function reservedReceipt(
  reservation: Reservation,
  draft: Draft,
  officials: OfficialCard[] | null,
  categories: CategoryItem[],
  kiosk: KioskInfo | null,
  audioOnly: boolean,
): Receipt {
  const official = officials?.find((o) => o.id === draft.officialId);
  const category = categories.find((c) => c.id === draft.categoryId);
  return {
    registrationNumber: reservation.registrationNumber,
    accessCode: reservation.accessCode,
    videoComplete: false,
    audioOnly,
    registeredAt: new Date().toISOString(),
    deadlineOn: reservation.deadlineOn,
    addressee: official ? { fullName: official.fullName, position: official.position } : null,
    status: 'registered',
    language: draft.language,
    type: draft.type ?? 'request',
    category: category ? category.name : null,
    kiosk: kiosk ? { name: kiosk.name, location: kiosk.location } : null,
    deadlineWorkingDays: reservation.deadlineWorkingDays,
  };
}
