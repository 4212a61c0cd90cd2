// Spoken guidance with the real espeak-ng, ffmpeg and ffprobe, through the HTTP API on SQLite or PostgreSQL
// (TEST_DATABASE): audio in three languages, the disk cache, and the rejections.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { createTestContext, testDialect, type TestContext } from '../../testing.js';
import type { MediaTools } from '../../media/tools.js';
import type { VoiceInfo } from '../../../common/api.js';
import { VOICE_SCREENS, isSpeakableKey, spokenText } from '../../../common/voice.js';
import { LANGUAGES } from '../../../common/statuses.js';
import { createVoiceService, languagesInVoiceList, speechHash } from './service.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const cacheDir = () => path.join(ctx.dataDir, 'voice-cache');
const cached = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).sort() : []);

async function probe(body: Buffer) {
  const file = path.join(ctx.dataDir, `probe-${Date.now()}-${Math.random()}.ogg`);
  fs.writeFileSync(file, body);
  try {
    return await ctx.services.media.probe(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe(`spoken guidance (${testDialect})`, () => {
  it('says espeak-ng is here and speaks Kazakh, Russian and English', async () => {
    const res = await ctx.app.inject('/api/voice');
    expect(res.statusCode).toBe(200);
    expect(res.json<VoiceInfo>()).toEqual({ available: true, languages: ['kk', 'ru', 'en'] });
  });

  it.each(LANGUAGES)(
    'speaks the phone instruction in %s as Ogg/Opus longer than half a second',
    async (lang) => {
      const res = await ctx.app.inject(`/api/voice/${lang}/kiosk.voice.phone`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('audio/ogg');
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      const info = await probe(res.rawPayload);
      expect(info.formatName).toBe('ogg');
      expect(info.audioCodec).toBe('opus');
      expect(info.hasVideo).toBe(false);
      expect(info.durationMs).toBeGreaterThan(500);
    },
  );

  it('keeps each rendering on disk under the hash of its text and serves the second request from there', async () => {
    const first = await ctx.app.inject('/api/voice/ru/kiosk.voice.idle');
    expect(first.statusCode).toBe(200);
    const hash = String(first.headers.etag).replaceAll('"', '');
    const file = path.join(cacheDir(), `${hash}.ogg`);
    const before = fs.statSync(file);
    const files = cached();
    expect(files.every((name) => /^[0-9a-f]{64}\.ogg$/.test(name))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await ctx.app.inject('/api/voice/ru/kiosk.voice.idle');
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const after = fs.statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(cached()).toEqual(files);
  });

  it('answers 304 when the client already holds the current audio', async () => {
    const first = await ctx.app.inject('/api/voice/en/kiosk.voice.idle');
    const etag = String(first.headers.etag);
    const again = await ctx.app.inject({
      url: '/api/voice/en/kiosk.voice.idle',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
  });

  it('gives each language its own file for the same instruction', async () => {
    const tags = await Promise.all(
      LANGUAGES.map(
        async (lang) => (await ctx.app.inject(`/api/voice/${lang}/kiosk.voice.record`)).headers.etag,
      ),
    );
    expect(new Set(tags).size).toBe(3);
  });

  it.each([
    ['a key outside the spoken guidance', 'kiosk.receipt.title'],
    ['a problem title', 'problem.internal'],
    ['a guidance key the catalogue lacks', 'kiosk.voice.nope'],
    ['the whole guidance branch', 'kiosk.voice'],
  ])('refuses %s with 404 not-found', async (_what, key) => {
    const res = await ctx.app.inject({ url: `/api/voice/en/${key}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it.each(['de', 'KK', 'xx'])('rejects the unknown language %s as a validation problem', async (lang) => {
    const res = await ctx.app.inject(`/api/voice/${lang}/kiosk.voice.phone`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/validation-failed' });
  });

  it.each(['kiosk.voice.phone%20x', 'kiosk..%2F..%2Fetc', 'kiosk.voice.phone;rm'])(
    'rejects the malformed key %s',
    async (key) => {
      const res = await ctx.app.inject(`/api/voice/ru/${key}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ type: '/problems/validation-failed' });
    },
  );

  it('refuses a key longer than any catalogue key, without rendering anything', async () => {
    const before = cached();
    const res = await ctx.app.inject(`/api/voice/ru/kiosk.voice.${'a'.repeat(120)}`);
    // Fastify's router stops it (414) before the schema's maxLength would (400).
    expect([400, 414]).toContain(res.statusCode);
    expect(res.headers['content-type']).not.toContain('audio');
    expect(cached()).toEqual(before);
  });

  it('has a spoken instruction for every kiosk screen in every language', async () => {
    for (const lang of LANGUAGES) {
      for (const screen of VOICE_SCREENS) {
        const res = await ctx.app.inject({ method: 'HEAD', url: `/api/voice/${lang}/kiosk.voice.${screen}` });
        expect(res.statusCode, `${lang} ${screen}`).toBe(200);
      }
    }
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/voice', '/api/voice/{language}/{key}']),
    );
  });
});

describe(`spoken guidance without espeak-ng (${testDialect})`, () => {
  let silent: { app: FastifyInstance; dataDir: string };

  // A second app on the same database, configured with an espeak-ng that is not there.
  beforeAll(async () => {
    const { services } = ctx;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-voice-'));
    const app = await buildApp({
      config: { ...services.config, dataDir, ESPEAK_PATH: '/nonexistent/espeak-ng' },
      database: { db: services.db, dialect: services.dialect, close: () => Promise.resolve() },
      storage: services.storage,
      clock: services.clock,
      media: services.media,
      sms: services.sms,
    });
    await app.ready();
    silent = { app, dataDir };
  });
  afterAll(async () => {
    await silent.app.close();
    fs.rmSync(silent.dataDir, { recursive: true, force: true });
  });

  it('says it cannot speak', async () => {
    const res = await silent.app.inject('/api/voice');
    expect(res.statusCode).toBe(200);
    expect(res.json<VoiceInfo>()).toEqual({ available: false, languages: [] });
  });

  it('answers a request for audio with 503 voice-unavailable in the caller’s language', async () => {
    const res = await silent.app.inject({
      url: '/api/voice/kk/kiosk.voice.phone',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: '/problems/voice-unavailable',
      status: 503,
      title: 'Spoken guidance is not available on this server',
    });
    expect(fs.existsSync(path.join(silent.dataDir, 'voice-cache'))).toBe(false);
  });

  it('still refuses a forbidden key as not found', async () => {
    const res = await silent.app.inject('/api/voice/kk/kiosk.receipt.title');
    expect(res.statusCode).toBe(404);
  });
});

describe('the voice service', () => {
  function countingMedia(): { media: MediaTools; calls: () => number } {
    let calls = 0;
    const media: MediaTools = {
      ...ctx.services.media,
      probe: (file) => ctx.services.media.probe(file),
      ffmpeg: (args) => {
        calls += 1;
        return ctx.services.media.ffmpeg(args);
      },
    };
    return { media, calls: () => calls };
  }

  it('renders a sentence asked for by several screens at once only once, and leaves no temporary files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-voice-'));
    try {
      const { media, calls } = countingMedia();
      const voice = createVoiceService({ espeakPath: '', cacheDir: dir, media });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => voice.speech('kk', 'kiosk.voice.attract')),
      );
      expect(calls()).toBe(1);
      expect(new Set(results.map((r) => r.file)).size).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([`${results[0]!.hash}.ogg`]);
      await voice.speech('kk', 'kiosk.voice.attract');
      expect(calls()).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders again after a failure instead of remembering it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-voice-'));
    try {
      let fail = true;
      const media: MediaTools = {
        ...ctx.services.media,
        probe: (file) => ctx.services.media.probe(file),
        ffmpeg: (args) => (fail ? Promise.reject(new Error('disk full')) : ctx.services.media.ffmpeg(args)),
      };
      const voice = createVoiceService({ espeakPath: '', cacheDir: dir, media });
      await expect(voice.speech('en', 'kiosk.voice.code')).rejects.toThrow('disk full');
      expect(fs.readdirSync(dir)).toEqual([]);
      fail = false;
      const speech = await voice.speech('en', 'kiosk.voice.code');
      expect(speech.size).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks for espeak-ng once, however many times it is asked', async () => {
    const voice = createVoiceService({ espeakPath: '', cacheDir: os.tmpdir(), media: ctx.services.media });
    const first = voice.status();
    expect(voice.status()).toBe(first);
    expect((await first).available).toBe(true);
  });
});

describe('spoken text', () => {
  it('drops markup and fills or drops placeholders', () => {
    expect(spokenText('Press <1>Start</1> to <strong>begin</strong>.')).toBe('Press Start to begin.');
    expect(spokenText('Kept for {{count}} years.', { count: 5 })).toBe('Kept for 5 years.');
    expect(spokenText('Hello {{name}}!')).toBe('Hello!');
    expect(spokenText('{{ value, number }} left')).toBe('left');
    expect(spokenText('  Two\n  lines  ')).toBe('Two lines');
  });

  it('lets only guidance and consent texts be spoken', () => {
    expect(isSpeakableKey('kiosk.voice.phone')).toBe(true);
    expect(isSpeakableKey('kiosk.consent.aloud')).toBe(true);
    expect(isSpeakableKey('kiosk.voice.')).toBe(false);
    expect(isSpeakableKey('kiosk.voiceover.phone')).toBe(false);
    expect(isSpeakableKey('office.login.title')).toBe(false);
  });

  it('keeps the letters of every alphabet it speaks', () => {
    expect(spokenText('Экранды түртіңіз — «Жалғастыру».')).toBe('Экранды түртіңіз — «Жалғастыру».');
  });

  it('hashes language, voice and text together', () => {
    const base = speechHash('ru', 'ru', 'Здравствуйте');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(speechHash('kk', 'ru', 'Здравствуйте')).not.toBe(base);
    expect(speechHash('ru', 'ru-x', 'Здравствуйте')).not.toBe(base);
    expect(speechHash('ru', 'ru', 'Здравствуйте!')).not.toBe(base);
  });

  it('reads the languages from espeak-ng --voices', () => {
    const list = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  kk              --/M      Kazakh             trk/kk               ',
      ' 5  ru-lv           --/M      Russian_(Latvia)   zle/ru-LV            ',
    ].join('\n');
    expect(languagesInVoiceList(list)).toEqual(['kk', 'en']);
    expect(languagesInVoiceList('')).toEqual([]);
  });
});
