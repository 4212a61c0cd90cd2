// Route schemas of media administration: an admin puts a recording back through the processing pipeline.
import { Type, type Static } from 'typebox';
import { MediaStateSchema, ProblemSchema } from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

/** Upload ids are 128 random bits in base64url; older rows carry UUIDs. */
export const MediaId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const MediaProcessing = Type.Object({
  id: MediaId,
  state: MediaStateSchema,
  failureReason: Type.Union([Type.String(), Type.Null()]),
  processingAttempts: Type.Integer({ minimum: 0 }),
  /** The processing job queued for it. */
  jobId: Type.String(),
});
export type MediaProcessing = Static<typeof MediaProcessing>;

export const reprocessMediaSchema = {
  tags: ['admin'],
  summary: 'Puts a processed or refused recording back through the pipeline (a fresh job)',
  description:
    'Only for a recording that is ready or failed: one still uploading answers 409 upload-not-complete, one already ' +
    'queued or being processed 409 invalid-transition. The original is never touched; the action is audited.',
  params: Type.Object({ id: MediaId }),
  response: { 202: MediaProcessing, ...problems(400, 401, 403, 404, 409) },
};
