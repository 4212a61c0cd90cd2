// Work on an appeal in a real Chromium: an operator routes a new appeal to an official (confirm step, the routing log
// and the redirect window on the page); the official extends the deadline (the new date in the deadline history, the
// `extended` SMS in the outbox); an operator redirects an appeal to an outside body and the citizen's status page
// says where and why. axe on the appeal page in kk, ru and en, and on the citizen's page.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal, type AppealRecipe, type MadeAppeal } from '../src/server/modules/public/fixtures.js';
import { addDays, isWorkingDay, statutoryDaysOff } from '../src/common/workdays.js';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { CATALOGUES, assertAccessible, eventually, type Journey, type JourneyContext } from './helpers.js';

const en = CATALOGUES.en;
const h = en.office.handling;

async function seed(ctx: JourneyContext, recipe: AppealRecipe = {}): Promise<MadeAppeal> {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  try {
    return await makeAppeal(
      handle.db,
      new LocalBlobStore(join(dirname(ctx.database), 'media')),
      new Date(),
      recipe,
    );
  } finally {
    await handle.close();
  }
}

function query<T>(ctx: JourneyContext, sql: string, ...args: unknown[]): T | undefined {
  const db = new Database(ctx.database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...args) as T | undefined;
  } finally {
    db.close();
  }
}

async function openAppeal(ctx: JourneyContext, user: string, appeal: MadeAppeal): Promise<Page> {
  const page = await officePage(ctx, 'en');
  await signInWithPassword(page, user, `${user}-demo`);
  await page.locator('.who').waitFor();
  await page.goto(`${ctx.base}/office/appeals/${appeal.id}`);
  await page.getByRole('heading', { name: h.routing.title }).waitFor();
  return page;
}

/** A working day two weeks after the day, by the statutory calendar (the demo's own calendar is the same). */
function workingDayAfter(day: string): string {
  const year = Number(day.slice(0, 4));
  const calendar = {
    daysOff: new Set([...statutoryDaysOff(year), ...statutoryDaysOff(year + 1)]),
    workingWeekends: new Set<string>(),
  };
  let candidate = addDays(day, 14);
  while (!isWorkingDay(candidate, calendar)) candidate = addDays(candidate, 1);
  return candidate;
}

const operatorRoutes: Journey = async (ctx) => {
  const appeal = await seed(ctx);
  const page = await openAppeal(ctx, 'operator', appeal);
  try {
    await page.getByTestId('redirect-window').getByText(h.routing.windowStates.open).waitFor();
    const form = page.getByTestId('route-form');
    // Nothing chosen: the form says what is missing and sends nothing.
    await form.getByTestId('route-submit').click();
    await form.getByText(h.routing.targetRequired).waitFor();
    await form.getByText(h.reasonRequired).waitFor();
    await form.getByRole('radio', { name: h.routing.acts.route }).check();
    const official = form.getByLabel(h.routing.official, { exact: true });
    const akim = await official
      .locator('option', { hasText: 'Akim (Mayor) of Öskemen' })
      .first()
      .getAttribute('value');
    assert.ok(akim, 'the akim is in the directory');
    await official.selectOption(akim);
    await form.getByLabel(h.routing.reason).fill('The akim receives citizens on this question himself.');
    await form.getByTestId('route-submit').click();
    // The confirm step takes the focus; Cancel brings the button back, Confirm routes.
    const confirm = form.getByTestId('route-submit-confirm');
    await confirm.waitFor();
    assert.ok(await confirm.evaluate((el) => el === document.activeElement), 'Confirm has the focus');
    await assertAccessible(page, 'handling route confirm en');
    await confirm.click();
    await page.locator('h1 .badge').getByText(en.common.statuses.under_review).waitFor();
    await page.getByTestId('routing-log').getByText(h.routing.kinds.route).waitFor();
    await page
      .getByTestId('routing-log')
      .getByText('The akim receives citizens on this question himself.')
      .waitFor();
    const row = query<{ status: string; name: string }>(
      ctx,
      `select a.status, o.full_name_en as name from appeals a join officials o on o.id = a.addressee_official_id
       where a.id = ?`,
      appeal.id,
    );
    assert.equal(row?.status, 'under_review');
    assert.equal(row?.name, 'Zhandos Abilkassymov');
    await accessibleInEveryLanguage(page, 'handling appeal routed');
  } finally {
    await page.close();
  }
};

