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

/** The container the playback copy keeps: WebM stays WebM, anything MP4/QuickTime-like becomes MP4. */
export function playbackExtension(formatName: string): 'webm' | 'mp4' {
  return /matroska|webm/.test(formatName) ? 'webm' : 'mp4';
}
