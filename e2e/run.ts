// End-to-end runner: fake camera files → fresh build if needed → server on a free port → Chromium → journeys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { JourneyContext } from './helpers.js';
import { journeys } from './journey.e2e.js';
import { mediaJourneys } from './media.e2e.js';
import { soundJourneys } from './sound.e2e.js';
import { publicJourneys } from './public.e2e.js';
import { receptionJourneys } from './reception.e2e.js';
import { authJourneys } from './auth.e2e.js';
import { notificationJourneys } from './notifications.e2e.js';
import { adminJourneys } from './admin.e2e.js';
import { answerJourneys } from './answers.e2e.js';
import { deadlineJourneys } from './deadlines.e2e.js';
import { inboxJourneys } from './inbox.e2e.js';
import { adminDirectoryJourneys } from './admin-directory.e2e.js';
import { handlingJourneys } from './handling.e2e.js';
import { statsJourneys } from './stats.e2e.js';
import { open311Journeys } from './open311.e2e.js';
import { privacyJourneys } from './privacy.e2e.js';
import { settingsJourneys } from './settings.e2e.js';
import { oversightJourneys } from './oversight.e2e.js';

const ROOT = resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], cwd = ROOT): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForServer(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/api/settings`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${log()}`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const temp = mkdtempSync(join(tmpdir(), 'dialog-e2e-'));
  const video = join(temp, 'cam.y4m');
  const audio = join(temp, 'cam.wav');
  let server: ChildProcess | null = null;
  let context: BrowserContext | null = null;
  const extra: BrowserContext[] = [];
  let passed = 0;
  let failed = 0;
  try {
    run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x480:rate=30',
      '-t',
      '20',
      '-pix_fmt',
      'yuv420p',
      video,
    ]);
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=20', audio]);

    const dist = join(ROOT, 'dist/web/kiosk/index.html');
    if (!existsSync(dist) || statSync(dist).mtimeMs < newestMtime(join(ROOT, 'src/web'))) {
      console.log('e2e: building the web apps');
      run('npx', ['vite', 'build']);
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let output = '';
    server = spawn('npx', ['tsx', 'src/server/cli.ts', 'start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: join(temp, 'data'),
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        // The booth's full journey, as in production: the phone is confirmed by an SMS code.
        SMS_CODE_REQUIRED: 'true',
        SMS_CODE_MAX_PER_HOUR: '100',
        // The journeys sign in to the office many times a minute from one address (the lockout journey alone 6).
        LOGIN_RATE_PER_MINUTE: '60',
        RECEIPT_AUTO_PRINT: 'false',
        PUBLIC_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForServer(base, server, () => output.slice(-4000));
    // Every app's page carries the policy the journeys then run under (watchPolicy fails one on a refusal).
    for (const app of ['/', '/kiosk', '/office']) {
      const policy = (await fetch(base + app)).headers.get('content-security-policy') ?? '';
      if (!policy.includes("script-src 'self'") || policy.includes('unsafe-inline'))
        throw new Error(`${app} is served without the apps' Content-Security-Policy: "${policy}"`);
    }

    const fakeMedia = [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--use-file-for-fake-video-capture=${video}`,
      `--use-file-for-fake-audio-capture=${audio}`,
    ];
    // Without --use-fake-ui-for-media-stream nobody answers the permission prompt: Chromium refuses the camera.
    const launchWithoutCamera = async () => {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: fakeMedia,
      });
      const created = await browser.newContext();
      watchPolicy(created);
      created.on('close', () => void browser.close());
      extra.push(created);
      return created;
    };
    context = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...fakeMedia, '--use-fake-ui-for-media-stream'],
    });
    watchPolicy(context);
    const ctx: JourneyContext = {
      context,
      base,
      database: join(temp, 'data', 'dialog.sqlite'),
      launchWithoutCamera,
    };

    // E2E_ONLY=<regular expression> runs the journeys whose names match (while working on one).
    const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
    for (const [name, journey] of [
      ...journeys,
      ...mediaJourneys,
      ...soundJourneys,
      ...publicJourneys,
      ...receptionJourneys,
      ...authJourneys,
      ...notificationJourneys,
      ...adminJourneys,
      ...answerJourneys,
      ...deadlineJourneys,
      ...inboxJourneys,
      ...adminDirectoryJourneys,
      ...handlingJourneys,
      ...statsJourneys,
      ...open311Journeys,
      ...privacyJourneys,
      ...settingsJourneys,
      ...oversightJourneys,
    ]) {
      if (only && !only.test(name)) continue;
      const t0 = Date.now();
      try {
        violations.length = 0;
        await journey(ctx);
        // The apps must run under their Content-Security-Policy (no inline script or style): Chromium reports what it
        // refused on the console, and any refusal fails the journey.
        if (violations.length > 0)
          throw new Error(`Content-Security-Policy refused:\n  ${[...new Set(violations)].join('\n  ')}`);
        passed += 1;
        console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.log(
          `FAIL ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (process.env.E2E_SERVER_LOG) console.log(output.slice(-4000));
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL setup: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await context?.close().catch(() => undefined);
    for (const c of extra) await c.close().catch(() => undefined);
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(temp, { recursive: true, force: true });
  }
  console.log(`e2e: took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** What the pages' Content-Security-Policy refused during the current journey. */
const violations: string[] = [];

function watchPolicy(context: BrowserContext): void {
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(`${message.location().url}: ${message.text()}`);
  });
}

process.exitCode = await main();
