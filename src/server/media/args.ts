// Pure ffmpeg argument builders for the pipeline, so they are tested as tables.

/** Stream-copy remux: gives a MediaRecorder WebM its duration and cues; MP4 gets its index at the front. */
export function remuxArgs(input: string, output: string): string[] {
  const faststart = output.endsWith('.mp4') ? ['-movflags', '+faststart'] : [];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-fflags',
    '+genpts',
    '-i',
    input,
    '-map',
    '0',
    '-c',
    'copy',
    ...faststart,
    output,
  ];
}

/** One frame as a JPEG poster, taken at `atSeconds` (a second in, or mid-way through a shorter clip). */
export function posterArgs(input: string, output: string, atSeconds: number): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-ss',
    atSeconds.toFixed(2),
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    "scale='min(1280,iw)':-2",
    '-q:v',
    '4',
    output,
  ];
}

export function posterTime(durationMs: number | null): number {
  if (!durationMs) return 0;
  return Math.min(1, durationMs / 2000);
}

export interface FfmpegVersion {
  major: number;
  minor: number;
}

/**
 * Pure: the version in `ffmpeg -version`. Release builds say "ffmpeg version 5.1.9-…"; git snapshots (the npm-shipped
 * static build says "N-47683-g0e8eb07980") do not, so their libavcodec major tells the release line instead.
 */
export function parseFfmpegVersion(text: string): FfmpegVersion | null {
  const release = /ffmpeg version n?(\d+)\.(\d+)/i.exec(text);
  if (release) return { major: Number(release[1]), minor: Number(release[2]) };
  const codec = /libavcodec\s+(\d+)\.\s*(\d+)/.exec(text);
  if (!codec) return null;
  const major = Number(codec[1]);
  const minor = Number(codec[2]);
  // libavcodec 58 shipped with ffmpeg 4.x, 59 with 5.x (59.37 is 5.1), 60 with 6.x, and so on.
  if (major < 58) return { major: 3, minor: 0 };
  if (major === 58) return { major: 4, minor: 0 };
  if (major === 59) return { major: 5, minor: minor >= 37 ? 1 : 0 };
  return { major: major - 54, minor: 0 };
}

/** `-fps_mode` arrived in ffmpeg 5.1; older ones only know `-vsync`. Unknown versions get the old, safe flag. */
export function variableFrameRateArgs(version: FfmpegVersion | null): string[] {
  const modern = version !== null && (version.major > 5 || (version.major === 5 && version.minor >= 1));
  return modern ? ['-fps_mode', 'vfr'] : ['-vsync', 'vfr'];
}

export const PLAYBACK_CRF = 23;
export const PLAYBACK_AUDIO_BITRATE = '128k';

export interface TranscodeOptions {
  input: string;
  output: string;
  ffmpegVersion: FfmpegVersion | null;
  /** The playback copy's largest picture height; smaller pictures keep their size. */
  maxHeight: number;
  /** x264 preset (PLAYBACK_PRESET). */
  preset: string;
  /** The camera failed and the person went on with sound only: AAC in MP4, no picture. */
  audioOnly: boolean;
}

/**
 * Pure: the playback copy every browser plays: H.264 (yuv420p) + AAC in MP4 with its index at the front.
 * The picture shrinks to at most `maxHeight`, never grows, and keeps its aspect ratio with even sides (x264's 4:2:0
 * needs them). Audio is always re-encoded: MediaRecorder gives Opus, which Safari does not play in MP4.
 */
export function transcodeArgs(options: TranscodeOptions): string[] {
  const { input, output, ffmpegVersion, maxHeight, preset, audioOnly } = options;
  const evenMax = Math.max(2, Math.floor(maxHeight / 2) * 2);
  const video = audioOnly
    ? ['-vn']
    : [
        '-map',
        '0:v:0',
        '-vf',
        `scale=-2:'min(${evenMax},trunc(ih/2)*2)'`,
        '-c:v',
        'libx264',
        '-preset',
        preset,
        '-crf',
        String(PLAYBACK_CRF),
        '-pix_fmt',
        'yuv420p',
        ...variableFrameRateArgs(ffmpegVersion),
      ];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    input,
    ...video,
    '-map',
    '0:a:0',
    '-c:a',
    'aac',
    '-b:a',
    PLAYBACK_AUDIO_BITRATE,
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}
