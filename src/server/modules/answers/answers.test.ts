// The office's work on one appeal through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): an answer built up
// as a draft (rich text, documents checked by content, a video recorded in the browser) and sent with the law's
// outcome, again after a dispute; comments, attachments and the phone reveal — and every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { AppealDetail } from '../../../common/api.js';
import type {
  AnswerDraft,
  AnswerList,
  AttachmentList,
  CommentList,
  PhoneRevealed,
} from '../../../common/answers.js';
import type { PublicLookup } from '../../../common/public.js';
import {
  createTestContext,
  createUpload,
  defaultUploader,
  loginAs,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import { makeAppeal, type MadeAppeal } from '../public/fixtures.js';
import { SAMPLE_JPEG, SAMPLE_PDF, SAMPLE_PNG } from './fixtures.js';

let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({
    env: { ANSWER_DOCUMENT_MAX_BYTES: '4096', ANSWER_DOCUMENTS_MAX: '3', APPEAL_ATTACHMENTS_MAX: '2' },
  });
  for (const user of ['official', 'akim', 'operator', 'supervisor', 'admin'])
    cookies[user] = await loginAs(ctx.app, user);
});
afterAll(() => ctx.close());

const slugOf = (res: LightMyRequestResponse) => {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string }>().type.replace('/problems/', '');
};

/** An appeal addressed to the demo `official` (or to the akim), registered two hours ago. */
async function appeal(recipe: Parameters<typeof makeAppeal>[3] = {}, to: 'official' | 'akim' = 'official') {
  const made = await makeAppeal(ctx.services.db, ctx.services.storage, ctx.clock.now(), recipe);
  if (to === 'akim') {
    const akim = await ctx.services.db
      .selectFrom('staff_users as u')
      .innerJoin('officials as o', 'o.id', 'u.official_id')
      .select(['o.id', 'o.department_id'])
      .where('u.username', '=', 'akim')
      .executeTakeFirstOrThrow();
    await ctx.services.db
      .updateTable('appeals')
      .set({ addressee_official_id: akim.id, department_id: akim.department_id })
      .where('id', '=', made.id)
      .execute();
  }
  return made;
}

function call(
  who: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  extraCookie?: string,
) {
  const cookie = [cookies[who], extraCookie].filter(Boolean).join('; ');
  return ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}

function upload(who: string, url: string, bytes: Buffer | undefined, name: string, type = 'application/pdf') {
  return ctx.app.inject({
    method: 'POST',
    url: `${url}?${new URLSearchParams({ name }).toString()}`,
    headers: { cookie: cookies[who] ?? '', 'content-type': type },
    ...(bytes ? { payload: bytes } : {}),
  });
}

const at = (id: string, path = '') => `/api/office/appeals/${id}${path}`;

async function auditActions(appealId: string): Promise<string[]> {
  const rows = await ctx.services.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', appealId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

async function publicView(made: MadeAppeal): Promise<PublicLookup> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/public/lookup',
    payload: { registrationNumber: made.registrationNumber, accessCode: made.accessCode },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PublicLookup>();
}

/** A finished recording uploaded by the app's test browser, and that browser's uploader cookie. */
async function recordedVideo(): Promise<{ mediaId: string; uploader: string }> {
  const mediaId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
  return { mediaId, uploader: defaultUploader(ctx.app).cookie ?? '' };
}

