// The supervisor's dashboard in a real Chromium: an overdue appeal put in the database shows in the "Overdue" figure;
// the supervisor opens the dashboard from the menu, chooses the year, shows a chart's numbers, drills down from
// "Overdue" to the list holding that appeal, and downloads the list as CSV with the filters written above it. axe on
// the dashboard and the list in kk, ru and en (E2E_SCREENSHOTS keeps the pictures: charts legible in each language).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal } from '../src/server/modules/public/fixtures.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { CATALOGUES, type Journey } from './helpers.js';

const en = CATALOGUES.en;
const o = en.office.oversight;

const dashboardJourney: Journey = async (ctx) => {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  const late = await makeAppeal(
    handle.db,
    new LocalBlobStore(join(dirname(ctx.database), 'media')),
    new Date(),
    {
      deadlineOn: '2020-01-10',
    },
  ).finally(() => handle.close());

  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'supervisor', 'supervisor-demo');
    await page.getByRole('link', { name: o.link }).click();
    await page.getByRole('heading', { name: o.title, level: 1 }).waitFor();
    await page.getByLabel(o.period.year).check();
    const overdue = page.getByTestId('figure-overdue');
    await overdue.waitFor();
    assert.ok(
      Number(await overdue.locator('.figure-value').textContent()) >= 1,
      'the overdue appeal is counted',
    );
    await page.getByTestId('chart-series').waitFor();
    await page.getByRole('img', { name: o.chart.seriesTitle }).waitFor();
    await page.getByTestId('chart-stacked').getByRole('button', { name: o.chart.showNumbers }).click();
    await page.getByRole('region', { name: o.chart.stackedTitle }).waitFor();
    await accessibleInEveryLanguage(page, 'office oversight');

    await overdue.click();
    await page
      .getByRole('heading', { name: o.drill.title.replace('{{metric}}', o.metric.overdue) })
      .waitFor();
    await page.getByTestId('drill-table').getByRole('link', { name: late.registrationNumber }).waitFor();
    assert.match(
      page.url(),
      /\/office\/oversight\/appeals\?from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}&metric=overdue$/,
    );
    await accessibleInEveryLanguage(page, 'office oversight drill-down');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-appeals-csv').click(),
    ]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    assert.match(download.suggestedFilename(), /^oversight-appeals-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(text.includes(`${o.filter.metric},${o.metric.overdue}`), 'the figure is written in the file');
    assert.ok(text.includes(o.filter.period), 'the period is written in the file');
    assert.ok(text.includes(late.registrationNumber), 'the overdue appeal is in the file');
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  } finally {
    await page.close();
  }
};

export const oversightJourneys: [string, Journey][] = [
  ['office oversight: the dashboard, drill-down from overdue, CSV download; axe', dashboardJourney],
];
