// The whole loop in a real Chromium with a fake camera: record at the booth, answer in the office, read it at home.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

export interface JourneyContext {
  context: BrowserContext;
  base: string;
}

type Journey = (ctx: JourneyContext) => Promise<void>;

/** Fails on any accessibility violation axe rates serious or critical; with E2E_SCREENSHOTS=dir, keeps a picture. */
async function assertAccessible(page: Page, screen: string): Promise<void> {
  const shots = process.env.E2E_SCREENSHOTS;
  if (shots) await page.screenshot({ path: `${shots}/${screen.replace(/\W+/g, '-')}.png`, fullPage: true });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(
    bad.length,
    0,
    `${screen}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`,
  );
}

async function citizenAndOfficial({ context, base }: JourneyContext): Promise<void> {
  const answerText = `Проверка e2e: ремонт дороги запланирован на следующий месяц (${Date.now()}).`;

  // The booth, in Russian.
  const kiosk = await context.newPage();
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await kiosk.goto(`${base}/kiosk`);
  await kiosk.getByRole('button', { name: /Русский/ }).waitFor();
  await assertAccessible(kiosk, 'kiosk language');
  await kiosk.getByRole('button', { name: /Русский/ }).click();

  for (const digit of '7012345678') await kiosk.getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await kiosk.locator('output.phone-display').textContent(), '+7 701 234 56 78');
  await assertAccessible(kiosk, 'kiosk phone');
  await kiosk.getByRole('button', { name: 'Далее' }).click();

  await kiosk.getByTestId('official-card').first().waitFor();
  await assertAccessible(kiosk, 'kiosk addressee');
  await kiosk.getByTestId('official-card').first().click();

  await kiosk.getByRole('button', { name: /Заявление/ }).click();

  await kiosk.getByRole('button', { name: 'Согласен, включить камеру' }).click();
  await kiosk.getByRole('button', { name: 'Начать запись' }).waitFor();
  await assertAccessible(kiosk, 'kiosk camera');
  await kiosk.getByRole('button', { name: 'Начать запись' }).click();

  await kiosk.getByTestId('record-stop').waitFor({ timeout: 15_000 });
  await kiosk.waitForTimeout(5_000);
  const left = (await kiosk.getByTestId('time-left').textContent()) ?? '';
  assert.match(left, /^1:5\d$/, `time left after ~5 s: ${left}`);
  await kiosk.getByTestId('record-stop').click();

  await kiosk.getByTestId('receipt-number').waitFor({ timeout: 30_000 });
  const number = ((await kiosk.getByTestId('receipt-number').textContent()) ?? '').trim();
  const code = ((await kiosk.getByTestId('receipt-code').textContent()) ?? '').trim();
  assert.match(number, /^\d{6}-\d{4,6}$/);
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await assertAccessible(kiosk, 'kiosk receipt');
  await kiosk.getByRole('button', { name: 'Готово' }).click();
  await kiosk.getByRole('button', { name: /Русский/ }).waitFor();
  await kiosk.close();

  // The office: the official signs in, watches and answers.
  const office = await context.newPage();
  await office.setViewportSize({ width: 1280, height: 800 });
  await office.goto(`${base}/office`);
  await office.getByRole('button', { name: 'Русский' }).click();
  await office.getByLabel('Имя пользователя').waitFor();
  await assertAccessible(office, 'office login');
  await office.getByLabel('Имя пользователя').fill('official');
  await office.getByLabel('Пароль').fill('official-demo');
  await office.getByRole('button', { name: 'Войти' }).click();
  await office.getByRole('link', { name: number }).waitFor();
  await assertAccessible(office, 'office inbox');
  await office.getByRole('link', { name: number }).click();

  await office.locator('video.appeal-video').waitFor({ timeout: 60_000 });
  await office.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('video.appeal-video');
      return !!v && (v.readyState >= 2 || (Number.isFinite(v.duration) && v.duration > 0));
    },
    undefined,
    { timeout: 20_000 },
  );
  await assertAccessible(office, 'office appeal');
  await office.getByLabel('Текст ответа').fill(answerText);
  await office.getByLabel('Результат').selectOption('executed');
  await office.getByRole('button', { name: 'Отправить ответ' }).click();
  await office.getByText(answerText).waitFor();
  await office.locator('h1 .badge', { hasText: 'Дан ответ' }).waitFor();
  await office.close();

  // At home: the citizen looks the appeal up with the receipt.
  const site = await context.newPage();
  await site.setViewportSize({ width: 1280, height: 800 });
  await site.goto(`${base}/?n=${encodeURIComponent(number)}&c=${encodeURIComponent(code)}`);
  await site.getByRole('button', { name: 'Русский' }).click();
  assert.equal(await site.getByLabel('Регистрационный номер').inputValue(), number);
  await assertAccessible(site, 'public look-up');
  await site.getByRole('button', { name: 'Проверить' }).click();
  await site.getByText('На ваше обращение дан ответ. Он приведён ниже.').waitFor();
  await site.getByText(answerText).waitFor();
  await assertAccessible(site, 'public result');
  await site.close();
}

export const journeys: [string, Journey][] = [
  ['a citizen records at the booth, the official answers, the citizen reads the answer', citizenAndOfficial],
];
