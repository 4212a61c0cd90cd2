import { describe, expect, it } from 'vitest';
import { cameraProblem, checkDevices, soundOnlyMayHelp, type GetUserMedia } from './camera.js';

/** Node has no MediaStream: a stand-in whose tracks remember being stopped. */
function fakeStream(kinds: ('audio' | 'video')[]) {
  const tracks = kinds.map((kind) => ({
    kind,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  }));
  return {
    tracks,
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream & { tracks: typeof tracks };
}

/** A browser whose camera fails with `camera` (or works) and whose microphone alone fails with `microphone`. */
function devices(camera: string | null, microphone: string | null) {
  const asked: MediaStreamConstraints[] = [];
  const getUserMedia: GetUserMedia = (constraints) => {
    asked.push(constraints);
    const failure = constraints.video ? camera : microphone;
    if (failure) return Promise.reject(new DOMException('no', failure));
    return Promise.resolve(fakeStream(constraints.video ? ['video', 'audio'] : ['audio']));
  };
  return { asked, getUserMedia };
}

describe('camera problems', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'notFound'],
    ['OverconstrainedError', 'notFound'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['TypeError', 'failed'],
  ])('reads %s as %s', (name, problem) => {
    expect(cameraProblem(new DOMException('x', name))).toBe(problem);
  });

  it('offers sound only for a missing, busy or broken camera, never for a refusal or a device that cannot record', () => {
    expect(soundOnlyMayHelp('notFound')).toBe(true);
    expect(soundOnlyMayHelp('busy')).toBe(true);
    expect(soundOnlyMayHelp('failed')).toBe(true);
    expect(soundOnlyMayHelp('denied')).toBe(false);
    expect(soundOnlyMayHelp('unsupported')).toBe(false);
  });
});

describe('checking the devices', () => {
  it('gives the camera stream when the camera works, without asking for the microphone alone', async () => {
    const { asked, getUserMedia } = devices(null, null);
    const check = await checkDevices(getUserMedia, true);
    expect(check.kind).toBe('camera');
    expect(asked).toHaveLength(1);
  });

  it.each(['NotFoundError', 'NotReadableError', 'UnknownError'])(
    'finds a working microphone when the camera fails with %s',
    async (failure) => {
      const { asked, getUserMedia } = devices(failure, null);
      const check = await checkDevices(getUserMedia, true);
      expect(check.kind).toBe('problem');
      if (check.kind !== 'problem') return;
      expect(check.microphone?.getVideoTracks()).toEqual([]);
      expect(check.microphone?.getAudioTracks()).toHaveLength(1);
      expect(asked[1]).toEqual({ audio: expect.any(Object) as object });
    },
  );

  it('offers nothing when the microphone is missing too', async () => {
    const { getUserMedia } = devices('NotFoundError', 'NotFoundError');
    expect(await checkDevices(getUserMedia, true)).toEqual({
      kind: 'problem',
      problem: 'notFound',
      microphone: null,
    });
  });

  it('does not ask for the microphone after a refusal, nor when the browser cannot record sound only', async () => {
    const refused = devices('NotAllowedError', null);
    expect(await checkDevices(refused.getUserMedia, true)).toEqual({
      kind: 'problem',
      problem: 'denied',
      microphone: null,
    });
    expect(refused.asked).toHaveLength(1);
    const cannot = devices('NotFoundError', null);
    expect((await checkDevices(cannot.getUserMedia, false)).kind).toBe('problem');
    expect(cannot.asked).toHaveLength(1);
  });

  it('offers nothing when the microphone stream came without a sound track', async () => {
    const silent = fakeStream([]);
    const getUserMedia: GetUserMedia = (c) =>
      c.video ? Promise.reject(new DOMException('no', 'NotFoundError')) : Promise.resolve(silent);
    expect(await checkDevices(getUserMedia, true)).toMatchObject({ microphone: null });
  });
});
