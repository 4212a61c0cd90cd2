// ffprobe/ffmpeg behind one small interface. The system binaries when present (Debian's ffmpeg), else the ones
// shipped in npm packages, so `npm install` is enough.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseFfmpegVersion, type FfmpegVersion } from './args.js';

export interface ProbeResult {
  formatName: string;
  durationMs: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  /** What ffprobe said about a file cut short or corrupt ("File ended prematurely"), or null. */
  damage: string | null;
  /**
   * The picture's display rotation in degrees counter-clockwise (0, 90, 180, 270), as a phone's camera file
   * declares it: stored landscape, meant to be seen upright. `width` and `height` are the stored ones.
   */
  rotation: number;
}

export interface MediaTools {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  probe(file: string): Promise<ProbeResult>;
  /** The ffmpeg release, learned once from `ffmpeg -version` (null if it cannot be told). */
  ffmpegVersion(): Promise<FfmpegVersion | null>;
  /** Runs ffmpeg (under `nice`) with the given arguments; rejects with ffmpeg's last words on failure. */
  ffmpeg(args: string[]): Promise<void>;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function shipped(pkg: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    const mod = require(pkg) as { path?: string };
    return mod.path ?? null;
  } catch {
    return null;
  }
}

/** The ffmpeg and ffprobe processes running now, so a worker that stops can end them (and leave no orphans). */
const running = new Set<ChildProcess>();

function tracked<C extends ChildProcess>(child: C): C {
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Kills (SIGKILL) every ffmpeg/ffprobe this process started that is still running; returns their pids. */
export function killMediaChildren(): number[] {
  const pids: number[] = [];
  for (const child of running) {
    if (child.pid !== undefined && child.kill('SIGKILL')) pids.push(child.pid);
    running.delete(child);
  }
  return pids;
}

export function resolveBinary(configured: string, name: 'ffmpeg' | 'ffprobe'): string {
  if (configured) return configured;
  const found =
    onPath(name) ?? shipped(name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe');
  if (!found) throw new Error(`${name} not found: install it or set ${name.toUpperCase()}_PATH`);
  return found;
}

interface RawProbe {
  format?: { format_name?: string; duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    duration?: string;
    disposition?: { attached_pic?: number };
    side_data_list?: { side_data_type?: string; rotation?: number }[];
  }[];
}

/** ffprobe's words for a file that was cut short or is corrupt inside; other warnings are harmless. */
const DAMAGE =
  /ended prematurely|partial file|truncat|invalid data|corrupt|exceeds containing master element/i;

/** Pure: the first line of ffprobe's warnings that says the file is damaged, without the file's path. */
export function readDamage(stderr: string, file = ''): string | null {
  const line = stderr.split('\n').find((l) => DAMAGE.test(l));
  if (!line) return null;
  return line
    .replace(/^\[[^\]]*\]\s*/, '')
    .replaceAll(file || '\0', 'file')
    .trim()
    .slice(0, 200);
}

/** Pure: a display matrix's rotation (ffprobe gives it counter-clockwise, maybe negative) as 0, 90, 180 or 270. */
export function quarterTurns(rotation: number | undefined): number {
  if (typeof rotation !== 'number' || !Number.isFinite(rotation)) return 0;
  return (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
}

/** Pure: ffprobe's JSON (and its warnings) → what the pipeline needs to know. */
export function readProbe(raw: RawProbe, stderr = '', file = ''): ProbeResult {
  const streams = raw.streams ?? [];
  // An MP3's cover art is a "video" stream of one picture, not a camera.
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const seconds = Number(raw.format?.duration ?? video?.duration ?? audio?.duration);
  return {
    formatName: raw.format?.format_name ?? '',
    durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
    hasVideo: Boolean(video),
    hasAudio: Boolean(audio),
    width: video?.width ?? null,
    height: video?.height ?? null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    damage: readDamage(stderr, file),
    rotation: quarterTurns(
      video?.side_data_list?.find((d) => d.side_data_type === 'Display Matrix')?.rotation,
    ),
  };
}

/** ffprobe's last words without the server's file path, for a reason a person can read. */
function probeFailure(stderr: string, file: string): string {
  const last = stderr.trim().split('\n').pop()?.replaceAll(`${file}: `, '').replaceAll(file, 'file').trim();
  return `not a recording ffprobe can read${last ? ` (${last.slice(0, 200)})` : ''}`;
}

export class MediaRejected extends Error {}

/** Pure: from packet times near a file's declared end (`pts,duration` lines), whether the end is really there. */
export function readEnd(csv: string, declaredMs: number): string | null {
  let endMs = 0;
  for (const line of csv.split('\n')) {
    const [pts, duration] = line.split(',').map(Number);
    if (pts === undefined || !Number.isFinite(pts)) continue;
    endMs = Math.max(endMs, (pts + (Number.isFinite(duration) ? (duration ?? 0) : 0)) * 1000);
  }
  // The container's duration and the last packet's end differ by a frame or an audio packet, never by seconds.
  if (declaredMs - endMs <= 1500) return null;
  return `the file declares ${(declaredMs / 1000).toFixed(1)} s but holds ${(endMs / 1000).toFixed(1)} s`;
}

function runProbe(
  ffprobe: string,
  file: string,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      ffprobe,
      ['-v', 'warning', ...args, file],
      { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        // A hung or missing ffprobe is ours to fix (retried); a file it cannot read is the recording's fault.
        const ours = error.killed || (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          ours
            ? new Error(`ffprobe failed: ${error.message}`)
            : new MediaRejected(probeFailure(stderr, file)),
        );
      },
    );
    tracked(child);
  });
}

