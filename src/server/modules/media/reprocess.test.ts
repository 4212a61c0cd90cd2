// An admin's reprocess through the HTTP API, on SQLite or PostgreSQL: who may, in which states, and what it leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import type { MediaState } from '../../../common/statuses.js';
import { processMedia } from '../../media/process.js';
import { findMedia } from '../../media/repository.js';
import { badSample, recordingSample, storedUpload } from '../../media/samples.js';
import type { MediaProcessing } from './schemas.js';

let ctx: TestContext;
let admin: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loginAs(ctx.app, 'admin');
});
afterAll(() => ctx.close());

function reprocess(id: string, cookie?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/admin/media/${id}/reprocess`,
    headers: cookie ? { cookie } : {},
  });
}

async function mediaIn(state: MediaState): Promise<string> {
  const id = await storedUpload(ctx.services, recordingSample('320x240', 3));
  await ctx.services.db.updateTable('media_files').set({ state }).where('id', '=', id).execute();
  return id;
}

async function jobsFor(id: string) {
  return ctx.services.db
    .selectFrom('jobs')
    .selectAll()
    .where('name', '=', 'process-media')
    .where('payload', 'like', `%${id}%`)
    .execute();
}

describe(`reprocess a recording (${testDialect})`, () => {
  it('puts a refused recording back through the pipeline: uploaded, a fresh job, an audit row', async () => {
    const id = await storedUpload(ctx.services, badSample('audio-only'));
    await expect(processMedia(ctx.services, id)).rejects.toThrow(/no picture/);
    // The booth's flag was lost on the way; an operator fixed it and asks for another run.
    await ctx.services.db.updateTable('media_files').set({ audio_only: 1 }).where('id', '=', id).execute();

    const res = await reprocess(id, admin);
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json<MediaProcessing>();
    expect(body).toMatchObject({ id, state: 'uploaded', failureReason: null, processingAttempts: 1 });
    const row = await findMedia(ctx.services.db, id);
    expect(row).toMatchObject({ state: 'uploaded', failure_reason: null });
    const jobs = await jobsFor(id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: body.jobId,
      state: 'queued',
      max_attempts: ctx.services.config.MEDIA_MAX_ATTEMPTS,
    });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'media.reprocess')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    const adminUser = await ctx.services.db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_kind: 'staff', actor_user_id: adminUser.id, subject_type: 'media' });
    const detail = JSON.parse(audit.detail) as { from: string; failureReason: string };
    expect(detail.from).toBe('failed');
    expect(detail.failureReason).toMatch(/no picture/);

    await ctx.drain();
    const done = await findMedia(ctx.services.db, id);
    expect(done).toMatchObject({ state: 'ready', processing_attempts: 2 });
  });

  it('remakes a ready recording’s copy, keeping the old one watchable meanwhile', async () => {
    const id = await mediaIn('uploaded');
    await processMedia(ctx.services, id);
    const ready = await findMedia(ctx.services.db, id);
    expect(ready?.state).toBe('ready');

    const res = await reprocess(id, admin);
    expect(res.statusCode, res.body).toBe(202);
    const queued = await findMedia(ctx.services.db, id);
    expect(queued).toMatchObject({ state: 'uploaded', playback_key: ready?.playback_key });
    await ctx.drain();
    expect(await findMedia(ctx.services.db, id)).toMatchObject({ state: 'ready', processing_attempts: 2 });
  });

  it('asks who you are without a session (401)', async () => {
    const id = await mediaIn('failed');
    const res = await reprocess(id);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/not-authenticated', status: 401 });
    expect(await jobsFor(id)).toHaveLength(0);
  });

  it.each(['operator', 'official', 'supervisor'])('refuses the %s (403): admins only', async (role) => {
    const id = await mediaIn('failed');
    const res = await reprocess(id, await loginAs(ctx.app, role));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: '/problems/forbidden', status: 403 });
    expect((await findMedia(ctx.services.db, id))?.state).toBe('failed');
    expect(await jobsFor(id)).toHaveLength(0);
  });

  it('answers 404 for a recording that does not exist', async () => {
    const res = await reprocess('no-such-recording', admin);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('answers 400 for an id that cannot be one', async () => {
    const res = await reprocess('bad%20id!', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/validation-failed' });
  });

  it('answers 409 for a recording still uploading', async () => {
    const id = await mediaIn('uploading');
    const res = await reprocess(id, admin);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: '/problems/upload-not-complete', status: 409 });
    expect((await findMedia(ctx.services.db, id))?.state).toBe('uploading');
  });

  it.each<MediaState>(['uploaded', 'processing'])(
    'answers 409 for a recording already %s, without a second job',
    async (state) => {
      const id = await mediaIn(state);
      const res = await reprocess(id, admin);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        type: '/problems/invalid-transition',
        detail: 'The recording is already queued or being processed.',
      });
      expect((await findMedia(ctx.services.db, id))?.state).toBe(state);
      expect(await jobsFor(id)).toHaveLength(0);
    },
  );

  it('is described in the OpenAPI document with its answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json<{ paths: Record<string, { post?: { responses: Record<string, unknown> } }> }>();
    const op = doc.paths['/api/admin/media/{id}/reprocess']?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op!.responses).sort()).toEqual(['202', '400', '401', '403', '404', '409']);
  });
});