describe(`an answer with text, a document and a video (${testDialect})`, () => {
  let made: MadeAppeal;
  let mediaId: string;
  let uploader: string;

  beforeAll(async () => {
    made = await appeal();
    ({ mediaId, uploader } = await recordedVideo());
  });

  it('saves the draft’s text sanitised, with its author and time', async () => {
    const res = await call('official', 'PUT', at(made.id, '/answer-draft'), {
      body: '<p>Ремонт <b>кровли</b> назначен.</p><script>alert(1)</script><p onclick="x()">Смета в приложении.</p>',
    });
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json<AnswerDraft>();
    expect(draft.body).toBe('<p>Ремонт <strong>кровли</strong> назначен.</p><p>Смета в приложении.</p>');
    expect(draft.updatedBy?.displayName).toBeTruthy();
    expect(draft.limits).toEqual({ maxDocuments: 3, maxDocumentBytes: 4096 });
    expect(await auditActions(made.id)).toContain('appeal.answer_draft_saved');
  });

  it('takes a PDF, a JPEG and a PNG told by their content, named after it', async () => {
    const pdf = await upload('official', at(made.id, '/answer-draft/documents'), SAMPLE_PDF, 'Смета.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    const jpeg = await upload(
      'official',
      at(made.id, '/answer-draft/documents'),
      SAMPLE_JPEG,
      'photo.pdf',
      'application/pdf',
    );
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    const png = await upload(
      'official',
      at(made.id, '/answer-draft/documents'),
      SAMPLE_PNG,
      'plan',
      'text/plain',
    );
    expect(png.statusCode, png.body).toBe(201);
    const draft = png.json<AnswerDraft>();
    expect(draft.documents.map((d) => [d.name, d.mimeType, d.sizeBytes])).toEqual([
      ['Смета.pdf', 'application/pdf', SAMPLE_PDF.length],
      ['photo.pdf.jpg', 'image/jpeg', SAMPLE_JPEG.length],
      ['plan.png', 'image/png', SAMPLE_PNG.length],
    ]);
    const download = await call('official', 'GET', draft.documents[0]?.url ?? '');
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SAMPLE_PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.headers['content-disposition'])).toContain(
      "filename*=UTF-8''%D0%A1%D0%BC%D0%B5%D1%82%D0%B0.pdf",
    );
  });

  it('refuses a fourth document, one that is not a PDF or image by content, an empty one and a too big one', async () => {
    const fourth = await upload('official', at(made.id, '/answer-draft/documents'), SAMPLE_PDF, 'four.pdf');
    expect(fourth.statusCode).toBe(409);
    expect(slugOf(fourth)).toBe('too-many-documents');
    const other = await appeal();
    const html = await upload(
      'official',
      at(other.id, '/answer-draft/documents'),
      Buffer.from('<html><script>alert(1)</script></html>'),
      'letter.pdf',
      'application/pdf',
    );
    expect(html.statusCode).toBe(415);
    expect(slugOf(html)).toBe('document-type-rejected');
    const empty = await upload('official', at(other.id, '/answer-draft/documents'), undefined, 'empty.pdf');
    expect(slugOf(empty)).toBe('document-type-rejected');
    const big = await upload(
      'official',
      at(other.id, '/answer-draft/documents'),
      Buffer.concat([SAMPLE_PDF, Buffer.alloc(5000, 0x20)]),
      'big.pdf',
    );
    expect(big.statusCode).toBe(413);
    expect(slugOf(big)).toBe('document-too-large');
    const draft = (await call('official', 'GET', at(other.id, '/answer-draft'))).json<AnswerDraft>();
    expect(draft.documents).toEqual([]);
  });

  it('takes a document off the draft', async () => {
    const draft = (await call('official', 'GET', at(made.id, '/answer-draft'))).json<AnswerDraft>();
    const png = draft.documents.find((d) => d.mimeType === 'image/png');
    const res = await call('official', 'DELETE', at(made.id, `/answer-draft/documents/${png?.id ?? ''}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AnswerDraft>().documents).toHaveLength(2);
    const again = await call('official', 'DELETE', at(made.id, `/answer-draft/documents/${png?.id ?? ''}`));
    expect(slugOf(again)).toBe('not-found');
  });

  it('refuses a video upload that is another browser’s, unfinished, or no video at all', async () => {
    const elsewhere = await call('official', 'PUT', at(made.id, '/answer-draft'), { mediaId });
    expect(elsewhere.statusCode).toBe(403);
    expect(slugOf(elsewhere)).toBe('upload-forbidden');

    const started = await createUpload(ctx.app);
    const unfinished = await call(
      'official',
      'PUT',
      at(made.id, '/answer-draft'),
      { mediaId: started.id },
      uploader,
    );
    expect(unfinished.statusCode).toBe(409);
    expect(slugOf(unfinished)).toBe('upload-not-complete');

    const text = await uploadRecording(ctx.app, sampleRecording('text'));
    const notVideo = await call('official', 'PUT', at(made.id, '/answer-draft'), { mediaId: text }, uploader);
    expect(notVideo.statusCode).toBe(422);
    expect(slugOf(notVideo)).toBe('media-rejected');

    const unknown = await call(
      'official',
      'PUT',
      at(made.id, '/answer-draft'),
      { mediaId: 'nope-nope-nope' },
      uploader,
    );
    expect(slugOf(unknown)).toBe('upload-not-found');
  });

  it('takes this browser’s finished recording as the answer’s video and prepares it', async () => {
    const res = await call('official', 'PUT', at(made.id, '/answer-draft'), { mediaId }, uploader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AnswerDraft>().video).toMatchObject({ mediaId, state: 'uploaded' });
    await ctx.drain();
    const draft = (await call('official', 'GET', at(made.id, '/answer-draft'))).json<AnswerDraft>();
    expect(draft.video?.state).toBe('ready');
    expect(draft.video?.videoUrl).toBe(at(made.id, `/answer-media/${mediaId}/video`));
    const video = await call('supervisor', 'GET', draft.video?.videoUrl ?? '');
    expect(video.statusCode).toBe(200);
    expect(video.headers['content-type']).toBe('video/mp4');
    // Another appeal cannot take the same upload.
    const other = await appeal();
    const twice = await call('official', 'PUT', at(other.id, '/answer-draft'), { mediaId }, uploader);
    expect(slugOf(twice)).toBe('upload-already-used');
  });

  it('refuses to send for the supervisor, the operator and the admin, and hides it from another official', async () => {
    for (const [who, slug] of [
      ['supervisor', 'forbidden'],
      ['operator', 'forbidden'],
      ['admin', 'forbidden'],
      ['akim', 'appeal-not-found'],
    ] as const) {
      const res = await call(who, 'POST', at(made.id, '/answer'), { outcome: 'satisfied' });
      expect(slugOf(res), who).toBe(slug);
    }
    const badOutcome = await call('official', 'POST', at(made.id, '/answer'), { outcome: 'executed' });
    expect(badOutcome.statusCode).toBe(400);
    expect(slugOf(badOutcome)).toBe('validation-failed');
  });

  it('sends the answer: answered, the SMS queued, the draft emptied, everything on the citizen’s page', async () => {
    const res = await call('official', 'POST', at(made.id, '/answer'), { outcome: 'partly_satisfied' });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<AppealDetail>();
    expect(detail.status).toBe('answered');
    expect(detail.answer).toMatchObject({
      outcome: 'partly_satisfied',
      html: '<p>Ремонт <strong>кровли</strong> назначен.</p><p>Смета в приложении.</p>',
      body: 'Ремонт кровли назначен.\n\nСмета в приложении.',
    });

    const list = (await call('operator', 'GET', at(made.id, '/answers'))).json<AnswerList>();
    expect(list.answers).toHaveLength(1);
    expect(list.can.answer).toBe(false);
    expect(list.answers[0]?.documents.map((d) => d.name)).toEqual(['Смета.pdf', 'photo.pdf.jpg']);
    expect(list.answers[0]?.video).toMatchObject({ mediaId, state: 'ready' });
    const doc = await call('supervisor', 'GET', list.answers[0]?.documents[0]?.url ?? '');
    expect(doc.rawPayload.equals(SAMPLE_PDF)).toBe(true);

    const draft = (await call('official', 'GET', at(made.id, '/answer-draft'))).json<AnswerDraft>();
    expect(draft).toMatchObject({ body: '', documents: [], video: null });

    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select(['template', 'event_key'])
      .where('appeal_id', '=', made.id)
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]?.template).toBe('answered');
    expect(sms[0]?.event_key).toMatch(new RegExp(`^appeal:${made.id}:answered:[0-9a-f-]{36}$`));
    expect(await auditActions(made.id)).toEqual(
      expect.arrayContaining([
        'appeal.answer_document_added',
        'appeal.answer_document_removed',
        'appeal.answered',
      ]),
    );

    const view = await publicView(made);
    expect(view.answer?.html).toBe(
      '<p>Ремонт <strong>кровли</strong> назначен.</p><p>Смета в приложении.</p>',
    );
    expect(view.answer?.body).toBe('Ремонт кровли назначен.\n\nСмета в приложении.');
    expect(view.answer?.outcome).toBe('partly_satisfied');
    expect(view.answer?.documents.map((d) => d.mimeType)).toEqual(['application/pdf', 'image/jpeg']);
    expect(view.answer?.video?.url).toBe(`/api/public/appeals/${made.registrationNumber}/answer-video`);
    const publicDoc = await ctx.app.inject({
      method: 'GET',
      url: view.answer?.documents[0]?.url ?? '',
      headers: { authorization: `Bearer ${view.token}` },
    });
    expect(publicDoc.rawPayload.equals(SAMPLE_PDF)).toBe(true);
  });

  it('refuses a second answer to an answered appeal, and changes to its draft', async () => {
    const again = await call('official', 'POST', at(made.id, '/answer'), {
      outcome: 'explained',
      body: 'Ещё',
    });
    expect(again.statusCode).toBe(409);
    expect(slugOf(again)).toBe('invalid-transition');
    const draft = await call('official', 'PUT', at(made.id, '/answer-draft'), { body: 'Ещё' });
    expect(slugOf(draft)).toBe('invalid-transition');
  });

  it('answers again after the citizen’s dispute; staff see both answers, the citizen the latest', async () => {
    const view = await publicView(made);
    const dispute = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/appeals/${made.registrationNumber}/dispute`,
      headers: { authorization: `Bearer ${view.token}` },
      payload: { reason: 'Крыша всё ещё течёт' },
    });
    expect(dispute.statusCode, dispute.body).toBe(200);
    ctx.clock.advance(60_000);
    const res = await call('official', 'POST', at(made.id, '/answer'), {
      outcome: 'satisfied',
      body: 'Кровля отремонтирована 25 ноября.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AppealDetail>().status).toBe('answered');
    const list = (await call('supervisor', 'GET', at(made.id, '/answers'))).json<AnswerList>();
    expect(list.answers.map((a) => a.outcome)).toEqual(['partly_satisfied', 'satisfied']);
    expect(list.answers[0]?.dispute?.reason).toBe('Крыша всё ещё течёт');
    expect(list.answers[1]).toMatchObject({ documents: [], video: null, dispute: null });
    const latest = await publicView(made);
    expect(latest.answer?.body).toBe('Кровля отремонтирована 25 ноября.');
    expect(latest.answer?.documents).toEqual([]);
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select('event_key')
      .where('appeal_id', '=', made.id)
      .where('template', '=', 'answered')
      .execute();
    expect(sms).toHaveLength(2);
  });
});

