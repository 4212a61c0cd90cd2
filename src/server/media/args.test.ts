import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PLAYBACK_CRF,
  parseFfmpegVersion,
  posterArgs,
  posterTime,
  remuxArgs,
  rotationFilters,
  transcodeArgs,
  variableFrameRateArgs,
  type TranscodeOptions,
} from './args.js';
import { quarterTurns, readDamage, readEnd, readProbe } from './tools.js';

function after(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

describe('remux arguments', () => {
  it('moves the MP4 index to the front for streaming', () => {
    const args = remuxArgs('/data/in.mp4', '/data/out.mp4');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(args.indexOf('-movflags')).toBeLessThan(args.indexOf('/data/out.mp4'));
  });

  it('does not pass MP4-only flags to a WebM output', () => {
    const args = remuxArgs('/data/in.webm', '/data/out.webm');
    expect(args).not.toContain('-movflags');
    expect(args).not.toContain('+faststart');
  });

  it.each([
    ['/data/in.webm', '/data/out.webm'],
    ['/data/in.mp4', '/data/out.mp4'],
  ])('reads %s after -i and writes %s last', (input, output) => {
    const args = remuxArgs(input, output);
    expect(after(args, '-i')).toBe(input);
    expect(args.at(-1)).toBe(output);
    expect(args.filter((a) => a === input)).toHaveLength(1);
  });

  it('copies every stream without re-encoding and overwrites quietly', () => {
    const args = remuxArgs('in.webm', 'out.webm');
    expect(after(args, '-c')).toBe('copy');
    expect(after(args, '-map')).toBe('0');
    expect(args).toContain('-y');
    expect(args.indexOf('-fflags')).toBeLessThan(args.indexOf('-i'));
  });
});

describe('poster arguments', () => {
  it('seeks before the input, takes one frame and writes the poster last', () => {
    const args = posterArgs('/data/play.mp4', '/data/poster.jpg', 1);
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-ss')).toBe('1.00');
    expect(after(args, '-i')).toBe('/data/play.mp4');
    expect(after(args, '-frames:v')).toBe('1');
    expect(args.at(-1)).toBe('/data/poster.jpg');
  });

  it('turns the poster upright like the copy, with ffmpeg’s own turning off', () => {
    const args = posterArgs('a.mkv', 'p.jpg', 1, 90);
    expect(after(args, '-vf')).toBe("transpose=cclock,scale='min(1280,iw)':-2");
    expect(args.indexOf('-noautorotate')).toBeLessThan(args.indexOf('-i'));
    expect(after(posterArgs('a.mkv', 'p.jpg', 1), '-vf')).toBe("scale='min(1280,iw)':-2");
    expect(rotationFilters(45)).toEqual([]);
  });

  it('writes the seek time with two decimals', () => {
    expect(after(posterArgs('a.webm', 'p.jpg', 0.4567), '-ss')).toBe('0.46');
    expect(after(posterArgs('a.webm', 'p.jpg', 0), '-ss')).toBe('0.00');
  });
});

describe('poster time', () => {
  it.each<[number | null, number, string]>([
    [null, 0, 'an unknown duration: the first frame'],
    [0, 0, 'no duration: the first frame'],
    [400, 0.2, 'a 0.4 s clip: mid-way'],
    [1000, 0.5, 'a 1 s clip: mid-way'],
    [1500, 0.75, 'a 1.5 s clip: mid-way'],
    [2000, 1, 'a 2 s clip: one second in'],
    [120_000, 1, 'a two-minute recording: one second in'],
  ])('for %j ms is %j s (%s)', (durationMs, seconds) => {
    expect(posterTime(durationMs)).toBe(seconds);
  });

  it('is never later than one second nor than half the clip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_600_000 }), (durationMs) => {
        const seconds = posterTime(durationMs);
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(1);
        expect(seconds).toBeLessThanOrEqual(durationMs / 2000);
      }),
    );
  });
});

