// The SMPP v3.4 driver: one bind_transceiver per process, kept up with enquire_link and re-bound with backoff when
// the link drops; submit_sm in GSM-7 or UCS-2, long messages as UDH parts or one message_payload; delivery
// receipts (deliver_sm) handed to the outbox.
import type { FastifyBaseLogger } from 'fastify';
import smpp, { type DecodedMessage, type PDU, type Session } from 'smpp';
import type { Config } from '../config.js';
import type { DeliveryState } from '../db/types.js';
import { countSegments, gsm7Septets, isGsm7, ucs2Bytes } from './segments.js';
import {
  SendError,
  type DeliveryReceipt,
  type OutgoingSms,
  type ReceiptHandler,
  type SendResult,
  type SmsDriver,
} from './sms.js';

export interface SmppOptions {
  url: string;
  systemId: string;
  password: string;
  systemType: string;
  sourceAddr: string;
  dataCoding: Config['SMPP_DATA_CODING'];
  longMessages: Config['SMPP_LONG_MESSAGES'];
  deliveryReceipts: boolean;
  enquireLinkMs: number;
  timeoutMs: number;
  reconnectMaxMs: number;
}

export function smppOptions(config: Config): SmppOptions {
  return {
    url: config.SMPP_URL,
    systemId: config.SMPP_SYSTEM_ID,
    password: config.SMPP_PASSWORD,
    systemType: config.SMPP_SYSTEM_TYPE,
    sourceAddr: config.SMPP_SOURCE_ADDR,
    dataCoding: config.SMPP_DATA_CODING,
    longMessages: config.SMPP_LONG_MESSAGES,
    deliveryReceipts: config.SMPP_DELIVERY_RECEIPTS,
    enquireLinkMs: config.SMPP_ENQUIRE_LINK_SECONDS * 1000,
    timeoutMs: config.SMPP_TIMEOUT_SECONDS * 1000,
    reconnectMaxMs: config.SMPP_RECONNECT_MAX_SECONDS * 1000,
  };
}

const DATA_CODING = { gsm: 0x00, ascii: 0x01, ucs2: 0x08 } as const;
const ESM_UDHI = 0x40;
const ESM_TYPE_MASK = 0x3c;
const ESM_DELIVERY_RECEIPT = 0x04;

/** Statuses after which the same submit_sm can never succeed: the number, sender or message is wrong. */
const PERMANENT_STATUSES = new Set(
  [
    'ESME_RINVMSGLEN',
    'ESME_RINVSRCADR',
    'ESME_RINVDSTADR',
    'ESME_RINVESMCLASS',
    'ESME_RINVSRCTON',
    'ESME_RINVSRCNPI',
    'ESME_RINVDSTTON',
    'ESME_RINVDSTNPI',
    'ESME_RINVREGDLVFLG',
    'ESME_RINVTLVSTREAM',
    'ESME_RTLVNOTALLWD',
    'ESME_RINVTLVLEN',
    'ESME_RMISSINGTLV',
    'ESME_RINVTLVVAL',
    'ESME_RINVDCS',
    'ESME_RPROHIBITED',
    'ESME_RINVSERTYP',
  ].map((name) => smpp.errors[name]),
);

const statusNames = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

export function statusName(code: number): string {
  return `${statusNames.get(code) ?? 'unknown status'} (0x${code.toString(16).padStart(8, '0')})`;
}

/** How a text goes out: its data_coding, and the bytes of a part of it. */
function encodingFor(text: string, preference: SmppOptions['dataCoding']) {
  const gsm = isGsm7(text);
  // IA5 carries 7-bit ASCII only; a GSM letter such as é or £ would arrive mangled, so such a text goes as UCS-2.
  if (preference === 'gsm' && gsm)
    return { dataCoding: DATA_CODING.gsm, bytes: gsm7Septets, force: undefined };
  if (preference === 'ascii' && gsm && /^[\x20-\x7e\n\r]*$/.test(text))
    return { dataCoding: DATA_CODING.ascii, bytes: (t: string) => Buffer.from(t, 'ascii'), force: undefined };
  return { dataCoding: DATA_CODING.ucs2, bytes: ucs2Bytes, force: 'ucs2' as const };
}

