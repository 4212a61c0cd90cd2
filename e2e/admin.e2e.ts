// Administration in a real Chromium: a new booth shows its pairing code, the admin pairs it in the office and the
// booth becomes ready and reports; a reference article is written as a draft with a live preview (a script in it
// shown as text), published, seen on the public site and on the booth's topic screen, edited again while version 1
// stays live, and published as version 2; a user is invited with a one-time password, given a second role, and signs
// in with it to choose their own password. axe in kk, ru and en on each admin screen.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { accessibleInEveryLanguage, officePage, signInWithPassword } from './auth.e2e.js';
import { openBooth } from './kiosk.e2e.js';
import { CATALOGUES, eventually, smsCode, typeDigits, type Journey, type JourneyContext } from './helpers.js';

const en = CATALOGUES.en;
const k = en.office.adminKiosks;
const f = en.office.adminFaq;
const u = en.office.adminUsers;
const SLUG = 'e2e-street-lights';
const BOOTH = { name: 'E2E booth, window 3', location: 'Akimat, ground floor' };

export async function signedInAdmin(ctx: JourneyContext): Promise<Page> {
  const office = await officePage(ctx);
  await signInWithPassword(office, 'admin', 'admin-demo');
  await office.getByRole('link', { name: en.office.admin.link }).click();
  return office;
}

