// The real server for the upload benchmarks, run as `npm start` runs it (the CLI's start: API and in-process worker,
// SQLite, the demo directory) in a child process with its own data directory and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FetchLike } from '../src/web/ui/recorder/uploader.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface BenchServer {
  url: string;
  host: string;
  port: number;
  pid: number;
  dataDir: string;
  logFile: string;
  /** Resident memory now and the process's high-water mark so far, in bytes (from /proc). */
  memory(): { rss: number; hwm: number };
  /** Starts the high-water mark afresh from the current RSS, so that it tells the peak of what follows. */
  resetPeak(): void;
  stop(): Promise<void>;
}

function procStatus(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

export async function startServer(
  env: Record<string, string> = {},
  /** Extra node flags for the server, e.g. --cpu-prof when looking for where its time goes. */
  nodeArgs: string[] = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
): Promise<BenchServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-bench-server-'));
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'server.log');
  const log = fs.openSync(logFile, 'a');
  // node --import tsx rather than the tsx launcher, so that the pid we watch is the server itself.
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'src/server/cli.ts', 'start'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        HOST: '127.0.0.1',
        PORT: '0',
        ROLE: 'all',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', log],
      // Its own process group, so that stopping it also stops the ffmpeg its worker may be running.
      detached: true,
    },
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const started = new Promise<string>((resolve, reject) => {
    let out = '';
    const timeout = setTimeout(() => reject(new Error('server did not start within a minute')), 60_000);
    child.stdout!.on('data', (data: Buffer) => {
      fs.appendFileSync(logFile, data);
      out += data.toString();
      const m = /Kiosk:\s+(http:\/\/\S+)\/kiosk/.exec(out);
      if (m) {
        clearTimeout(timeout);
        resolve(m[1]!);
      }
    });
    void exit.then(() => {
      clearTimeout(timeout);
      reject(new Error(`server exited while starting: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`));
    });
  });
  let url: string;
  try {
    url = await started;
  } catch (error) {
    killGroup('SIGKILL');
    process.off('exit', onExit);
    fs.closeSync(log);
    fs.rmSync(base, { recursive: true, force: true });
    throw error;
  }
  const { hostname, port } = new URL(url);
  return {
    url,
    host: hostname,
    port: Number(port),
    pid: child.pid!,
    dataDir,
    logFile,
    memory: () => procStatus(child.pid!),
    resetPeak: () => fs.writeFileSync(`/proc/${child.pid!}/clear_refs`, '5'),
    stop: async () => {
      if (!exited) {
        killGroup('SIGTERM');
        const killer = setTimeout(() => killGroup('SIGKILL'), 10_000);
        await exit;
        clearTimeout(killer);
      }
      process.off('exit', onExit);
      fs.closeSync(log);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Node's fetch keeps no cookies; a booth's browser does (the HttpOnly uploader cookie ties uploads to it). */
export function cookieFetch(): FetchLike {
  const jar = new Map<string, string>();
  return async (url, init) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      if (at > 0) jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
