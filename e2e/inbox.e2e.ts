// The office inbox in a real Chromium: an operator sees the views with their counts, switches views by mouse and by
// keyboard, finds an overdue appeal flagged in red and one due soon in amber, searches by registration number (the
// phone masked in the row), saves the view and gets it back, and finds 55 appeals by a word of their notes, 50 and
// then the rest with "show more"; axe passes in kk, ru and en.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openDatabase } from '../src/server/db/index.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { CATALOGUES, eventually, type Journey, type JourneyContext } from './helpers.js';

const en = CATALOGUES.en;
const inbox = en.office.inbox;

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

interface Made {
  overdue: string;
  dueSoon: string;
  fresh: string;
  /** A word in the notes of PAGED appeals: more than one page. */
  word: string;
}

const PAGED = 55;

/** Appeals straight into the server's database: overdue, due tomorrow, new with a deadline far away, and PAGED more. */
async function appeals(ctx: JourneyContext): Promise<Made> {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    const db = handle.db;
    const official = await db
      .selectFrom('staff_users as u')
      .innerJoin('officials as o', 'o.id', 'u.official_id')
      .select(['o.id', 'o.department_id'])
      .where('u.username', '=', 'official')
      .executeTakeFirstOrThrow();
    const prefix = `200101-${String(crypto.randomInt(10, 99))}`;
    const make = async (
      suffix: string,
      status: 'registered' | 'under_review',
      deadline: string,
      phone: string,
      note = 'Inbox journey',
    ) => {
      const at = new Date(Date.now() - 3600_000).toISOString();
      const number = `${prefix}${suffix}`;
      await db
        .insertInto('appeals')
        .values({
          id: crypto.randomUUID(),
          registration_number: number,
          access_code_hash: 'e2e',
          phone_e164: phone,
          iin: null,
          language: 'ru',
          type: 'complaint',
          category_id: null,
          addressee_official_id: official.id,
          department_id: official.department_id,
          status,
          source: 'kiosk',
          kiosk_id: null,
          note,
          media_id: null,
          registered_on: day(0),
          registered_at: at,
          deadline_on: deadline,
          answered_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return number;
    };
    const word = `журнал${crypto.randomInt(1000, 9999)}`;
    for (let i = 0; i < PAGED; i++)
      await make(String(100 + i), 'registered', day(30), '+77015550199', `Қоғамдық көлік ${word}`);
    return {
      word,
      overdue: await make('01', 'under_review', day(-5), '+77015550101'),
      dueSoon: await make('02', 'under_review', day(1), '+77015550102'),
      fresh: await make('03', 'registered', day(30), '+77015550103'),
    };
  } finally {
    await handle.close();
  }
}

const operatorsInbox: Journey = async (ctx) => {
  const made = await appeals(ctx);
  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'operator', 'operator-demo');
    await page.getByRole('heading', { name: inbox.title }).waitFor();
    const tab = (view: keyof typeof inbox.views) =>
      page.getByRole('tab', { name: new RegExp(`^${inbox.views[view]}`) });
    assert.equal(await tab('all').getAttribute('aria-selected'), 'true');
    // Counts per view, on the tabs.
    await eventually('the overdue count', 10_000, async () => {
      const text = await page
        .getByTestId('inbox-count-overdue')
        .textContent()
        .catch(() => null);
      return text !== null && Number(text.replace('+', '')) >= 1;
    });
    const newCount = Number((await page.getByTestId('inbox-count-new').textContent())?.replace('+', ''));
    assert.ok(newCount >= 1, 'new appeals are counted');
    await accessibleInEveryLanguage(page, 'office inbox');

    // Overdue: the row in red with its words, not by colour alone.
    await tab('overdue').click();
    const table = page.getByRole('table', { name: inbox.caption });
    const overdueRow = table.getByRole('row').filter({ hasText: made.overdue });
    await overdueRow.waitFor();
    assert.equal(await overdueRow.getAttribute('data-flag'), 'overdue');
    assert.match((await overdueRow.textContent()) ?? '', new RegExp(inbox.flags.overdue));
    assert.equal(await table.getByRole('row').filter({ hasText: made.fresh }).count(), 0);
    await accessibleInEveryLanguage(page, 'office inbox overdue');

    // By keyboard: the arrow keys move between the views.
    await tab('overdue').focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await tab('due-soon').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'inbox-tab-due-soon');
    const dueRow = table.getByRole('row').filter({ hasText: made.dueSoon });
    await dueRow.waitFor();
    assert.equal(await dueRow.getAttribute('data-flag'), 'due-soon');
    await page.keyboard.press('End');
    assert.equal(await tab('all').getAttribute('aria-selected'), 'true');

    // The filters, folded away until asked for; a status filter narrows the view and its counts.
    await page.getByText(inbox.filters, { exact: true }).click();
    await page
      .getByRole('combobox', { name: new RegExp(`^${inbox.status}`) })
      .selectOption({ label: en.common.statuses.under_review });
    await eventually(
      'only under review',
      10_000,
      async () => (await page.getByTestId('inbox-count-new').textContent()) === '0',
    );
    await accessibleInEveryLanguage(page, 'office inbox filters');
    await page.getByRole('button', { name: inbox.resetFilters }).click();
    await eventually(
      'every status again',
      10_000,
      async () => (await page.getByTestId('inbox-count-new').textContent()) !== '0',
    );

    // Search by registration number: one row, the phone masked.
    await page.getByLabel(inbox.search, { exact: true }).fill(made.fresh);
    await page.getByRole('button', { name: inbox.searchButton }).click();
    await eventually(
      'one row for the number',
      10_000,
      async () => (await table.locator('tbody tr').count()) === 1,
    );
    const row = table.locator('tbody tr').first();
    assert.match((await row.textContent()) ?? '', new RegExp(made.fresh));
    assert.match((await row.textContent()) ?? '', /\+7 701 ••• ••03/);
    assert.doesNotMatch((await page.content()) ?? '', /77015550103/);
    await eventually('the counts follow the search', 10_000, async () => {
      return (await page.getByTestId('inbox-count-all').textContent()) === '1';
    });
    await accessibleInEveryLanguage(page, 'office inbox search');

    // Saved as a named view, cleared, and chosen again.
    // A label around a select takes in the chosen option's text: the name only begins with the label.
    const savedSelect = page.getByRole('combobox', { name: new RegExp(`^${inbox.savedView}`) });
    const name = `Journey ${crypto.randomInt(1000, 9999)}`;
    await page.getByLabel(inbox.viewName).fill(name);
    await page.getByRole('button', { name: inbox.saveView }).click();
    await page.getByRole('button', { name: inbox.deleteView }).waitFor();
    await page.getByRole('button', { name: inbox.clearSearch }).click();
    await eventually(
      'the list is whole again',
      10_000,
      async () => (await table.locator('tbody tr').count()) > 1,
    );
    await savedSelect.selectOption({ label: name });
    await eventually(
      'the saved view applies',
      10_000,
      async () => (await table.locator('tbody tr').count()) === 1,
    );
    assert.equal(await page.getByLabel(inbox.search, { exact: true }).inputValue(), made.fresh);
    await page.getByRole('button', { name: inbox.deleteView }).click();
    await eventually('the view is gone', 10_000, async () => {
      const labels = await savedSelect.locator('option').allTextContents();
      return !labels.includes(name);
    });

    // A word of the notes, typed in capitals: a page of 50, then the rest with "show more".
    await page.getByLabel(inbox.search, { exact: true }).fill(made.word.toUpperCase());
    await page.getByRole('button', { name: inbox.searchButton }).click();
    await eventually('a first page', 10_000, async () => (await table.locator('tbody tr').count()) === 50);
    await page.getByRole('button', { name: inbox.more }).click();
    await eventually('all of them', 10_000, async () => (await table.locator('tbody tr').count()) === PAGED);
    assert.equal(await page.getByRole('button', { name: inbox.more }).count(), 0);
    assert.equal(await page.getByTestId('inbox-count-all').textContent(), String(PAGED));

    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
    await page.getByLabel(en.office.login.username).waitFor();
  } finally {
    await page.close();
  }
};

export const inboxJourneys: [string, Journey][] = [
  [
    'office inbox: views with counts, flags, keyboard, search by number and by word, paging, saved view',
    operatorsInbox,
  ],
];
