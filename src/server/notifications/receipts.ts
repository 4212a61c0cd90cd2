// Delivery receipts, from an SMSC's deliver_sm or a gateway's callback, onto the outbox row.
import type { Database, Dialect } from '../db/index.js';
import type { DeliveryState } from '../db/types.js';
import type { Clock } from '../clock.js';
import { recordDeliveryById, recordDeliveryByProviderId } from './repository.js';
import type { DeliveryReceipt } from './sms.js';

/**
 * A gateway's status word or number → delivery state; null if unknown. Numbers are Kannel's report types
 * (dlr-mask: 1 delivered, 2 failed, 4 buffered, 8 taken by the SMSC, 16 refused by the SMSC); words cover SMPP's
 * stat: values and the aggregators' usual names.
 */
export function deliveryStateOf(status: string): DeliveryState | null {
  const word = status.trim().toLowerCase();
  if (/^\d+$/.test(word)) {
    const type = Number(word);
    if (type & 1) return 'delivered';
    if (type & (2 | 16)) return 'undelivered';
    if (type & (4 | 8)) return 'accepted';
    return null;
  }
  if (['delivrd', 'delivered', 'delivery_success', 'success', 'ok'].includes(word)) return 'delivered';
  if (
    [
      'undeliv',
      'undelivered',
      'undeliverable',
      'rejectd',
      'rejected',
      'expired',
      'deleted',
      'failed',
      'failure',
      'error',
      'unknown',
    ].includes(word)
  )
    return 'undelivered';
  if (['acceptd', 'accepted', 'enroute', 'sent', 'queued', 'buffered', 'pending'].includes(word))
    return 'accepted';
  return null;
}

/** The same message id as SMSCs write it: as given, and hex ↔ decimal (they differ between submit_sm_resp and receipts). */
export function providerIdCandidates(id: string): string[] {
  const out = new Set([id]);
  try {
    if (/^\d{1,30}$/.test(id)) {
      const hex = BigInt(id).toString(16);
      out.add(hex).add(hex.toUpperCase());
    }
    if (/^[0-9a-f]{1,25}$/i.test(id)) {
      out.add(BigInt(`0x${id}`).toString(10));
      out.add(id.toLowerCase()).add(id.toUpperCase());
    }
  } catch {
    // Not a number after all: the id as given is all there is.
  }
  return [...out];
}

/** Applies a receipt; false if no message matches it (yet). */
export function applyReceipt(
  db: Database,
  dialect: Dialect,
  clock: Clock,
  receipt: DeliveryReceipt,
): Promise<boolean> {
  const report = { state: receipt.state, error: receipt.error ?? null, now: clock.now().toISOString() };
  if (receipt.notificationId) return recordDeliveryById(db, dialect, receipt.notificationId, report);
  if (receipt.providerId)
    return recordDeliveryByProviderId(db, dialect, providerIdCandidates(receipt.providerId), report);
  return Promise.resolve(false);
}
