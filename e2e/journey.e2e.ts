// The whole loop in a real Chromium with a fake camera: record at the booth, answer in the office, read it at home.
import assert from 'node:assert/strict';
import { assertAccessible, type Journey, type JourneyContext } from './helpers.js';
import { appealAtBooth, boothJourneys } from './kiosk.e2e.js';

async function citizenAndOfficial(ctx: JourneyContext): Promise<void> {
  const { context, base } = ctx;
  const answerText = `Проверка e2e: ремонт дороги запланирован на следующий месяц (${Date.now()}).`;

  // The booth, in Russian (every booth screen is checked in detail by kiosk.e2e.ts).
  const { number, code } = await appealAtBooth(ctx, 'ru');

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
  await office.getByLabel('Результат').selectOption('satisfied');
  await office.getByRole('button', { name: 'Отправить ответ' }).click();
  await office.getByText(answerText).waitFor();
  await office.locator('h1 .badge', { hasText: 'Дан ответ' }).waitFor();
  await office.close();

  // At home: the citizen looks the appeal up with the receipt.
  const site = await context.newPage();
  await site.setViewportSize({ width: 1280, height: 800 });
  // The receipt's QR code opens the look-up with the number filled in; the code is typed from the paper.
  await site.goto(`${base}/?n=${encodeURIComponent(number)}`);
  await site.getByRole('button', { name: 'Русский' }).click();
  assert.equal(await site.getByLabel('Регистрационный номер').inputValue(), number);
  await site.getByLabel('Код доступа').fill(code);
  await assertAccessible(site, 'public look-up');
  await site.getByRole('button', { name: 'Проверить' }).click();
  await site.getByText('На ваше обращение дан ответ. Он приведён ниже.').waitFor();
  await site.getByText(answerText).waitFor();
  await assertAccessible(site, 'public result');
  await site.close();
}

export const journeys: [string, Journey][] = [
  ...boothJourneys,
  ['a citizen records at the booth, the official answers, the citizen reads the answer', citizenAndOfficial],
];
