// "Never lost", from the booth's side, in a real Chromium against the real server: the network drops mid-recording,
// the page reloads mid-recording (and right at the start), the network is down at Stop, and Send is tapped twice.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  CATALOGUES,
  appealMedia,
  assertAccessible,
  countAppeals,
  eventually,
  receiptPdfText,
  storedRecords,
  type Journey,
  type JourneyContext,
} from './helpers.js';
import { openBooth, walkToCamera } from './kiosk.e2e.js';

const ru = CATALOGUES.ru;
const en = CATALOGUES.en;

/** Processing a few seconds of 640×480 takes well under this on two cores. */
const PROCESSED_MS = 45_000;

async function startRecording(kiosk: Page): Promise<void> {
  await kiosk.getByTestId('record-start').click();
  await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
}

async function stopAndSend(kiosk: Page, tr: typeof ru): Promise<void> {
  await kiosk.getByTestId('record-stop').click();
  await kiosk.getByRole('heading', { name: tr.kiosk.review.title }).waitFor();
  await kiosk.getByTestId('send').click();
}

async function receiptNumber(kiosk: Page, timeout = 30_000): Promise<string> {
  await kiosk.getByTestId('receipt-number').waitFor({ timeout });
  const number = ((await kiosk.getByTestId('receipt-number').textContent()) ?? '').trim();
  assert.match(number, /^\d{6}-\d{4,6}$/);
  assert.match(
    ((await kiosk.getByTestId('receipt-code').textContent()) ?? '').trim(),
    /^[0-9A-Z]{5}-[0-9A-Z]{5}$/,
  );
  return number;
}

export async function mediaReady(ctx: JourneyContext, number: string, ms = PROCESSED_MS): Promise<void> {
  await eventually(`the video of ${number} ready`, ms, () => {
    const row = appealMedia(ctx.database, number);
    assert.notEqual(row?.mediaState, 'failed', `video of ${number} failed: ${row?.failure}`);
    return row?.mediaState === 'ready';
  });
}

/** Nothing left on the booth (or the reception's browser): every chunk acknowledged, every delivery finished. */
export async function boothEmpty(kiosk: Page): Promise<void> {
  await eventually('the booth to hold no chunk and no delivery', 15_000, async () => {
    return (await storedRecords(kiosk, 'chunks')) === 0 && (await storedRecords(kiosk, 'deliveries')) === 0;
  });
}

/** (a) Four seconds without a network while recording: the person is told, and gets an ordinary receipt. */
const dropMidRecording: Journey = async (ctx) => {
  const kiosk = await openBooth(ctx);
  try {
    await walkToCamera(ctx, kiosk, 'ru', '7016660001', 'request');
    await startRecording(kiosk);
    await kiosk.waitForTimeout(2_000);
    await ctx.context.setOffline(true);
    try {
      await kiosk.getByTestId('record-offline').waitFor({ timeout: 5_000 });
      assert.equal(
        ((await kiosk.getByTestId('record-offline').textContent()) ?? '').trim(),
        ru.kiosk.record.offline,
      );
      await assertAccessible(kiosk, 'ru recording offline');
      await kiosk.waitForTimeout(4_000);
      // The recording goes on: what the server lacks is kept on the booth.
      const kept = /·.*?([\d.]+)/.exec((await kiosk.getByTestId('bytes-sent').textContent()) ?? '');
      assert.ok(kept && Number(kept[1]) > 0, `bytes kept on the booth while offline: ${kept?.[0]}`);
    } finally {
      await ctx.context.setOffline(false);
    }
    await kiosk.getByTestId('record-offline').waitFor({ state: 'detached', timeout: 15_000 });
    await kiosk.waitForTimeout(1_000);
    const before = countAppeals(ctx.database);
    await stopAndSend(kiosk, ru);
    const number = await receiptNumber(kiosk);
    assert.equal(await kiosk.getByTestId('receipt-delivering').count(), 0, 'an ordinary receipt');
    assert.equal(countAppeals(ctx.database), before + 1);
    await mediaReady(ctx, number);
    await boothEmpty(kiosk);
  } finally {
    await kiosk.close();
  }
};

/** (b) The page reloads mid-recording: the person standing there gets the appeal's receipt. */
const reloadMidRecording: Journey = async (ctx) => {
  const kiosk = await openBooth(ctx);
  try {
    await walkToCamera(ctx, kiosk, 'en', '7016660002', 'complaint');
    await startRecording(kiosk);
    await kiosk.waitForTimeout(4_000);
    await kiosk.reload();
    await kiosk.getByTestId('restart-saved').waitFor({ timeout: 30_000 });
    const number = await receiptNumber(kiosk);
    const said = ((await kiosk.getByTestId('restart-saved').textContent()) ?? '').trim();
    assert.ok(said.includes(number), `the restart screen names the appeal: ${said}`);
    assert.match(said, /\(0:0[3-6]\)/, `and how long the recording was: ${said}`);
    assert.equal(
      ((await kiosk.getByRole('heading', { level: 1 }).textContent()) ?? '').trim(),
      en.kiosk.restart.title,
    );
    await assertAccessible(kiosk, 'en restarted with a receipt');
    assert.ok(appealMedia(ctx.database, number), 'the appeal exists');
    await mediaReady(ctx, number);
    await boothEmpty(kiosk);
    await kiosk.getByTestId('receipt-done').click();
    await kiosk.getByTestId('attract').waitFor();
  } finally {
    await kiosk.close();
  }
};

