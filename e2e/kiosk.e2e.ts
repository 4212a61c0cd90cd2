// The booth in a real Chromium with the fake camera: the whole journey in each language (with the SMS code, the
// reference, the extension, a re-record and a typed note), the receipt as a PDF, the idle reset, a refused camera
// and a camera that dies mid-recording. axe runs on every screen.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  CATALOGUES,
  assertAccessible,
  boothHeaders,
  countAppeals,
  receiptPdfText,
  smsCode,
  storedChunks,
  storedRecords,
  typeDigits,
  type Catalogue,
  type Journey,
  type JourneyContext,
  type Language,
} from './helpers.js';

const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const PHONES: Record<Language, string> = { kk: '7011111111', ru: '7052222222', en: '7773333333' };

interface Options {
  language: Language;
  /** Pair the booth first (an admin enters the code it shows): the receipt then names the booth. */
  pair?: boolean;
  iin?: string;
  reference?: boolean;
  extend?: boolean;
  reRecord?: boolean;
  note?: string;
  /** Where to keep screenshots of every screen (docs/screenshots/<language>-<screen>.png). */
  shots?: string;
}

export async function openBooth(ctx: JourneyContext, page?: Page): Promise<Page> {
  const kiosk = page ?? (await ctx.context.newPage());
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await kiosk.goto(`${ctx.base}/kiosk`);
  await kiosk.getByTestId('attract').waitFor();
  return kiosk;
}

const BOOTH = { name: 'Kiosk 1', location: 'PSC No. 2, 15 Kazakhstan Ave., Oskemen' };

/** The admin pairs the booth by the code on its attract screen; the booth picks up its credential by itself. */
async function pairBooth(ctx: JourneyContext, kiosk: Page): Promise<void> {
  const code = ((await kiosk.getByTestId('pairing-code').textContent()) ?? '').trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const login = await fetch(`${ctx.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const paired = await fetch(`${ctx.base}/api/admin/kiosks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ code, ...BOOTH }),
  });
  assert.equal(paired.status, 201, await paired.text());
  await kiosk.getByTestId('pairing-code').waitFor({ state: 'detached', timeout: 15_000 });
  assert.ok(
    await kiosk.evaluate(() => localStorage.getItem('dialog.kiosk.token') !== null),
    'credential kept',
  );
}

