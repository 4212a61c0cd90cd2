// The virtual reception (/reception) in a real Chromium with the fake camera, on a phone-sized screen: the home link,
// consent, phone + SMS code (read from the outbox), topic, addressee, then (1) record, review, send, (2) upload a
// real WebM made by ffmpeg, (3) type; each ends at the receipt page and its PDF (read back with pdftotext), and the
// receipt's number and code open the appeal on the public site. axe on each new page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { recordingSample } from '../src/server/media/samples.js';
import {
  CATALOGUES,
  assertAccessible,
  countAppeals,
  smsCode,
  type Journey,
  type JourneyContext,
} from './helpers.js';
import { boothEmpty, mediaReady } from './media.e2e.js';

const en = CATALOGUES.en;
const r = en.public.reception;
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/reception-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/reception-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
}

async function check(page: Page, name: string): Promise<void> {
  await assertAccessible(page, `reception ${name}`);
  await shot(page, name);
}

/** Home → language → consent → phone → SMS code → topic → addressee → the three ways. */
export async function upToHow(ctx: JourneyContext, phone: string, screens: boolean): Promise<Page> {
  const page = await ctx.context.newPage();
  await page.setViewportSize(PHONE);
  await page.addInitScript(() => localStorage.setItem('dialog.language', 'en'));
  await page.goto(`${ctx.base}/`);
  if (screens) await check(page, 'home-link');
  await page.getByTestId('reception-link').click();
  await page.getByRole('heading', { name: r.title }).waitFor();
  if (screens) await check(page, 'start');
  await page.getByTestId('reception-language-en').click();
  await page.getByRole('heading', { name: r.consent.title }).waitFor();
  if (screens) await check(page, 'consent');
  await page.getByTestId('reception-agree').click();
  await page.getByLabel(r.phone.label).fill(phone);
  if (screens) await check(page, 'phone');
  const asked = Date.now();
  await page.getByRole('button', { name: r.phone.send }).click();
  await page.getByRole('heading', { name: r.code.title }).waitFor();
  const code = await smsCode(ctx.database, phone, asked);
  await page.getByLabel(en.public.sms.codeLabel).fill(code);
  if (screens) await check(page, 'code');
  await page.getByRole('button', { name: r.code.confirm }).click();
  await page.getByRole('heading', { name: r.topic.title }).waitFor();
  await page.getByLabel(en.common.types.complaint).check();
  if (screens) await check(page, 'topic');
  await page.getByRole('button', { name: r.next }).click();
  await page.getByRole('heading', { name: r.addressee.title }).waitFor();
  if (screens) await check(page, 'addressee');
  await page.getByTestId('reception-official').first().click();
  await page.getByRole('heading', { name: r.how.title }).waitFor();
  if (screens) await check(page, 'how');
  return page;
}

/** The receipt page: number and code shown, the PDF downloads and has the number in it. */
export async function receipt(page: Page, screens: boolean): Promise<{ number: string; code: string }> {
  await page.getByRole('heading', { name: r.receipt.title }).waitFor({ timeout: 30_000 });
  const number = (await page.getByTestId('receipt-number').textContent())?.trim() ?? '';
  const code = (await page.getByTestId('receipt-code').textContent())?.trim() ?? '';
  assert.match(number, /^\d{6}-\d{4}$/);
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await page.getByText(r.receipt.keep).first().waitFor();
  if (screens) await check(page, 'receipt');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('reception-pdf').click(),
  ]);
  const file = await download.path();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(number), `the PDF has the number: ${text}`);
  assert.ok(text.includes(code), 'the PDF has the access code');
  return { number, code };
}

/** The receipt's number and code open the appeal on the public site. */
async function lookUp(page: Page, base: string, number: string, code: string): Promise<void> {
  await page.goto(`${base}/?n=${encodeURIComponent(number)}&c=${encodeURIComponent(code)}`);
  await page.waitForURL(`**/appeal/${number}`, { timeout: 15_000 });
  await page
    .getByRole('heading', { name: new RegExp(number) })
    .first()
    .waitFor({ timeout: 15_000 });
}

const recordAtHome: Journey = async (ctx) => {
  const page = await upToHow(ctx, '+77015551101', true);
  try {
    await page.getByTestId('reception-how-record').click();
    await page.getByTestId('reception-record-start').waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return v !== null && v.readyState >= 2;
    });
    await check(page, 'camera');
    await page.getByTestId('reception-record-start').click();
    await page.getByTestId('reception-record-stop').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(3000);
    await check(page, 'recording');
    await page.getByTestId('reception-record-stop').click();
    await page.getByRole('heading', { name: r.review.title }).waitFor();
    await check(page, 'review');
    await page.getByTestId('reception-send').click();
    const made = await receipt(page, false);
    await lookUp(page, ctx.base, made.number, made.code);
  } finally {
    await page.close();
  }
};

