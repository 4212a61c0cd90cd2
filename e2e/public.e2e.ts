// The public site in a real Chromium against the real server, on a phone-sized screen: the receipt's QR address
// and the access code, the SMS-code route (the code read from the log driver's outbox), the answer with a real MP4
// video answer range-streamed to the player, rating, dispute, withdrawal, and the searchable reference; axe on each
// page. There is no office screen to record a video answer yet, so the answer is put in the database and storage.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal, type AppealRecipe, type MadeAppeal } from '../src/server/modules/public/fixtures.js';
import {
  CATALOGUES,
  assertAccessible,
  eventually,
  smsCode,
  type Journey,
  type JourneyContext,
} from './helpers.js';

const en = CATALOGUES.en;
const PHONE = { width: 390, height: 844 };

async function seed(ctx: JourneyContext, recipe: AppealRecipe): Promise<MadeAppeal> {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    const storage = new LocalBlobStore(join(dirname(ctx.database), 'media'));
    return await makeAppeal(handle.db, storage, new Date(), recipe);
  } finally {
    await handle.close();
  }
}

async function phonePage(ctx: JourneyContext): Promise<Page> {
  const page = await ctx.context.newPage();
  await page.setViewportSize(PHONE);
  await page.addInitScript(() => localStorage.setItem('dialog.language', 'en'));
  return page;
}

/** With E2E_SCREENSHOTS, the same page at desktop width too. */
async function desktopShot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
}

const lookupByCode: Journey = async (ctx) => {
  const appeal = await seed(ctx, {
    answer: {
      body: 'The heating in your building was restored on 19 November.\nThe pipes were replaced.',
      video: true,
      documents: ['Inspection report.pdf'],
    },
  });
  const page = await phonePage(ctx);
  try {
    const ranges: number[] = [];
    page.on('response', (res) => {
      if (res.url().endsWith('/answer-video')) ranges.push(res.status());
    });
    // What the receipt's QR code opens: the number filled in, the access code left to type.
    await page.goto(`${ctx.base}/?n=${appeal.registrationNumber}`);
    await page.getByText(en.public.lookup.fromQr).waitFor();
    assert.equal(await page.getByLabel(en.common.registrationNumber).inputValue(), appeal.registrationNumber);
    await assertAccessible(page, 'public lookup (phone)');
    await desktopShot(page, 'public-lookup');
    // A wrong code first: the error is announced.
    await page.getByLabel(en.common.accessCode).fill('ZZZZZ-ZZZZZ');
    await page.getByRole('button', { name: en.public.lookup.submit }).click();
    await page.getByRole('alert').filter({ hasText: en.problem['wrong-access-code'] }).waitFor();
    await page.getByLabel(en.common.accessCode).fill(appeal.accessCode.toLowerCase());
    await page.getByRole('button', { name: en.public.lookup.submit }).click();

    await page.waitForURL(`**/appeal/${appeal.registrationNumber}`);
    await page.getByTestId('answer-body').getByText('The pipes were replaced.').waitFor();
    await page.getByRole('link', { name: 'Inspection report.pdf' }).waitFor();
    const video = page.getByTestId('answer-video');
    await eventually('the video answer loads its metadata', 15_000, () =>
      video.evaluate((v: HTMLVideoElement) => v.readyState >= 1 && v.duration > 2),
    );
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await eventually('the video answer plays', 15_000, () =>
      video.evaluate((v: HTMLVideoElement) => v.currentTime > 0.3),
    );
    assert.ok(ranges.includes(206), `the player asked for ranges (statuses: ${ranges.join(', ')})`);
    await assertAccessible(page, 'public answer (phone)');
    await desktopShot(page, 'public-answer');

    // The download carries the look-up cookie.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Inspection report.pdf' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'Inspection report.pdf');

    // Rating: nothing chosen is refused on the page; then yes, 4 of 5.
    await page.getByRole('button', { name: en.public.rate.submit }).click();
    await page.getByRole('alert').filter({ hasText: en.public.rate.pickBoth }).waitFor();
    await page.getByRole('radio', { name: en.public.rate.yes }).check();
    await page.getByRole('radio', { name: '4', exact: true }).check();
    await page.getByLabel(en.public.rate.comment).fill('Thank you, it is warm now.');
    await page.getByRole('button', { name: en.public.rate.submit }).click();
    await page
      .getByTestId('rating-summary')
      .getByText(en.public.rate.satisfied.replace('{{score}}', '4'))
      .waitFor();

    // Dispute: the problem came back.
    await page.getByLabel(en.public.dispute.reason).fill('The radiators are cold again since Friday.');
    await page.getByRole('button', { name: en.public.dispute.submit }).click();
    await page.getByRole('heading', { level: 1 }).getByText(en.common.statuses.disputed).waitFor();
    await page.getByText(en.common.statusExplained.disputed).waitFor();
    await assertAccessible(page, 'public disputed (phone)');
  } finally {
    await page.close();
  }
};