const officialExtends: Journey = async (ctx) => {
  const appeal = await seed(ctx);
  const page = await openAppeal(ctx, 'official', appeal);
  try {
    const before = query<{ deadline_on: string }>(
      ctx,
      'select deadline_on from appeals where id = ?',
      appeal.id,
    );
    const deadline = before?.deadline_on ?? '';
    const target = workingDayAfter(deadline);
    const panel = page.getByTestId('extend-panel');
    await panel.getByRole('heading', { name: h.extend.title }).waitFor();
    await page.getByTestId('deadline-history').getByText(h.deadlines.none).waitFor();
    // A date not after the current deadline is refused on the page.
    await panel.getByLabel(h.extend.newDeadline).fill(deadline);
    await panel.getByLabel(h.extend.reason).fill('An inspection of the heating network is needed first.');
    await panel.getByTestId('extend-submit').click();
    await panel.getByText(h.extend.dateNotLater).waitFor();
    await panel.getByLabel(h.extend.newDeadline).fill(target);
    await panel.getByTestId('extend-submit').click();
    await panel.getByTestId('extend-submit-confirm').click();
    await page.locator('h1 .badge').getByText(en.common.statuses.extended).waitFor();
    const history = page.getByTestId('deadline-history');
    await history.getByText('An inspection of the heating network is needed first.').waitFor();
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(`${target}T00:00:00Z`));
    await history.getByTestId('current-deadline').getByText(shown).waitFor();
    const sms = await eventually('the extended SMS queued', 10_000, () =>
      query<{ body: string; state: string } | undefined>(
        ctx,
        `select body, state from notifications where appeal_id = ? and template = 'extended'`,
        appeal.id,
      ),
    );
    assert.ok(sms);
    const [y, m, d] = target.split('-');
    assert.ok(sms.body.includes(`${d}.${m}.${y}`), sms.body);
    assert.ok(sms.body.includes(appeal.registrationNumber), sms.body);
    await accessibleInEveryLanguage(page, 'handling appeal extended');
  } finally {
    await page.close();
  }
};

const redirectOutside: Journey = async (ctx) => {
  const appeal = await seed(ctx);
  const body = 'Police Department of the East Kazakhstan Region';
  const reason = 'A theft is reported: only the police can investigate it.';
  const page = await openAppeal(ctx, 'operator', appeal);
  try {
    const form = page.getByTestId('route-form');
    await form.getByRole('radio', { name: h.routing.acts.redirect }).check();
    await form.getByRole('radio', { name: h.routing.places.outside }).check();
    await form.getByLabel(h.routing.outsideBody).fill(body);
    await form.getByLabel(h.routing.reason).fill(reason);
    await form.getByTestId('route-submit').click();
    await form.getByTestId('route-submit-confirm').click();
    await page.locator('h1 .badge').getByText(en.common.statuses.redirected).waitFor();
    await page.getByTestId('routing-log').getByText(body).waitFor();
    await page.getByTestId('redirect-window').getByText(h.routing.windowStates.met).waitFor();
    const sms = query<{ body: string }>(
      ctx,
      `select body from notifications where appeal_id = ? and template = 'redirected'`,
      appeal.id,
    );
    assert.ok(sms?.body.includes(body), sms?.body);
    await assertAccessible(page, 'handling appeal redirected en');
  } finally {
    await page.close();
  }

  // The citizen's status page: where it went and why.
  const citizen = await ctx.context.newPage();
  try {
    await citizen.setViewportSize({ width: 390, height: 844 });
    await citizen.addInitScript(() => localStorage.setItem('dialog.language', 'en'));
    await citizen.goto(`${ctx.base}/?n=${appeal.registrationNumber}`);
    await citizen.getByLabel(en.common.accessCode).fill(appeal.accessCode);
    await citizen.getByRole('button', { name: en.public.lookup.submit }).click();
    await citizen.waitForURL(`**/appeal/${appeal.registrationNumber}`);
    const notices = citizen.locator('.notices');
    await notices.getByText(en.public.result.redirectedTo.replace('{{to}}', body)).waitFor();
    await notices.getByText(reason).waitFor();
    await assertAccessible(citizen, 'handling public redirected (phone)');
  } finally {
    await citizen.close();
  }
};