/** Waits (up to 3 s) until the element's text matches; the clock display updates five times a second. */
async function waitForText(page: Page, testId: string, pattern: RegExp): Promise<void> {
  const until = Date.now() + 3_000;
  let text = '';
  while (Date.now() < until) {
    text = ((await page.getByTestId(testId).textContent()) ?? '').trim();
    if (pattern.test(text)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`${testId}: "${text}" does not match ${String(pattern)}`);
}

/** Walks the booth from the attract screen to the review screen; returns the page there. */
async function toReview(ctx: JourneyContext, kiosk: Page, o: Options): Promise<void> {
  const tr = CATALOGUES[o.language];
  const check = async (screen: string) => assertAccessible(kiosk, `${o.language} ${screen}`);
  const step = check;

  await step('01-attract');
  await kiosk.getByTestId('attract').click({ position: { x: 300, y: 400 } });
  await kiosk.getByRole('button', { name: new RegExp(LANGUAGE_NAMES[o.language]) }).waitFor();
  await step('02-language');
  await kiosk.getByRole('button', { name: new RegExp(LANGUAGE_NAMES[o.language]) }).click();

  await kiosk.getByRole('heading', { name: tr.kiosk.consent.title }).waitFor();
  assert.equal(await kiosk.evaluate(() => document.documentElement.lang), o.language);
  await step('03-consent');
  await kiosk.getByTestId('consent-agree').click();

  const phone = PHONES[o.language];
  await kiosk.getByRole('heading', { name: tr.kiosk.phone.title }).waitFor();
  await typeDigits(kiosk, phone);
  assert.equal((await kiosk.locator('output.phone-display').textContent())?.replace(/\s/g, ''), `+7${phone}`);
  await step('04-phone');
  const asked = Date.now();
  await kiosk.getByRole('button', { name: tr.kiosk.phone.next, exact: true }).click();

  await kiosk.getByRole('heading', { name: tr.kiosk.code.title }).waitFor();
  const code = await smsCode(ctx.database, `+7${phone}`, asked);
  await step('05-code');
  if (o.language === 'en') {
    // A wrong code first: the booth says so and lets the person try again.
    await typeDigits(kiosk, code === '000000' ? '111111' : '000000');
    await kiosk.getByRole('button', { name: tr.kiosk.code.confirm }).click();
    await kiosk.getByRole('alert').filter({ hasText: tr.problem['verification-code-wrong'] }).waitFor();
  }
  await typeDigits(kiosk, code);
  await kiosk.getByRole('button', { name: tr.kiosk.code.confirm }).click();

  await kiosk.getByRole('heading', { name: tr.kiosk.iin.title }).waitFor();
  if (o.iin) {
    await typeDigits(kiosk, o.iin);
    await step('06-iin');
    await kiosk.getByRole('button', { name: tr.kiosk.iin.next, exact: true }).click();
  } else {
    await step('06-iin');
    await kiosk.getByTestId('iin-skip').click();
  }

  await kiosk.getByRole('heading', { name: tr.kiosk.type.title }).waitFor();
  await step('07-type');
  await kiosk.getByRole('button', { name: new RegExp(tr.common.types.complaint) }).click();
  await kiosk.getByRole('heading', { name: tr.kiosk.category.title }).waitFor();
  await step('08-category');
  // Housing has an article in the demo reference.
  await kiosk.locator('.category-chips button').first().click();
  if (o.reference) {
    await kiosk.getByRole('heading', { name: tr.kiosk.advice.title }).waitFor();
    await step('09-advice');
    await kiosk.locator('.choices .choice').first().click();
    await kiosk.locator('.faq-article, [data-testid="faq-article"]').first().waitFor();
    await step('10-reference');
    await kiosk.getByRole('button', { name: tr.common.back }).first().click();
    if (await kiosk.getByRole('heading', { name: tr.kiosk.advice.title }).isHidden()) {
      await kiosk.getByRole('button', { name: tr.common.back }).first().click();
    }
    await kiosk.getByRole('heading', { name: tr.kiosk.advice.title }).waitFor();
  }
  const advice = kiosk.getByRole('button', { name: tr.kiosk.advice.continue });
  if (await advice.isVisible()) await advice.click();

  await kiosk.getByTestId('official-card').first().waitFor();
  await step('11-addressee');
  await kiosk.getByTestId('official-card').first().click();

  await kiosk.getByTestId('record-start').waitFor({ timeout: 15_000 });
  await kiosk.getByTestId('mic-meter').waitFor();
  await step('12-camera');
  await kiosk.getByTestId('record-start').click();

  await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
  await kiosk.waitForTimeout(3_000);
  await step('13-recording');
  const left = (await kiosk.getByTestId('time-left').textContent()) ?? '';
  assert.match(left, /^1:5\d$/, `time left after ~3 s: ${left}`);
  if (o.extend) {
    await kiosk.getByTestId('record-extend').click();
    await waitForText(kiosk, 'time-left', /^2:5\d$/);
    // 2:00 + 1:00 + 1:00 + 1:00 = 5:00, the default maximum: no fourth extension.
    await kiosk.getByTestId('record-extend').click();
    await kiosk.getByTestId('record-extend').click();
    await kiosk.getByTestId('record-extend').waitFor({ state: 'detached' });
    await waitForText(kiosk, 'time-left', /^4:5\d$/);
  }
  await kiosk.getByTestId('record-stop').click();
  await kiosk.getByRole('heading', { name: tr.kiosk.review.title }).waitFor();
}

async function review(kiosk: Page, o: Options): Promise<void> {
  const tr = CATALOGUES[o.language];
  await kiosk.locator('video.playback').waitFor();
  await kiosk.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('video.playback');
    return !!v && v.readyState >= 1;
  });
  await assertAccessible(kiosk, `${o.language} 14-review`);
  if (o.note) {
    await kiosk.getByTestId('note-open').click();
    await kiosk.getByTestId('note-display').waitFor();
    await assertAccessible(kiosk, `${o.language} 15-note`);
    for (const ch of o.note) {
      await kiosk.locator('.osk').getByRole('button', { name: ch, exact: true }).first().click();
    }
    assert.equal((await kiosk.getByTestId('note-display').textContent())?.trim(), o.note);
    await kiosk.getByRole('button', { name: tr.kiosk.review.noteDone }).click();
  }
}

