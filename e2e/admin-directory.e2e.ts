// The directory in the office's Administration: an admin renames an official in three languages, frames and uploads
// a photo (the booth's list then carries the new 480×640 portrait), and loads a directory file — its dry run shows the
// bad cell by row and column and writes nothing, the corrected file imports and its official reaches the booth. axe on
// every screen in kk, ru and en.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DIRECTORY_COLUMNS } from '../src/common/directory.js';
import type { OfficialCard } from '../src/common/api.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { CATALOGUES, countAppeals, eventually, type Journey } from './helpers.js';

const en = CATALOGUES.en;
const d = en.office.directory;

async function boothCards(page: Page, base: string): Promise<OfficialCard[]> {
  const res = await page.request.get(`${base}/api/directory/officials`);
  return (await res.json()) as OfficialCard[];
}

function csv(rows: string[][]): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return Buffer.from([DIRECTORY_COLUMNS.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n'));
}

const parksRow = (code: string, positionRu: string) => [
  'parks',
  'Саябақтар бөлімі',
  'Отдел парков',
  'Parks department',
  code,
  'Дәурен Серікұлы',
  'Даурен Серикович',
  'Dauren Serikovich',
  'Бас маман',
  positionRu,
  'Chief specialist',
  'Саябақтар мен гүлзарлар',
  'Парки и скверы',
  'Parks and squares',
  'Бс 10:00–12:00',
  'Пн 10:00–12:00',
  'Mon 10:00–12:00',
  'yes',
  '',
  '',
];

const directoryEditor: Journey = async (ctx) => {
  const appealsBefore = countAppeals(ctx.database);
  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'admin', 'admin-demo');
    await page.getByRole('link', { name: en.office.admin.link }).click();
    await page
      .getByRole('navigation', { name: en.office.admin.menu })
      .getByRole('link', { name: d.link })
      .click();
    await page.getByRole('heading', { name: d.title }).waitFor();
    const table = page.getByRole('table', { name: d.officials.caption });
    await table.locator('tbody tr').first().waitFor();
    await accessibleInEveryLanguage(page, 'admin directory');

    // The first official in the booth: renamed in three languages.
    const [first] = await boothCards(page, ctx.base);
    assert.ok(first, 'the demo directory has officials');
    await page.getByRole('button', { name: d.editNamed.replace('{{name}}', first.fullName.en) }).click();
    const names = {
      kk: 'Айгүл Серікқызы Нұрланова',
      ru: 'Айгуль Сериковна Нурланова',
      en: 'Aigul Serikovna Nurlanova',
    };
    for (const lang of ['kk', 'ru', 'en'] as const)
      await page.locator(`#official-fullName-${lang}`).fill(names[lang]);
    await page.locator('#official-receptionHours-en').fill('Tue and Thu 15:00–17:00, room 214');
    await accessibleInEveryLanguage(page, 'admin official form');
    await page.getByRole('button', { name: d.save, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: d.officials.saved.replace('{{name}}', names.en) })
      .waitFor();
    const renamed = (await boothCards(page, ctx.base)).find((c) => c.id === first.id);
    assert.deepEqual(renamed?.fullName, names);
    assert.equal(renamed?.receptionHours?.en, 'Tue and Thu 15:00–17:00, room 214');

    // A photo: chosen, framed with the keyboard, uploaded; the booth's list points at the new portrait.
    const dir = mkdtempSync(join(tmpdir(), 'dialog-e2e-photo-'));
    const picture = join(dir, 'portrait.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1200x900',
      '-frames:v',
      '1',
      picture,
    ]);
    await page.getByRole('button', { name: d.editNamed.replace('{{name}}', names.en) }).click();
    await page.getByLabel(d.photo.choose).setInputFiles({
      name: 'portrait.png',
      mimeType: 'image/png',
      buffer: readFileSync(picture),
    });
    const frame = page.getByRole('img', { name: d.photo.frame });
    await frame.waitFor();
    await frame.focus();
    for (const key of ['+', '+', 'ArrowRight', 'ArrowRight', 'ArrowUp']) await page.keyboard.press(key);
    assert.ok(Number(await page.getByLabel(d.photo.zoom).inputValue()) > 1, 'the keyboard zoomed in');
    await accessibleInEveryLanguage(page, 'admin photo crop');
    const before = renamed?.photoUrl;
    await page.getByRole('button', { name: d.photo.upload }).click();
    await page.getByRole('status').filter({ hasText: d.photo.saved }).waitFor();
    const photoUrl = await eventually('the booth carries the new photo', 5_000, async () => {
      const card = (await boothCards(page, ctx.base)).find((c) => c.id === first.id);
      return card?.photoUrl && card.photoUrl !== before ? card.photoUrl : '';
    });
    const image = await page.request.get(`${ctx.base}${photoUrl}`);
    assert.equal(image.headers()['content-type'], 'image/jpeg');
    const size = await page.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, photoUrl);
    assert.deepEqual(size, [480, 640]);
    await page.getByRole('button', { name: d.cancel }).click();
    await table.getByRole('row').filter({ hasText: names.en }).locator('img.dir-thumb').waitFor();

    // A directory file: the dry run finds the bad cell and writes nothing; the corrected file imports.
    await page.getByRole('link', { name: d.io.link }).click();
    await page.getByRole('heading', { name: d.io.title }).waitFor();
    const file = page.getByLabel(d.io.file);
    await file.setInputFiles({
      name: 'directory.csv',
      mimeType: 'text/csv',
      buffer: csv([
        parksRow('parks-head', 'Главный специалист'),
        parksRow('parks-deputy', 'Chief specialist'),
      ]),
    });
    await page.getByRole('button', { name: d.io.check }).click();
    const errors = page.getByRole('table', { name: d.io.errorsCaption });
    await errors.waitFor();
    const cells = await errors.locator('tbody tr').first().getByRole('cell').allTextContents();
    assert.deepEqual(cells, ['3', 'position_ru', d.io.errors['not-russian']]);
    assert.equal(await page.getByRole('button', { name: d.io.import, exact: true }).isDisabled(), true);
    assert.equal(
      (await boothCards(page, ctx.base)).some((c) => c.fullName.en === 'Dauren Serikovich'),
      false,
    );
    await accessibleInEveryLanguage(page, 'admin import errors');

    await file.setInputFiles({
      name: 'directory.csv',
      mimeType: 'text/csv',
      buffer: csv([parksRow('parks-head', 'Главный специалист')]),
    });
    await page.getByRole('button', { name: d.io.check }).click();
    await page.getByRole('status').filter({ hasText: d.io.checkedClean }).waitFor();
    await page.getByRole('button', { name: d.io.import, exact: true }).click();
    await page.getByRole('status').filter({ hasText: d.io.imported }).waitFor();
    await accessibleInEveryLanguage(page, 'admin import done');
    const imported = (await boothCards(page, ctx.base)).find((c) => c.fullName.en === 'Dauren Serikovich');
    assert.equal(imported?.department.name.ru, 'Отдел парков');
    assert.equal(imported?.receptionHours?.ru, 'Пн 10:00–12:00');

    // Topics: the list in three languages.
    await page.getByRole('link', { name: d.categories.link }).click();
    await page.getByRole('table', { name: d.categories.caption }).waitFor();
    await accessibleInEveryLanguage(page, 'admin topics');
    assert.equal(countAppeals(ctx.database), appealsBefore, 'administration registers no appeal');
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  } finally {
    await page.close();
  }
};

export const adminDirectoryJourneys: [string, Journey][] = [
  [
    'admin directory: edit an official in three languages, a framed photo, a CSV import with a dry run',
    directoryEditor,
  ],
];