const moderate: Journey = async (ctx) => {
  const text = 'Call Aigerim Bekova on +77015550101 about the boiler in your building.';
  const answered = await seed(ctx, { answer: { body: text } });
  const original = await seed(ctx);
  const copy = await seed(ctx);
  const m = h.moderation;
  let page = await openAppeal(ctx, 'operator', answered);
  try {
    // Hide a third person's name and phone from the public answer: select, hide, see the preview, save.
    await page.getByTestId('tool-redact').locator('summary').click();
    const form = page.getByTestId('redact-form');
    await form.getByRole('radio', { name: m.redact.fields.answer }).check();
    const source = form.getByLabel(m.redact.original.answer);
    const select = (part: string) =>
      source.evaluate((el: HTMLTextAreaElement, p) => {
        const start = el.value.indexOf(p);
        el.focus();
        el.setSelectionRange(start, start + p.length);
      }, part);
    await form.getByTestId('redact-hide').click();
    await form.getByText(m.redact.selectFirst).waitFor();
    await select('Aigerim Bekova');
    await form.getByTestId('redact-hide').click();
    await select('+77015550101');
    await form.getByTestId('redact-hide').click();
    const publicText = 'Call […] on […] about the boiler in your building.';
    await form.getByTestId('redact-preview').getByText(publicText).waitFor();
    await form.getByLabel(m.redact.reason, { exact: true }).fill('A third person’s name and phone number.');
    await assertAccessible(page, 'handling redact en');
    await form.getByTestId('redact-submit').click();
    await form.getByText(m.redact.saved).waitFor();
    await page.getByTestId('public-versions').getByText(publicText).waitFor();
  } finally {
    await page.close();
  }
  const citizen = await ctx.context.newPage();
  try {
    await citizen.addInitScript(() => localStorage.setItem('dialog.language', 'en'));
    await citizen.goto(`${ctx.base}/?n=${answered.registrationNumber}`);
    await citizen.getByLabel(en.common.accessCode).fill(answered.accessCode);
    await citizen.getByRole('button', { name: en.public.lookup.submit }).click();
    await citizen.waitForURL(`**/appeal/${answered.registrationNumber}`);
    await citizen.getByTestId('answer-body').getByText('about the boiler', { exact: false }).waitFor();
    const shown = await citizen.getByTestId('answer-body').innerText();
    assert.ok(!shown.includes('Aigerim') && !shown.includes('5550101'), shown);
  } finally {
    await citizen.close();
  }

  // Close a duplicate: the link shows on both appeals.
  page = await openAppeal(ctx, 'operator', copy);
  try {
    await page.getByTestId('tool-duplicate').locator('summary').click();
    const form = page.getByTestId('duplicate-form');
    await form.getByLabel(m.duplicate.number).fill(original.registrationNumber);
    await form.getByTestId('duplicate-submit').click();
    await form.getByTestId('duplicate-submit-confirm').click();
    await page.locator('h1 .badge').getByText(en.common.statuses.left_without_consideration).waitFor();
    await page
      .getByTestId('duplicate-links')
      .getByRole('link', { name: original.registrationNumber })
      .click();
    await page.waitForURL(`**/office/appeals/${original.id}`);
    await page.getByTestId('duplicate-links').getByRole('link', { name: copy.registrationNumber }).waitFor();
    await page.getByTestId('tool-reject').locator('summary').click();
    await page.getByTestId('tool-withdraw').locator('summary').click();
    await accessibleInEveryLanguage(page, 'handling moderation tools');
  } finally {
    await page.close();
  }
};

export const handlingJourneys: [string, Journey][] = [
  ['handling: an operator routes a new appeal to an official', operatorRoutes],
  ['handling: the official extends the deadline, the citizen is texted', officialExtends],
  ['handling: a redirect to an outside body, on the citizen’s page', redirectOutside],
  ['handling: an operator hides a phone from the public answer and closes a duplicate', moderate],
];
