// Sound only, in a real Chromium against the real server: the booth has no camera (getUserMedia refuses any request
// for video, enumerateDevices lists no camera) but its fake microphone works. The person goes on with sound only,
// records, gets a receipt that says so; the server keeps an audio recording marked sound-only, makes a playback copy
// without a picture and without a poster, and the office shows a player for sound.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import {
  CATALOGUES,
  assertAccessible,
  countAppeals,
  eventually,
  receiptPdfText,
  storedRecords,
  type Journey,
  type JourneyContext,
} from './helpers.js';
import { openBooth, walkToCamera } from './kiosk.e2e.js';

const en = CATALOGUES.en;

/** A booth whose camera is missing: every request for video fails as Chromium fails it with no camera plugged in. */
function withoutCamera(): void {
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  const enumerate = devices.enumerateDevices.bind(devices);
  devices.getUserMedia = (constraints) =>
    constraints?.video
      ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
      : getUserMedia(constraints);
  devices.enumerateDevices = async () => (await enumerate()).filter((d) => d.kind !== 'videoinput');
}

interface SoundMedia {
  appealId: string;
  state: string;
  audioOnly: number;
  mime: string;
  posterKey: string | null;
  playbackKey: string | null;
  failure: string | null;
}

function soundMedia(database: string, registrationNumber: string): SoundMedia | undefined {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `select a.id as appealId, m.state, m.audio_only as audioOnly, m.mime_type as mime, m.poster_key as posterKey,
                m.playback_key as playbackKey, m.failure_reason as failure
         from appeals a join media_files m on m.id = a.media_id where a.registration_number = ?`,
      )
      .get(registrationNumber) as SoundMedia | undefined;
  } finally {
    db.close();
  }
}

