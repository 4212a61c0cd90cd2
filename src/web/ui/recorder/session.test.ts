// The recording's format and its upload's creation metadata: a camera stream records video, a microphone alone
// (the camera failed and the person chose to go on) records an audio type and declares `audioOnly`.
import { describe, expect, it } from 'vitest';
import { isAcceptedRecordingType } from '../../../server/modules/uploads/service.js';
import { MemoryChunkStore } from './chunkStore.js';
import { FakeTusServer } from './fakeTus.js';
import {
  AUDIO_MIME_CANDIDATES,
  MIME_CANDIDATES,
  RecordingSession,
  creationMetadata,
  isSoundOnly,
  pickMimeType,
} from './session.js';

/** What Chromium's MediaRecorder says it can make (no audio/mp4); Safari's has only the MP4 family. */
const CHROMIUM = new Set([
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm',
  'audio/webm;codecs=opus',
]);
const FIREFOX = new Set(['video/webm;codecs=vp8,opus', 'video/webm', 'audio/ogg;codecs=opus']);
const SAFARI = new Set(['video/mp4', 'audio/mp4']);

/** Node has no MediaStream: a stand-in with the two track lists the session reads. */
function streamWith(video: number, audio: number): MediaStream {
  const tracks = (n: number) => Array.from({ length: n }, () => new EventTarget() as MediaStreamTrack);
  const videoTracks = tracks(video);
  const audioTracks = tracks(audio);
  return {
    getVideoTracks: () => videoTracks,
    getAudioTracks: () => audioTracks,
    getTracks: () => [...videoTracks, ...audioTracks],
  } as unknown as MediaStream;
}

/** tus Upload-Metadata ("key base64,key base64") back to a record. */
function decodeMetadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',').filter(Boolean)) {
    const [key, value = ''] = pair.split(' ');
    out[key!] = new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  }
  return out;
}

describe('the recording format', () => {
  it.each([
    ['Chromium', CHROMIUM, 'video/webm;codecs=vp8,opus', 'audio/webm;codecs=opus'],
    ['Firefox', FIREFOX, 'video/webm;codecs=vp8,opus', 'audio/ogg;codecs=opus'],
    ['Safari', SAFARI, 'video/mp4', 'audio/mp4'],
  ])('picks a video type with a camera and an audio type for sound only in %s', (_, types, video, audio) => {
    const supported = (type: string) => types.has(type);
    expect(pickMimeType(supported)).toBe(video);
    expect(pickMimeType(supported, true)).toBe(audio);
  });

  it('never falls back from sound only to a video type, nor from video to an audio type', () => {
    expect(pickMimeType((type) => type.startsWith('video/'), true)).toBeNull();
    expect(pickMimeType((type) => type.startsWith('audio/'))).toBeNull();
  });

  it('offers only types the server accepts for sound only, and that it refuses without the mark', () => {
    for (const type of AUDIO_MIME_CANDIDATES) {
      expect(isAcceptedRecordingType(type, true), type).toBe(true);
      expect(isAcceptedRecordingType(type, false), type).toBe(false);
    }
    for (const type of MIME_CANDIDATES) expect(isAcceptedRecordingType(type), type).toBe(true);
  });

  it('calls a stream without a picture sound only', () => {
    expect(isSoundOnly(streamWith(0, 1))).toBe(true);
    expect(isSoundOnly(streamWith(1, 1))).toBe(false);
  });
});

describe('the creation metadata', () => {
  it('adds audioOnly to a sound-only recording and keeps what the caller gave', () => {
    const given = { reservation: 'res_1' };
    expect(creationMetadata(true, given)).toEqual({ reservation: 'res_1', audioOnly: '1' });
    expect(creationMetadata(false, given)).toEqual({ reservation: 'res_1' });
    expect(given).toEqual({ reservation: 'res_1' });
    expect(creationMetadata(true)).toEqual({ audioOnly: '1' });
  });

  it('declares an audio type and audioOnly when the session records the microphone alone', async () => {
    const server = new FakeTusServer();
    const session = new RecordingSession(streamWith(0, 1), {
      endpoint: 'http://server.test/api/uploads',
      fetch: server.fetch,
      store: new MemoryChunkStore(),
      metadata: { reservation: 'res_0123456789abcdef' },
      isTypeSupported: (type) => FIREFOX.has(type),
    });
    expect(session.audioOnly).toBe(true);
    expect(session.mimeType).toBe('audio/ogg;codecs=opus');
    const id = await session.prepare();
    expect(decodeMetadata(server.uploads.get(id)!.metadata)).toEqual({
      filetype: 'audio/ogg;codecs=opus',
      reservation: 'res_0123456789abcdef',
      audioOnly: '1',
    });
  });

  it('declares a video type and no audioOnly with a camera', async () => {
    const server = new FakeTusServer();
    const session = new RecordingSession(streamWith(1, 1), {
      endpoint: 'http://server.test/api/uploads',
      fetch: server.fetch,
      store: new MemoryChunkStore(),
      metadata: { reservation: 'res_0123456789abcdef' },
      isTypeSupported: (type) => CHROMIUM.has(type),
    });
    expect(session.audioOnly).toBe(false);
    const id = await session.prepare();
    expect(decodeMetadata(server.uploads.get(id)!.metadata)).toEqual({
      filetype: 'video/webm;codecs=vp8,opus',
      reservation: 'res_0123456789abcdef',
    });
  });

  it('refuses to begin a sound-only recording a browser can only make as video', () => {
    expect(
      () =>
        new RecordingSession(streamWith(0, 1), {
          endpoint: 'http://server.test/api/uploads',
          store: new MemoryChunkStore(),
          isTypeSupported: (type) => type.startsWith('video/'),
        }),
    ).toThrow(/cannot record/);
  });
});