async function sendAndCheckReceipt(
  ctx: JourneyContext,
  kiosk: Page,
  o: Options,
): Promise<{ number: string; code: string }> {
  const tr = CATALOGUES[o.language];
  const before = countAppeals(ctx.database);
  await kiosk.getByTestId('send').click();
  await kiosk.getByTestId('receipt-number').waitFor({ timeout: 30_000 });
  const number = ((await kiosk.getByTestId('receipt-number').textContent()) ?? '').trim();
  const code = ((await kiosk.getByTestId('receipt-code').textContent()) ?? '').trim();
  assert.match(number, /^\d{6}-\d{4,6}$/);
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  assert.equal(countAppeals(ctx.database), before + 1);
  if (o.pair) {
    assert.ok(
      ((await kiosk.getByTestId('receipt').textContent()) ?? '').includes(BOOTH.location),
      'booth named',
    );
  }
  const deadline = ((await kiosk.getByTestId('receipt-deadline').textContent()) ?? '').trim();
  assert.ok(deadline.includes('15'), `deadline mentions 15 working days: ${deadline}`);
  await assertAccessible(kiosk, `${o.language} 16-receipt`);

  // The printed receipt: 80 mm wide, with the number, the code, the deadline and where to look the answer up.
  const { text, widthMm } = await receiptPdfText(
    kiosk,
    o.shots ? `${o.shots}/${o.language}-17-printed` : undefined,
  );
  assert.ok(Math.abs(widthMm - 80) < 1, `receipt page width ${widthMm} mm`);
  const flat = text.replace(/\s+/g, ' ');
  assert.ok(flat.includes(number), `PDF has the number: ${flat}`);
  assert.ok(flat.includes(code), `PDF has the access code: ${flat}`);
  const day = await kiosk.locator('[data-testid="receipt-deadline"] time').textContent();
  assert.ok(day && flat.includes(day.trim()), `PDF has the deadline ${day}: ${flat}`);
  // pdftotext may break the long URL anywhere.
  assert.ok(text.replace(/\s+/g, '').includes(`/?n=${number}`), `PDF has the status URL: ${flat}`);
  assert.ok(!flat.includes(tr.kiosk.receipt.printAgain), 'buttons are not printed');

  await kiosk.getByTestId('receipt-done').click();
  await kiosk.getByTestId('attract').waitFor();
  return { number, code };
}

/** One appeal recorded at the booth, for journeys that go on to the office and the public site. */
export async function appealAtBooth(
  ctx: JourneyContext,
  language: Language,
): Promise<{ number: string; code: string }> {
  const kiosk = await openBooth(ctx);
  await toReview(ctx, kiosk, { language });
  const receipt = await sendAndCheckReceipt(ctx, kiosk, { language });
  await kiosk.close();
  return receipt;
}

