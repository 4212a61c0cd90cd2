// A fake SMSC on loopback for tests, built with the smpp package's own server: it records every PDU it receives,
// answers binds, submits and enquire_links (or refuses as told), sends delivery receipts and can drop the link.
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

export interface FakeSmsc {
  readonly url: string;
  /** Every PDU received from clients, in order. */
  readonly pdus: PDU[];
  /** The submit_sm PDUs accepted, with the message id each was given. */
  readonly accepted: { pdu: PDU; messageId: string }[];
  /** The next submit_sm is answered with this command_status instead of ESME_ROK. */
  refuseNext(status: number): void;
  /** Answer the bind with this status (e.g. ESME_RINVPASWD) until told otherwise. */
  refuseBinds(status: number | null): void;
  /** Stop (or resume) answering enquire_link. */
  ignoreEnquireLinks(ignore: boolean): void;
  /** Sends a delivery receipt (deliver_sm) on the newest link; resolves with the client's deliver_sm_resp. */
  sendReceipt(messageId: string, stat: string, options?: { err?: string; tlv?: boolean }): Promise<PDU>;
  /** Sends an enquire_link to the client; resolves with its answer. */
  enquireLink(): Promise<PDU>;
  /** Cuts every link at once, as a crashed SMSC or a broken network would. */
  dropAll(): void;
  /** Resolves with the first PDU (already received or still to come) that matches, after `from` earlier ones. */
  waitFor(predicate: (pdu: PDU) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<PDU>;
  close(): Promise<void>;
}

export async function startFakeSmsc(): Promise<FakeSmsc> {
  const pdus: PDU[] = [];
  const accepted: { pdu: PDU; messageId: string }[] = [];
  const listeners = new Set<() => void>();
  let nextId = 0x1f4a0;
  let refusal: number | null = null;
  let bindRefusal: number | null = null;
  let ignoreEnquire = false;

  const server = smpp.createServer((session: Session) => {
    session.on('error', () => undefined); // a dropped link; the client's side is what the tests look at
    session.on('pdu', (pdu: PDU) => {
      if (pdu.isResponse()) return;
      pdus.push(pdu);
      for (const listener of listeners) listener();
    });
    session.on('bind_transceiver', (pdu: PDU) => {
      session.send(pdu.response({ command_status: bindRefusal ?? 0, system_id: 'fake-smsc' }));
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (refusal !== null) {
        session.send(pdu.response({ command_status: refusal }));
        refusal = null;
        return;
      }
      const messageId = (nextId++).toString(16).toUpperCase();
      accepted.push({ pdu, messageId });
      session.send(pdu.response({ message_id: messageId }));
    });
    session.on('enquire_link', (pdu: PDU) => {
      if (!ignoreEnquire) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const newest = (): Session => {
    const session = server.sessions[server.sessions.length - 1];
    if (!session) throw new Error('no client is connected to the fake SMSC');
    return session;
  };

  const request = (send: (session: Session, done: (pdu: PDU) => void) => void) =>
    new Promise<PDU>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the client did not answer')), 5000);
      send(newest(), (pdu) => {
        clearTimeout(timer);
        resolve(pdu);
      });
    });

  return {
    url: `smpp://127.0.0.1:${port}`,
    pdus,
    accepted,
    refuseNext: (status) => {
      refusal = status;
    },
    refuseBinds: (status) => {
      bindRefusal = status;
    },
    ignoreEnquireLinks: (ignore) => {
      ignoreEnquire = ignore;
    },
    sendReceipt: (messageId, stat, options = {}) =>
      request((session, done) => {
        const text =
          `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611180500 ` +
          `done date:2611180501 stat:${stat} err:${options.err ?? '000'} text:`;
        session.deliver_sm(
          {
            source_addr: '77010000000',
            destination_addr: 'Dialog',
            esm_class: 0x04,
            short_message: text,
            ...(options.tlv
              ? { receipted_message_id: messageId, message_state: stat === 'DELIVRD' ? 2 : 5 }
              : {}),
          },
          done,
        );
      }),
    enquireLink: () => request((session, done) => session.enquire_link({}, done)),
    dropAll: () => {
      for (const session of [...server.sessions]) session.destroy();
    },
    waitFor: (predicate, options = {}) =>
      new Promise<PDU>((resolve, reject) => {
        const check = () => {
          const found = pdus.slice(options.from ?? 0).find(predicate);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error('the fake SMSC did not receive the PDU it waited for'));
        }, options.timeoutMs ?? 10_000);
        listeners.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of [...server.sessions]) session.destroy();
        server.close(() => resolve());
      }),
  };
}