describe('reading ffprobe output', () => {
  const ffprobeJson = (text: string) => JSON.parse(text) as Parameters<typeof readProbe>[0];

  // `ffprobe -v error -print_format json -show_format -show_streams` of a Chromium MediaRecorder WebM (VP8 + Opus).
  const mediaRecorderWebm = `{
    "streams": [
      {
        "index": 0, "codec_name": "vp8", "codec_long_name": "On2 VP8", "codec_type": "video",
        "codec_tag_string": "[0][0][0][0]", "codec_tag": "0x0000", "width": 1280, "height": 720,
        "coded_width": 1280, "coded_height": 720, "closed_captions": 0, "has_b_frames": 0,
        "sample_aspect_ratio": "1:1", "display_aspect_ratio": "16:9", "pix_fmt": "yuv420p", "level": -99,
        "field_order": "progressive", "refs": 1, "r_frame_rate": "1000/1", "avg_frame_rate": "0/0",
        "time_base": "1/1000", "start_pts": 0, "start_time": "0.000000",
        "disposition": { "default": 1, "dub": 0, "original": 0 }
      },
      {
        "index": 1, "codec_name": "opus", "codec_long_name": "Opus (Opus Interactive Audio Codec)",
        "codec_type": "audio", "codec_tag_string": "[0][0][0][0]", "codec_tag": "0x0000",
        "sample_fmt": "fltp", "sample_rate": "48000", "channels": 1, "channel_layout": "mono",
        "bits_per_sample": 0, "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "time_base": "1/1000",
        "start_pts": 0, "start_time": "0.000000", "extradata_size": 19,
        "disposition": { "default": 1, "dub": 0, "original": 0 }
      }
    ],
    "format": {
      "filename": "/data/uploads/0190a1b2.webm", "nb_streams": 2, "nb_programs": 0,
      "format_name": "matroska,webm", "format_long_name": "Matroska / WebM", "start_time": "0.000000",
      "duration": "N/A", "size": "2411724", "bit_rate": "N/A", "probe_score": 100,
      "tags": { "encoder": "Chrome" }
    }
  }`;

  // The same recording after the playback transcode: H.264 + AAC in MP4.
  const playbackMp4 = `{
    "streams": [
      {
        "index": 0, "codec_name": "h264", "profile": "High", "codec_type": "video", "codec_tag_string": "avc1",
        "width": 1280, "height": 720, "pix_fmt": "yuv420p", "r_frame_rate": "30/1", "avg_frame_rate": "30/1",
        "time_base": "1/15360", "duration_ts": 191232, "duration": "12.450000", "bit_rate": "1421000",
        "nb_frames": "373"
      },
      {
        "index": 1, "codec_name": "aac", "profile": "LC", "codec_type": "audio", "codec_tag_string": "mp4a",
        "sample_rate": "48000", "channels": 1, "channel_layout": "mono", "time_base": "1/48000",
        "duration": "12.480000", "bit_rate": "69000"
      }
    ],
    "format": {
      "filename": "/data/media/play.mp4", "nb_streams": 2, "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
      "format_long_name": "QuickTime / MOV", "start_time": "0.000000", "duration": "12.480000",
      "size": "2330112", "bit_rate": "1493661", "probe_score": 100,
      "tags": { "major_brand": "isom", "minor_version": "512", "encoder": "Lavf59.27.100" }
    }
  }`;

  it('knows no duration for a MediaRecorder WebM whose header lacks one', () => {
    const probe = readProbe(ffprobeJson(mediaRecorderWebm));
    expect(probe).toEqual({
      formatName: 'matroska,webm',
      durationMs: null,
      hasVideo: true,
      hasAudio: true,
      width: 1280,
      height: 720,
      videoCodec: 'vp8',
      audioCodec: 'opus',
      damage: null,
      rotation: 0,
    });
  });

  it('reads duration, size and codecs of an MP4', () => {
    expect(readProbe(ffprobeJson(playbackMp4))).toEqual({
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationMs: 12_480,
      hasVideo: true,
      hasAudio: true,
      width: 1280,
      height: 720,
      videoCodec: 'h264',
      audioCodec: 'aac',
      damage: null,
      rotation: 0,
    });
  });

  it('falls back to the video stream duration when the format has none', () => {
    const probe = readProbe({
      format: { format_name: 'matroska,webm' },
      streams: [{ codec_type: 'video', codec_name: 'vp9', width: 640, height: 480, duration: '3.2' }],
    });
    expect(probe.durationMs).toBe(3200);
  });

  it('reports a recording without a camera as audio only', () => {
    const probe = readProbe({
      format: { format_name: 'matroska,webm', duration: '5.000000' },
      streams: [{ codec_type: 'audio', codec_name: 'opus' }],
    });
    expect(probe).toMatchObject({
      hasVideo: false,
      hasAudio: true,
      width: null,
      height: null,
      videoCodec: null,
    });
    expect(probe.durationMs).toBe(5000);
  });

  it('reads nothing useful from an empty answer', () => {
    expect(readProbe({})).toEqual({
      formatName: '',
      durationMs: null,
      hasVideo: false,
      hasAudio: false,
      width: null,
      height: null,
      videoCodec: null,
      audioCodec: null,
      damage: null,
      rotation: 0,
    });
  });

  it('reads a phone’s display rotation from the video stream’s display matrix', () => {
    const probe = readProbe({
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '3.0' },
      streams: [
        {
          codec_type: 'video',
          codec_name: 'h264',
          width: 1280,
          height: 720,
          side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }],
        },
        { codec_type: 'audio', codec_name: 'aac' },
      ],
    });
    expect(probe).toMatchObject({ width: 1280, height: 720, rotation: 270 });
  });

  it.each<[number | undefined, number]>([
    [undefined, 0],
    [0, 0],
    [90, 90],
    [-90, 270],
    [180, 180],
    [-180, 180],
    [270, 270],
    [89.99, 90],
    [Number.NaN, 0],
  ])('takes rotation %s as %i degrees', (given, turns) => {
    expect(quarterTurns(given)).toBe(turns);
  });

  it('does not take an MP3 cover picture for a camera', () => {
    const probe = readProbe({
      format: { format_name: 'mp3', duration: '4.0' },
      streams: [
        { codec_type: 'audio', codec_name: 'mp3' },
        {
          codec_type: 'video',
          codec_name: 'mjpeg',
          width: 600,
          height: 600,
          disposition: { attached_pic: 1 },
        },
      ],
    });
    expect(probe.hasVideo).toBe(false);
    expect(probe.width).toBeNull();
  });

  it('hears a file cut short in ffprobe’s warnings, without the server’s path', () => {
    const stderr =
      '[matroska,webm @ 0x55d5f97bb840] File ended prematurely\n[matroska,webm @ 0x1] Element at 0x1f ending at 0x2e exceeds containing master element';
    expect(readDamage(stderr)).toBe('File ended prematurely');
    expect(readProbe({}, stderr).damage).toBe('File ended prematurely');
    expect(
      readDamage(
        '[mov,mp4 @ 0x2] stream 0, offset 0x30: partial file /data/uploads/abc',
        '/data/uploads/abc',
      ),
    ).toBe('stream 0, offset 0x30: partial file file');
  });

  it.each([
    '',
    '[matroska,webm @ 0x1] Estimating duration from bitrate, this may be inaccurate',
    '[vp8 @ 0x2] Discarding interframe without a prior keyframe!',
  ])('takes harmless warnings for a whole file: %j', (stderr) => {
    expect(readDamage(stderr)).toBeNull();
  });
});