function boothJourney(o: Omit<Options, 'shots'>): Journey {
  return async (ctx) => {
    const shots = process.env.E2E_SCREENSHOTS;
    if (shots) mkdirSync(shots, { recursive: true });
    const options = { ...o, shots };
    const kiosk = await openBooth(ctx);
    if (o.pair) await pairBooth(ctx, kiosk);
    await toReview(ctx, kiosk, options);
    if (o.reRecord) {
      const tr = CATALOGUES[o.language];
      const uploads = await kiosk.evaluate(() => performance.getEntriesByType('resource').length);
      assert.ok(uploads > 0);
      await kiosk.getByTestId('rerecord').click();
      await kiosk.getByTestId('record-start').waitFor({ timeout: 15_000 });
      await kiosk.getByTestId('record-start').click();
      await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
      await kiosk.waitForTimeout(2_000);
      await kiosk.getByTestId('record-stop').click();
      await kiosk.getByRole('heading', { name: tr.kiosk.review.title }).waitFor();
      // Two re-records allowed by default: one is left.
      assert.ok(
        ((await kiosk.getByTestId('rerecord').textContent()) ?? '').includes('1'),
        'one more re-record is offered',
      );
    }
    await review(kiosk, options);
    await sendAndCheckReceipt(ctx, kiosk, options);
    assert.equal(await storedChunks(kiosk), 0, 'nothing left in IndexedDB after the receipt');
    await kiosk.close();
  };
}

/** Walks away at the review screen: the warning shows, then the booth forgets everything. */
const idleReset: Journey = async (ctx) => {
  const kiosk = await ctx.context.newPage();
  await kiosk.clock.install();
  await kiosk.clock.resume();
  const uploads: string[] = [];
  kiosk.on('response', (res) => {
    const location = res.headers()['location'];
    if (res.request().method() === 'POST' && res.url().endsWith('/api/uploads') && location)
      uploads.push(location);
  });
  await openBooth(ctx, kiosk);
  const before = countAppeals(ctx.database);
  await toReview(ctx, kiosk, { language: 'ru' });
  assert.equal(uploads.length, 1);
  const uploadUrl = new URL(uploads[0]!, ctx.base).toString();
  // Only the booth that created the upload may look at it.
  const owner = { 'Tus-Resumable': '1.0.0', ...(await boothHeaders(kiosk, ctx.base)) };
  const stranger = await fetch(uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
  assert.equal(stranger.status, 403, 'nobody else may look at the upload');
  const head = await fetch(uploadUrl, { method: 'HEAD', headers: owner });
  assert.equal(head.status, 200, 'the upload exists while the person is reviewing');

  const settings = (await (await fetch(`${ctx.base}/api/settings`)).json()) as {
    kioskIdleSeconds: number;
    kioskIdleWarningSeconds: number;
  };
  await kiosk.clock.fastForward(settings.kioskIdleSeconds * 1000 + 1000);
  await kiosk.getByTestId('idle-warning').waitFor();
  await assertAccessible(kiosk, 'ru 18-idle-warning');
  await kiosk.clock.fastForward(settings.kioskIdleWarningSeconds * 1000 + 1000);
  await kiosk.getByTestId('attract').waitFor();
  assert.equal(
    await kiosk.evaluate(() => document.documentElement.lang),
    'kk',
    'back to Kazakh for the next person',
  );

  // Nothing submitted, nothing left behind: no appeal, no chunk or delivery in IndexedDB, the partial upload gone.
  assert.equal(countAppeals(ctx.database), before);
  // The discard finishes in the background; give it a moment.
  for (let i = 0; i < 50 && (await storedChunks(kiosk)) > 0; i++) await kiosk.waitForTimeout(100);
  assert.equal(await storedChunks(kiosk), 0);
  assert.equal(await storedRecords(kiosk, 'deliveries'), 0);
  const gone = await fetch(uploadUrl, { method: 'HEAD', headers: owner });
  assert.equal(gone.status, 404, 'the partial upload was deleted on the server');

  // The next person starts clean: the phone field is empty.
  await kiosk.getByTestId('attract').click({ position: { x: 300, y: 400 } });
  await kiosk.getByRole('button', { name: /Русский/ }).click();
  await kiosk.getByTestId('consent-agree').click();
  assert.equal((await kiosk.locator('output.phone-display').textContent())?.trim(), '+7');
  await kiosk.close();
};

/** The shortest way from the attract screen to the camera: skip the IIN, "something else", the first official. */
export async function walkToCamera(
  ctx: JourneyContext,
  kiosk: Page,
  language: Language,
  phone: string,
  type: keyof Catalogue['common']['types'],
): Promise<void> {
  const tr = CATALOGUES[language];
  await kiosk.getByTestId('attract').click({ position: { x: 300, y: 400 } });
  await kiosk.getByRole('button', { name: new RegExp(LANGUAGE_NAMES[language]) }).click();
  await kiosk.getByTestId('consent-agree').click();
  await typeDigits(kiosk, phone);
  const asked = Date.now();
  await kiosk.getByRole('button', { name: tr.kiosk.phone.next, exact: true }).click();
  await typeDigits(kiosk, await smsCode(ctx.database, `+7${phone}`, asked));
  await kiosk.getByRole('button', { name: tr.kiosk.code.confirm }).click();
  await kiosk.getByTestId('iin-skip').click();
  await kiosk.getByRole('button', { name: new RegExp(tr.common.types[type]) }).click();
  await kiosk.getByRole('button', { name: tr.kiosk.category.other }).click();
  await kiosk.getByTestId('official-card').first().click();
}

/** The camera permission is refused: the booth says so clearly and offers a way out. */
const cameraRefused: Journey = async (ctx) => {
  const denied = await ctx.launchWithoutCamera();
  try {
    const kiosk = await openBooth({ ...ctx, context: denied });
    const tr = CATALOGUES.en;
    await walkToCamera(ctx, kiosk, 'en', '7014444444', 'request');
    const problem = kiosk.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 15_000 });
    assert.ok(((await problem.textContent()) ?? '').includes(tr.kiosk.camera.denied));
    await assertAccessible(kiosk, 'en 19-camera-refused');
    assert.equal(await kiosk.getByTestId('record-start').count(), 0, 'no way to record without a camera');
    await kiosk.getByRole('button', { name: tr.kiosk.camera.startOver }).click();
    await kiosk.getByTestId('attract').waitFor();
  } finally {
    await denied.close();
  }
};

