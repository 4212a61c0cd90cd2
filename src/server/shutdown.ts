// Stopping on SIGTERM/SIGINT without losing work: the API stops accepting at once and lets in-flight requests (an
// upload's current chunk) finish, the worker claims nothing more and finishes or releases its job, then exit 0.
// SHUTDOWN_GRACE_SECONDS bounds it; a second signal exits at once. docs/operations.md tells operators.
import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WorkerHandle } from './jobs/worker.js';
import { killMediaChildren } from './media/tools.js';

let shuttingDown = false;

/** From the first signal on: /readyz answers 503 "shutting down", so a balancer sends nothing more. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

interface OpenRequest {
  method: string;
  url: string;
  since: number;
}

/** Follows the requests a server is answering, so a stop can let them finish and name the ones it had to cut. */
function trackRequests(server: Server) {
  const open = new Map<ServerResponse, OpenRequest>();
  server.on('request', (req, res: ServerResponse) => {
    open.set(res, { method: req.method ?? '', url: req.url ?? '', since: Date.now() });
    res.once('close', () => open.delete(res));
  });
  return {
    /** Each response still being made closes its connection once sent, so no keep-alive holds the stop up. */
    closeConnectionsAfter(): void {
      for (const res of open.keys()) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    list(): { method: string; url: string; seconds: number }[] {
      return [...open.values()].map((r) => ({
        method: r.method,
        // The path only: a query string may hold what a log should not.
        url: r.url.split('?')[0] ?? '',
        seconds: Math.round((Date.now() - r.since) / 100) / 10,
      }));
    },
  };
}

export interface ShutdownParts {
  log: Logger;
  graceSeconds: number;
  /** The API, if this process serves one. */
  api: { server: Server; close(): Promise<void> } | null;
  worker: () => WorkerHandle | null;
  /** Closes what is left (gateways, database) once requests and jobs are done. */
  finish(): Promise<void>;
}

/** Installs the SIGTERM/SIGINT handlers. Call it before the API listens, so every request is followed. */
export function handleShutdownSignals(parts: ShutdownParts): void {
  const { log } = parts;
  const graceMs = parts.graceSeconds * 1000;
  const requests = parts.api ? trackRequests(parts.api.server) : null;

  const stop = async (signal: string): Promise<number> => {
    log.info(
      { signal, graceSeconds: parts.graceSeconds },
      'shutting down: no new connections; finishing requests and the running job (a second signal exits now)',
    );
    requests?.closeConnectionsAfter();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), graceMs);
    });
    const api = parts.api
      ? Promise.race([parts.api.close().then(() => 'closed' as const), deadline])
      : ('closed' as const);
    const [apiEnd] = await Promise.all([api, parts.worker()?.stop(graceMs)]);
    clearTimeout(timer);
    if (apiEnd === 'deadline') {
      log.error(
        { open: requests?.list() ?? [] },
        'shutdown grace ran out with requests still open: exiting without them',
      );
      return 1;
    }
    await parts.finish();
    log.info('stopped');
    return 0;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.warn({ signal, killed: killMediaChildren() }, 'second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    // Whatever hangs in closing the rest (a gateway, the database) cannot keep the process past the grace for long.
    setTimeout(() => {
      log.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, graceMs + 5000).unref();
    stop(signal).then(
      (code) => process.exit(code),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
