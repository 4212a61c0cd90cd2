// The office's sign-in in a real Chromium: a supervisor sets up the second factor (QR code, a code computed here
// from the key the page shows, recovery codes shown once), signs out and back in with a TOTP code, and reads an
// appeal's audit; an account locked after repeated failures says so. axe on each new screen in kk, ru and en.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal } from '../src/server/modules/public/fixtures.js';
import { totpCode } from '../src/server/modules/auth/totp.js';
import { CATALOGUES, assertAccessible, type Journey, type JourneyContext, type Language } from './helpers.js';

const en = CATALOGUES.en;
const LANGUAGE_BUTTONS: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

export async function officePage(ctx: JourneyContext, language: Language = 'en'): Promise<Page> {
  const page = await ctx.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${ctx.base}/office`);
  await page.getByRole('button', { name: LANGUAGE_BUTTONS[language] }).click();
  // The browser profile is shared with the other journeys: someone may still be signed in.
  const tr = CATALOGUES[language];
  const username = page.getByLabel(tr.office.login.username);
  const signOut = page.getByRole('button', { name: tr.office.logout, exact: true });
  await username.or(signOut).first().waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await username.waitFor();
  return page;
}

export async function signInWithPassword(
  page: Page,
  username: string,
  password: string,
  tr = en,
): Promise<void> {
  await page.getByLabel(tr.office.login.username).fill(username);
  await page.getByLabel(tr.office.login.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: tr.office.login.submit }).click();
}

/** Every language's version of the current screen passes axe (and is kept as a picture with E2E_SCREENSHOTS). */
export async function accessibleInEveryLanguage(
  page: Page,
  screen: string,
  back: Language = 'en',
): Promise<void> {
  for (const language of ['kk', 'ru', 'en'] as const) {
    await page.getByRole('button', { name: LANGUAGE_BUTTONS[language] }).click();
    await assertAccessible(page, `${screen} ${language}`);
  }
  await page.getByRole('button', { name: LANGUAGE_BUTTONS[back] }).click();
}

const twoStepSignIn: Journey = async (ctx) => {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  const appeal = await makeAppeal(
    handle.db,
    new LocalBlobStore(join(dirname(ctx.database), 'media')),
    new Date(),
  ).finally(() => handle.close());

  const page = await officePage(ctx);
  await signInWithPassword(page, 'supervisor', 'supervisor-demo');
  await page.getByRole('link', { name: en.office.account.link }).click();
  await page.getByRole('heading', { name: en.office.account.title }).waitFor();
  await accessibleInEveryLanguage(page, 'office account');

  await page.getByRole('button', { name: en.office.account.totp.start }).click();
  await page.getByRole('img', { name: en.office.account.totp.qrLabel }).waitFor();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await accessibleInEveryLanguage(page, 'office totp setup');
  await page.getByLabel(en.office.account.totp.code).fill(totpCode(secret, new Date()));
  await page.getByRole('button', { name: en.office.account.totp.confirm }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await assertAccessible(page, 'office recovery codes en');
  await page.getByRole('button', { name: en.office.account.totp.saved }).click();
  await page.getByText(en.office.account.totp.on).waitFor();

  await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  await signInWithPassword(page, 'supervisor', 'supervisor-demo');
  await page.getByRole('heading', { name: en.office.login.totpTitle }).waitFor();
  await accessibleInEveryLanguage(page, 'office totp step');
  await page.getByLabel(en.office.login.totpCode).fill('000000');
  await page.getByRole('button', { name: en.office.login.submit }).click();
  await page.getByText(en.problem['totp-wrong']).waitFor();
  // The code that confirmed the set-up is spent; the next 30-second step's code is within the accepted drift.
  await page.getByLabel(en.office.login.totpCode).fill(totpCode(secret, new Date(Date.now() + 30_000)));
  await page.getByRole('button', { name: en.office.login.submit }).click();
  await page.getByRole('link', { name: en.office.account.link }).waitFor();

  await page.goto(`${ctx.base}/office/appeals/${appeal.id}`);
  const audit = page.getByTestId('appeal-audit');
  await audit.getByText(en.office.audit.title).click();
  await audit.getByRole('cell', { name: 'appeal.viewed' }).first().waitFor();
  await accessibleInEveryLanguage(page, 'office appeal audit');

  // Turned off again with the password (the supervisor's role does not require it here), as other journeys expect.
  await page.getByRole('link', { name: en.office.account.link }).click();
  await page.getByLabel(en.office.account.totp.offPassword).fill('supervisor-demo');
  await page.getByRole('button', { name: en.office.account.totp.turnOff }).click();
  await page.getByText(en.office.account.totp.off).waitFor();
  await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  await page.getByLabel(en.office.login.username).waitFor();
  await page.close();
};

const lockout: Journey = async (ctx) => {
  const page = await officePage(ctx);
  for (let i = 1; i <= 4; i++) {
    await signInWithPassword(page, 'akim', `not-the-password-${i}`);
    await page.getByText(en.problem['wrong-credentials']).waitFor();
  }
  await signInWithPassword(page, 'akim', 'not-the-password-5');
  await page.getByText(en.problem['account-locked']).waitFor();
  // Even the right password is turned away while the lock lasts.
  await signInWithPassword(page, 'akim', 'akim-demo');
  await page.getByText(en.problem['account-locked']).waitFor();
  assert.equal(await page.getByRole('link', { name: en.office.account.link }).count(), 0);
  // (The per-address log-in limit, 10 a minute, leaves no room for more attempts in this run.)
  await accessibleInEveryLanguage(page, 'office locked');
  await page.close();
};

export const authJourneys: [string, Journey][] = [
  ['office: two-step sign-in and the supervisor’s audit', twoStepSignIn],
  ['office: an account locked after repeated failures', lockout],
];