describe('the end of a file that declares its length', () => {
  it.each<[string, string, number, RegExp | null]>([
    ['packets up to the declared end', '2.007,0.067\n2.940,0.067\n2.987,0.020\n', 3008, null],
    ['the last audio packet a frame short', '2.5,0.02\n2.9,0.02', 3008, null],
    [
      'packets stopping at 0.9 s of 3 s',
      '0.007,0.067\n0.870,0.020',
      3008,
      /declares 3\.0 s but holds 0\.9 s/,
    ],
    ['no packets at all', '', 20_000, /declares 20\.0 s but holds 0\.0 s/],
    ['lines without a time', 'N/A,N/A\n2.95,N/A', 3000, null],
  ])('%s', (_name, csv, declaredMs, expected) => {
    const verdict = readEnd(csv, declaredMs);
    if (expected === null) expect(verdict).toBeNull();
    else expect(verdict).toMatch(expected);
  });
});

describe('ffmpeg version', () => {
  const debian = `ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers
built with gcc 12 (Debian 12.2.0-14+deb12u1)
libavutil      57. 28.100 / 57. 28.100
libavcodec     59. 37.100 / 59. 37.100`;
  // The static build @ffmpeg-installer ships: a git snapshot from 2018, no release number.
  const npmShipped = `ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers
built with gcc 6.3.0 (Debian 6.3.0-18+deb9u1) 20170516
libavutil      56. 24.101 / 56. 24.101
libavcodec     58. 42.100 / 58. 42.100`;

  it.each<[string, string, { major: number; minor: number } | null]>([
    ['Debian 12', debian, { major: 5, minor: 1 }],
    ['the npm-shipped snapshot', npmShipped, { major: 4, minor: 0 }],
    ['a 4.4 release', 'ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright', { major: 4, minor: 4 }],
    ['a 7.1 release', 'ffmpeg version 7.1 Copyright (c) 2000-2024', { major: 7, minor: 1 }],
    ['a git tag', 'ffmpeg version n6.0 Copyright', { major: 6, minor: 0 }],
    ['a 5.0 snapshot', 'ffmpeg version N-1\nlibavcodec     59. 18.100 / 59. 18.100', { major: 5, minor: 0 }],
    ['a 5.1 snapshot', 'ffmpeg version N-2\nlibavcodec     59. 37.100 / 59. 37.100', { major: 5, minor: 1 }],
    ['a 6.x snapshot', 'ffmpeg version N-3\nlibavcodec     60.  3.100 / 60.  3.100', { major: 6, minor: 0 }],
    ['nonsense', 'command not found', null],
  ])('reads %s', (_name, text, version) => {
    expect(parseFfmpegVersion(text)).toEqual(version);
  });

  it.each<[{ major: number; minor: number } | null, string]>([
    [{ major: 4, minor: 0 }, '-vsync'],
    [{ major: 4, minor: 4 }, '-vsync'],
    [{ major: 5, minor: 0 }, '-vsync'],
    [{ major: 5, minor: 1 }, '-fps_mode'],
    [{ major: 6, minor: 0 }, '-fps_mode'],
    [{ major: 7, minor: 1 }, '-fps_mode'],
    [null, '-vsync'],
  ])('keeps variable frame timing on %j with %s vfr', (version, flag) => {
    expect(variableFrameRateArgs(version)).toEqual([flag, 'vfr']);
  });
});

