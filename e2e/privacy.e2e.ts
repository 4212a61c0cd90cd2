// Administration › Privacy in a real Chromium: an admin finds a citizen's appeals by their phone number on a lawful
// request, downloads their data as a ZIP, puts an appeal under a legal hold (erasure refused), releases it, and erases
// the person's data, withdrawing their open appeal first. axe in kk, ru and en.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/index.js';
import { LocalBlobStore } from '../src/server/storage/local.js';
import { makeAppeal, type MadeAppeal } from '../src/server/modules/public/fixtures.js';
import { accessibleInEveryLanguage } from './auth.e2e.js';
import { openSection, signedInAdmin } from './admin.e2e.js';
import { CATALOGUES, type Journey } from './helpers.js';

const en = CATALOGUES.en;
const p = en.office.privacy;
const PHONE = '+77017778899';

async function confirmReason(office: Page, testId: string, label: string, reason: string): Promise<void> {
  await office.getByLabel(label).fill(reason);
  await office.getByTestId(testId).click();
  await office.getByTestId(`${testId}-confirm`).click();
}

const privacy: Journey = async (ctx) => {
  const handle = await openDatabase({ dialect: 'sqlite', file: ctx.database });
  const storage = new LocalBlobStore(join(dirname(ctx.database), 'media'));
  let answered: MadeAppeal;
  try {
    answered = await makeAppeal(handle.db, storage, new Date(), {
      phone: PHONE,
      answer: { body: 'The street light was repaired.', video: true },
    });
    await makeAppeal(handle.db, storage, new Date(), { phone: PHONE });
  } finally {
    await handle.close();
  }

  const office = await signedInAdmin(ctx);
  try {
    await openSection(office, p.link, p.title);
    await accessibleInEveryLanguage(office, 'admin privacy');

    await office.getByLabel(p.phone).fill('8 701 777 88 99');
    await office.getByLabel(p.reference).fill('Letter No. 7/2027');
    await office.getByRole('button', { name: p.find }).click();
    await office
      .getByRole('heading', {
        name: p.found_other.replace('{{count}}', '2').replace('{{phone}}', '+7 701 ••• ••99'),
      })
      .waitFor();

    // The export: a ZIP with the person's appeals.
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('button', { name: p.export }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^appeals-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    const data = JSON.parse(await zip.file('appeals.json')!.async('string')) as {
      phone: string;
      appeals: unknown[];
    };
    assert.equal(data.phone, PHONE);
    assert.equal(data.appeals.length, 2);

    // A legal hold on the answered appeal: erasing is refused.
    const number = answered.registrationNumber;
    await office.getByRole('button', { name: p.holdNamed.replace('{{number}}', number) }).click();
    await confirmReason(
      office,
      `privacy-hold-${number}`,
      p.holdReason,
      'Prosecutor’s office, letter 12-3/45',
    );
    await office.getByTestId('privacy-hold').waitFor();
    await accessibleInEveryLanguage(office, 'admin privacy found');

    await office.getByLabel(p.withdrawOpen_one.replace('{{count}}', '1')).check();
    await confirmReason(office, 'privacy-erase', p.eraseReason, 'The person asked in writing');
    await office.getByText(en.problem['appeal-on-hold']).waitFor();

    await office.getByRole('button', { name: p.releaseNamed.replace('{{number}}', number) }).click();
    await confirmReason(office, `privacy-hold-${number}`, p.releaseReason, 'The case is closed');
    await office.getByTestId('privacy-hold').waitFor({ state: 'detached' });

    // Erased, the open appeal withdrawn first.
    await office.getByLabel(p.withdrawOpen_one.replace('{{count}}', '1')).check();
    await confirmReason(office, 'privacy-erase', p.eraseReason, 'The person asked in writing');
    const done = office.getByTestId('privacy-erased');
    await done.waitFor();
    assert.match(
      (await done.textContent()) ?? '',
      /2 appeals was erased\. 1 open appeal was withdrawn first\./,
    );
    await accessibleInEveryLanguage(office, 'admin privacy erased');

    await office.getByRole('button', { name: p.find }).click();
    await office.getByText(en.problem['privacy-phone-unknown']).waitFor();
  } finally {
    await office.close();
  }
};

export const privacyJourneys: [string, Journey][] = [
  [
    'office privacy: a citizen found by phone, their data exported as a ZIP, a legal hold refusing erasure, then erased with their open appeal withdrawn',
    privacy,
  ],
];
