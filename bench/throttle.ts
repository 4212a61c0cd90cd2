// A throttling TCP proxy standing in for a booth's network link (this machine has no `tc netem`): every byte waits
// its turn on a link of the given rate, shared by all connections of the proxy, then the one-way delay; each
// direction is its own link. A new connection first waits one round trip, as a TCP handshake would.
import net from 'node:net';

export interface ThrottleOptions {
  target: { host: string; port: number };
  bitsPerSecond: number;
  /** One-way delay added in each direction. */
  delayMs: number;
  /** The address the proxy connects from, so that each emulated booth has its own address at the server. */
  localAddress?: string;
}

export interface ThrottleProxy {
  url: string;
  /** Connections accepted so far (a client that keeps its connection alive opens one). */
  connections(): number;
  close(): Promise<void>;
}

/** Bytes a direction may hold in flight before it stops reading: about what a socket's buffers would hold. */
const QUEUE_LIMIT = 256 * 1024;
const PIECE = 16 * 1024;

class Link {
  private busyUntil = 0;

  constructor(private readonly bitsPerSecond: number) {}

  /** When a piece of this size, handed over now, has left the sender (serialisation at the link's rate). */
  depart(bytes: number): number {
    const now = performance.now();
    this.busyUntil = Math.max(now, this.busyUntil) + (bytes * 8 * 1000) / this.bitsPerSecond;
    return this.busyUntil;
  }
}

/** One direction of one connection: pieces leave in order at the link's pace and arrive after the delay. */
function relay(from: net.Socket, to: net.Socket, link: Link, delayMs: number): void {
  const queue: { bytes: Buffer; at: number }[] = [];
  let queued = 0;
  let ended = false;
  let timer: NodeJS.Timeout | null = null;

  const deliver = () => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now + 0.5) {
      const piece = queue.shift()!;
      queued -= piece.bytes.length;
      if (!to.destroyed) to.write(piece.bytes);
    }
    if (queued < QUEUE_LIMIT / 2 && from.isPaused() && !from.destroyed) from.resume();
    if (queue.length > 0) schedule();
    else if (ended && !to.destroyed) to.end();
  };
  const schedule = () => {
    if (timer || queue.length === 0) return;
    timer = setTimeout(deliver, Math.max(0, queue[0]!.at - performance.now()));
  };

  from.on('data', (data: Buffer) => {
    for (let at = 0; at < data.length; at += PIECE) {
      const bytes = data.subarray(at, Math.min(data.length, at + PIECE));
      queue.push({ bytes, at: link.depart(bytes.length) + delayMs });
      queued += bytes.length;
    }
    if (queued >= QUEUE_LIMIT) from.pause();
    schedule();
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0 && !to.destroyed) to.end();
  });
}

export async function startThrottleProxy(options: ThrottleOptions): Promise<ThrottleProxy> {
  const up = new Link(options.bitsPerSecond);
  const down = new Link(options.bitsPerSecond);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    accepted += 1;
    const upstream = net.connect({
      host: options.target.host,
      port: options.target.port,
      localAddress: options.localAddress,
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pause();
    relay(client, upstream, up, options.delayMs);
    relay(upstream, client, down, options.delayMs);
    upstream.once('connect', () => {
      setTimeout(() => client.resume(), 2 * options.delayMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
