// Media samples for tests and benchmarks, made by the real ffmpeg and cached in the temp directory between runs, and a
// factory for the finished upload a sample becomes.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBinary } from './tools.js';
import type { MediaState } from '../../common/statuses.js';
import type { Services } from '../services.js';

const dir = path.join(os.tmpdir(), 'dialog-test-media');

export interface Recipe {
  /** ffmpeg arguments after the inputs: codecs and the like (the output path is added). */
  output: string[];
  inputs: string[];
}

export const lavfi = (graph: string) => ['-f', 'lavfi', '-i', graph];
export const picture = (size: string, rate: number, seconds: number, noise = false) =>
  lavfi(`testsrc2=size=${size}:rate=${rate}:duration=${seconds}${noise ? ',noise=alls=12:allf=t' : ''}`);
export const tone = (seconds: number) => lavfi(`sine=frequency=440:duration=${seconds}`);
const vp8 = (bitrate: string) => [
  '-c:v',
  'libvpx',
  '-b:v',
  bitrate,
  '-deadline',
  'realtime',
  '-cpu-used',
  '8',
];
const opus = ['-c:a', 'libopus', '-b:a', '48k'];

/** A recording as Chromium's MediaRecorder makes it: VP8 + Opus in WebM. */
export function recordingRecipe(
  size: string,
  seconds: number,
  options: { rate?: number; noise?: boolean } = {},
) {
  const rate = options.rate ?? 15;
  const width = Number(size.split('x')[0]);
  return {
    inputs: [...picture(size, rate, seconds, options.noise), ...tone(seconds)],
    output: [...vp8(width >= 1280 ? '2500k' : '300k'), ...opus, '-f', 'webm'],
  } satisfies Recipe;
}

const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const aac = ['-c:a', 'aac', '-b:a', '96k'];
const vp9 = ['-c:v', 'libvpx-vp9', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8'];

/** The recording shapes the browsers and phones we cannot run here hand us: what each writes, and the type it says. */
export type ContainerShape =
  | 'safari-fmp4'
  | 'firefox-webm'
  | 'firefox-webm-live'
  | 'chrome-vp9-webm-live'
  | 'phone-mov'
  | 'phone-mov-portrait';

type Shape = { mime: string; extension: string } & ({ recipe: Recipe } | { rotated: ContainerShape });

export const CONTAINER_SHAPES: Record<ContainerShape, Shape> = {
  // Safari's MediaRecorder: H.264 + AAC in fragmented MP4 (an empty moov up front, a moof per keyframe).
  'safari-fmp4': {
    mime: 'video/mp4',
    extension: 'mp4',
    recipe: {
      inputs: [...picture('640x480', 30, 3), ...tone(3)],
      output: [...h264, ...aac, '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4'],
    },
  },
  // Firefox: VP8 + Opus in WebM, as a finished file and as written live (no duration, no cues).
  'firefox-webm': { mime: 'video/webm', extension: 'webm', recipe: recordingRecipe('640x480', 3) },
  'firefox-webm-live': {
    mime: 'video/webm',
    extension: 'webm',
    recipe: {
      ...recordingRecipe('640x480', 3),
      output: [...recordingRecipe('640x480', 3).output, '-live', '1'],
    },
  },
  // Chrome's default when it offers VP9: VP9 + Opus in WebM written live, the codecs named in the type.
  'chrome-vp9-webm-live': {
    mime: 'video/webm;codecs=vp9,opus',
    extension: 'webm',
    recipe: {
      inputs: [...picture('640x480', 30, 3), ...tone(3)],
      output: [...vp9, ...opus, '-f', 'webm', '-live', '1'],
    },
  },
  // A phone's camera file picked for upload: H.264 + AAC in QuickTime, landscape and held upright (rotated 90°).
  'phone-mov': {
    mime: 'video/quicktime',
    extension: 'mov',
    recipe: { inputs: [...picture('1280x720', 30, 3), ...tone(3)], output: [...h264, ...aac, '-f', 'mov'] },
  },
  // ffmpeg writes the rotation tag only when it copies streams, so this one is the landscape file re-wrapped.
  'phone-mov-portrait': {
    mime: 'video/quicktime',
    extension: 'mov',
    rotated: 'phone-mov',
  },
};

/** A recording in the shape another browser or a phone makes (cached like the others). */
export function containerSample(shape: ContainerShape): string {
  const made = CONTAINER_SHAPES[shape];
  const name = `shape-${shape}.${made.extension}`;
  if ('recipe' in made) return recipeSample(name, made.recipe);
  return recipeSample(name, {
    inputs: ['-i', containerSample(made.rotated)],
    output: ['-map', '0', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', '-f', 'mov'],
  });
}

function make(name: string, write: (temp: string) => void): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    write(temp);
    fs.renameSync(temp, file);
  }
  return file;
}

function ffmpeg(recipe: Recipe, output: string): void {
  execFileSync(resolveBinary('', 'ffmpeg'), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...recipe.inputs,
    ...recipe.output,
    output,
  ]);
}

/** A sample made by ffmpeg from a recipe, under a name that caches it between runs. */
export function recipeSample(name: string, recipe: Recipe): string {
  return make(name, (temp) => ffmpeg(recipe, temp));
}

