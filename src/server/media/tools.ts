// ffprobe/ffmpeg behind one small interface. The system binaries when present (Debian's ffmpeg), else the ones
// shipped in npm packages, so `npm install` is enough.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface ProbeResult {
  formatName: string;
  durationMs: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
}

export interface MediaTools {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  probe(file: string): Promise<ProbeResult>;
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
  }[];
}

/** Pure: ffprobe's JSON → what the pipeline needs to know. */
export function readProbe(raw: RawProbe): ProbeResult {
  const streams = raw.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
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
  };
}

export class MediaRejected extends Error {}

export function createMediaTools(config: { FFMPEG_PATH: string; FFPROBE_PATH: string }): MediaTools {
  const ffmpegPath = resolveBinary(config.FFMPEG_PATH, 'ffmpeg');
  const ffprobePath = resolveBinary(config.FFPROBE_PATH, 'ffprobe');
  const nice = onPath('nice');
  return {
    ffmpegPath,
    ffprobePath,
    probe(file) {
      return new Promise((resolve, reject) => {
        execFile(
          ffprobePath,
          ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
          { maxBuffer: 8 * 1024 * 1024, timeout: 60_000 },
          (error, stdout, stderr) => {
            if (error) {
              reject(new MediaRejected(stderr.trim().split('\n').pop() || 'ffprobe could not read the file'));
              return;
            }
            try {
              resolve(readProbe(JSON.parse(stdout) as RawProbe));
            } catch {
              reject(new MediaRejected('ffprobe gave no readable answer'));
            }
          },
        );
      });
    },
    ffmpeg(args) {
      const [command, argv] = nice ? [nice, ['-n', '10', ffmpegPath, ...args]] : [ffmpegPath, args];
      return new Promise((resolve, reject) => {
        const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
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