async function staffCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: 'operator-demo' }),
  });
  assert.equal(login.status, 200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The streams of a media file as ffprobe sees them ("audio", "video"). */
function streamTypes(bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dialog-sound-'));
  try {
    const file = join(dir, 'playback.mp4');
    writeFileSync(file, bytes);
    const out = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', file],
      { encoding: 'utf8' },
    );
    const { streams } = JSON.parse(out) as { streams: { codec_type: string; codec_name: string }[] };
    return streams.map((s) => `${s.codec_type}:${s.codec_name}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function meterValue(kiosk: Page): Promise<number> {
  return kiosk.getByTestId('mic-meter').evaluate((m) => (m as HTMLMeterElement).value);
}

const soundOnlyAppeal: Journey = async (ctx: JourneyContext) => {
  const kiosk = await ctx.context.newPage();
  await kiosk.addInitScript(withoutCamera);
  try {
    await openBooth(ctx, kiosk);
    await walkToCamera(ctx, kiosk, 'en', '7016660010', 'complaint');

    // The camera problem, with the choice to go on with sound only beside Start over and Try again.
    const problem = kiosk.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 15_000 });
    assert.ok(((await problem.textContent()) ?? '').includes(en.kiosk.camera.noCamera));
    await kiosk.getByTestId('sound-offer').waitFor();
    assert.ok(
      ((await kiosk.getByTestId('sound-offer').textContent()) ?? '').includes(en.kiosk.camera.soundOfferText),
    );
    await kiosk.getByRole('button', { name: en.kiosk.camera.startOver }).waitFor();
    await kiosk.getByRole('button', { name: en.common.retry }).waitFor();
    await assertAccessible(kiosk, 'en 21-camera-missing-sound-offer');
    // The same choice in Kazakh and Russian (the toolbar switches the language in place).
    for (const [language, name] of [
      ['kk', 'Қазақша'],
      ['ru', 'Русский'],
    ] as const) {
      await kiosk.getByRole('button', { name, exact: true }).click();
      await kiosk.getByRole('button', { name: CATALOGUES[language].kiosk.camera.soundOnly }).waitFor();
      await assertAccessible(kiosk, `${language} 21-camera-missing-sound-offer`);
    }
    await kiosk.getByRole('button', { name: 'English', exact: true }).click();
    await kiosk.getByRole('button', { name: en.kiosk.camera.soundOnly }).click();

    // The microphone check: no picture, no face guide, no lighting hint; the meter hears the fake microphone's tone
    // (noise suppression soon damps a steady sine to ~0.02, so "above silence" is the test, not "speech").
    await kiosk.getByRole('heading', { name: en.kiosk.camera.soundTitle }).waitFor();
    await kiosk.getByTestId('sound-only-notice').waitFor();
    assert.equal(await kiosk.locator('video, .face-guide').count(), 0, 'no picture without a camera');
    assert.equal(await kiosk.getByText(en.kiosk.camera.lightOk).count(), 0, 'no lighting hint');
    await eventually('the microphone meter to move', 5_000, async () => (await meterValue(kiosk)) > 0.005);
    await assertAccessible(kiosk, 'en 22-microphone-check');

    const before = countAppeals(ctx.database);
    await kiosk.getByTestId('record-start').click();
    await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
    await kiosk.waitForTimeout(3_000);
    const stage = ((await kiosk.getByTestId('sound-stage').textContent()) ?? '').trim();
    assert.equal(stage, en.kiosk.record.soundOnly);
    assert.equal(await kiosk.locator('video').count(), 0, 'no picture while recording');
    await assertAccessible(kiosk, 'en 23-recording-sound-only');
    await kiosk.getByTestId('record-stop').click();

    // Review: a player for sound, not an empty video box.
    await kiosk.getByRole('heading', { name: en.kiosk.review.title }).waitFor();
    await kiosk.waitForFunction(() => {
      const a = document.querySelector<HTMLAudioElement>('audio.playback');
      return !!a && a.readyState >= 1;
    });
    assert.equal(await kiosk.locator('video').count(), 0);
    await assertAccessible(kiosk, 'en 24-review-sound-only');
    await kiosk.getByRole('button', { name: en.kiosk.review.listen }).click();
    await kiosk.getByRole('button', { name: en.kiosk.review.pause }).waitFor();
    await eventually('the recording to play', 5_000, () =>
      kiosk.locator('audio.playback').evaluate((a) => (a as HTMLAudioElement).currentTime > 0),
    );
    await kiosk.getByRole('button', { name: en.kiosk.review.pause }).click();
    await kiosk.getByTestId('send').click();

    // The receipt says it is a sound-only appeal, on screen and on paper.
    await kiosk.getByTestId('receipt-number').waitFor({ timeout: 30_000 });
    const number = ((await kiosk.getByTestId('receipt-number').textContent()) ?? '').trim();
    assert.equal(countAppeals(ctx.database), before + 1);
    assert.equal(
      ((await kiosk.getByTestId('receipt-sound-only').textContent()) ?? '').trim(),
      en.kiosk.receipt.soundOnly,
    );
    await assertAccessible(kiosk, 'en 25-receipt-sound-only');
    const shots = process.env.E2E_SCREENSHOTS;
    const { text } = await receiptPdfText(kiosk, shots ? `${shots}/en-26-printed-sound-only` : undefined);
    assert.ok(
      text.replace(/\s+/g, ' ').includes(en.kiosk.receipt.soundOnly),
      `the printed receipt says sound only: ${text}`,
    );
    await kiosk.getByTestId('receipt-done').click();
    await kiosk.getByTestId('attract').waitFor();
    assert.equal(await storedRecords(kiosk, 'chunks'), 0, 'nothing left on the booth');

    // The server: an audio recording marked sound-only, processed into a copy without a picture or a poster.
    const media = await eventually(`the sound of ${number} processed`, 45_000, () => {
      const row = soundMedia(ctx.database, number);
      assert.notEqual(row?.state, 'failed', `sound of ${number} failed: ${row?.failure}`);
      return row?.state === 'ready' ? row : undefined;
    });
    assert.ok(media);
    assert.equal(media.audioOnly, 1);
    assert.match(media.mime, /^audio\/(webm|ogg|mp4)/);
    assert.equal(media.posterKey, null, 'no poster for sound');
    assert.ok(media.playbackKey, 'a playback copy');

    const cookie = await staffCookie(ctx.base);
    const detail = (await (
      await fetch(`${ctx.base}/api/office/appeals/${media.appealId}`, { headers: { cookie } })
    ).json()) as { media: { audioOnly: boolean; videoUrl: string | null; posterUrl: string | null } };
    assert.equal(detail.media.audioOnly, true);
    assert.equal(detail.media.posterUrl, null);
    assert.ok(detail.media.videoUrl);
    const playback = await fetch(new URL(detail.media.videoUrl, ctx.base), { headers: { cookie } });
    assert.equal(playback.status, 200);
    const streams = streamTypes(Buffer.from(await playback.arrayBuffer()));
    assert.deepEqual(streams, ['audio:aac'], `the playback copy is AAC sound only: ${streams.join(', ')}`);

    // The office: a "Sound only" badge and a player for sound, no black picture box.
    const office = await ctx.context.newPage();
    try {
      await office.setViewportSize({ width: 1280, height: 800 });
      await office.goto(`${ctx.base}/office`);
      await office.getByRole('button', { name: 'English' }).click();
      // An earlier journey in this browser may have left someone (who may not see this appeal) signed in.
      const username = office.getByLabel(en.office.login.username);
      const signOut = office.getByRole('button', { name: en.office.logout });
      await username.or(signOut).first().waitFor();
      if (await signOut.isVisible()) await signOut.click();
      await username.fill('operator');
      await office.getByLabel(en.office.login.password).fill('operator-demo');
      await office.getByRole('button', { name: en.office.login.submit }).click();
      await office.getByRole('link', { name: number }).click();
      await office.getByTestId('sound-only-badge').waitFor({ timeout: 20_000 });
      await office.getByText(en.office.appeal.soundOnlyWhy).waitFor();
      await office.waitForFunction(() => {
        const a = document.querySelector<HTMLAudioElement>('audio.appeal-audio');
        return !!a && Number.isFinite(a.duration) && a.duration > 0;
      });
      assert.equal(await office.locator('video').count(), 0, 'no video element for sound');
      await assertAccessible(office, 'office sound-only appeal');
    } finally {
      await office.close();
    }
  } finally {
    await kiosk.close();
  }
};

export const soundJourneys: [string, Journey][] = [
  [
    'sound only: no camera at the booth, the person goes on with the microphone; marked, processed without a picture, shown so in the office',
    soundOnlyAppeal,
  ],
];
