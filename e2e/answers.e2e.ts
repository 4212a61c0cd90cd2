// The office's work on one appeal in a real Chromium with the fake camera: the player's speed and keyboard shortcuts
// (not while typing), the phone revealed and audited, an internal comment, and an official answering with rich text,
// a PDF and a video recorded in the browser; then the citizen's page shows all three. axe in kk, ru and en.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal, type MadeAppeal } from '../src/server/modules/public/fixtures.js';
import { answerPosterSample, answerVideoSample } from '../src/server/media/samples.js';
import { SAMPLE_PDF } from '../src/server/modules/answers/fixtures.js';
import { CATALOGUES, assertAccessible, eventually, type Journey, type JourneyContext } from './helpers.js';

const ru = CATALOGUES.ru;

/** A registered appeal to the demo official, with a ready recording (a short MP4) as the booth would have left it. */
async function seedWithVideo(ctx: JourneyContext): Promise<MadeAppeal> {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    const storage = new LocalBlobStore(join(dirname(ctx.database), 'media'));
    const made = await makeAppeal(handle.db, storage, new Date(), { phone: '+77015550199' });
    const mediaId = crypto.randomUUID();
    const playback = `media/${mediaId}/playback.mp4`;
    const poster = `media/${mediaId}/poster.jpg`;
    const put = await storage.put(playback, fs.readFileSync(answerVideoSample(12)));
    await storage.put(poster, fs.readFileSync(answerPosterSample()));
    const now = new Date().toISOString();
    await handle.db
      .insertInto('media_files')
      .values({
        id: mediaId,
        kind: 'appeal_video',
        state: 'ready',
        mime_type: 'video/mp4',
        size_bytes: put.size,
        sha256: put.sha256,
        duration_ms: 12000,
        width: 320,
        height: 240,
        original_key: playback,
        playback_key: playback,
        poster_key: poster,
        failure_reason: null,
        appeal_id: made.id,
        owner: null,
        reservation_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await handle.db.updateTable('appeals').set({ media_id: mediaId }).where('id', '=', made.id).execute();
    return made;
  } finally {
    await handle.close();
  }
}

function auditCount(database: string, appealId: string, action: string): number {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('select count(*) as n from audit_events where subject_id = ? and action = ?')
      .get(appealId, action) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/office`);
  // An earlier journey may have left someone signed in (the context keeps its cookies): sign them out first.
  const form = page.getByLabel(ru.office.login.username);
  await Promise.race([form.waitFor(), page.locator('.who').waitFor()]);
  if (await page.locator('.who').isVisible()) {
    await page.getByRole('button', { name: ru.office.logout }).click();
    await form.waitFor();
  }
  await form.fill(username);
  await page.getByLabel(ru.office.login.password).fill(`${username}-demo`);
  await page.getByRole('button', { name: ru.office.login.submit }).click();
  await page.locator('.who').waitFor();
}

const playerState = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('video.appeal-video');
    return v ? { time: v.currentTime, rate: v.playbackRate, paused: v.paused } : null;
  });

async function officialAnswers(ctx: JourneyContext): Promise<void> {
  const { context, base, database } = ctx;
  const appeal = await seedWithVideo(ctx);
  const answerText = `Ремонт подъезда назначен на май (${Date.now()}).`;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript(() => localStorage.setItem('dialog.language', 'ru'));
  try {
    await signIn(page, base, 'official');
    await page.goto(`${base}/office/appeals/${appeal.id}`);

    // The player: speed by the menu and by < >, seeking by J/L and arrows, K to play and pause.
    await page.locator('video.appeal-video').waitFor({ timeout: 20_000 });
    await eventually('the recording loads', 15_000, async () => {
      const v = await page.evaluate(
        () => document.querySelector<HTMLVideoElement>('video.appeal-video')?.readyState,
      );
      return (v ?? 0) >= 1;
    });
    await page.getByText(ru.office.player.playPause).waitFor();
    await page.getByLabel(ru.office.player.speed).selectOption('1.5');
    assert.equal((await playerState(page))?.rate, 1.5);
    await page.locator('h1').click();
    await page.keyboard.press('Shift+Period');
    assert.equal((await playerState(page))?.rate, 2);
    await page.keyboard.press('Shift+Comma');
    await page.keyboard.press('Shift+Comma');
    assert.equal((await playerState(page))?.rate, 1.25);
    await page.keyboard.press('l');
    assert.ok(Math.abs(((await playerState(page))?.time ?? 0) - 10) < 0.5, 'L jumps 10 s forward');
    await page.keyboard.press('ArrowLeft');
    assert.ok(Math.abs(((await playerState(page))?.time ?? 0) - 5) < 0.5, '← goes 5 s back');
    await page.keyboard.press('j');
    assert.equal((await playerState(page))?.time, 0);
    await page.keyboard.press('k');
    await eventually('K plays', 5_000, async () => (await playerState(page))?.paused === false);
    await page.keyboard.press('k');
    await eventually('K pauses', 5_000, async () => (await playerState(page))?.paused === true);

    // The phone: masked, revealed on request, and the reveal audited.
    assert.equal(await page.getByTestId('phone-full').count(), 0);
    await page.getByRole('button', { name: ru.office.phone.show }).click();
    await page.getByTestId('phone-full').getByText('+77015550199').waitFor();
    assert.equal(auditCount(database, appeal.id, 'appeal.phone_viewed'), 1);

    // A comment: typing K, L or a space in it moves no video.
    const before = await playerState(page);
    await page.getByLabel(ru.office.comments.label).fill('Проверить адрес kl по плану.');
    await page.getByLabel(ru.office.comments.label).press('k');
    await page.getByLabel(ru.office.comments.label).press('Space');
    assert.deepEqual(await playerState(page), before, 'keys typed in a field leave the player alone');
    await page.getByRole('button', { name: ru.office.comments.add }).click();
    await page.getByTestId('comments').getByText('Проверить адрес kl по плану.').waitFor();

    // The answer: rich text (one word bold), a PDF, a video recorded here.
    const editor = page.getByLabel(ru.office.answer.text);
    await editor.click();
    await page.keyboard.type(`${answerText} `);
    await page.getByRole('button', { name: ru.office.editor.bold }).click();
    await page.keyboard.type('Срочно.');
    await page.locator('#answer-document').setInputFiles({
      name: 'Смета ремонта.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_PDF,
    });
    await page.getByRole('link', { name: 'Смета ремонта.pdf' }).waitFor();
    // A file that is no PDF or picture is refused with the server's words.
    await page.locator('#answer-document').setInputFiles({
      name: 'virus.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ not a pdf'),
    });
    await page.getByText(ru.problem['document-type-rejected']).waitFor();

    await page.getByRole('button', { name: ru.office.videoAnswer.record }).click();
    await page.getByRole('button', { name: ru.office.videoAnswer.start }).click();
    await page.getByTestId('video-answer-left').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(3000);
    await page.getByRole('button', { name: ru.office.videoAnswer.stop }).click();
    await page.getByTestId('draft-video').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="draft-video"] video').waitFor({ timeout: 90_000 });
    await assertAccessible(page, 'office-answer-draft-ru');

    await page.getByLabel(ru.office.answer.outcome).selectOption('satisfied');
    await page.getByRole('button', { name: ru.office.answer.send }).click();
    await page.getByTestId('answer-record').getByText(answerText).waitFor();
    await page.locator('h1 .badge', { hasText: ru.common.statuses.answered }).waitFor();
    await page.getByTestId('answer-record').locator('strong', { hasText: 'Срочно.' }).waitFor();

    for (const lang of ['kk', 'ru', 'en'] as const) {
      await page.getByRole('button', { name: { kk: 'Қазақша', ru: 'Русский', en: 'English' }[lang] }).click();
      await page.getByText(CATALOGUES[lang].office.comments.title).waitFor();
      await assertAccessible(page, `office-appeal-answered-${lang}`);
    }
  } finally {
    await page.close();
  }

  // The citizen's page: the rich text, the PDF and the video.
  const site = await context.newPage();
  await site.setViewportSize({ width: 390, height: 844 });
  await site.addInitScript(() => localStorage.setItem('dialog.language', 'ru'));
  try {
    await site.goto(`${base}/?n=${encodeURIComponent(appeal.registrationNumber)}`);
    await site.getByLabel(ru.common.accessCode).fill(appeal.accessCode);
    await site.getByRole('button', { name: ru.public.lookup.submit }).click();
    await site.getByTestId('answer-body').getByText(answerText).waitFor();
    await site.getByTestId('answer-body').locator('strong', { hasText: 'Срочно.' }).waitFor();
    await site.getByRole('link', { name: 'Смета ремонта.pdf' }).waitFor();
    await eventually('the video answer on the citizen’s page', 90_000, async () => {
      if ((await site.getByTestId('answer-video').count()) > 0) return true;
      await site.reload();
      await site.getByTestId('answer-body').waitFor();
      return false;
    });
    await site.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="answer-video"]');
        return !!v && v.readyState >= 1 && v.duration > 2;
      },
      undefined,
      { timeout: 20_000 },
    );
    assert.equal(
      await site.getByText('Проверить адрес').count(),
      0,
      'no internal comment on the public page',
    );
    await assertAccessible(site, 'public-answer-rich-ru');
  } finally {
    await site.close();
  }
}

export const answerJourneys: [string, Journey][] = [
  [
    'an official answers with rich text, a PDF and a recorded video; player, phone, comment; the citizen sees all',
    officialAnswers,
  ],
];