describe('playback transcode arguments', () => {
  const base: TranscodeOptions = {
    input: '/work/source.mkv',
    output: '/work/playback.mp4',
    ffmpegVersion: { major: 5, minor: 1 },
    maxHeight: 720,
    preset: 'veryfast',
    audioOnly: false,
  };
  const build = (changes: Partial<TranscodeOptions> = {}) => transcodeArgs({ ...base, ...changes });

  it('makes H.264 4:2:0 with the configured preset and a constant quality, AAC audio, faststart MP4', () => {
    const args = build();
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-preset')).toBe('veryfast');
    expect(after(args, '-crf')).toBe(String(PLAYBACK_CRF));
    expect(PLAYBACK_CRF).toBeGreaterThanOrEqual(20);
    expect(PLAYBACK_CRF).toBeLessThanOrEqual(26);
    expect(after(args, '-pix_fmt')).toBe('yuv420p');
    expect(after(args, '-c:a')).toBe('aac');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(after(args, '-f')).toBe('mp4');
    expect(after(args, '-i')).toBe('/work/source.mkv');
    expect(args.at(-1)).toBe('/work/playback.mp4');
    expect(args.indexOf('-i')).toBeLessThan(args.indexOf('-c:v'));
  });

  it.each(['ultrafast', 'superfast', 'veryfast', 'medium'])('passes the %s preset through', (preset) => {
    expect(after(build({ preset }), '-preset')).toBe(preset);
  });

  it('always re-encodes the sound, whatever the recording carries (Opus from MediaRecorder)', () => {
    const args = build();
    expect(args).not.toContain('copy');
    expect(args.filter((a) => a === '-map')).toHaveLength(2);
    expect(args).toContain('0:a:0');
    expect(args).toContain('0:v:0');
  });

  it.each<[{ major: number; minor: number } | null, string, string]>([
    [{ major: 5, minor: 1 }, '-fps_mode', '-vsync'],
    [{ major: 4, minor: 0 }, '-vsync', '-fps_mode'],
  ])('on ffmpeg %j keeps frame timing with %s, never %s', (ffmpegVersion, flag, other) => {
    const args = build({ ffmpegVersion });
    expect(after(args, flag)).toBe('vfr');
    expect(args).not.toContain(other);
    expect(args.indexOf(flag)).toBeGreaterThan(args.indexOf('-i'));
  });

  it.each([
    [720, "scale=-2:'min(720,trunc(ih/2)*2)'"],
    [480, "scale=-2:'min(480,trunc(ih/2)*2)'"],
    [1080, "scale=-2:'min(1080,trunc(ih/2)*2)'"],
    [721, "scale=-2:'min(720,trunc(ih/2)*2)'"],
  ])('shrinks to at most %i lines, never grows, even sides, aspect kept: %s', (maxHeight, filter) => {
    expect(after(build({ maxHeight }), '-vf')).toBe(filter);
  });

  it.each<[number, string]>([
    [0, "scale=-2:'min(720,trunc(ih/2)*2)'"],
    [90, "transpose=cclock,scale=-2:'min(720,trunc(ih/2)*2)'"],
    [180, "hflip,vflip,scale=-2:'min(720,trunc(ih/2)*2)'"],
    [270, "transpose=clock,scale=-2:'min(720,trunc(ih/2)*2)'"],
  ])('turns a picture stored at %i° upright before scaling, ffmpeg’s own turning off: %s', (rotation, vf) => {
    const args = build({ rotation });
    expect(after(args, '-vf')).toBe(vf);
    expect(args.indexOf('-noautorotate')).toBeGreaterThanOrEqual(0);
    expect(args.indexOf('-noautorotate')).toBeLessThan(args.indexOf('-i'));
  });

  it('makes sound-only recordings AAC in MP4 without a picture', () => {
    const args = build({ audioOnly: true });
    expect(args).toContain('-vn');
    expect(args).not.toContain('-c:v');
    expect(args).not.toContain('-vf');
    expect(args).not.toContain('0:v:0');
    expect(args).not.toContain('-fps_mode');
    expect(after(args, '-c:a')).toBe('aac');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(args.at(-1)).toBe('/work/playback.mp4');
  });

  it('reads the input once and writes the output last, for any paths', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\/[a-z0-9/_-]{1,40}\.webm$/),
        fc.stringMatching(/^\/[a-z0-9/_-]{1,40}\.mp4$/),
        fc.boolean(),
        (input, output, audioOnly) => {
          const args = build({ input, output, audioOnly });
          expect(after(args, '-i')).toBe(input);
          expect(args.at(-1)).toBe(output);
          expect(args.filter((a) => a === '-i')).toHaveLength(1);
        },
      ),
    );
  });
});
