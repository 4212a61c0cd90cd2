// The outbox as admins see it, and delivery reports from an HTTP SMS gateway's callback.
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import type { Notification } from '../../db/types.js';
import { Problem } from '../../errors.js';
import { listNotifications } from '../../notifications/repository.js';
import { applyReceipt, deliveryStateOf } from '../../notifications/receipts.js';
import { valueAtPath } from '../../notifications/http.js';
import { countSegments } from '../../notifications/segments.js';
import type { NotificationPage, NotificationView, ReportFields } from './schemas.js';

/** +77012345678 → +7701*****78; anna@example.kz → a***@example.kz. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient.slice(0, 1)}***${recipient.slice(at)}`;
  if (recipient.length <= 7) return '*'.repeat(recipient.length);
  return `${recipient.slice(0, 5)}${'*'.repeat(recipient.length - 7)}${recipient.slice(-2)}`;
}

function view(services: Services, row: Notification): NotificationView {
  // A live SMS code in an admin's screen would confirm any phone; with the log driver it is the only copy, so shown.
  const hideCode = row.template === 'code' && services.config.SMS_DRIVER !== 'log';
  return {
    id: row.id,
    channel: row.channel,
    recipient: maskRecipient(row.recipient),
    template: row.template,
    language: row.language,
    subject: row.subject,
    body: hideCode ? row.body.replace(/\d/g, '•') : row.body,
    segments: row.channel === 'sms' ? countSegments(row.body).segments : null,
    state: row.state,
    deliveryState: row.delivery_state,
    attempts: row.attempts,
    reason: row.last_error,
    driver: row.driver,
    providerId: row.provider_id,
    appealId: row.appeal_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
  };
}

const encodeCursor = (row: Notification) => Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | null {
  if (!cursor) return null;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
    throw new Problem('validation-failed', 'bad cursor');
  return { createdAt, id };
}

export async function notificationLog(
  services: Services,
  query: {
    state?: Notification['state'];
    channel?: Notification['channel'];
    limit?: number;
    cursor?: string;
  },
): Promise<NotificationPage> {
  const limit = query.limit ?? 50;
  const rows = await listNotifications(services.db, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    before: decodeCursor(query.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => view(services, row)),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest();

function scalar(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A gateway's delivery report: the token must be SMS_DLR_TOKEN; the message is ours by `id`, or the gateway's by
 * SMS_DLR_MESSAGE_ID_FIELD; the status (SMS_DLR_STATUS_FIELD) must be one we understand.
 */
export async function recordDeliveryReport(
  services: Services,
  token: string,
  fields: ReportFields,
): Promise<void> {
  const { config } = services;
  if (!config.SMS_DLR_TOKEN) throw new Problem('not-found');
  if (!crypto.timingSafeEqual(sha256(token), sha256(config.SMS_DLR_TOKEN))) {
    services.log.warn('sms delivery report with a wrong token');
    throw new Problem('forbidden');
  }
  const status = scalar(valueAtPath(fields, config.SMS_DLR_STATUS_FIELD));
  const state = status === null ? null : deliveryStateOf(status);
  if (!state)
    throw new Problem('validation-failed', `${config.SMS_DLR_STATUS_FIELD}: missing or not a known status`);
  const id = scalar(fields.id);
  const providerId = scalar(valueAtPath(fields, config.SMS_DLR_MESSAGE_ID_FIELD));
  if (id !== null && !UUID.test(id)) throw new Problem('validation-failed', 'id: not a notification id');
  if (id === null && providerId === null)
    throw new Problem('validation-failed', `id or ${config.SMS_DLR_MESSAGE_ID_FIELD} is required`);
  const known = await applyReceipt(services.db, services.dialect, services.clock, {
    ...(id !== null ? { notificationId: id } : { providerId: providerId ?? '' }),
    state,
    error: state === 'undelivered' ? `gateway status ${status}` : null,
  });
  if (!known) throw new Problem('notification-not-found');
}