/** Numeric senders are international numbers; anything else is an alphanumeric sender name. */
function sourceAddress(source: string) {
  const numeric = /^\+?\d+$/.test(source);
  return {
    source_addr_ton: numeric ? 1 : 5,
    source_addr_npi: numeric ? 1 : 0,
    source_addr: numeric ? source.replace(/^\+/, '') : source,
  };
}

/**
 * The submit_sm PDUs for one message (pure). A text that fits one SMS is one PDU; a longer one is either N PDUs
 * whose short_message starts with a concatenation UDH (8-bit reference `ref`, N, i; esm_class UDHI), or a single
 * PDU that carries the whole text in message_payload and lets the SMSC split it.
 */
export function submitPdus(
  message: { to: string; text: string },
  options: Pick<SmppOptions, 'sourceAddr' | 'dataCoding' | 'longMessages' | 'deliveryReceipts'>,
  ref: number,
): Record<string, unknown>[] {
  const encoding = encodingFor(message.text, options.dataCoding);
  const { parts } = countSegments(message.text, encoding.force);
  const common = {
    service_type: '',
    ...sourceAddress(options.sourceAddr),
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: message.to.replace(/^\+/, ''),
    registered_delivery: options.deliveryReceipts ? 1 : 0,
    data_coding: encoding.dataCoding,
  };
  if (parts.length === 1) return [{ ...common, esm_class: 0, short_message: encoding.bytes(message.text) }];
  if (options.longMessages === 'payload')
    return [
      {
        ...common,
        esm_class: 0,
        short_message: Buffer.alloc(0),
        message_payload: encoding.bytes(message.text),
      },
    ];
  return parts.map((part, i) => ({
    ...common,
    esm_class: ESM_UDHI,
    short_message: Buffer.concat([
      Buffer.from([0x05, 0x00, 0x03, ref & 0xff, parts.length, i + 1]),
      encoding.bytes(part),
    ]),
  }));
}

/** message_state TLV values (SMPP 3.4 §5.3.2.35). */
const MESSAGE_STATES: Record<number, DeliveryState> = {
  1: 'accepted', // ENROUTE
  2: 'delivered',
  3: 'undelivered', // EXPIRED
  4: 'undelivered', // DELETED
  5: 'undelivered', // UNDELIVERABLE
  6: 'accepted',
  7: 'undelivered', // UNKNOWN
  8: 'undelivered', // REJECTED
};

/** The stat: words of a receipt's text (SMPP 3.4 Appendix B). */
const RECEIPT_STATS: Record<string, DeliveryState> = {
  DELIVRD: 'delivered',
  ACCEPTD: 'accepted',
  ENROUTE: 'accepted',
  EXPIRED: 'undelivered',
  DELETED: 'undelivered',
  UNDELIV: 'undelivered',
  UNKNOWN: 'undelivered',
  REJECTD: 'undelivered',
};

function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  const decoded = value as DecodedMessage | undefined;
  if (!decoded) return '';
  return typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('latin1');
}

/**
 * A delivery receipt from a deliver_sm: the receipted_message_id and message_state TLVs when present, else the
 * text "id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:000". Null for anything else (a reply).
 */
