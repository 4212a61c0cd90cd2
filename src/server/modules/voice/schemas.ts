// Route schemas of the booth's spoken guidance.
import { Type } from 'typebox';
import { LanguageSchema, ProblemSchema, VoiceInfo } from '../../../common/api.js';

export const statusSchema = {
  tags: ['voice'],
  summary: 'Whether the server can speak, and in which languages',
  response: { 200: VoiceInfo },
};

export const speechSchema = {
  tags: ['voice'],
  summary: 'A spoken kiosk instruction as Ogg/Opus audio',
  description:
    'Speaks the catalogue text of `key` (only `kiosk.voice.*` and `kiosk.consent.*`) in `language` with espeak-ng. Rendered once, then served from the cache; the ETag changes when the text does.',
  params: Type.Object({
    language: LanguageSchema,
    key: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }),
  }),
  headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 200 })) }),
  response: {
    200: {
      description: 'Ogg/Opus audio, mono',
      content: { 'audio/ogg': { schema: Type.String({ format: 'binary' }) } },
    },
    304: { description: 'The audio the client holds (If-None-Match) is current', type: 'null' },
    400: ProblemSchema,
    404: ProblemSchema,
    503: ProblemSchema,
  },
};
