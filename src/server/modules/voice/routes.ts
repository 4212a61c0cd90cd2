// The booth's spoken guidance: what the server can say, and each instruction as a cached audio file.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createVoiceService } from './service.js';
import { speechSchema, statusSchema } from './schemas.js';
import { getSettings } from '../settings/service.js';

export const voiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, media } = app.services;
  // The one number the spoken consent carries: how long the video is kept (plural forms pick on count), as set now.
  const values = { count: config.VIDEO_RETENTION_YEARS, years: config.VIDEO_RETENTION_YEARS };
  const voice = createVoiceService({
    espeakPath: config.ESPEAK_PATH,
    cacheDir: path.join(config.dataDir, 'voice-cache'),
    media,
    values,
  });

  app.get('/api/voice', { schema: statusSchema }, () => voice.status());

  app.get('/api/voice/:language/:key', { schema: speechSchema }, async (request, reply) => {
    values.count = values.years = (await getSettings(app.services)).videoRetentionYears;
    const speech = await voice.speech(request.params.language, request.params.key);
    const etag = `"${speech.hash}"`;
    reply.header('cache-control', 'public, max-age=86400').header('etag', etag);
    const held = request.headers['if-none-match'];
    if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return reply.code(304).send();
    }
    return reply
      .header('content-type', 'audio/ogg')
      .header('content-length', speech.size)
      .send(fs.createReadStream(speech.file));
  });
};
