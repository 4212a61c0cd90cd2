// Administration › Settings in a real Chromium: the admin names the organisation, shortens the base recording time
// and uploads a logo; the booth then counts down from the new time and its receipt (on screen and printed) carries
// the name and the logo; the public site shows them too. axe in kk, ru and en on the settings screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { resolveBinary } from '../src/server/media/tools.js';
import { accessibleInEveryLanguage } from './auth.e2e.js';
import { openSection, signedInAdmin } from './admin.e2e.js';
import { openBooth, walkToCamera } from './kiosk.e2e.js';
import { CATALOGUES, assertAccessible, receiptPdfText, type Journey } from './helpers.js';

const en = CATALOGUES.en;
const s = en.office.settings;
const PHONE = '+7 (727) 271-66-66';
const NAME = { kk: 'Е2Е қаласының әкімдігі', ru: 'Акимат города E2E', en: 'Akimat of E2E city' };

/** A small PNG logo drawn by ffmpeg. */
function logoFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dialog-logo-')), 'logo.png');
  execFileSync(resolveBinary('', 'ffmpeg'), [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', 'testsrc2=size=480x160', '-frames:v', '1', file],
  ]);
  return file;
}

/** Puts every setting this journey changed back to its default (other journeys expect the defaults). */
async function resetAll(office: Page): Promise<void> {
  const status = await office.evaluate(async () => {
    const patch = await fetch('/api/admin/settings', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reset: ['recordingBaseSeconds', 'organisationName', 'contact'] }),
    });
    const logo = await fetch('/api/admin/settings/logo', { method: 'DELETE' });
    return [patch.status, logo.status];
  });
  assert.deepEqual(status, [200, 200]);
}

const settingsJourney: Journey = async (ctx) => {
  const office = await signedInAdmin(ctx);
  try {
    await openSection(office, s.link, s.title);
    await office.getByLabel(s.fields.recordingBaseSeconds).waitFor();
    await accessibleInEveryLanguage(office, 'office settings');

    // A base time over the maximum is refused with the rule's words beside the field.
    const base = office.getByLabel(s.fields.recordingBaseSeconds);
    await base.fill('400');
    await office.getByRole('button', { name: s.save }).click();
    await office.getByRole('alert').filter({ hasText: en.problem['settings-invalid'] }).waitFor();
    await office
      .getByText(s.invalid.recordingBaseSeconds.replace('{{minimum}}', '10').replace('{{maximum}}', '1800'))
      .waitFor();

    await base.fill('90');
    for (const lang of ['kk', 'ru', 'en'] as const) {
      await office
        .getByLabel(s.trilingual.name.replace('{{language}}', en.common.languageNames[lang]), { exact: true })
        .fill(NAME[lang]);
    }
    await office.getByLabel(s.fields.phone, { exact: true }).fill(PHONE);
    await office
      .getByLabel(s.trilingual.address.replace('{{language}}', en.common.languageNames.en), { exact: true })
      .fill('4 Republic Square\n<script>alert(1)</script>');
    await office.getByRole('button', { name: s.save }).click();
    await office.getByRole('status').filter({ hasText: s.saved }).waitFor();
    await office.getByLabel(s.logo.upload).setInputFiles(logoFile());
    await office.getByRole('status').filter({ hasText: s.logo.uploaded }).waitFor();
    await office.getByRole('img', { name: s.logo.current }).waitFor();
    // Set here, so each offers its reset.
    assert.equal(await office.getByRole('button', { name: new RegExp(s.reset) }).count(), 3);
    await assertAccessible(office, 'office settings saved en');

    const settings = (await (await fetch(`${ctx.base}/api/settings`)).json()) as {
      recordingBaseSeconds: number;
      organisationName: typeof NAME;
      organisationLogo: string | null;
    };
    assert.equal(settings.recordingBaseSeconds, 90);
    assert.deepEqual(settings.organisationName, NAME);
    assert.ok(settings.organisationLogo);

    // The booth counts down from 1:30 and prints the organisation's name and logo on the receipt.
    const kiosk = await openBooth(ctx);
    try {
      await walkToCamera(ctx, kiosk, 'en', '7016660077', 'request');
      await kiosk.getByTestId('record-start').click();
      await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
      assert.match(((await kiosk.getByTestId('time-left').textContent()) ?? '').trim(), /^1:[23]\d$/);
      await kiosk.waitForTimeout(2_000);
      await kiosk.getByTestId('record-stop').click();
      await kiosk.getByRole('heading', { name: en.kiosk.review.title }).waitFor();
      await kiosk.getByTestId('send').click();
      const organisation = kiosk.getByTestId('receipt-organisation');
      await organisation.waitFor({ timeout: 30_000 });
      assert.equal((await organisation.textContent())?.trim(), NAME.en);
      const logo = kiosk.locator('[data-testid=receipt] img.receipt-logo');
      await logo.waitFor();
      assert.ok(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
      await assertAccessible(kiosk, 'en receipt with organisation');
      const shots = process.env.E2E_SCREENSHOTS;
      const { text } = await receiptPdfText(kiosk, shots ? join(shots, 'receipt-with-logo') : undefined);
      assert.ok(text.includes(NAME.en), 'the printed receipt names the organisation');
    } finally {
      await kiosk.close();
    }

    // The public site's header.
    const site = await ctx.context.newPage();
    try {
      await site.goto(`${ctx.base}/`);
      await site.getByText(NAME.ru).or(site.getByText(NAME.kk)).or(site.getByText(NAME.en)).first().waitFor();
      await site.locator('img.site-logo').waitFor();
      // The contacts in the footer, as text: the markup typed into the address is shown, never run.
      await site.getByRole('button', { name: 'English' }).click();
      const footer = site.getByRole('contentinfo');
      await footer.getByRole('link', { name: PHONE }).waitFor();
      assert.equal(await footer.getByRole('link', { name: PHONE }).getAttribute('href'), 'tel:+77272716666');
      assert.ok(((await footer.textContent()) ?? '').includes('<script>alert(1)</script>'));
      await assertAccessible(site, 'public site with organisation');
    } finally {
      await site.close();
    }
  } finally {
    await resetAll(office).finally(() => office.close());
  }
};

export const settingsJourneys: [string, Journey][] = [
  [
    'admin settings: organisation name, base recording time and logo reach the booth’s receipt and the site',
    settingsJourney,
  ],
];