/** The page reloads before the first second of recording reached the booth's storage: it says so plainly. */
const reloadBeforeAnything: Journey = async (ctx) => {
  const kiosk = await openBooth(ctx);
  try {
    await walkToCamera(ctx, kiosk, 'en', '7016660003', 'request');
    const before = countAppeals(ctx.database);
    await kiosk.getByTestId('record-start').click();
    // The first chunk arrives a second after recording starts; the delivery record exists before that.
    await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
    await kiosk.evaluate(() => location.reload());
    await kiosk.getByTestId('restart-empty').waitFor({ timeout: 20_000 });
    assert.equal(
      ((await kiosk.getByTestId('restart-empty').textContent()) ?? '').trim(),
      en.kiosk.restart.empty,
    );
    await assertAccessible(kiosk, 'en restarted with nothing saved');
    assert.equal(countAppeals(ctx.database), before);
    await boothEmpty(kiosk);
    await kiosk.getByTestId('restart-done').click();
    await kiosk.getByTestId('attract').waitFor();
  } finally {
    await kiosk.close();
  }
};

/** (c) No network at Stop: a receipt with the reserved number that says the video is on its way; delivered later. */
const offlineAtStop: Journey = async (ctx) => {
  const kiosk = await openBooth(ctx);
  let number = '';
  try {
    await walkToCamera(ctx, kiosk, 'ru', '7016660004', 'proposal');
    await startRecording(kiosk);
    await kiosk.waitForTimeout(3_000);
    const before = countAppeals(ctx.database);
    await ctx.context.setOffline(true);
    try {
      await kiosk.waitForTimeout(1_500);
      const sent = Date.now();
      await stopAndSend(kiosk, ru);
      await kiosk.getByTestId('sending-offline').waitFor({ timeout: 5_000 });
      number = await receiptNumber(kiosk, 15_000);
      const waited = Date.now() - sent;
      assert.ok(waited < 10_000, `receipt ${waited} ms after Send`);
      assert.equal(
        ((await kiosk.getByTestId('receipt-delivering').textContent()) ?? '').trim(),
        ru.kiosk.receipt.delivering,
      );
      await assertAccessible(kiosk, 'ru receipt while the video is delivered');
      const { text } = await receiptPdfText(kiosk);
      const flat = text.replace(/\s+/g, ' ');
      assert.ok(flat.includes(number), `the printed receipt has the reserved number: ${flat}`);
      assert.ok(
        flat.includes(ru.kiosk.receipt.delivering.slice(0, 30)),
        `the printed receipt says the video is on its way: ${flat}`,
      );
      assert.equal(appealMedia(ctx.database, number), null, 'no appeal while the booth is offline');
      assert.equal(countAppeals(ctx.database), before);
      // The next person can use the booth meanwhile.
      await kiosk.getByTestId('receipt-done').click();
      await kiosk.getByTestId('attract').waitFor();
      assert.equal(await storedRecords(kiosk, 'deliveries'), 1, 'the delivery waits on the booth');
    } finally {
      await ctx.context.setOffline(false);
    }
    await eventually(`appeal ${number} registered`, 30_000, () => appealMedia(ctx.database, number));
    await mediaReady(ctx, number, 30_000);
    await boothEmpty(kiosk);
  } finally {
    await kiosk.close();
  }
};

/** (d) Send tapped twice, and the submission replayed as a lost reply would be: one appeal. */
const doubleSend: Journey = async (ctx) => {
  const kiosk = await openBooth(ctx);
  try {
    await walkToCamera(ctx, kiosk, 'ru', '7016660005', 'request');
    await startRecording(kiosk);
    await kiosk.waitForTimeout(2_000);
    await kiosk.getByTestId('record-stop').click();
    await kiosk.getByRole('heading', { name: ru.kiosk.review.title }).waitFor();
    const numbers: string[] = [];
    await kiosk.route('**/api/appeals', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The same request twice at once, as a retry after a lost reply would send it.
      const [first, second] = await Promise.all([route.fetch(), route.fetch()]);
      for (const res of [first, second]) {
        assert.equal(res.status(), 201, await res.text());
        numbers.push(((await res.json()) as { registrationNumber: string }).registrationNumber);
      }
      await route.fulfill({ response: second });
    });
    const before = countAppeals(ctx.database);
    await kiosk.getByTestId('send').dblclick();
    const number = await receiptNumber(kiosk);
    assert.deepEqual(numbers, [number, number], 'both submissions answered with the same appeal');
    assert.equal(countAppeals(ctx.database), before + 1, 'one appeal');
    await mediaReady(ctx, number);
    await boothEmpty(kiosk);
  } finally {
    await kiosk.close();
  }
};

export const mediaJourneys: [string, Journey][] = [
  [
    'the network drops for 4 s mid-recording: the booth says so, keeps the bytes, and gives a normal receipt',
    dropMidRecording,
  ],
  [
    'the page reloads mid-recording: the restart screen gives the appeal’s receipt and the video is processed',
    reloadMidRecording,
  ],
  ['the page reloads before anything was recorded: the restart screen says so plainly', reloadBeforeAnything],
  [
    'no network at Stop: a receipt with the reserved number; delivered and processed when the network returns',
    offlineAtStop,
  ],
  ['Send tapped twice and the submission replayed: one appeal', doubleSend],
];