export async function openSection(office: Page, link: string, heading: string): Promise<void> {
  await office
    .getByRole('navigation', { name: en.office.admin.menu })
    .getByRole('link', { name: link })
    .click();
  await office.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** The booth: from its attract screen to the advice of the topic `topic` (its name in English). */
async function boothAdvice(ctx: JourneyContext, kiosk: Page, topic: string): Promise<string[]> {
  const tr = en;
  await kiosk.getByTestId('attract').click({ position: { x: 300, y: 400 } });
  await kiosk.getByRole('button', { name: /English/ }).click();
  await kiosk.getByTestId('consent-agree').click();
  await typeDigits(kiosk, '7017770012');
  const asked = Date.now();
  await kiosk.getByRole('button', { name: tr.kiosk.phone.next, exact: true }).click();
  await typeDigits(kiosk, await smsCode(ctx.database, '+77017770012', asked));
  await kiosk.getByRole('button', { name: tr.kiosk.code.confirm }).click();
  await kiosk.getByTestId('iin-skip').click();
  await kiosk.getByRole('button', { name: new RegExp(tr.common.types.request) }).click();
  await kiosk.locator('.category-chips button', { hasText: topic }).click();
  await kiosk.getByRole('heading', { name: tr.kiosk.advice.title }).waitFor();
  return kiosk.locator('.choice-title').allTextContents();
}

const administration: Journey = async (ctx) => {
  // A new booth in a browser of its own (nothing stored yet): it shows a code.
  const boothBrowser = await ctx.launchWithoutCamera();
  const kiosk = await openBooth({ ...ctx, context: boothBrowser });
  const office = await signedInAdmin(ctx);
  try {
    const code = ((await kiosk.getByTestId('pairing-code').textContent()) ?? '').trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Booths: pair it by that code.
    await openSection(office, k.link, k.title);
    await office.getByLabel(k.code).fill(code.toLowerCase());
    await office.getByLabel(k.name).fill(BOOTH.name);
    await office.getByLabel(k.location).fill(BOOTH.location);
    await office.getByRole('button', { name: k.pair, exact: true }).click();
    await office.getByRole('status').filter({ hasText: BOOTH.name }).waitFor();
    // The booth picks up its credential by itself and is ready.
    await kiosk.getByTestId('pairing-code').waitFor({ state: 'detached', timeout: 15_000 });
    await kiosk.getByTestId('attract').waitFor();
    // Its first heartbeat shows in the list (which refreshes every half minute; a reload is quicker).
    const row = office.getByTestId('kiosk-row').filter({ hasText: BOOTH.name });
    await eventually('the booth reports', 20_000, async () => {
      await office.reload();
      await row.waitFor();
      return (await row.getAttribute('data-state')) !== 'waiting';
    });
    const state = (await row.getAttribute('data-state')) ?? '';
    assert.ok(['ok', 'fault'].includes(state), state);
    assert.equal(
      (await row.getByTestId('kiosk-state').textContent())?.trim(),
      k.states[state as 'ok' | 'fault'],
      'the state in words',
    );
    assert.match((await row.textContent()) ?? '', new RegExp(BOOTH.location));
    // At a glance: the line counting them by state, and the filter showing only the booths in one state.
    assert.match((await office.getByTestId('kiosk-summary').textContent()) ?? '', /^\d+ booths?: .*\.$/);
    await office
      .getByRole('button', { name: new RegExp(`^${k.states[state as 'ok' | 'fault']}: \\d+$`) })
      .click();
    const shown = await office
      .getByTestId('kiosk-row')
      .evaluateAll((rows) => rows.map((r) => r.dataset.state));
    assert.ok(shown.length > 0 && shown.every((s) => s === state), shown.join());
    await office.getByRole('button', { name: /^All: \d+$/ }).click();
    await row.waitFor();

    // Reference: a new article as a draft, with a live preview that shows a script as text.
    const categories = (await (await fetch(`${ctx.base}/api/directory/categories`)).json()) as {
      id: string;
      name: { en: string };
    }[];
    const topic = categories.at(-1)!;
    await openSection(office, f.link, f.title);
    await office.getByRole('button', { name: f.new }).click();
    await office.getByLabel(f.slug).fill(SLUG);
    await office.getByLabel(f.topic).selectOption(topic.id);
    const write = async (language: 'kk' | 'ru' | 'en', title: string, body: string) => {
      await office.getByRole('radio', { name: en.common.languageNames[language] }).check();
      await office.getByLabel(f.articleTitle).fill(title);
      await office.getByLabel(f.body).fill(body);
    };
    await write('kk', 'Көше шамдары', '## Не айту керек\n\nКөшенің атын атаңыз.');
    await write('ru', 'Уличные фонари', '## Что сказать\n\nНазовите улицу.');
    await write(
      'en',
      'Street lights',
      '## What to say\n\nName the **street** and the [map](https://2gis.kz).\n\n<script>alert(1)</script>',
    );
    const preview = office.getByTestId('faq-preview');
    await eventually('the preview renders', 10_000, async () =>
      ((await preview.innerHTML()) ?? '').includes('<strong>street</strong>'),
    );
    const html = await preview.innerHTML();
    assert.match(html, /<h2>What to say<\/h2>/);
    assert.match(html, /&lt;script&gt;/, 'the script is shown as text');
    assert.equal(await preview.locator('script').count(), 0);
    await accessibleInEveryLanguage(office, 'admin reference new');
    await office.getByRole('button', { name: f.create }).click();
    const status = office.getByTestId('faq-status');
    await status.filter({ hasText: f.notPublished }).waitFor();
    assert.match((await status.textContent()) ?? '', new RegExp(f.draft));
    assert.equal((await fetch(`${ctx.base}/api/faq/${SLUG}`)).status, 404, 'a draft is not public');

    await office.getByRole('button', { name: f.publish, exact: true }).click();
    await status.filter({ hasText: f.publishedVersion.replace('{{version}}', '1') }).waitFor();
    await preview.getByRole('heading', { name: 'What to say' }).waitFor();
    await accessibleInEveryLanguage(office, 'admin reference published');

    // The public reference shows it.
    const site = await ctx.context.newPage();
    await site.goto(`${ctx.base}/reference/${SLUG}`);
    await site.getByRole('heading', { name: 'Street lights' }).waitFor();
    await site.getByTestId('faq-article').getByRole('heading', { name: 'What to say' }).waitFor();

    // The booth, reloaded, shows it on the topic's advice.
    await kiosk.reload();
    await kiosk.getByTestId('attract').waitFor();
    assert.ok((await boothAdvice(ctx, kiosk, topic.name.en)).includes('Street lights'));

    // A second version: the draft stays off the public site until published.
    await write('en', 'Street lights at night', '## What to say\n\nName the street and the nearest house.');
    await office.getByRole('button', { name: f.saveDraft }).click();
    await status.filter({ hasText: f.draft }).waitFor();
    await site.reload();
    await site.getByRole('heading', { name: 'Street lights', exact: true }).waitFor();
    await office.getByRole('button', { name: f.publish, exact: true }).click();
    await status.filter({ hasText: f.publishedVersion.replace('{{version}}', '2') }).waitFor();
    await office.getByRole('heading', { name: f.history }).waitFor();
    await site.reload();
    await site.getByRole('heading', { name: 'Street lights at night' }).waitFor();
    await site.close();
    // Back to the list: the article published at version 2, no draft.
    await office.getByRole('button', { name: f.backToList }).click();
    const listed = office.getByTestId('faq-row').and(office.locator(`[data-slug="${SLUG}"]`));
    await listed.filter({ hasText: f.publishedVersion.replace('{{version}}', '2') }).waitFor();
    assert.equal(await listed.getByText(f.draft, { exact: true }).count(), 0);
    await accessibleInEveryLanguage(office, 'admin reference list');

    // Users: invite a clerk with a one-time password, then make them a supervisor too.
    await openSection(office, u.link, u.title);
    await office.getByLabel(u.username).fill('clerk.e2e');
    await office.getByLabel(u.displayName).first().fill('Dana Clerk');
    await office.getByLabel(u.email).first().fill('clerk.e2e@akimat.example.kz');
    await office.getByRole('button', { name: u.invite, exact: true }).click();
    const password = ((await office.getByTestId('one-time-password').textContent()) ?? '').trim();
    assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const userRow = office.getByTestId('user-row').filter({ hasText: 'clerk.e2e' });
    await userRow.waitFor();
    await accessibleInEveryLanguage(office, 'admin users invited');
    await userRow.getByRole('button', { name: u.manage }).click(); // “Manage: Dana Clerk”
    const panel = office.getByRole('form', { name: u.manageNamed.replace('{{name}}', 'Dana Clerk') });
    await panel.getByLabel(u.roleNames.supervisor).check();
    await panel.getByRole('button', { name: u.save, exact: true }).click();
    await panel.getByRole('status').filter({ hasText: u.saved }).waitFor();
    assert.equal(
      (await userRow.getByRole('cell').nth(1).textContent())?.trim(),
      `${u.roleNames.operator}, ${u.roleNames.supervisor}`,
    );
    await accessibleInEveryLanguage(office, 'admin users manage');

    // The clerk signs in with it and must choose a password first.
    await office.getByRole('button', { name: en.office.logout, exact: true }).click();
    await office.getByLabel(en.office.login.username).waitFor();
    await signInWithPassword(office, 'clerk.e2e', password);
    await office.getByRole('heading', { name: en.office.account.title }).waitFor();
    await office.getByRole('button', { name: en.office.logout, exact: true }).click();
    await office.getByLabel(en.office.login.username).waitFor();
  } finally {
    await office.close();
    await kiosk.close();
    await boothBrowser.close();
  }
};

export const adminJourneys: [string, Journey][] = [
  [
    'office administration: a booth paired by its code, a reference article drafted, previewed, published (public site and booth topic) and versioned, a user invited and given a role',
    administration,
  ],
];
