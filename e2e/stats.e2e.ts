// The public statistics (/stats) in a real Chromium: appeals of the last published month put in the database, the
// league table sorted by a column heading, a suppressed body, another period, the CSV downloaded; axe in kk/ru/en.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeStatsAppeal, type StatsAppealRecipe } from '../src/server/modules/openstats/fixtures.js';
import { addDays } from '../src/common/workdays.js';
import { CATALOGUES, assertAccessible, type Journey, type JourneyContext } from './helpers.js';

/** Appeals of the month before this one, the last month the figures cover (the server caches them: seed first). */
async function seedLastMonth(ctx: JourneyContext): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const month = addDays(`${today.slice(0, 8)}01`, -1).slice(0, 8);
  const day = (d: number) => `${month}${String(d).padStart(2, '0')}`;
  const onTime = (department: string, d: number, days: number, score?: number): StatsAppealRecipe => ({
    department,
    registeredOn: day(d),
    deadlineOn: day(28),
    answeredOn: day(d),
    workingDays: days,
    ...(score ? { score } : {}),
  });
  const recipes = [
    ...[1, 2, 3, 4, 5, 6, 7].map((d, i) => onTime('housing', d, d, [5, 4, 4, 5, 3, 4, 5][i])),
    ...[2, 3, 4, 5].map((d) => onTime('transport', d, 2)),
    {
      department: 'transport',
      registeredOn: day(6),
      deadlineOn: day(10),
      answeredOn: day(20),
      workingDays: 10,
    },
    onTime('education', 8, 1, 5),
    onTime('education', 9, 1, 4),
  ];
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    const storage = new LocalBlobStore(join(dirname(ctx.database), 'media'));
    for (const recipe of recipes) await makeStatsAppeal(handle.db, storage, new Date(), recipe);
  } finally {
    await handle.close();
  }
  return month.slice(0, 4);
}

const statsPage: Journey = async (ctx) => {
  const year = await seedLastMonth(ctx);
  for (const lng of ['kk', 'ru', 'en'] as const) {
    const c = CATALOGUES[lng];
    const page = await ctx.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.addInitScript((l) => localStorage.setItem('dialog.language', l), lng);
      await page.goto(`${ctx.base}/`);
      await page.getByRole('navigation').getByRole('link', { name: c.public.nav.stats }).click();
      await page.waitForURL('**/stats');
      const table = page.getByTestId('stats-table');
      await table.waitFor();
      assert.ok((await table.getByRole('row').count()) >= 4, `${lng}: the bodies are listed`);
      // Education had 2 appeals: "fewer than 5", and its rates are not shown.
      await table.getByText(c.public.stats.fewer.replace('{{count}}', '5')).first().waitFor();
      await assertAccessible(page, `stats ${lng}`);
      if (lng !== 'en') continue;
      // Sorted by appeals received, most first: the housing department leads.
      const received = page.getByRole('columnheader', { name: c.public.stats.col.received });
      await received.getByRole('button').click();
      assert.equal(await received.getAttribute('aria-sort'), 'descending');
      const first = table.locator('tbody tr').first();
      assert.match((await first.textContent()) ?? '', /City Housing and Utilities Department/);
      assert.match((await first.textContent()) ?? '', /7/);
      await received.getByRole('button').click();
      assert.equal(await received.getAttribute('aria-sort'), 'ascending');
      // The open data of what is shown, as a file.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('stats-csv').click(),
      ]);
      const csv = readFileSync((await download.path()) ?? '', 'utf8');
      assert.match(csv, /^\ufeffperiod,period_from,period_to,published_through,level,/);
      assert.match(csv, /\r\nlast-12-months,.*,department,.*,housing,/);
      // Another period: the year, in the address too.
      await page.getByLabel(c.public.stats.period).selectOption(year);
      await page.getByRole('button', { name: c.public.stats.show }).click();
      await page.waitForURL(`**/stats?period=${year}`);
      await page
        .getByTestId('stats-range')
        .filter({ hasText: `1 January ${year}` })
        .waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await assertAccessible(page, 'stats en phone');
    } finally {
      await page.close();
    }
  }
};

export const statsJourneys: [string, Journey][] = [
  ['stats: the public statistics, sorted, another period, the CSV, in three languages', statsPage],
];
