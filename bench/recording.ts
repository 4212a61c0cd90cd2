// A booth-like recording for the upload benchmarks: 1280×720 30 fps VP8 + Opus WebM at about 2.5 Mbit/s, written
// live (no duration, no cues) as Chromium's MediaRecorder writes it; made once by ffmpeg and cached in the temp dir.
import { picture, recipeSample, tone } from '../src/server/media/samples.js';

export const RECORDING_BITS_PER_SECOND = 2_500_000;

export function boothRecording(seconds: number): string {
  const name = `booth-720p-${seconds}s.webm`;
  process.stdout.write(`(the ${seconds} s 720p recording: made by ffmpeg once, then cached as ${name})\n`);
  return recipeSample(name, {
    // Noise keeps the encoder at its target rate, as a camera's picture does.
    inputs: [...picture('1280x720', 30, seconds, true), ...tone(seconds)],
    output: [
      ...['-c:v', 'libvpx', '-b:v', '2400k', '-minrate', '2400k', '-maxrate', '2400k', '-bufsize', '1200k'],
      ...['-deadline', 'realtime', '-cpu-used', '8', '-g', '60', '-c:a', 'libopus', '-b:a', '96k'],
      ...['-f', 'webm', '-live', '1', '-cluster_time_limit', '1000'],
    ],
  });
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