const lookupBySms: Journey = async (ctx) => {
  const appeal = await seed(ctx, { status: 'redirected', history: [] });
  const page = await phonePage(ctx);
  try {
    await page.goto(`${ctx.base}/`);
    await page.getByRole('button', { name: en.public.lookup.noCode }).click();
    await page.getByRole('heading', { name: en.public.sms.title }).waitFor();
    await page.getByLabel(en.common.registrationNumber).fill(appeal.registrationNumber);
    const asked = Date.now();
    await page.getByRole('button', { name: en.public.sms.send }).click();
    await page.getByText(en.public.sms.sent.replace('{{ending}}', appeal.phone.slice(-2))).waitFor();
    await assertAccessible(page, 'public sms code (phone)');
    await desktopShot(page, 'public-sms');
    const code = await smsCode(ctx.database, appeal.phone, asked);
    await page.getByLabel(en.public.sms.codeLabel).fill(code);
    await page.getByRole('button', { name: en.public.sms.submit }).click();
    await page.waitForURL(`**/appeal/${appeal.registrationNumber}`);
    await page.getByText(en.public.result.noAnswerYet).waitFor();
    await page.getByTestId('days-left').waitFor();

    // A reload asks the server again with the look-up cookie.
    await page.reload();
    await page.getByRole('heading', { name: en.public.withdraw.title }).waitFor();
    await assertAccessible(page, 'public open appeal (phone)');
    await desktopShot(page, 'public-open-appeal');

    await page.getByLabel(en.public.withdraw.reason).fill('The question was solved by itself.');
    await page.getByRole('button', { name: en.public.withdraw.start }).click();
    await page
      .getByText(en.public.withdraw.confirmQuestion.replace('{{number}}', appeal.registrationNumber))
      .waitFor();
    await assertAccessible(page, 'public withdraw confirm (phone)');
    await page.getByRole('button', { name: en.public.withdraw.confirm }).click();
    await page.getByText(en.common.statusExplained.withdrawn).waitFor();
    assert.equal(await page.getByRole('heading', { name: en.public.withdraw.title }).count(), 0);
  } finally {
    await page.close();
  }
};

const reference: Journey = async (ctx) => {
  const page = await phonePage(ctx);
  try {
    await page.goto(`${ctx.base}/`);
    await page.getByRole('link', { name: en.public.nav.reference }).click();
    await page.getByRole('heading', { name: en.public.reference.title }).waitFor();
    await page.getByTestId('reference-item').first().waitFor();
    const all = await page.getByTestId('reference-item').count();
    await assertAccessible(page, 'public reference (phone)');
    await desktopShot(page, 'public-reference');
    await page.getByLabel(en.public.reference.search).fill('working days');
    await page.getByRole('button', { name: en.public.reference.searchButton }).click();
    await eventually('the search narrows the list', 10_000, async () => {
      const n = await page.getByTestId('reference-item').count();
      return n > 0 && n < all;
    });
    await page.getByLabel(en.public.reference.search).fill('zzqqxx');
    await page.getByRole('button', { name: en.public.reference.searchButton }).click();
    await page.getByText(en.public.reference.empty).waitFor();
    await page.getByLabel(en.public.reference.search).fill('deadline');
    await page.getByRole('button', { name: en.public.reference.searchButton }).click();
    await page.getByTestId('reference-item').first().click();
    await page.getByTestId('faq-article').waitFor();
    await assertAccessible(page, 'public article (phone)');
    await desktopShot(page, 'public-article');
    // The same article in Kazakh and Russian.
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await eventually('the article is in Kazakh', 5000, async () => {
      const kk = await page.getByRole('heading', { level: 1 }).textContent();
      return kk !== title && /[әіңғүұқөһ]/i.test(kk ?? '');
    });
    await assertAccessible(page, 'public article (kk)');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('link', { name: CATALOGUES.ru.public.reference.backToList }).waitFor();
    await assertAccessible(page, 'public article (ru)');
  } finally {
    await page.close();
  }
};

export const publicJourneys: [string, Journey][] = [
  ['public: look-up by access code from the QR address, the video answer, rating and dispute', lookupByCode],
  ['public: look-up by SMS code, a reload, and withdrawal', lookupBySms],
  ['public: the reference, searched, in three languages', reference],
];