/** The page reloads mid-recording: it offers to send what was recorded, and sending it registers the appeal. */
const reloadWhileRecording: Journey = async (ctx) => {
  const page = await upToHow(ctx, '+77015551105', false);
  try {
    await page.getByTestId('reception-how-record').click();
    await page.getByTestId('reception-record-start').click();
    await page.getByTestId('reception-record-stop').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(4_000);
    const before = countAppeals(ctx.database);
    await page.reload();
    await page.getByRole('heading', { name: r.interrupted.title }).waitFor({ timeout: 20_000 });
    const said = (await page.getByText(/appeal \d{6}-\d{4}/).textContent()) ?? '';
    const number = /(\d{6}-\d{4})/.exec(said)?.[1] ?? '';
    const seconds = Number(/\((\d+) s recorded\)/.exec(said)?.[1]);
    assert.ok(number, `the page names the appeal: ${said}`);
    assert.ok(seconds >= 2 && seconds <= 6, `and how long the recording was: ${said}`);
    assert.equal(countAppeals(ctx.database), before, 'nothing is registered before the person decides');
    await check(page, 'interrupted');

    await page.getByTestId('reception-interrupted-send').click();
    const made = await receipt(page, false);
    assert.equal(made.number, number);
    assert.equal(countAppeals(ctx.database), before + 1);
    await mediaReady(ctx, number);
    const db = new Database(ctx.database, { readonly: true, fileMustExist: true });
    const media = db
      .prepare(
        `select m.size_bytes as size, m.duration_ms as duration, m.original_key as original from appeals a
         join media_files m on m.id = a.media_id where a.registration_number = ?`,
      )
      .get(number) as { size: number; duration: number; original: string } | undefined;
    db.close();
    assert.ok(media, 'the appeal has its video');
    assert.ok(media.size > 10_000, `the recorded bytes arrived: ${media.size}`);
    assert.equal(statSync(join(dirname(ctx.database), 'media', media.original)).size, media.size);
    assert.ok(
      media.duration >= (seconds - 1.5) * 1000 && media.duration <= (seconds + 1.5) * 1000,
      `the video is as long as the page said: ${media.duration} ms for ${seconds} s`,
    );
    await boothEmpty(page);
    await lookUp(page, ctx.base, made.number, made.code);
  } finally {
    await page.close();
  }
};

const uploadAtHome: Journey = async (ctx) => {
  const page = await upToHow(ctx, '+77015551102', false);
  try {
    await page.getByTestId('reception-how-upload').click();
    await page.getByRole('heading', { name: r.upload.title }).waitFor();
    await page.getByLabel(r.upload.label).setInputFiles(recordingSample('320x240', 3));
    await check(page, 'upload');
    await page.getByTestId('reception-upload-send').click();
    const made = await receipt(page, false);
    await lookUp(page, ctx.base, made.number, made.code);
  } finally {
    await page.close();
  }
};

const typeAtHome: Journey = async (ctx) => {
  const page = await upToHow(ctx, '+77015551103', false);
  try {
    await page.getByTestId('reception-how-type').click();
    await page.getByRole('heading', { name: r.type.title }).waitFor();
    await page.getByLabel(r.type.label).fill('Too short');
    await page.getByTestId('reception-type-send').click();
    await page.getByText('Write at least 20 characters.').waitFor();
    await page
      .getByLabel(r.type.label)
      .fill('The playground on Satpayev street has a broken swing that hurt a child; please repair it.');
    await check(page, 'type');
    await page.getByTestId('reception-type-send').click();
    const made = await receipt(page, true);
    await lookUp(page, ctx.base, made.number, made.code);
  } finally {
    await page.close();
  }
};

export const receptionJourneys: [string, Journey][] = [
  ['reception: record at home with the fake camera → receipt, PDF, look-up', recordAtHome],
  [
    'reception: the page reloads mid-recording → send what was recorded → receipt, video',
    reloadWhileRecording,
  ],
  ['reception: upload a video file → receipt, PDF, look-up', uploadAtHome],
  ['reception: a typed appeal → receipt, PDF, look-up', typeAtHome],
];
