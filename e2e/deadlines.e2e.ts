// Deadlines in the office: an appeal three weeks past its deadline, escalated by the real escalation code, shows in
// red on the supervisor's overdue view (with its badge, working days late and escalation) beside one due today, and
// opens its page; the supervisor says where reminders go on the account page; an admin adds a day off on the calendar page, sees it listed, and removes it; axe in kk, ru, en.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/runtime.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import type { Services } from '../src/server/services.js';
import { makeAppeal } from '../src/server/modules/public/fixtures.js';
import { escalateOverdue } from '../src/server/modules/deadlines/service.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { CATALOGUES, eventually, type Journey, type JourneyContext } from './helpers.js';

const en = CATALOGUES.en;
const d = en.office.deadlines;
const c = en.office.calendar;

function almatyDay(offsetDays: number): string {
  const now = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(now);
}

/** An overdue appeal and one due today, put in the server's database, and the overdue one escalated. */
async function overdueAppeals(ctx: JourneyContext): Promise<{ late: string; today: string }> {
  const config = loadConfig({
    DATA_DIR: dirname(ctx.database),
    DATABASE_URL: `sqlite:${ctx.database}`,
    LOG_LEVEL: 'silent',
  });
  const log = pino({ level: 'silent' });
  const runtime = await openRuntime(config, { log, migrate: false });
  try {
    const storage = new LocalBlobStore(join(dirname(ctx.database), 'media'));
    const late = await makeAppeal(runtime.database.db, storage, new Date(), { deadlineOn: almatyDay(-21) });
    const today = await makeAppeal(runtime.database.db, storage, new Date(), { deadlineOn: almatyDay(0) });
    const services: Services = {
      config,
      db: runtime.database.db,
      dialect: runtime.database.dialect,
      storage: runtime.storage,
      clock: runtime.clock,
      media: runtime.media,
      sms: runtime.sms,
      mail: runtime.mail,
      log,
      nudgeWorker: () => undefined,
    };
    assert.ok((await escalateOverdue(services)) >= 1, 'the overdue appeal is escalated');
    return { late: late.registrationNumber, today: today.registrationNumber };
  } finally {
    await runtime.sms.close?.();
    await runtime.database.close();
  }
}

const overdueView: Journey = async (ctx) => {
  const { late, today } = await overdueAppeals(ctx);
  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'supervisor', 'supervisor-demo');
    await page.getByRole('link', { name: d.link }).click();
    await page.getByRole('heading', { name: d.title }).waitFor();

    const overdue = page.getByRole('region', { name: d.overdueCaption });
    const row = overdue.locator(`tr[data-appeal="${late}"]`);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    assert.equal(cells[0], `${late}${d.overdueBadge}`);
    assert.ok(Number(cells[2]) >= 14, `three weeks late is at least 14 working days: ${cells[2]}`);
    assert.match(
      cells[6] ?? '',
      /^on \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/,
      `escalated, with its date: ${cells.join(' | ')}`,
    );
    // Red: the row's background and the late days' colour.
    const colours = await row.evaluate((tr) => {
      const cell = tr.querySelector('td.days-late');
      return {
        background: getComputedStyle(tr.querySelector('td') ?? tr).backgroundColor,
        late: cell ? getComputedStyle(cell).color : '',
        border: getComputedStyle(tr.querySelector('td') ?? tr).borderLeftColor,
      };
    });
    assert.deepEqual(colours, {
      background: 'rgb(253, 226, 226)',
      late: 'rgb(138, 20, 20)',
      border: 'rgb(176, 0, 32)',
    });
    const soon = page.getByRole('region', { name: d.dueSoonCaption }).locator(`tr[data-appeal="${today}"]`);
    await soon.waitFor();
    assert.equal((await soon.getByRole('cell').nth(2).textContent()) ?? '', d.dueToday);
    await accessibleInEveryLanguage(page, 'office deadlines');

    // Grouped by department, then opened.
    await page.getByLabel(d.sort).selectOption('department');
    await row.getByRole('link', { name: late }).click();
    await page.getByRole('heading', { name: en.office.appeal.title.replace('{{number}}', late) }).waitFor();
    assert.match(page.url(), /\/office\/appeals\/[0-9a-f-]{36}$/);

    // Where the reminders go: the account page's Notifications.
    const prefs = en.office.account.notifications;
    await page.getByRole('link', { name: en.office.account.link }).click();
    await page.getByRole('heading', { name: prefs.title }).waitFor();
    await page.getByLabel(prefs.email).fill('governor@akimat.example.kz');
    await page.getByLabel(prefs.phone).fill('8 701 555 12 34');
    await page.getByLabel(prefs.sms).check();
    await page.getByLabel(prefs.language).selectOption('kk');
    await page.getByRole('button', { name: prefs.save }).click();
    await page.getByRole('status').filter({ hasText: prefs.saved }).waitFor();
    assert.equal(await page.getByLabel(prefs.phone).inputValue(), '+77015551234');
    await accessibleInEveryLanguage(page, 'office account notifications');
    await page.getByLabel(prefs.phone).fill('12345');
    await page.getByRole('button', { name: prefs.save }).click();
    await page.getByRole('alert').filter({ hasText: en.problem['invalid-phone'] }).waitFor();
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();

    // An admin reads no appeals: no link, and the page is not theirs.
    await signInWithPassword(page, 'admin', 'admin-demo');
    await page.getByRole('link', { name: en.office.account.link }).waitFor();
    assert.equal(await page.getByRole('link', { name: d.link }).count(), 0);
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  } finally {
    await page.close();
  }
};