export function parseReceipt(pdu: Record<string, unknown>): DeliveryReceipt | null {
  const text = messageText(pdu.short_message) || messageText(pdu.message_payload);
  const isReceipt =
    ((Number(pdu.esm_class) || 0) & ESM_TYPE_MASK) === ESM_DELIVERY_RECEIPT ||
    typeof pdu.receipted_message_id === 'string';
  if (!isReceipt) return null;
  const field = (name: string) => new RegExp(`\\b${name}:(\\S+)`, 'i').exec(text)?.[1];
  const providerId =
    (typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id) || field('id');
  const stat = field('stat')?.toUpperCase();
  const messageState = typeof pdu.message_state === 'number' ? pdu.message_state : null;
  const state =
    (stat ? RECEIPT_STATS[stat] : undefined) ??
    (messageState === null ? undefined : MESSAGE_STATES[messageState]);
  if (!providerId || !state) return null;
  const err = field('err');
  return {
    providerId,
    state,
    error: state === 'undelivered' ? `stat:${stat ?? `state ${messageState}`} err:${err ?? '?'}` : null,
  };
}

interface Pending {
  reject(error: Error): void;
}

/** How often an unknown receipt is tried again (it may beat the write of the message id it answers). */
const RECEIPT_RETRIES = 5;
const RECEIPT_RETRY_MS = 1000;