/** The camera track ends mid-recording (unplugged): the person is told, and what was recorded can be sent. */
const cameraLost: Journey = async (ctx) => {
  const kiosk = await ctx.context.newPage();
  await kiosk.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      (window as unknown as { __streams: MediaStream[] }).__streams ??= [];
      (window as unknown as { __streams: MediaStream[] }).__streams.push(stream);
      return stream;
    };
  });
  await openBooth(ctx, kiosk);
  await walkToCamera(ctx, kiosk, 'kk', '7015555555', 'proposal');
  await kiosk.getByTestId('record-start').click();
  await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
  await kiosk.waitForTimeout(2_500);
  // Unplug: the track stops and fires `ended`, as a real camera does when it disappears.
  await kiosk.evaluate(() => {
    for (const stream of (window as unknown as { __streams: MediaStream[] }).__streams) {
      for (const track of stream.getVideoTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    }
  });
  await kiosk.getByTestId('camera-lost').waitFor({ timeout: 10_000 });
  await assertAccessible(kiosk, 'kk 20-camera-lost');
  await sendAndCheckReceipt(ctx, kiosk, { language: 'kk' });
  await kiosk.close();
};

export const boothJourneys: [string, Journey][] = [
  [
    'the booth in Russian: IIN, reference article, extension to 5:00, re-record, typed note, printed receipt',
    boothJourney({
      language: 'ru',
      iin: '900101300126',
      reference: true,
      extend: true,
      reRecord: true,
      note: 'да',
    }),
  ],
  [
    'the booth in Kazakh: paired by an admin, the whole journey, a printed receipt that names the booth',
    boothJourney({ language: 'kk', reference: true, pair: true }),
  ],
  [
    'the booth in English: a wrong SMS code first, then the whole journey',
    boothJourney({ language: 'en', iin: '850725400014', reference: true }),
  ],
  ['the booth forgets a person who walked away (warning, then nothing left behind)', idleReset],
  ['the booth explains a refused camera and offers a way out', cameraRefused],
  [
    'the booth tells the person when the camera dies mid-recording and still sends what was recorded',
    cameraLost,
  ],
];
