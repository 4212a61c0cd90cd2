// The admins' message log in the office: a citizen's typed appeal at the virtual reception queues a receipt SMS,
// which the log driver "sends"; the admin finds it (masked phone, text with the number, sent via log), filters by
// state and channel, pages through failed emails with their reasons, and axe passes in kk, ru and en. Other staff
// have no such page.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/server/db/index.js';
import { insertNotification } from '../src/server/notifications/repository.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { receipt, upToHow } from './reception.e2e.js';
import { CATALOGUES, eventually, type Journey, type JourneyContext } from './helpers.js';

const en = CATALOGUES.en;
const n = en.office.notifications;
const PHONE = '+77015551104';
const FAILED_EMAILS = 55;

/** A typed appeal from home; answers its registration number once its receipt SMS has gone out. */
async function typedAppeal(ctx: JourneyContext): Promise<string> {
  const page = await upToHow(ctx, PHONE, false);
  try {
    await page.getByTestId('reception-how-type').click();
    await page
      .getByLabel(en.public.reception.type.label)
      .fill('The street lamp at Abay avenue 12 has been dark for a month; please repair it.');
    await page.getByTestId('reception-type-send').click();
    const { number } = await receipt(page, false);
    const db = new Database(ctx.database, { readonly: true, fileMustExist: true });
    try {
      await eventually('the receipt SMS sent', 15_000, () => {
        const row = db
          .prepare(
            `select state from notifications where recipient = ? and template = 'receipt' and body like ?`,
          )
          .get(PHONE, `%${number}%`) as { state: string } | undefined;
        return row?.state === 'sent';
      });
    } finally {
      db.close();
    }
    return number;
  } finally {
    await page.close();
  }
}

/** Staff emails a mail server refused for good, older than anything else in the log (more than one page). */
async function failedEmails(ctx: JourneyContext): Promise<void> {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    const start = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < FAILED_EMAILS; i++) {
      await insertNotification(handle.db, {
        id: crypto.randomUUID(),
        channel: 'email',
        recipient: `clerk${i}@akimat.example.kz`,
        template: 'newAppeal',
        language: 'ru',
        subject: 'Новое обращение',
        body: 'Поступило новое обращение.',
        state: 'failed',
        attempts: 12,
        last_error: `550 5.1.1 <clerk${i}@akimat.example.kz>: mailbox unavailable`,
        appeal_id: null,
        created_at: new Date(start + i * 60_000).toISOString(),
        sent_at: null,
        event_key: null,
        driver: 'smtp',
        provider_id: null,
        delivery_state: null,
        delivered_at: null,
      });
    }
  } finally {
    await handle.close();
  }
}

const messageLog: Journey = async (ctx) => {
  const number = await typedAppeal(ctx);
  await failedEmails(ctx);

  // An operator has neither the link nor the page.
  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'operator', 'operator-demo');
    await page.getByRole('link', { name: en.office.account.link }).waitFor();
    assert.equal(await page.getByRole('link', { name: n.link }).count(), 0);
    assert.equal(await page.getByRole('link', { name: en.office.admin.link }).count(), 0);
    await page.goto(`${ctx.base}/office/notifications`);
    await page.getByRole('heading', { name: en.office.inbox.title }).waitFor();
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();

    await signInWithPassword(page, 'admin', 'admin-demo');
    await page.getByRole('link', { name: en.office.admin.link }).click();
    await page
      .getByRole('navigation', { name: en.office.admin.menu })
      .getByRole('link', { name: n.link })
      .click();
    await page.getByRole('heading', { name: n.title }).waitFor();
    const table = page.getByRole('table', { name: n.caption });
    const receiptRow = table.getByRole('row').filter({ hasText: number });
    await receiptRow.waitFor();
    const cells = await receiptRow.getByRole('cell').allTextContents();
    assert.equal(cells[1], `${n.channels.sms} ${n.via.replace('{{driver}}', 'log')}`);
    assert.equal(cells[2], '+7701*****04', 'the phone is masked');
    assert.match(cells[3] ?? '', new RegExp(`^${n.templates.receipt}`));
    assert.equal(cells[4], n.states.sent);
    assert.equal(cells[5], '1');
    assert.equal(cells[6], '');
    assert.match(cells[7] ?? '', new RegExp(`Appeal ${number} is registered`));
    await accessibleInEveryLanguage(page, 'office messages');

    // Failed only: the refused emails with their reasons, a page at a time.
    await page.getByLabel(n.filterState).selectOption('failed');
    const rows = table.locator('tbody tr');
    await eventually('only failed rows', 10_000, async () => {
      const states = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state')));
      return states.length === 50 && states.every((s) => s === 'failed');
    });
    await table
      .getByRole('cell', { name: '550 5.1.1 <clerk54@akimat.example.kz>: mailbox unavailable' })
      .waitFor();
    assert.equal(await table.getByText('c***@akimat.example.kz').count(), 50);
    await page.getByRole('button', { name: n.more }).click();
    await table
      .getByRole('cell', { name: '550 5.1.1 <clerk0@akimat.example.kz>: mailbox unavailable' })
      .waitFor();
    assert.ok((await rows.count()) >= FAILED_EMAILS);
    await accessibleInEveryLanguage(page, 'office messages failed');

    // SMS of any state: the receipt is back, no email in sight.
    await page.getByLabel(n.filterState).selectOption('');
    await page.getByLabel(n.filterChannel).selectOption('sms');
    await receiptRow.waitFor();
    assert.equal(await table.getByText('c***@akimat.example.kz').count(), 0);
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
    await page.getByLabel(en.office.login.username).waitFor();
  } finally {
    await page.close();
  }
};

export const notificationJourneys: [string, Journey][] = [
  ['office: the admins’ message log (receipt SMS, failures with reasons, filters, paging)', messageLog],
];