/** The first Wednesday of September next year: a working day with no holiday near. */
function plainWednesdayNextYear(): string {
  const year = new Date().getUTCFullYear() + 1;
  const day = new Date(Date.UTC(year, 8, 7));
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const calendarPage: Journey = async (ctx) => {
  const day = plainWednesdayNextYear();
  const note = 'Government decree No. 1021: a day off moved';
  const page = await officePage(ctx);
  try {
    await signInWithPassword(page, 'admin', 'admin-demo');
    await page.getByRole('link', { name: en.office.admin.link }).click();
    await page.getByRole('link', { name: c.link }).click();
    await page.getByRole('heading', { name: c.title }).waitFor();
    const table = page.getByRole('table', {
      name: c.caption.replace('{{year}}', String(new Date().getFullYear())),
    });
    // The statutory list of this year is there and marked.
    const independence = table.locator(`tr[data-day="${new Date().getFullYear()}-12-16"]`);
    await independence.waitFor();
    assert.match((await independence.textContent()) ?? '', new RegExp(c.statutory));
    await accessibleInEveryLanguage(page, 'office calendar');

    await page.getByLabel(c.day).fill(day);
    await page.getByLabel(c.kind).selectOption('day_off');
    await page.getByLabel(c.addNote).fill(note);
    await page.getByRole('button', { name: c.add, exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'added' }).waitFor();
    const added = page.locator(`tr[data-day="${day}"]`);
    await added.waitFor();
    const cells = await added.getByRole('cell').allTextContents();
    assert.deepEqual(cells.slice(1, 5), ['Wednesday', c.kinds.day_off, c.admin, note]);
    const db = new Database(ctx.database, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('select kind, note, source from calendar_days where day = ?').get(day);
      assert.deepEqual(row, { kind: 'day_off', note, source: 'admin' });
      const audit = db
        .prepare(
          `select count(*) as n from audit_events where action = 'calendar.day_added' and subject_id = ?`,
        )
        .get(day) as { n: number };
      assert.equal(audit.n, 1);
    } finally {
      db.close();
    }
    await accessibleInEveryLanguage(page, 'office calendar added');

    // The same day again is refused with the catalogue's words.
    await page.getByLabel(c.day).fill(day);
    await page.getByRole('button', { name: c.add, exact: true }).click();
    await page.getByRole('alert').filter({ hasText: en.problem['calendar-day-exists'] }).waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await added.getByRole('button', { name: c.remove }).click();
    await eventually('the day removed', 10_000, async () => (await added.count()) === 0);
    await page.getByRole('button', { name: en.office.logout, exact: true }).click();
  } finally {
    await page.close();
  }
};

export const deadlineJourneys: [string, Journey][] = [
  ['office deadlines: the supervisor’s overdue view, in red, opens the appeal; axe', overdueView],
  ['office deadlines: an admin adds and removes a day off on the calendar page; axe', calendarPage],
];
