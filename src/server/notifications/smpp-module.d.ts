// The part of the `smpp` package (0.5.x, no types of its own) that the SMPP driver and its test SMSC use.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded short_message / message_payload: the UDH's information elements, if any, and the text. */
  export interface DecodedMessage {
    udh?: Buffer[];
    message: string | Buffer;
  }

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    /** Every other field of the PDU, by its SMPP name (system_id, data_coding, short_message …). */
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  type Callback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    send(pdu: PDU, responseCallback?: Callback, sendCallback?: Callback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    enquire_link(options?: Record<string, unknown>, responseCallback?: Callback): boolean;
    unbind(options?: Record<string, unknown>, responseCallback?: Callback): boolean;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  export interface ConnectOptions {
    url?: string;
    host?: string;
    port?: number;
    tls?: boolean;
  }

  interface Smpp {
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(listener: (session: Session) => void): Server;
    /** ESME_ROK, ESME_RINVDSTADR … → command_status. */
    readonly errors: Readonly<Record<string, number>>;
  }

  const smpp: Smpp;
  export default smpp;
}
