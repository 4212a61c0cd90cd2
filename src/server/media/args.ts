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

/**
 * Pure: the filters that turn a picture stored on its side upright (`rotation`: the original's display rotation,
 * counter-clockwise, as ProbeResult gives it). The pipeline turns it itself, with ffmpeg's own turning off, because
 * the stream-copied source it works from (Matroska) drops the rotation tag in some ffmpeg versions and keeps it in
 * others: one explicit turn is right on both.
 */
export function rotationFilters(rotation: number): string[] {
  switch (rotation) {
    case 90:
      return ['transpose=cclock'];
    case 180:
      return ['hflip', 'vflip'];
    case 270:
      return ['transpose=clock'];
    default:
      return [];
  }
}

/** One frame as a JPEG poster, taken at `atSeconds` (a second in, or mid-way through a shorter clip). */
export function posterArgs(input: string, output: string, atSeconds: number, rotation = 0): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-ss',
    atSeconds.toFixed(2),
    '-noautorotate',
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    [...rotationFilters(rotation), "scale='min(1280,iw)':-2"].join(','),
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
  /** The original's display rotation (counter-clockwise degrees): the copy is turned upright. */
  rotation?: number;
}

/**
 * Pure: the playback copy every browser plays: H.264 (yuv420p) + AAC in MP4 with its index at the front.
 * The picture shrinks to at most `maxHeight`, never grows, and keeps its aspect ratio with even sides (x264's 4:2:0
 * needs them). Audio is always re-encoded: MediaRecorder gives Opus, which Safari does not play in MP4.
 */
export function transcodeArgs(options: TranscodeOptions): string[] {
  const { input, output, ffmpegVersion, maxHeight, preset, audioOnly, rotation = 0 } = options;
  const evenMax = Math.max(2, Math.floor(maxHeight / 2) * 2);
  const video = audioOnly
    ? ['-vn']
    : [
        '-map',
        '0:v:0',
        '-vf',
        [...rotationFilters(rotation), `scale=-2:'min(${evenMax},trunc(ih/2)*2)'`].join(','),
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
    '-noautorotate',
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
