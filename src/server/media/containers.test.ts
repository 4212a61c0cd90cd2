// The containers other browsers and phones record in, through the whole path: a tus upload with deferred length in
// chunks, the appeal registered, the job run — each becomes an H.264/AAC MP4 playback copy with a poster, the
// original kept untouched. Only Chromium runs here, so these are the files Safari, Firefox and phones write, made by
// ffmpeg in the same shape (see samples.ts), not the browsers themselves.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  firstOfficialId,
  submitUploaded,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../testing.js';
import type { Receipt } from '../../common/api.js';
import { findMedia } from './repository.js';
import { CONTAINER_SHAPES, containerSample, type ContainerShape } from './samples.js';

let ctx: TestContext;
let officialId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  officialId = await firstOfficialId(ctx.app);
});
afterAll(() => ctx.close());

interface Case {
  shape: ContainerShape;
  name: string;
  /** The source's container as ffprobe names it. */
  format: RegExp;
  codecs: [string, string];
  /** The playback copy's picture: upright as meant to be seen, at most 720 lines (PLAYBACK_MAX_HEIGHT). */
  size: [number, number];
}

const cases: Case[] = [
  {
    shape: 'safari-fmp4',
    name: "Safari's fragmented MP4 (H.264 + AAC)",
    format: /mp4/,
    codecs: ['h264', 'aac'],
    size: [640, 480],
  },
  {
    shape: 'firefox-webm',
    name: "Firefox's WebM (VP8 + Opus)",
    format: /webm/,
    codecs: ['vp8', 'opus'],
    size: [640, 480],
  },
  {
    shape: 'firefox-webm-live',
    name: "Firefox's WebM written live, without duration or cues",
    format: /webm/,
    codecs: ['vp8', 'opus'],
    size: [640, 480],
  },
  {
    shape: 'chrome-vp9-webm-live',
    name: "Chrome's VP9 + Opus WebM written live",
    format: /webm/,
    codecs: ['vp9', 'opus'],
    size: [640, 480],
  },
  {
    shape: 'phone-mov',
    name: "a phone's MOV (H.264 + AAC)",
    format: /mov/,
    codecs: ['h264', 'aac'],
    size: [1280, 720],
  },
  {
    shape: 'phone-mov-portrait',
    name: "a phone's MOV held upright (stored 1280×720, rotation tag 90°)",
    format: /mov/,
    codecs: ['h264', 'aac'],
    size: [406, 720],
  },
];

async function probeStored(key: string) {
  const local = await ctx.services.storage.localPath(key);
  try {
    return await ctx.services.media.probe(local.path);
  } finally {
    await local.release();
  }
}

describe(`recordings in other browsers' and phones' containers (${testDialect})`, () => {
  it.each(cases)('makes an H.264/AAC MP4 with a poster of $name', async (c) => {
    const file = containerSample(c.shape);
    const bytes = fs.readFileSync(file);
    const source = await ctx.services.media.probe(file);
    expect(source.formatName).toMatch(c.format);
    expect([source.videoCodec, source.audioCodec]).toEqual(c.codecs);

    const mime = CONTAINER_SHAPES[c.shape].mime;
    const id = await uploadRecording(ctx.app, bytes, 64 * 1024, mime);
    const res = await submitUploaded(ctx.app, id, officialId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>().videoComplete).toBe(true);
    await ctx.drain();

    const row = await findMedia(ctx.services.db, id);
    expect(row, 'the media row').toBeDefined();
    expect(row!.failure_reason).toBeNull();
    expect(row!.state).toBe('ready');
    expect(row!.mime_type).toBe(mime);
    expect(row!.duration_ms).toBeGreaterThan(2500);
    expect(row!.duration_ms).toBeLessThan(3600);

    const playback = await probeStored(row!.playback_key!);
    expect(playback.formatName).toContain('mp4');
    expect(playback).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
    expect([playback.width, playback.height]).toEqual(c.size);
    expect(playback.durationMs).toBeGreaterThan(2500);
    expect(playback.durationMs).toBeLessThan(3600);
    expect((await ctx.services.storage.stat(row!.poster_key!))?.size).toBeGreaterThan(1000);
    // The poster stands the same way as the copy.
    const poster = await probeStored(row!.poster_key!);
    expect(Math.sign(poster.width! - poster.height!)).toBe(Math.sign(c.size[0] - c.size[1]));

    expect(await ctx.services.storage.sha256(row!.original_key)).toBe(
      crypto.createHash('sha256').update(bytes).digest('hex'),
    );
  });
});