/** A short H.264/AAC MP4 with faststart, like the playback copy ffmpeg makes of an official's video answer. */
export function answerVideoSample(seconds = 3): string {
  return recipeSample(`answer-${seconds}s.mp4`, {
    inputs: [...picture('320x240', 15, seconds), ...tone(seconds)],
    output: [
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      ...['-movflags', '+faststart', '-shortest', '-f', 'mp4'],
    ],
  });
}

/** A poster frame (JPEG) for a video answer. */
export function answerPosterSample(): string {
  return recipeSample('answer-poster.jpg', {
    inputs: picture('320x240', 1, 1),
    output: ['-frames:v', '1', '-f', 'image2'],
  });
}

/** A VP8 + Opus WebM of the given picture size and length (like a booth's recording). */
export function recordingSample(
  size = '320x240',
  seconds = 3,
  options: { rate?: number; noise?: boolean } = {},
): string {
  const rate = options.rate ?? 15;
  return make(`rec-${size}-${seconds}s-${rate}fps${options.noise ? '-noise' : ''}.webm`, (temp) =>
    ffmpeg(recordingRecipe(size, seconds, options), temp),
  );
}

export type BadSample =
  | 'empty'
  | 'truncated'
  | 'audio-only'
  | 'picture'
  | 'wav'
  | 'mp3'
  | 'strip'
  | 'too-long'
  | 'too-long-live'
  | 'video-only';

/** The corpus of files a booth must refuse (or, for 'audio-only', accept only when marked as sound only). */
export function badSample(kind: BadSample): string {
  switch (kind) {
    case 'empty':
      return make('bad-empty.webm', (temp) => fs.writeFileSync(temp, Buffer.alloc(0)));
    case 'truncated': {
      // A WebM written to a seekable file declares its length up front: the first 30 % of it is a file cut short.
      const whole = recordingSample('320x240', 3);
      return make('bad-truncated.webm', (temp) => {
        const bytes = fs.readFileSync(whole);
        fs.writeFileSync(temp, bytes.subarray(0, Math.floor(bytes.length * 0.3)));
      });
    }
    case 'audio-only':
      return make('bad-audio-only.webm', (temp) =>
        ffmpeg({ inputs: tone(3), output: [...opus, '-f', 'webm'] }, temp),
      );
    case 'video-only':
      return make('bad-video-only.webm', (temp) =>
        ffmpeg({ inputs: picture('320x240', 15, 2), output: [...vp8('300k'), '-f', 'webm'] }, temp),
      );
    case 'picture':
      return make('bad-picture.png', (temp) =>
        ffmpeg(
          { inputs: picture('640x480', 1, 1), output: ['-frames:v', '1', '-f', 'image2', '-c:v', 'png'] },
          temp,
        ),
      );
    case 'wav':
      return make('bad-tone.wav', (temp) => ffmpeg({ inputs: tone(2), output: ['-f', 'wav'] }, temp));
    case 'mp3':
      return make('bad-tone.mp3', (temp) =>
        ffmpeg({ inputs: tone(2), output: ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'] }, temp),
      );
    case 'strip':
      return make('bad-strip-8000x16.webm', (temp) =>
        ffmpeg(
          {
            inputs: [...picture('8000x16', 5, 1), ...tone(1)],
            output: [...vp8('100k'), ...opus, '-f', 'webm'],
          },
          temp,
        ),
      );
    case 'too-long':
      // 30 s at one frame a second and 64×48: cheap to make, and three times a 10 s limit.
      return make('bad-too-long-30s.webm', (temp) =>
        ffmpeg(
          {
            inputs: [...picture('64x48', 1, 30), ...tone(30)],
            output: [...vp8('20k'), '-c:a', 'libopus', '-b:a', '16k', '-f', 'webm'],
          },
          temp,
        ),
      );
    case 'too-long-live':
      // The same, written the way MediaRecorder writes: no duration in the header, so only reading it tells.
      return make('bad-too-long-30s-live.webm', (temp) =>
        ffmpeg(
          {
            inputs: [...picture('64x48', 1, 30), ...tone(30)],
            output: [...vp8('20k'), '-c:a', 'libopus', '-b:a', '16k', '-f', 'webm', '-live', '1'],
          },
          temp,
        ),
      );
  }
}

/** A finished upload of `file` in the store with its media row, as the upload path leaves them. */
export async function storedUpload(
  services: Pick<Services, 'db' | 'storage' | 'clock'>,
  file: string,
  options: { audioOnly?: boolean; state?: MediaState } = {},
): Promise<string> {
  const id = crypto.randomBytes(16).toString('base64url');
  const key = `uploads/${id}`;
  const { size, sha256 } = await services.storage.put(key, fs.readFileSync(file));
  const now = services.clock.now().toISOString();
  await services.db
    .insertInto('media_files')
    .values({
      id,
      kind: 'appeal_video',
      state: options.state ?? 'uploaded',
      mime_type: 'video/webm',
      size_bytes: size,
      sha256,
      duration_ms: null,
      width: null,
      height: null,
      original_key: key,
      playback_key: null,
      poster_key: null,
      failure_reason: null,
      appeal_id: null,
      created_at: now,
      updated_at: now,
      owner: 'session:test',
      reservation_id: null,
      audio_only: options.audioOnly ? 1 : 0,
    })
    .execute();
  return id;
}