export class SmppSmsDriver implements SmsDriver {
  readonly name = 'smpp';
  private session: Session | null = null;
  private bound = false;
  private closed = false;
  private failures = 0;
  private lastProblem = 'not connected yet';
  private ref = Math.floor(Math.random() * 256);
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private enquireDeadline: NodeJS.Timeout | null = null;
  private readonly waiters = new Set<(session: Session | null) => void>();
  private readonly pending = new Set<Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly options: SmppOptions,
    private readonly onReceipt: ReceiptHandler,
    private readonly log?: FastifyBaseLogger,
  ) {}

  open(): void {
    if (this.closed || this.session || this.reconnectTimer) return;
    this.connect();
  }

  async send(message: OutgoingSms): Promise<SendResult> {
    const session = await this.boundSession();
    this.ref = (this.ref + 1) & 0xff;
    const providerIds: string[] = [];
    for (const pdu of submitPdus(message, this.options, this.ref))
      providerIds.push(await this.submit(session, pdu));
    return { providerIds };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.stopEnquiring();
    this.failAll(new SendError('SMPP driver closed', false));
    for (const wake of this.waiters) wake(null);
    this.waiters.clear();
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => session.destroy(), this.options.timeoutMs);
      session.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (!this.bound || !session.unbind({}, () => session.close())) session.destroy();
    });
  }

  private connect(): void {
    const url = new URL(this.options.url);
    const tls = url.protocol === 'ssmpp:';
    const session = smpp.connect({
      host: url.hostname,
      port: url.port ? Number(url.port) : tls ? 3550 : 2775,
      tls,
    });
    this.session = session;
    const bindTimer = setTimeout(() => {
      this.lastProblem = `no bind_transceiver_resp within ${this.options.timeoutMs} ms`;
      session.destroy();
    }, this.options.timeoutMs);
    session.on(tls ? 'secureConnect' : 'connect', () => this.bind(session, bindTimer));
    session.on('error', (error: Error) => {
      this.lastProblem = error.message;
      this.log?.warn({ err: error }, 'smpp link error');
    });
    session.on('close', () => {
      clearTimeout(bindTimer);
      this.dropped(session);
    });
    session.on('deliver_sm', (pdu: PDU) => {
      session.send(pdu.response());
      const receipt = parseReceipt(pdu);
      if (receipt) this.deliverReceipt(receipt, 0);
      else
        this.log?.info({ from: pdu.source_addr }, 'smpp: an incoming message that is not a receipt, ignored');
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  }

  private bind(session: Session, bindTimer: NodeJS.Timeout): void {
    session.bind_transceiver(
      {
        system_id: this.options.systemId,
        password: this.options.password,
        system_type: this.options.systemType,
        interface_version: 0x34,
      },
      (pdu) => {
        clearTimeout(bindTimer);
        if (pdu.command_status !== 0) {
          this.lastProblem = `bind refused: ${statusName(pdu.command_status)}`;
          this.log?.error({ status: statusName(pdu.command_status) }, 'smpp bind refused');
          session.destroy();
          return;
        }
        this.bound = true;
        this.failures = 0;
        this.log?.info({ url: this.options.url }, 'smpp bound (transceiver)');
        this.startEnquiring(session);
        for (const wake of this.waiters) wake(session);
        this.waiters.clear();
      },
    );
  }

  /** The link is gone: fail what waited on it and try again later (sooner after a link that had worked). */
  private dropped(session: Session): void {
    if (this.session !== session) return;
    const wasBound = this.bound;
    this.session = null;
    this.bound = false;
    this.stopEnquiring();
    this.failAll(new SendError(`SMPP link dropped: ${this.lastProblem}`, false));
    if (this.closed) return;
    if (!wasBound) this.failures++;
    const delay = Math.min(this.options.reconnectMaxMs, 250 * 2 ** Math.min(this.failures, 16));
    this.log?.warn({ delay, problem: this.lastProblem }, 'smpp link down; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) this.connect();
    }, delay);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending) pending.reject(error);
    this.pending.clear();
  }

  /** The bound session, waiting up to the timeout for a link being (re)established. */
  private boundSession(): Promise<Session> {
    if (this.closed) return Promise.reject(new SendError('SMPP driver closed', false));
    if (this.session && this.bound) return Promise.resolve(this.session);
    this.open();
    return new Promise((resolve, reject) => {
      const wake = (session: Session | null) => {
        clearTimeout(timer);
        if (session) resolve(session);
        else reject(new SendError('SMPP driver closed', false));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new SendError(`SMSC not reachable: ${this.lastProblem}`, false));
      }, this.options.timeoutMs);
      this.waiters.add(wake);
    });
  }

  private submit(session: Session, pdu: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(entry);
        reject(new SendError(`no submit_sm_resp within ${this.options.timeoutMs} ms`, false));
      }, this.options.timeoutMs);
      this.pending.add(entry);
      const sent = session.submit_sm(pdu, (response) => {
        clearTimeout(timer);
        this.pending.delete(entry);
        const status = response.command_status;
        if (status === 0) resolve(String(response.message_id));
        else reject(new SendError(`SMSC refused: ${statusName(status)}`, PERMANENT_STATUSES.has(status)));
      });
      if (!sent) entry.reject(new SendError('SMPP link not writable', false));
    });
  }

  /** enquire_link on a timer; a link that does not answer within the timeout is dropped and re-established. */
  private startEnquiring(session: Session): void {
    this.stopEnquiring();
    this.enquireTimer = setInterval(() => {
      if (this.enquireDeadline) return; // the last one is still unanswered
      const answered = () => {
        if (this.enquireDeadline) clearTimeout(this.enquireDeadline);
        this.enquireDeadline = null;
      };
      this.enquireDeadline = setTimeout(() => {
        this.enquireDeadline = null;
        this.lastProblem = `no enquire_link_resp within ${this.options.timeoutMs} ms`;
        session.destroy();
      }, this.options.timeoutMs);
      if (!session.enquire_link({}, answered)) answered();
    }, this.options.enquireLinkMs);
  }

  private stopEnquiring(): void {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    if (this.enquireDeadline) clearTimeout(this.enquireDeadline);
    this.enquireTimer = null;
    this.enquireDeadline = null;
  }

  private deliverReceipt(receipt: DeliveryReceipt, attempt: number): void {
    this.onReceipt(receipt).then(
      (known) => {
        if (known || this.closed) return;
        if (attempt >= RECEIPT_RETRIES) {
          this.log?.warn({ receipt }, 'smpp receipt for an unknown message id');
          return;
        }
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.deliverReceipt(receipt, attempt + 1);
        }, RECEIPT_RETRY_MS);
        this.timers.add(timer);
      },
      (error: unknown) => this.log?.error({ err: error, receipt }, 'smpp receipt not recorded'),
    );
  }
}