describe(`answers that are refused or close the appeal otherwise (${testDialect})`, () => {
  it('refuses an empty answer: no text, no document, no video', async () => {
    const made = await appeal();
    for (const body of [{}, { body: '' }, { body: '<p><br></p>' }, { body: '<script>alert(1)</script>' }]) {
      const res = await call('official', 'POST', at(made.id, '/answer'), { outcome: 'explained', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(slugOf(res)).toBe('answer-empty');
    }
  });

  it('answers with a document alone', async () => {
    const made = await appeal();
    await upload('official', at(made.id, '/answer-draft/documents'), SAMPLE_PDF, 'Ответ.pdf');
    const res = await call('official', 'POST', at(made.id, '/answer'), { outcome: 'explained' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AppealDetail>().answer).toMatchObject({ body: '', html: '' });
    expect((await publicView(made)).answer?.documents).toHaveLength(1);
  });

  it('leaves an appeal without consideration with that outcome', async () => {
    const made = await appeal();
    const res = await call('official', 'POST', at(made.id, '/answer'), {
      outcome: 'left_without_consideration',
      body: 'Обращение анонимное по существу: заявитель не указал адрес.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AppealDetail>().status).toBe('left_without_consideration');
    const view = await publicView(made);
    expect(view.status).toBe('left_without_consideration');
    expect(view.answer?.outcome).toBe('left_without_consideration');
    expect(view.can.withdraw).toBe(false);
  });

  it('refuses an answer to a withdrawn appeal and to someone else’s', async () => {
    const withdrawn = await appeal({ status: 'withdrawn' });
    const res = await call('official', 'POST', at(withdrawn.id, '/answer'), {
      outcome: 'explained',
      body: 'x',
    });
    expect(slugOf(res)).toBe('invalid-transition');
    const akims = await appeal({}, 'akim');
    const hidden = await call('official', 'POST', at(akims.id, '/answer'), {
      outcome: 'explained',
      body: 'x',
    });
    expect(slugOf(hidden)).toBe('appeal-not-found');
    const draft = await call('official', 'GET', at(akims.id, '/answer-draft'));
    expect(slugOf(draft)).toBe('appeal-not-found');
  });

  it('stores and shows the citizen nothing the allow-list does not know', async () => {
    const made = await appeal();
    const res = await call('official', 'POST', at(made.id, '/answer'), {
      outcome: 'explained',
      body:
        '<p>Ответ <a href="javascript:alert(1)">ссылка</a> <a href="https://akimat.kz">сайт</a></p>' +
        '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe><style>*{}</style>',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = await publicView(made);
    expect(view.answer?.html).toBe(
      '<p>Ответ ссылка <a href="https://akimat.kz" rel="noopener noreferrer nofollow" target="_blank">сайт</a></p>',
    );
    expect(view.answer?.body).toBe('Ответ ссылка сайт (https://akimat.kz)');
  });

  it('refuses a video that processing refused, at sending', async () => {
    const made = await appeal();
    const { mediaId, uploader } = await recordedVideo();
    expect(
      (await call('official', 'PUT', at(made.id, '/answer-draft'), { mediaId }, uploader)).statusCode,
    ).toBe(200);
    await ctx.services.db
      .updateTable('media_files')
      .set({ state: 'failed', failure_reason: 'cut short' })
      .where('id', '=', mediaId)
      .execute();
    const res = await call('official', 'POST', at(made.id, '/answer'), { outcome: 'explained' });
    expect(res.statusCode).toBe(422);
    expect(slugOf(res)).toBe('media-rejected');
    // No "your video is unusable" SMS to the citizen for the official's video.
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select('template')
      .where('appeal_id', '=', made.id)
      .execute();
    expect(sms).toEqual([]);
  });
});

describe(`comments (${testDialect})`, () => {
  it('lets the official, the operator and the supervisor comment, each named, oldest first', async () => {
    const made = await appeal();
    for (const who of ['official', 'operator', 'supervisor']) {
      const res = await call(who, 'POST', at(made.id, '/comments'), {
        body: `  Заметка от ${who}\r\nвторая строка `,
      });
      expect(res.statusCode, res.body).toBe(201);
      ctx.clock.advance(1000);
    }
    const list = (await call('official', 'GET', at(made.id, '/comments'))).json<CommentList>();
    expect(list.can.comment).toBe(true);
    expect(list.comments.map((c) => c.body)).toEqual([
      'Заметка от official\nвторая строка',
      'Заметка от operator\nвторая строка',
      'Заметка от supervisor\nвторая строка',
    ]);
    expect(new Set(list.comments.map((c) => c.author.id)).size).toBe(3);
    expect((await auditActions(made.id)).filter((a) => a === 'appeal.comment_added')).toHaveLength(3);
    // Never on the citizen's page.
    expect(JSON.stringify(await publicView(made))).not.toContain('Заметка');
  });

  it('refuses an empty comment, another official’s appeal, and the admin', async () => {
    const made = await appeal();
    const empty = await call('official', 'POST', at(made.id, '/comments'), { body: ' \n ' });
    expect(slugOf(empty)).toBe('validation-failed');
    const none = await call('official', 'POST', at(made.id, '/comments'), { body: '' });
    expect(slugOf(none)).toBe('validation-failed');
    const long = await call('official', 'POST', at(made.id, '/comments'), { body: 'x'.repeat(4001) });
    expect(slugOf(long)).toBe('validation-failed');
    const akim = await call('akim', 'POST', at(made.id, '/comments'), { body: 'Чужое' });
    expect(slugOf(akim)).toBe('appeal-not-found');
    const admin = await call('admin', 'GET', at(made.id, '/comments'));
    expect(slugOf(admin)).toBe('forbidden');
  });
});

describe(`attachments (${testDialect})`, () => {
  it('lets the operator attach and the supervisor read, with the same checks as documents', async () => {
    const made = await appeal();
    const add = await upload('operator', at(made.id, '/attachments'), SAMPLE_PNG, 'схема.png', 'image/png');
    expect(add.statusCode, add.body).toBe(201);
    const list = add.json<AttachmentList>();
    expect(list.attachments.map((a) => a.name)).toEqual(['схема.png']);
    expect(list.attachments[0]?.by?.displayName).toBeTruthy();
    const read = (await call('supervisor', 'GET', at(made.id, '/attachments'))).json<AttachmentList>();
    expect(read.attachments).toHaveLength(1);
    const file = await call('supervisor', 'GET', read.attachments[0]?.url ?? '');
    expect(file.rawPayload.equals(SAMPLE_PNG)).toBe(true);
    expect(await auditActions(made.id)).toContain('appeal.attachment_added');

    const exe = await upload(
      'official',
      at(made.id, '/attachments'),
      Buffer.from('MZ\x90\0'),
      'a.png',
      'image/png',
    );
    expect(slugOf(exe)).toBe('document-type-rejected');
    expect((await upload('official', at(made.id, '/attachments'), SAMPLE_PDF, 'b.pdf')).statusCode).toBe(201);
    const third = await upload('official', at(made.id, '/attachments'), SAMPLE_PDF, 'c.pdf');
    expect(slugOf(third)).toBe('too-many-documents');
    const akim = await upload('akim', at(made.id, '/attachments'), SAMPLE_PDF, 'd.pdf');
    expect(slugOf(akim)).toBe('appeal-not-found');
  });

  it('keeps the draft’s documents from readers who may not answer', async () => {
    const made = await appeal();
    const draft = (
      await upload('official', at(made.id, '/answer-draft/documents'), SAMPLE_PDF, 'draft.pdf')
    ).json<AnswerDraft>();
    const url = draft.documents[0]?.url ?? '';
    expect((await call('official', 'GET', url)).statusCode).toBe(200);
    expect(slugOf(await call('supervisor', 'GET', url))).toBe('not-found');
    expect(slugOf(await call('operator', 'GET', url))).toBe('not-found');
  });
});

describe(`the phone (${testDialect})`, () => {
  it('shows the operator and the handling official the full number, and audits each reveal', async () => {
    const made = await appeal({ phone: '+77015550123' });
    for (const who of ['operator', 'official']) {
      const res = await call(who, 'POST', at(made.id, '/phone'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<PhoneRevealed>()).toEqual({ phone: '+77015550123' });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const rows = await ctx.services.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('subject_id', '=', made.id)
      .where('action', '=', 'appeal.phone_viewed')
      .execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.actor_user_id)).size).toBe(2);
  });

  it('refuses the supervisor, the admin and another official, and audits nothing for them', async () => {
    const made = await appeal();
    expect(slugOf(await call('supervisor', 'POST', at(made.id, '/phone')))).toBe('forbidden');
    expect(slugOf(await call('admin', 'POST', at(made.id, '/phone')))).toBe('forbidden');
    expect(slugOf(await call('akim', 'POST', at(made.id, '/phone')))).toBe('appeal-not-found');
    expect((await ctx.app.inject({ method: 'POST', url: at(made.id, '/phone') })).statusCode).toBe(401);
    expect(await auditActions(made.id)).not.toContain('appeal.phone_viewed');
  });

  it('refuses a supervisor who is also an official but does not handle the appeal', async () => {
    const made = await appeal();
    await ctx.services.db
      .updateTable('staff_users')
      .set({ roles: 'official,supervisor' })
      .where('username', '=', 'akim')
      .execute();
    try {
      const res = await call('akim', 'POST', at(made.id, '/phone'));
      expect(slugOf(res)).toBe('phone-reveal-not-allowed');
      const answer = await call('akim', 'POST', at(made.id, '/answer'), { outcome: 'explained', body: 'x' });
      expect(slugOf(answer)).toBe('answer-not-allowed');
    } finally {
      await ctx.services.db
        .updateTable('staff_users')
        .set({ roles: 'official' })
        .where('username', '=', 'akim')
        .execute();
    }
  });
});
