// An official's photo: the type told by the bytes (JPEG, PNG, WebP), never by a name or a header, then re-encoded by
// ffmpeg into a JPEG portrait of one fixed size. Re-encoding keeps only the picture: EXIF (GPS, camera, dates), ICC
// profiles and comments are gone, and a file crafted to exploit an image decoder never reaches a browser.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH } from '../../../common/directory.js';
import type { ProblemSlug } from '../../../common/problems.js';
import { Problem } from '../../errors.js';
import type { MediaTools } from '../../media/tools.js';

export type PhotoType = 'jpeg' | 'png' | 'webp';

/** Pure: what the first bytes say the image is, or null for anything else. */
export function sniffImage(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/** A picture larger than this on either side is refused before decoding (a "decompression bomb"). */
const MAX_SIDE = 12_000;

/** Pure: ffmpeg's arguments for one picture through `filter`, written by `codec` (and its options), without metadata. */
export function stillImageArgs(input: string, output: string, filter: string, codec: string[]): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    input,
    '-map',
    '0:v:0',
    '-frames:v',
    '1',
    '-vf',
    filter,
    '-map_metadata',
    '-1',
    '-c:v',
    ...codec,
    '-f',
    'image2',
    output,
  ];
}

/** Pure: ffmpeg's arguments for a centred, cover-scaled portrait JPEG without any metadata. */
export function portraitArgs(input: string, output: string): string[] {
  return stillImageArgs(
    input,
    output,
    `scale=${PORTRAIT_WIDTH}:${PORTRAIT_HEIGHT}:force_original_aspect_ratio=increase,` +
      `crop=${PORTRAIT_WIDTH}:${PORTRAIT_HEIGHT},format=yuvj420p`,
    ['mjpeg', '-q:v', '3'],
  );
}

/** How one kind of picture is re-encoded: the types accepted, ffmpeg's arguments, the problem for a bad file. */
export interface ImageRecipe {
  accept: readonly PhotoType[];
  /** The output type for an input type (ffmpeg picks the encoder from the arguments). */
  output(input: PhotoType): PhotoType;
  args(input: string, output: string, type: PhotoType): string[];
  invalid: ProblemSlug;
}

const PORTRAIT: ImageRecipe = {
  accept: ['jpeg', 'png', 'webp'],
  output: () => 'jpeg',
  args: (input, output) => portraitArgs(input, output),
  invalid: 'photo-not-an-image',
};

/** The picture re-encoded by the recipe; its 422 problem when the bytes are not an accepted type ffmpeg can decode. */
export async function reencodeImage(media: MediaTools, bytes: Buffer, recipe: ImageRecipe): Promise<Buffer> {
  const type = sniffImage(bytes);
  const names = recipe.accept.map((t) => (t === 'webp' ? 'WebP' : t.toUpperCase())).join(', ');
  if (!type || !recipe.accept.includes(type))
    throw new Problem(recipe.invalid, `Only ${names} pictures are accepted.`);
  const unreadable = () => new Problem(recipe.invalid, 'The picture cannot be read.');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialog-photo-'));
  try {
    const input = path.join(dir, `in-${crypto.randomUUID()}.${type}`);
    const outType = recipe.output(type);
    const output = path.join(dir, `out.${outType === 'jpeg' ? 'jpg' : outType}`);
    await fs.writeFile(input, bytes);
    let size: { width: number | null; height: number | null };
    try {
      size = await media.probe(input);
    } catch {
      throw unreadable();
    }
    if (!size.width || !size.height) throw unreadable();
    if (size.width > MAX_SIDE || size.height > MAX_SIDE)
      throw new Problem(recipe.invalid, `The picture is larger than ${MAX_SIDE} pixels on a side.`);
    try {
      await media.ffmpeg(recipe.args(input, output, type));
    } catch {
      throw new Problem(recipe.invalid, 'The picture cannot be decoded.');
    }
    const out = await fs.readFile(output);
    if (sniffImage(out) !== outType) throw new Problem(recipe.invalid, 'The picture cannot be decoded.');
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The portrait as JPEG bytes; 422 photo-not-an-image when the bytes are not a JPEG, PNG or WebP ffmpeg can decode. */
export const encodePortrait = (media: MediaTools, bytes: Buffer): Promise<Buffer> =>
  reencodeImage(media, bytes, PORTRAIT);
