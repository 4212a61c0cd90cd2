// A booth-like recording for the upload benchmarks: 1280×720 30 fps VP8 + Opus WebM at about 2.5 Mbit/s, written
// live (no duration, no cues) as Chromium's MediaRecorder writes it; made once by ffmpeg and cached in the temp dir.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBinary } from '../src/server/media/tools.js';

export const RECORDING_BITS_PER_SECOND = 2_500_000;

export function boothRecording(seconds: number): string {
  const file = path.join(os.tmpdir(), `dialog-bench-booth-720p-${seconds}s.webm`);
  if (fs.existsSync(file)) return file;
  const temp = `${file}.${process.pid}.tmp.webm`;
  process.stdout.write(`(making a ${seconds} s 720p recording with ffmpeg, cached as ${file})\n`);
  execFileSync(resolveBinary('', 'ffmpeg'), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    // Noise keeps the encoder at its target rate, as a camera's picture does.
    '-i',
    `testsrc2=size=1280x720:rate=30:duration=${seconds},noise=alls=12:allf=t`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-c:v',
    'libvpx',
    '-b:v',
    '2400k',
    '-minrate',
    '2400k',
    '-maxrate',
    '2400k',
    '-bufsize',
    '1200k',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '60',
    '-c:a',
    'libopus',
    '-b:a',
    '96k',
    '-f',
    'webm',
    '-live',
    '1',
    '-cluster_time_limit',
    '1000',
    temp,
  ]);
  fs.renameSync(temp, file);
  return file;
}

/** The recording as the recorder hands it over: one chunk per second, cut at byte offsets proportional to time. */
export function secondChunks(bytes: Uint8Array, seconds: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < seconds; i++) {
    const start = Math.floor((bytes.byteLength * i) / seconds);
    const end = Math.floor((bytes.byteLength * (i + 1)) / seconds);
    chunks.push(bytes.subarray(start, end));
  }
  return chunks;
}