export function createMediaTools(config: { FFMPEG_PATH: string; FFPROBE_PATH: string }): MediaTools {
  const ffmpegPath = resolveBinary(config.FFMPEG_PATH, 'ffmpeg');
  const ffprobePath = resolveBinary(config.FFPROBE_PATH, 'ffprobe');
  const nice = onPath('nice');
  let version: Promise<FfmpegVersion | null> | null = null;
  return {
    ffmpegPath,
    ffprobePath,
    async probe(file) {
      // Warnings, not just errors: a file cut short is only a warning ("File ended prematurely").
      const head = await runProbe(ffprobePath, file, [
        '-print_format',
        'json',
        '-show_format',
        '-show_streams',
      ]);
      let probe: ProbeResult;
      try {
        probe = readProbe(JSON.parse(head.stdout) as RawProbe, head.stderr, file);
      } catch {
        throw new MediaRejected('ffprobe gave no readable answer');
      }
      if (probe.damage || probe.durationMs === null) return probe;
      // A file that declares its length (written to a seekable file) is read near that end: a file cut short has
      // nothing there. Packets only, no decoding: a few tens of milliseconds. MediaRecorder's files declare none.
      const from = Math.max(0, probe.durationMs / 1000 - 2).toFixed(3);
      const tail = await runProbe(ffprobePath, file, [
        '-read_intervals',
        // An open end ("from%") reads nothing on some ffprobe builds (the npm-shipped one): a packet count always works.
        `${from}%+#1000000`,
        '-show_entries',
        'packet=pts_time,duration_time',
        '-of',
        'csv=p=0',
      ]);
      return { ...probe, damage: readDamage(tail.stderr, file) ?? readEnd(tail.stdout, probe.durationMs) };
    },
    ffmpegVersion() {
      version ??= new Promise((resolve) => {
        execFile(ffmpegPath, ['-version'], { timeout: 30_000 }, (error, stdout) => {
          resolve(error ? null : parseFfmpegVersion(stdout));
        });
      });
      return version;
    },
    ffmpeg(args) {
      const [command, argv] = nice ? [nice, ['-n', '10', ffmpegPath, ...args]] : [ffmpegPath, args];
      return new Promise((resolve, reject) => {
        const child = tracked(spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] }));
        let tail = '';
        child.stderr.on('data', (chunk: Buffer) => {
          tail = (tail + chunk.toString()).slice(-2000);
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) resolve();
          else reject(new Error(`ffmpeg exited ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`));
        });
      });
    },
  };
}
