// The walking skeleton through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): record → register →
// process → watch → answer → look up, and the rejections along the way.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createUpload,
  firstOfficialId,
  headUpload,
  loginAs,
  patchChunk,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type { AppealDetail, Receipt } from '../../../common/api.js';
import type { InboxPage } from '../../../common/inbox.js';
import type { PublicLookup } from '../../../common/public.js';

let ctx: TestContext;
let officialId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  officialId = await firstOfficialId(ctx.app);
});
afterAll(() => ctx.close());

const submission = (uploadId: string, extra: Record<string, unknown> = {}) => ({
  uploadId,
  phone: '+7 701 234 5678',
  officialId,
  type: 'complaint',
  language: 'ru',
  source: 'kiosk',
  ...extra,
});

async function submit(uploadId: string, extra: Record<string, unknown> = {}) {
  return ctx.app.inject({ method: 'POST', url: '/api/appeals', payload: submission(uploadId, extra) });
}

describe(`an appeal from the booth to the answer (${testDialect})`, () => {
  let receipt: Receipt;
  let appealId: string;
  const recording = sampleRecording('webm', 3);

  it('registers a streamed recording and gives a receipt with number, code and deadline', async () => {
    const uploadId = await uploadRecording(ctx.app, recording, 16 * 1024);
    const res = await submit(uploadId);
    expect(res.statusCode, res.body).toBe(201);
    receipt = res.json<Receipt>();
    expect(receipt.registrationNumber).toBe('261118-0001');
    expect(receipt.accessCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // Registered Wednesday 18 November 2026: 15 working days later, with no holiday between, is 9 December.
    expect(receipt.deadlineOn).toBe('2026-12-09');
    expect(receipt.addressee?.fullName.ru).toBeTruthy();
    expect(receipt.status).toBe('registered');
    expect(receipt).toMatchObject({
      audioOnly: false,
      type: 'complaint',
      category: null,
      kiosk: null,
      deadlineWorkingDays: 15,
    });
  });

  it('keeps the original byte for byte and stores only a hash of the access code', async () => {
    const appeal = await ctx.services.db
      .selectFrom('appeals')
      .selectAll()
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    appealId = appeal.id;
    expect(appeal.access_code_hash).not.toContain(receipt.accessCode);
    expect(appeal.phone_e164).toBe('+77012345678');
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', appeal.media_id)
      .executeTakeFirstOrThrow();
    expect(media.state).toBe('uploaded');
    expect(Number(media.size_bytes)).toBe(recording.length);
    expect(media.sha256).toBe(crypto.createHash('sha256').update(recording).digest('hex'));
  });

  it('committed the processing job and the receipt SMS with the appeal', async () => {
    const jobs = await ctx.services.db.selectFrom('jobs').select(['name', 'state']).execute();
    expect(jobs.map((j) => j.name).sort()).toEqual(['process-media', 'send-notification']);
    await ctx.drain();
    const sms = await ctx.services.db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
    expect(sms.state).toBe('sent');
    expect(sms.recipient).toBe('+77012345678');
    expect(sms.body).toContain(receipt.registrationNumber);
    expect(sms.body).toContain('09.12.2026');
    expect(sms.body).not.toContain(receipt.accessCode);
  });

  it('processes the recording: a playable copy with a duration and a poster', async () => {
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('appeal_id', '=', appealId)
      .executeTakeFirstOrThrow();
    expect(media.state).toBe('ready');
    expect(media.duration_ms).toBeGreaterThan(2500);
    expect(media.duration_ms).toBeLessThan(3600);
    expect(media.playback_key).toMatch(/playback\.mp4$/);
    expect(media.poster_key).toMatch(/poster\.jpg$/);
  });

  it('shows the appeal in the addressee official’s inbox', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/office/appeals', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const page = res.json<InboxPage>();
    expect(page.items.map((i) => i.registrationNumber)).toContain(receipt.registrationNumber);
    expect(page.items[0]?.phoneMasked).toBe('+7 701 ••• ••78');
  });

  it('streams the video by byte ranges to the official and audits the view', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const detail = (
      await ctx.app.inject({ method: 'GET', url: `/api/office/appeals/${appealId}`, headers: { cookie } })
    ).json<AppealDetail>();
    expect(detail.media?.state).toBe('ready');
    expect(detail.media?.videoUrl).toBe(`/api/office/appeals/${appealId}/video`);
    const full = await ctx.app.inject({
      method: 'GET',
      url: detail.media?.videoUrl ?? '',
      headers: { cookie },
    });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('video/mp4');
    const size = full.rawPayload.length;
    const part = await ctx.app.inject({
      method: 'GET',
      url: detail.media?.videoUrl ?? '',
      headers: { cookie, range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.rawPayload.equals(full.rawPayload.subarray(100, 200))).toBe(true);
    const beyond = await ctx.app.inject({
      method: 'GET',
      url: detail.media?.videoUrl ?? '',
      headers: { cookie, range: `bytes=${size}-` },
    });
    expect(beyond.statusCode).toBe(416);
    const poster = await ctx.app.inject({
      method: 'GET',
      url: detail.media?.posterUrl ?? '',
      headers: { cookie },
    });
    expect(poster.statusCode).toBe(200);
    expect(poster.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    const audits = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', appealId)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['appeal.viewed', 'appeal.video_viewed']),
    );
  });

  it('does not let anyone without a session watch the video', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/office/appeals/${appealId}/video` });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('shows the status and no answer yet to the citizen with the number and code', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: {
        registrationNumber: receipt.registrationNumber,
        accessCode: (receipt.accessCode ?? '').toLowerCase().replace('-', ' '),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<PublicLookup>();
    expect(view.status).toBe('registered');
    expect(view.answer).toBeNull();
    expect(view.workingDaysLeft).toBe(15);
  });

  it('takes the official’s text answer and shows it to the citizen', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/office/appeals/${appealId}/answer`,
      headers: { cookie },
      payload: { body: 'Отопление в доме восстановлено 19 ноября.', outcome: 'satisfied' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AppealDetail>().status).toBe('answered');
    const view = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/public/lookup',
        payload: { registrationNumber: receipt.registrationNumber, accessCode: receipt.accessCode },
      })
    ).json<PublicLookup>();
    expect(view.status).toBe('answered');
    expect(view.answer?.body).toBe('Отопление в доме восстановлено 19 ноября.');
    expect(view.answer?.outcome).toBe('satisfied');
    expect(view.history.map((h) => h.status)).toEqual(['registered', 'answered']);
    await ctx.drain();
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select(['template', 'state'])
      .where('template', '=', 'answered')
      .executeTakeFirstOrThrow();
    expect(sms.state).toBe('sent');
  });

  it('refuses a second answer to an answered appeal', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/office/appeals/${appealId}/answer`,
      headers: { cookie },
      payload: { body: 'Again', outcome: 'explained' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ type: string }>().type).toBe('/problems/invalid-transition');
  });

  it('hides the appeal from an official it is not addressed to, and from admins', async () => {
    for (const user of ['akim', 'admin']) {
      const cookie = await loginAs(ctx.app, user);
      const detail = await ctx.app.inject({
        method: 'GET',
        url: `/api/office/appeals/${appealId}`,
        headers: { cookie },
      });
      expect(detail.statusCode, user).toBe(user === 'admin' ? 403 : 404);
      const video = await ctx.app.inject({
        method: 'GET',
        url: `/api/office/appeals/${appealId}/video`,
        headers: { cookie },
      });
      expect(video.statusCode, user).toBe(user === 'admin' ? 403 : 404);
    }
    const akim = await loginAs(ctx.app, 'akim');
    const inbox = (
      await ctx.app.inject({ method: 'GET', url: '/api/office/appeals', headers: { cookie: akim } })
    ).json<InboxPage>();
    expect(inbox.items.map((i) => i.id)).not.toContain(appealId);
  });

  it('lets operators and supervisors read but not answer', async () => {
    for (const user of ['operator', 'supervisor']) {
      const cookie = await loginAs(ctx.app, user);
      const detail = await ctx.app.inject({
        method: 'GET',
        url: `/api/office/appeals/${appealId}`,
        headers: { cookie },
      });
      expect(detail.statusCode, user).toBe(200);
      const answer = await ctx.app.inject({
        method: 'POST',
        url: `/api/office/appeals/${appealId}/answer`,
        headers: { cookie },
        payload: { body: 'x', outcome: 'explained' },
      });
      expect(answer.statusCode, user).toBe(403);
    }
  });
});

describe(`rejections (${testDialect})`, () => {
  const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }) => {
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    return res.json<{ type: string; title: string; status: number }>();
  };

  it('rejects a submission with missing and malformed fields, in the asked language', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { 'accept-language': 'kk' },
      payload: { phone: 12, type: 'rant', language: 'de' },
    });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.title).toBe('Сұрау дұрыс толтырылмаған');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects a phone that is not a Kazakh mobile', async () => {
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    for (const phone of ['+7 727 250 1234', '+7 495 123 4567', '+44 7700 900123', '12345']) {
      const res = await submit(uploadId, { phone });
      expect(res.statusCode, phone).toBe(422);
      expect(problemOf(res).type).toBe('/problems/invalid-phone');
    }
  });

  it('rejects an unknown official and an unknown topic', async () => {
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const official = await submit(uploadId, { officialId: crypto.randomUUID() });
    expect(problemOf(official).type).toBe('/problems/unknown-official');
    const category = await submit(uploadId, { categoryId: crypto.randomUUID() });
    expect(problemOf(category).type).toBe('/problems/unknown-category');
  });

  it('routes an appeal with no chosen official to nobody, for the operator', async () => {
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const res = await submit(uploadId, { officialId: null });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>().addressee).toBeNull();
  });

  it('rejects an unknown upload, an unfinished one, and one already used', async () => {
    const unknown = await submit('AAAAAAAAAAAAAAAAAAAAAA');
    expect(problemOf(unknown).type).toBe('/problems/upload-not-found');

    const { location, id } = await createUpload(ctx.app);
    const bytes = sampleRecording('webm', 2);
    await patchChunk(ctx.app, location, 0, bytes.subarray(0, 1000));
    const unfinished = await submit(id);
    expect(unfinished.statusCode).toBe(409);
    expect(problemOf(unfinished).type).toBe('/problems/upload-not-complete');

    const done = await uploadRecording(ctx.app, bytes);
    expect((await submit(done)).statusCode).toBe(201);
    const again = await submit(done);
    expect(problemOf(again).type).toBe('/problems/upload-already-used');
  });

  it('rejects a chunk at the wrong offset and keeps what it had', async () => {
    const { location } = await createUpload(ctx.app);
    const bytes = sampleRecording('webm', 2);
    expect((await patchChunk(ctx.app, location, 0, bytes.subarray(0, 500))).statusCode).toBe(204);
    const wrong = await patchChunk(ctx.app, location, 100, bytes.subarray(100, 600));
    expect(wrong.statusCode).toBe(409);
    expect(problemOf(wrong).type).toBe('/problems/upload-offset-mismatch');
    const head = await headUpload(ctx.app, location);
    expect(head.headers['upload-offset']).toBe('500');
  });

  it('refuses to start an upload that does not declare a video type', async () => {
    const { response } = await createUpload(ctx.app, 'text/plain');
    expect(response.statusCode).toBe(415);
  });

  it('rejects an upload that is not a video, and one without sound', async () => {
    const text = await uploadRecording(ctx.app, sampleRecording('text'));
    const notVideo = await submit(text);
    expect(notVideo.statusCode).toBe(422);
    expect(problemOf(notVideo).type).toBe('/problems/media-rejected');
    const silent = await uploadRecording(ctx.app, sampleRecording('video-only', 2));
    const noAudio = await submit(silent);
    expect(problemOf(noAudio).type).toBe('/problems/media-rejected');
  });

  it('answers a wrong access code and an unknown number the same way, and logs the failure', async () => {
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const receipt = (await submit(uploadId)).json<Receipt>();
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: { registrationNumber: receipt.registrationNumber, accessCode: 'ZZZZZ-ZZZZZ' },
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: { registrationNumber: '991231-0001', accessCode: receipt.accessCode },
    });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(wrong)).toEqual(problemOf(unknown));
    const failures = await ctx.services.db
      .selectFrom('audit_events')
      .select('subject_id')
      .where('action', '=', 'appeal.lookup_failed')
      .execute();
    expect(failures.map((f) => f.subject_id)).toEqual(
      expect.arrayContaining([receipt.registrationNumber, '991231-0001']),
    );
  });

  it('rejects malformed look-ups', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: { registrationNumber: "1' or 1=1", accessCode: 'x' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('rejects wrong credentials and requests without a session', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'official', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(problemOf(bad).type).toBe('/problems/wrong-credentials');
    const ghost = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect(problemOf(ghost).type).toBe('/problems/wrong-credentials');
    const inbox = await ctx.app.inject({ method: 'GET', url: '/api/office/appeals' });
    expect(problemOf(inbox).type).toBe('/problems/not-authenticated');
    const forged = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/appeals',
      headers: { cookie: 'dialog_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('ends the session on log-out', async () => {
    const cookie = await loginAs(ctx.app, 'operator');
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('rejects an answer with an outcome the law does not name, or for an unknown appeal', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const oldOutcome = await ctx.app.inject({
      method: 'POST',
      url: `/api/office/appeals/${crypto.randomUUID()}/answer`,
      headers: { cookie },
      payload: { body: 'Ответ', outcome: 'executed' },
    });
    expect(oldOutcome.statusCode).toBe(400);
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: `/api/office/appeals/${crypto.randomUUID()}/answer`,
      headers: { cookie },
      payload: { body: 'Ответ', outcome: 'satisfied' },
    });
    expect(problemOf(unknown).type).toBe('/problems/appeal-not-found');
    const notUuid = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/appeals/123',
      headers: { cookie },
    });
    expect(notUuid.statusCode).toBe(400);
  });
});
