// SMS drivers behind one interface. `log` (the default) only records the message: it is stored in the outbox
// and visible to admins, and written to the server log. `smpp` and `http` talk to real gateways.
import type { FastifyBaseLogger } from 'fastify';
import type { DeliveryState } from '../db/types.js';

export interface OutgoingSms {
  /** The outbox row's id: gateways that call back with it (an HTTP gateway's delivery report) use it. */
  id: string;
  /** E.164, with the plus. */
  to: string;
  text: string;
}

export interface SendResult {
  /** The gateway's ids, one per part it was sent in (SMPP with UDH: one per segment); first one shown to admins. */
  providerIds: string[];
}

/** What a gateway reports about a message it took. */
export interface DeliveryReceipt {
  /** The gateway's id of the message (or of one part of it). */
  providerId?: string;
  /** Our notification id, when the gateway calls back with it. */
  notificationId?: string;
  state: DeliveryState;
  /** Why it was not delivered, in the gateway's words (stat:UNDELIV err:001 …). */
  error?: string | null;
}

/** Hears receipts as they come; answers whether the message was known (else it is retried shortly). */
export type ReceiptHandler = (receipt: DeliveryReceipt) => Promise<boolean>;

/**
 * A send that did not go through. `permanent`: retrying cannot help (the gateway refused the number or the
 * message); otherwise the job retries with backoff.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface SmsDriver {
  readonly name: string;
  send(message: OutgoingSms): Promise<SendResult>;
  /** Connects before the first message (a worker at start), so receipts held by the gateway arrive. */
  open?(): void;
  /** Lets go of connections and timers; safe to call twice. */
  close?(): Promise<void>;
}

export class LogSmsDriver implements SmsDriver {
  readonly name = 'log';
  constructor(private readonly log?: FastifyBaseLogger) {}

  send(message: OutgoingSms): Promise<SendResult> {
    this.log?.info({ sms: { to: message.to, text: message.text, id: message.id } }, 'sms (log driver)');
    return Promise.resolve({ providerIds: [`log-${message.id}`] });
  }
}
